"""The ports: interfaces that outer layers implement and the controller depends on."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from focusmate.core.dnd import DndStatus
from focusmate.core.model import CoachingSession


class SessionRepository(Protocol):
    """Durable storage of coaching sessions. Every write is on disk when it returns."""

    def all_sessions(self) -> list[CoachingSession]:
        """Every saved session, oldest start first."""
        ...

    def get(self, session_id: str) -> CoachingSession | None: ...

    def current(self) -> CoachingSession | None:
        """The running session, if any, without reading the whole history (it is kept apart,
        so start-up and a mark stay fast however long the history is)."""
        ...

    def save(self, session: CoachingSession) -> None:
        """Insert or replace one session by id, durably."""
        ...

    def save_many(self, sessions: Iterable[CoachingSession]) -> None:
        """Insert or replace several sessions in one durable write."""
        ...


@dataclass(frozen=True, slots=True)
class NotificationAction:
    """A button on a notification: ``id`` comes back to the sender, ``label`` is shown."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Notification:
    """A desktop notification. ``key`` identifies it (e.g. "morning:2026-11-23T07:30").
    ``actions`` are its buttons, where the desktop shows them (freedesktop Notify actions);
    elsewhere the tray menu offers the same choices."""

    key: str
    title: str
    body: str
    actions: tuple[NotificationAction, ...] = ()


#: Called on the GUI thread when the user clicks a notification (its default action).
OnClick = Callable[[], None]
#: Called on the GUI thread with the id of the button the user pressed.
OnAction = Callable[[str], None]


class Notifier(Protocol):
    """Shows desktop notifications. Implementations never raise: they log and return False."""

    def send(
        self,
        notification: Notification,
        on_click: OnClick | None = None,
        on_action: OnAction | None = None,
    ) -> bool:
        """Show ``notification``; True if the desktop took it. ``on_click`` runs when the
        user clicks it, ``on_action`` when they press one of its buttons, where the desktop
        supports that (else the menu is the way in)."""
        ...


class ReminderLog(Protocol):
    """Remembers when the morning reminder was last shown, across restarts."""

    def last_shown(self) -> datetime | None: ...

    def record_shown(self, at: datetime) -> None:
        """Durably note that the reminder was shown at ``at``."""
        ...


class StartAtLogin(Protocol):
    """Whether focusmate starts when the user logs in (one adapter per OS, desktop.autostart)."""

    def is_enabled(self) -> bool:
        """True if focusmate will start at the next login; False if not, or if unknown."""
        ...

    def enable(self, command: Sequence[str]) -> None:
        """Start ``command`` (program and arguments) at every login; raises AutostartError."""
        ...

    def disable(self) -> None:
        """Stop starting focusmate at login (nothing to do if it was off); raises AutostartError."""
        ...


class Silencer(Protocol):
    """Do-not-disturb for the length of a session (desktop.dnd.silencer.JournaledSilencer).

    Every method fails soft: it returns a status whose detail says what happened."""

    def engage(self) -> DndStatus: ...

    def poll(self) -> DndStatus: ...

    def restore(self) -> DndStatus: ...

    def status(self) -> DndStatus: ...


class SecretStore(Protocol):
    """The operating system's secret store (Secret Service, Credential Manager, Keychain),
    for CalDAV passwords. A secret is filed under a key (core.calendar_sources
    CalendarSource.secret_key); it never reaches the settings file or the log."""

    def unavailable_reason(self) -> str | None:
        """None if secrets can be kept; else one line saying why not (no Secret Service on
        the session bus, a locked keyring that cannot be unlocked, ...)."""
        ...

    def save(self, key: str, secret: str) -> None:
        """Keep ``secret`` under ``key``, replacing any; raises NotPossibleNow with one line
        if the store refuses."""
        ...

    def load(self, key: str) -> str | None:
        """The secret under ``key``, or None if there is none or the store cannot be read."""
        ...

    def delete(self, key: str) -> None:
        """Forget the secret under ``key`` (nothing happens if there is none)."""
        ...
