"""Regenerates the README screenshots on a real headless X desktop (Xvfb + trayer + dunst).

    .venv/bin/python packaging/make_screenshots.py

Writes tray-menu.png, checkin.png, reflection.png, weekly-review.png, welcome.png and
weekly-review-de.png (the review in German) into resources/screenshots/ from the installed
focusmate, driven the way a user would: the CLI to import last week's one-on-one and a sample
week and to start a session, the keyboard for the check-in, right clicks on the icon for the
menu and the review, `focusmate review` (the menu entry's action) for the German one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests/ is imported by its dotted name, as the suite does

from tests.e2e.desktop import HeadlessDesktop, wait_until  # noqa: E402
from tests.e2e.focusmate_app import RunningApp  # noqa: E402

OUT = REPO / "resources" / "screenshots"


def grab(
    desktop: HeadlessDesktop, target: Path, *, window: int | None = None, crop: str | None = None
) -> None:
    command = ["import", "-window", str(window) if window else "root"]
    if crop:
        command += ["-crop", crop, "+repage"]
    subprocess.run([*command, str(target)], env=desktop.env, check=True, timeout=30)
    print(f"wrote {target}")


#: Chosen so that the review has something to show at the top: most phone checks fall in the
#: sessions after 4 pm, two of three commitments were kept, two client meetings stand against
#: the coaching sessions, and Jordan answered three times (last week's session too), less
#: warmly than the manager rated themselves.
SAMPLE_WEEK = [  # weekday, name, hour, minutes, phone checks, app switches, answers, commitment
    (0, "Jordan", 9, 35, 1, 1, 3, "kept"),
    (0, "Sam", 16, 25, 2, 0, 5, None),
    (1, "Priya", 9, 40, 1, 2, 3, "not_kept"),
    (3, "Jordan", 10, 30, 0, 0, 4, "kept"),
    (4, "Sam", 16, 50, 5, 1, 2, None),
    (-4, "Jordan", 9, 30, 0, 0, 4, None),
]
#: Client meetings of the week: weekday, client, hour, minutes, phone checks, answers.
SAMPLE_CLIENTS = [(1, "Acme Corp", 14, 60, 0, 5), (2, "Globex", 11, 45, 1, 4)]
#: The salesperson's answers (heard, concern, attention) by the index in SAMPLE_WEEK.
SAMPLE_PULSES = {0: (2, "partly", 3), 3: (3, "yes", 2), 5: (2, "no", 2)}
#: What a client meeting's short reflection asks (core.reflection_form).
CLIENT_QUESTIONS = ("fully_present", "person_over_phone", "understood_before_advising")
QUESTIONS = (
    "fully_present",
    "person_over_phone",
    "understood_before_advising",
    "respect_like_top_client",
)


def sample_week_export(path: Path) -> None:
    """An export file with a plausible week of one-on-ones, dated this ISO week."""
    monday = date.today() - timedelta(days=date.today().weekday())
    sessions = []
    for index, (weekday, name, hour, minutes, phone, app, answer, kept) in enumerate(SAMPLE_WEEK):
        start = datetime.combine(monday + timedelta(days=weekday), time(hour), tzinfo=UTC)
        session = _sample_session(f"sample-{index}", name, start, minutes, phone=phone, app=app)
        session["reflection"] = _reflection(dict.fromkeys(QUESTIONS, answer), answer, kept)
        if index in SAMPLE_PULSES:
            heard, concern, attention = SAMPLE_PULSES[index]
            session["rep_pulse"] = {
                "heard": heard,
                "concern": concern,
                "attention": attention,
                "comment": "",
                "via": "typed",
                "at": (start + timedelta(hours=1)).isoformat(),
            }
        sessions.append(session)
    for index, (weekday, client, hour, minutes, phone, answer) in enumerate(SAMPLE_CLIENTS):
        start = datetime.combine(monday + timedelta(days=weekday), time(hour), tzinfo=UTC)
        session = _sample_session(f"client-{index}", client, start, minutes, phone=phone, app=0)
        session["kind"] = "client"
        session["reflection"] = _reflection(dict.fromkeys(CLIENT_QUESTIONS, answer), None, None)
        sessions.append(session)
    document = {"format": "focusmate-export", "version": 3, "sessions": sessions}
    path.write_text(json.dumps(document))


def _sample_session(
    session_id: str, name: str, start: datetime, minutes: int, *, phone: int, app: int
) -> dict[str, object]:
    """A coaching session of the export's version 3, without reflection or answers yet."""
    marks = [
        {"kind": "phone", "at": (start + timedelta(minutes=5 + i)).isoformat()}
        for i in range(phone)
    ] + [{"kind": "app", "at": (start + timedelta(minutes=20 + i)).isoformat()} for i in range(app)]
    return {
        "id": session_id,
        "with": name,
        "focus": "",
        "planned_minutes": 30,
        "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=minutes)).isoformat(),
        "marks": marks,
        "checkin": None,
        "kind": "coaching",
        "rep_pulse": None,
    }


def _reflection(
    answers: dict[str, int], empathy: int | None, kept: str | None
) -> dict[str, object]:
    return {
        "answers": answers,
        "empathy": empathy,
        "complete": True,
        "their_perspective": "",
        "next_time": "",
        "worry": None,
        "worry_note": "",
        "same_challenge": None,
        "previous_session_id": None,
        "commitment_outcome": kept,
    }


def last_week_export(path: Path) -> None:
    """Last week's one-on-one with Jordan: what carries over into this one."""
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=7)
    session = {
        "id": "last-week",
        "with": "Jordan",
        "focus": "",
        "planned_minutes": 30,
        "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=30)).isoformat(),
        "marks": [],
        "checkin": None,
        "reflection": {
            "answers": dict.fromkeys(QUESTIONS, 3),
            "empathy": 2,
            "complete": True,
            "their_perspective": "worried the Q4 quota is out of reach",
            "next_time": "ask two questions before any advice",
            "worry": "smiled_and_agreed",
            "worry_note": "",
            "same_challenge": None,
            "previous_session_id": None,
            "commitment_outcome": None,
        },
    }
    document = {"format": "focusmate-export", "version": 2, "sessions": [session]}
    path.write_text(json.dumps(document))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with HeadlessDesktop() as desktop:
        app = RunningApp(desktop, Path(tempfile.mkdtemp(prefix="fm-shots-")) / "data")
        last_week = Path(tempfile.mkdtemp(prefix="fm-sample-")) / "last-week.json"
        last_week_export(last_week)
        app.cli("import", str(last_week))
        app.cli()  # like a click on the icon: the start dialog
        start = wait_until(
            lambda: app.windows_named("Start coaching session") or None,
            timeout_s=10,
            what="the start dialog",
        )[0]
        desktop.run(["xdotool", "windowfocus", "--sync", str(start)], check=True)
        desktop.run(["xdotool", "type", "Jordan"], check=True)
        desktop.key("alt+i")  # "Check in first"
        subprocess.run(["sleep", "0.5"], check=True)  # a mnemonic's click is animated
        desktop.key("space")  # phone out of reach
        subprocess.run(["sleep", "0.5"], check=True)
        grab(desktop, OUT / "checkin.png", window=start)
        desktop.key("Return")  # Enter starts the session
        wait_until(
            lambda: app.status()["state"] == "running" or None, timeout_s=10, what="the session"
        )
        app.cli("log", "phone")
        app.cli("log", "app")
        menu = desktop.open_tray_menu(app.icon)
        geometry = desktop.window_geometry(menu)
        icon = desktop.tray_icon_geometry(app.icon)
        left = min(geometry.x, icon.x) - 10
        right = max(geometry.x + geometry.width, icon.x + icon.width) + 4
        bottom = geometry.y + geometry.height + 10
        grab(desktop, OUT / "tray-menu.png", crop=f"{right - left}x{bottom}+{left}+0")
        desktop.key("Escape")
        app.cli("end")
        dialog = wait_until(
            lambda: app.windows_named("Reflect on your session") or None,
            timeout_s=10,
            what="the reflection dialog",
        )[0]
        desktop.run(["xdotool", "windowfocus", "--sync", str(dialog)], check=True)
        desktop.key("4", "Tab", "3", "Tab", "4", "Tab", "5", "Tab", "4", "Tab")
        desktop.run(["xdotool", "type", "relieved once we split the quota into weeks"], check=True)
        desktop.key("Tab", "1", "Tab")
        desktop.run(["xdotool", "type", "afraid of losing the Brennan account"], check=True)
        desktop.key("Tab", "1", "Tab", "2", "Tab")
        desktop.run(["xdotool", "type", "let him finish before I answer"], check=True)
        subprocess.run(["sleep", "0.5"], check=True)
        grab(desktop, OUT / "reflection.png", window=dialog)
        desktop.key("Escape")
        sample = Path(tempfile.mkdtemp(prefix="fm-sample-")) / "week.json"
        sample_week_export(sample)
        app.cli("import", str(sample))
        app.choose_in_tray_menu("w")
        review = wait_until(
            lambda: app.windows_named("weekly review") or None,
            timeout_s=15,
            what="the weekly review",
        )[0]
        subprocess.run(["sleep", "1"], check=True)  # let the chart finish its first paint
        grab(desktop, OUT / "weekly-review.png", window=review)
        app.stop()
        welcome_shot(desktop)
        german_review_shot(desktop, sample)


def welcome_shot(desktop: HeadlessDesktop) -> None:
    """The first run's welcome (its own config folder: nothing is ticked, nothing written)."""
    scratch = Path(tempfile.mkdtemp(prefix="fm-welcome-"))
    app = RunningApp(
        desktop,
        scratch / "data",
        first_run=True,
        extra_env={"XDG_CONFIG_HOME": str(scratch / "config")},
    )
    window = app.focus_window("Welcome to focusmate")
    subprocess.run(["sleep", "0.5"], check=True)
    grab(desktop, OUT / "welcome.png", window=window)
    desktop.key("Escape")
    app.stop()


def german_review_shot(desktop: HeadlessDesktop, sample: Path) -> None:
    """The same week in German: FOCUSMATE_LANGUAGE=de, as a German desktop would choose."""
    app = RunningApp(
        desktop,
        Path(tempfile.mkdtemp(prefix="fm-de-")) / "data",
        extra_env={"FOCUSMATE_LANGUAGE": "de"},
    )
    app.cli("import", str(sample))
    app.cli("review")
    window = app.focus_window("Wochenrückblick")
    subprocess.run(["sleep", "1"], check=True)
    grab(desktop, OUT / "weekly-review-de.png", window=window)
    app.stop()


if __name__ == "__main__":
    main()
