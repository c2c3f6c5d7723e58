"""The global hotkeys: which mechanism listens, re-armed when the settings change, and their
readiness for `status --json`.

The choice, made at each start:

* **Wayland** — the desktop's xdg-desktop-portal GlobalShortcuts (KDE Plasma 5.27+, Hyprland,
  GNOME 48+), when it offers it: pynput sees no keys there. Only on those desktops: another
  desktop may "offer" it through an installed KDE backend that cannot see its keys. Where no
  portal offers it (GNOME 43-47, wlroots desktops such as sway), pynput's answer stands:
  global hotkeys are not possible, and the windows show the exact desktop-shortcut commands
  (core.shortcut_help).
* **X11** — pynput, even where a portal offers GlobalShortcuts too (Plasma on X11): pynput
  works at once with no dialog and no entry in the desktop's settings, honours the keys chosen
  in focusmate's own settings exactly, and is what every X11 desktop has; the portal would add
  a system dialog (on first binding, or to change a key) for nothing the user lacks.

Both adapters emit the same ``triggered(action)`` on the GUI thread, so the windows' on_hotkey
serves either.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol

from focusmate.core.hotkeys import UNDO_ACTION, HotkeyBindings
from focusmate.core.portal_shortcuts import describe_action, desktop_has_global_shortcuts
from focusmate.core.settings import Settings
from focusmate.core.shortcut_help import portal_note, shortcut_help
from focusmate.core.status import HotkeyReadiness
from focusmate.core.text import translate
from focusmate.desktop.hotkeys import NOT_STARTED, STOPPED, GlobalHotkeys, HotkeyAvailability

if TYPE_CHECKING:  # imported on Wayland only, where the portal may be used (it brings jeepney)
    from focusmate.desktop.portal_shortcuts import PortalShortcuts

log = logging.getLogger("focusmate.services.startup")  # the log the user already reads


class HotkeyViews(Protocol):
    """What the hotkeys ask of the windows (ui.windows.Windows)."""

    def on_hotkey(self, action: str) -> None: ...

    def show_hotkey_status(
        self,
        available: bool,
        note: str,
        *,
        bound: Mapping[str, str] | None = None,
        change: Callable[[], bool] | None = None,
    ) -> None:
        """``bound`` and ``change`` only through the portal: the triggers the desktop
        reports, and what opens its own dialog to change them."""
        ...


def _gnome_shell_major(environ: Mapping[str, str]) -> int | None:
    from focusmate.desktop.portal_shortcuts import gnome_shell_major  # noqa: PLC0415 - GNOME

    return gnome_shell_major(environ)


def wants_portal(
    environ: Mapping[str, str],
    platform: str,
    gnome_version: Callable[[Mapping[str, str]], int | None] = _gnome_shell_major,
) -> bool:
    """Whether to ask the desktop's portal first: a Linux Wayland session of a desktop whose
    own portal backend has GlobalShortcuts (core.portal_shortcuts says which, and why the
    interface alone does not tell)."""
    if not platform.startswith("linux"):
        return False
    wayland = bool(environ.get("WAYLAND_DISPLAY")) or (
        environ.get("XDG_SESSION_TYPE", "").lower() == "wayland"
    )
    if not wayland:
        return False
    desktop = environ.get("XDG_CURRENT_DESKTOP", "")
    gnome = "gnome" in desktop.lower()
    return desktop_has_global_shortcuts(desktop, gnome_version(environ) if gnome else None)


def describe(action: str) -> str:
    """What an action does, for the desktop's Shortcuts settings (the user's language)."""
    return describe_action(
        action,
        phone=translate("Hotkeys", "Log a phone check in the running session"),
        app=translate("Hotkeys", "Log an app switch in the running session"),
        undo=translate("Hotkeys", "Undo the last mark"),
        other=translate("Hotkeys", "Log a mark of the kind {kind} in the running session"),
    )


class HotkeyService:
    """Global hotkeys for marks and undo, through the portal or pynput (see the module),
    restarted when the settings change; where they cannot work, the session window says so
    and shows the desktop-shortcut commands.

    pynput's listener runs only while a session runs (:meth:`follow_session`, started before
    the session's start returns, so a key pressed at once is logged): outside one a press is
    ignored anyway, and the listener would hold pynput and Xlib (~4 MB, 70 modules) and wake
    up for every key typed on the desktop all day. Outside a session the service is *armed*:
    GlobalHotkeys.check answers what start would, without listening (the bindings, the
    session, the X display and its RECORD extension). The portal stays open from start-up
    on: binding may ask the user in a dialog (never during a session, invariant 5), and it
    costs nothing idle (the compositor sends only our own shortcuts)."""

    def __init__(
        self,
        views: HotkeyViews,
        settings: Settings,
        *,
        environ: Mapping[str, str] | None = None,
        platform: str | None = None,
        session_running: Callable[[], bool] = lambda: False,
    ) -> None:
        self._views = views
        self._environ = environ
        self._platform = platform or sys.platform
        self._session_running = session_running
        self._hotkeys = GlobalHotkeys(environ=environ, platform=platform)
        self._hotkeys.triggered.connect(views.on_hotkey)
        self._hotkeys.availability_changed.connect(self._tell)
        self._portal: PortalShortcuts | None = None  # made on the first Wayland start
        self._via_portal = False
        self._bindings = HotkeyBindings.from_text(settings.hotkeys)
        #: What pynput's start would answer (check), or did answer at the last session start.
        self._armed: HotkeyAvailability = NOT_STARTED
        self._told = ""
        self._shown: tuple[bool, str] | None = None
        self._starting = False
        self._start()

    def apply(self, settings: Settings) -> None:
        self._bindings = HotkeyBindings.from_text(settings.hotkeys)
        self._shown = None  # new bindings: the windows hear it again
        self._start()

    def stop(self) -> None:
        if self._portal is not None:
            self._portal.stop()
        self._hotkeys.stop()

    def follow_session(self, running: bool) -> None:
        """A session started (listen now, before its start returns) or ended (stop)."""
        if self._via_portal:
            return
        if running and not self._hotkeys.listening:
            self._armed = self._hotkeys.check(self._bindings)
            if self._armed.available:
                self._armed = self._hotkeys.start(self._bindings)
            else:
                self._tell()
        elif not running and self._hotkeys.listening:
            self._hotkeys.stop()

    def open_system_settings(self) -> bool:
        """Open the desktop's dialog to change the shortcuts (portal only); False if none."""
        return self._via_portal and self._portal is not None and self._portal.open_system_settings()

    @property
    def via_portal(self) -> bool:
        return self._via_portal

    def readiness(self) -> HotkeyReadiness:
        """Ready when a key press in a session is logged (outside one: armed, see the class);
        ``via`` and ``bindings`` say how."""
        if self._via_portal and self._portal is not None:
            availability = self._portal.availability
            ready = availability.available and self._portal.listening
            bound = self._portal.bound if ready else {}
            return HotkeyReadiness(ready, availability.reason, "portal", bound)
        availability = self._pynput_availability()
        if not availability.available:
            return HotkeyReadiness(False, availability.reason)
        bindings = {action: str(hotkey) for action, hotkey in self._bindings.items()}
        return HotkeyReadiness(True, availability.reason, "x11", bindings)

    def _pynput_availability(self) -> HotkeyAvailability:
        """The listener's own while it listens or after it died; else the armed answer."""
        live = self._hotkeys.availability
        return self._armed if live in (NOT_STARTED, STOPPED) else live

    def _start(self) -> None:
        self._starting = True  # the adapters' changes on the way are not news: _tell() after
        try:
            if self._portal is not None:
                self._portal.stop()
            self._hotkeys.stop()
            self._via_portal = False
            environ = os.environ if self._environ is None else self._environ
            if wants_portal(environ, self._platform) and self._bindings:
                portal = self._portal_adapter()
                through_portal = portal.start(self._bindings)
                if through_portal.available:
                    self._via_portal = True
                    return
                # No portal offers it here: pynput's answer (and the commands) is what to show.
                logging.getLogger(__name__).info("global hotkeys: %s", through_portal.reason)
                portal.stop()
            self._armed = self._hotkeys.check(self._bindings)
            if self._session_running() and self._armed.available:
                self._armed = self._hotkeys.start(self._bindings)
        finally:
            self._starting = False
            self._tell()

    def _portal_adapter(self) -> PortalShortcuts:
        if self._portal is None:
            from focusmate.desktop.portal_shortcuts import PortalShortcuts  # noqa: PLC0415

            self._portal = PortalShortcuts(describe, environ=self._environ)
            self._portal.triggered.connect(self._views.on_hotkey)
            self._portal.availability_changed.connect(self._tell)
        return self._portal

    def _tell(self) -> None:
        if self._starting:
            return
        if self._via_portal:
            self._tell_portal()
            return
        availability = self._pynput_availability()
        if availability == NOT_STARTED:
            return
        if availability.reason and availability.reason != self._told:
            log.warning("global hotkeys: %s", availability.reason)
        self._told = availability.reason
        if self._shown == (availability.available, availability.reason):
            return  # a session started or ended: nothing new to say
        self._shown = (availability.available, availability.reason)
        # The log keeps the English reason; the windows say it in the user's language.
        self._views.show_hotkey_status(
            availability.available,
            ""
            if availability.available and not availability.reason
            else f"{availability.shown}\n\n{shortcut_help(self._bindings)}",
        )

    def _tell_portal(self) -> None:
        if self._portal is None:
            return
        availability = self._portal.availability
        if availability == STOPPED:
            return
        if not availability.available:
            if availability.reason != self._told:
                log.warning("global hotkeys: %s", availability.reason)
            self._told = availability.reason
            self._views.show_hotkey_status(
                False, f"{availability.shown}\n\n{shortcut_help(self._bindings)}"
            )
            return
        bound = self._portal.bound
        told = f"through the desktop's portal: {bound}"
        if told != self._told:
            log.info("global hotkeys %s", told)
        self._told = told
        actions = [a for a in self._bindings if a != UNDO_ACTION] + (
            [UNDO_ACTION] if UNDO_ACTION in self._bindings else []
        )
        self._views.show_hotkey_status(
            True, portal_note(bound, actions), bound=bound, change=self.open_system_settings
        )
