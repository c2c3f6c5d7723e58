"""Tray menu, the no-tray window and the session window, driven through the controller."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from focusmate.core.marks import MarkKind, MarkKinds
from focusmate.services.controller import SessionController
from focusmate.ui.actions import AppActions
from focusmate.ui.control_window import ControlWindow
from focusmate.ui.i18n import InstalledLanguage
from focusmate.ui.icons import TrayState, tray_icon
from focusmate.ui.session_window import SessionWindow
from focusmate.ui.tray import Tray, populate_menu, sync_reflections, tray_state
from tests.fakes import FakeClock
from tests.ui.accessibility import accessible_name


def visible_texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]


def test_menu_idle_then_in_session(
    qtbot: QtBot, controller: SessionController, actions: AppActions, clock: FakeClock
) -> None:
    menu = QMenu()
    qtbot.addWidget(menu)
    populate_menu(menu, actions)
    shown: list[QAction] = []
    assert visible_texts(menu) == [
        "Idle: no coaching session running",
        "&Start coaching session…",
        "&Weekly review",
        "&Morning stillness…",
        "Se&ttings…",
        "Welcome && &how it works…",
        "&Quit focusmate",
    ]
    controller.start("Ana", 30)
    shown = sync_reflections(menu, actions, shown)
    assert visible_texts(menu) == [
        "Coaching Ana: 30 min left; 0 phone checks, 0 app switches",
        "Show &session window",
        "Log &phone check",
        "Log &app switch",
        "&End session",
        "&Weekly review",
        "Se&ttings…",
        "&Quit focusmate",
    ]
    controller.end()
    shown = sync_reflections(menu, actions, shown)
    assert visible_texts(menu)[-6:] == [
        "Reflect on Ana (Mon 23 Nov)…",
        "&Weekly review",
        "&Morning stillness…",
        "Se&ttings…",
        "Welcome && &how it works…",
        "&Quit focusmate",
    ]
    clock.advance(hours=2)
    controller.start("Ben", 30)
    controller.end()
    shown = sync_reflections(menu, actions, shown)
    assert [t for t in visible_texts(menu) if t.startswith("Reflect")] == [
        "Reflect on Ben (Mon 23 Nov)…",
        "Reflect on Ana (Mon 23 Nov)…",
    ]


def test_menu_actions_emit_intents(
    qtbot: QtBot, controller: SessionController, actions: AppActions
) -> None:
    controller.start("Ana", 30)
    with qtbot.waitSignal(actions.mark_requested) as mark:
        actions.log_phone.trigger()
    assert mark.args == ["phone"]
    with qtbot.waitSignal(actions.end_requested):
        actions.end.trigger()


def test_pending_reflections_appear_in_the_menu(
    controller: SessionController, actions: AppActions, qtbot: QtBot
) -> None:
    controller.start("Ana", 30)
    controller.end()
    assert [a.text() for a in actions.reflections] == ["Reflect on Ana (Mon 23 Nov)…"]
    with qtbot.waitSignal(actions.reflection_requested) as requested:
        actions.reflections[0].trigger()
    assert requested.args == ["s1"]


def test_icon_follows_idle_session_overtime(
    controller: SessionController, actions: AppActions, clock: FakeClock
) -> None:
    tray = Tray(controller, actions)
    assert tray_state(controller) is TrayState.IDLE
    controller.start("Ana", 30)
    assert tray_state(controller) is TrayState.SESSION
    assert "Coaching Ana: 30 min left" in tray.icon.toolTip()
    clock.advance(minutes=31)
    controller.ticked.emit()
    assert tray_state(controller) is TrayState.OVERTIME
    assert "overtime +1 min" in tray.icon.toolTip()
    assert tray.icon.icon().cacheKey() == tray_icon(TrayState.OVERTIME).cacheKey()


def test_left_click_is_the_primary_action(
    qtbot: QtBot, controller: SessionController, actions: AppActions
) -> None:
    tray = Tray(controller, actions)
    with qtbot.waitSignal(actions.start_requested):
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    controller.start("Ana", 30)
    with qtbot.waitSignal(actions.session_window_requested):
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    with qtbot.assertNotEmitted(actions.session_window_requested):
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Context)


def test_control_window_mirrors_the_menu(
    qtbot: QtBot, controller: SessionController, actions: AppActions
) -> None:
    window = ControlWindow(controller, actions)
    qtbot.addWidget(window)
    window.show()

    def mirrored() -> list[QAction]:
        return [
            a
            for a in actions.menu_layout()
            if a is not None and a is not actions.status and a.isVisible()
        ]

    assert list(window.buttons) == mirrored()
    labels = [accessible_name(b) for b in window.buttons.values()]  # the text without the "&"
    assert labels[:3] == ["Start coaching session…", "Weekly review", "Morning stillness…"]
    assert labels[-1] == "Quit focusmate"
    controller.start("Ana", 30)
    assert list(window.buttons) == mirrored()
    labels = [accessible_name(b) for b in window.buttons.values()]
    assert labels[:5] == [
        "Show session window",
        "Log phone check",
        "Log app switch",
        "End session",
        "Weekly review",
    ]
    assert "Morning stillness…" not in labels and labels[-1] == "Quit focusmate"
    with qtbot.waitSignal(actions.mark_requested) as mark:
        window.buttons[actions.log_app].click()
    assert mark.args == ["app"]
    assert "Coaching Ana" in window.status_label.text()


def test_closing_the_control_window_asks_to_quit(
    qtbot: QtBot, controller: SessionController, actions: AppActions
) -> None:
    window = ControlWindow(controller, actions)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(actions.quit_requested):
        window.close()
    assert window.isVisible()  # the quit handler decides, not the window


def test_session_window_counts_quietly(
    qtbot: QtBot, controller: SessionController, actions: AppActions, clock: FakeClock
) -> None:
    window = SessionWindow(controller, actions)
    qtbot.addWidget(window)
    controller.start("Ana <b>", 25, "listen first")
    assert not window.isVisible()  # starting a session never opens a window
    window.show()
    clock.advance(minutes=5, seconds=1)
    controller.ticked.emit()
    assert window.time_label.text() == "19:59 left"
    controller.mark("phone")
    controller.mark("phone")
    assert window.marks_label.text() == "2 phone checks, 0 app switches"
    assert "Ana &lt;b&gt;" in window.with_label.text()
    clock.advance(minutes=22)
    controller.ticked.emit()
    assert window.time_label.text() == "overtime +2:01"
    controller.end()
    assert not window.isVisible()


def test_custom_kinds_get_their_own_menu_entries(
    qtbot: QtBot, make_controller: Callable[..., SessionController]
) -> None:
    controller = make_controller(kinds=MarkKinds([MarkKind.custom("Mind wandered")]))
    actions = AppActions(controller)
    controller.start("Ana", 30)
    assert [a.text() for a in actions.log_custom] == ["Log mind wandered"]
    with qtbot.waitSignal(actions.mark_requested) as mark:
        actions.log_custom[0].trigger()
    assert mark.args == ["mind-wandered"]
    assert actions.status.text().endswith("0 × mind wandered")


def test_a_mark_flashes_the_icon_then_it_returns(
    qtbot: QtBot, controller: SessionController, actions: AppActions
) -> None:
    tray = Tray(controller, actions)
    controller.start("Ana", 30)
    controller.mark("phone")
    assert tray.icon.icon().cacheKey() == tray_icon(TrayState.MARKED).cacheKey()
    assert "1 phone check" in tray.icon.toolTip()
    qtbot.waitUntil(
        lambda: tray.icon.icon().cacheKey() == tray_icon(TrayState.SESSION).cacheKey(),
        timeout=3000,
    )


def test_tooltip_and_session_window_say_what_is_silenced(
    qtbot: QtBot, tmp_path: Path, make_controller: Callable[..., SessionController]
) -> None:
    from focusmate.desktop.dnd.silencer import JournaledSilencer  # noqa: PLC0415
    from tests.desktop.dnd.fake_backend import FakeDnd  # noqa: PLC0415

    silencer = JournaledSilencer(FakeDnd(), tmp_path / "journal.json", guard=False)
    controller = make_controller(silencer=silencer)
    actions = AppActions(controller)
    tray = Tray(controller, actions)
    window = SessionWindow(controller, actions)
    qtbot.addWidget(window)
    controller.start("Ana", 30)
    assert tray.icon.toolTip().endswith("Notifications paused (Fake)")
    assert window.dnd_label.text() == "Notifications paused (Fake)"


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a literal ampersand), lower-cased."""
    parts = text.replace("&&", "").split("&")
    return parts[1][0].lower() if len(parts) > 1 and parts[1] else None


def menu_texts(actions: AppActions) -> dict[str, str]:
    """Every menu item's text by attribute name, whether shown now or not."""
    return {
        name: getattr(actions, name).text()
        for name in (
            "start",
            "show_session",
            "log_phone",
            "log_app",
            "end",
            "review",
            "morning",
            "settings",
            "welcome",
            "quit",
        )
    }


def test_the_menu_in_german_has_no_english_left_and_unique_mnemonics(
    controller: SessionController, actions: AppActions, german: InstalledLanguage
) -> None:
    english = menu_texts(actions)  # the fixture's actions were made before German
    in_german = AppActions(controller)
    texts = menu_texts(in_german)
    assert {name: text for name, text in texts.items() if text == english[name]} == {}
    letters = [mnemonic(text) for text in texts.values()]
    assert None not in letters and len(set(letters)) == len(letters), texts
    controller.start("Ana & Ben", 30)
    controller.end()
    # The day as German writes it, and a "&" in a name is shown, not taken for a mnemonic.
    assert [a.text() for a in in_german.reflections] == ["Reflexion zu Ana && Ben (Mo. 23. Nov.)…"]
    assert mnemonic(in_german.reflections[0].text()) is None
