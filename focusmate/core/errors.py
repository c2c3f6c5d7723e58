"""Domain errors, each carrying a message fit to show a user as is, and its exit code.

Exit codes (the CLI contract): 0 ok, 1 failure (I/O), 2 usage error, 3 no running
instance, 4 not possible now, 5 invalid data file or message.

The message (``str(error)``) is English by contract: the CLI prints it and the log keeps it.
A window says the same in the user's language: an error a user can meet there names its
:class:`Problem` and the facts the sentence needs (``error.facts``), and
focusmate.ui.error_text words it; any other error is shown with its English message.
"""

from __future__ import annotations

from enum import Enum, IntEnum

#: typing.TYPE_CHECKING without importing typing (a socket command loads this module;
#: ARCHITECTURE invariant 13): the type checkers take any constant of this name as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1
    USAGE = 2
    NO_INSTANCE = 3
    NOT_NOW = 4
    INVALID_DATA = 5


class Problem(Enum):
    """What went wrong, for a window to word; the comment names the facts each one carries."""

    # Not possible now.
    SESSION_RUNNING = "session-running"  # name: whose session is running
    NO_SESSION = "no-session"
    NOTHING_TO_UNDO = "nothing-to-undo"
    MARK_TOO_OLD = "mark-too-old"  # age_s, window_s
    NO_REFLECTION_DUE = "no-reflection-due"
    PULSE_PAGE_OFF = "pulse-page-off"  # the pulse page is not turned on in the settings
    NO_LOCAL_NETWORK = "no-local-network"  # no local-network address for the pulse page
    # What the user typed or chose.
    NAME_EMPTY = "name-empty"
    NAME_TOO_LONG = "name-too-long"  # length, limit
    MINUTES_OUT_OF_RANGE = "minutes-out-of-range"  # minutes, low, high
    FOCUS_TOO_LONG = "focus-too-long"  # length, limit
    INTENTION_TOO_LONG = "intention-too-long"  # length, limit
    KIND_NAME_EMPTY = "kind-name-empty"
    KIND_NAME_TOO_LONG = "kind-name-too-long"  # limit
    KIND_NAME_NO_LETTER = "kind-name-no-letter"  # name
    KIND_TAKEN = "kind-taken"  # kind: the id two kinds share
    KIND_RESERVED = "kind-reserved"  # kind
    KIND_UNKNOWN = "kind-unknown"  # kind
    SESSION_KIND_EMPTY = "session-kind-empty"
    SESSION_KIND_TOO_LONG = "session-kind-too-long"  # limit
    SESSION_KIND_NO_LETTER = "session-kind-no-letter"  # name
    SESSION_KIND_TAKEN = "session-kind-taken"  # kind: the name already in use
    SESSION_KIND_UNKNOWN = "session-kind-unknown"  # kind
    HOTKEY_CONFLICT = "hotkey-conflict"  # hotkey, actions (the action ids, comma-separated)
    HOTKEY_NEEDS_MODIFIER = "hotkey-needs-modifier"  # hotkey, key
    HOTKEY_UNKNOWN_KEY = "hotkey-unknown-key"  # hotkey, key: the part that is no usable key
    HOTKEY_PLUS_KEY = "hotkey-plus-key"  # hotkey: it has an empty part (the '+' key)
    FOLDER_NAME_NOT_TEXT = "folder-name-not-text"  # folder
    NO_REMINDER_DAY = "no-reminder-day"  # the morning reminder is on, but for no day
    # The disk (detail: the operating system's own words).
    NOT_SAVED = "not-saved"  # detail
    SETTINGS_NOT_SAVED = "settings-not-saved"  # detail
    FILE_NOT_WRITTEN = "file-not-written"  # path, detail
    MOVE_NOT_COPIED = "move-not-copied"  # source, target, detail
    MOVE_NOT_VERIFIED = "move-not-verified"  # source, target
    MOVE_NOT_SWITCHED = "move-not-switched"  # source, target, detail
    # Start at login (the operating system's entry).
    AUTOSTART_NOT_CHANGED = "autostart-not-changed"  # entry (its file or registry key), detail
    AUTOSTART_PATH_UNUSABLE = "autostart-path-unusable"  # program: the path it cannot run


class FocusmateError(Exception):
    """Base of every error that focusmate reports to a user in one clear line.

    ``problem`` and ``facts`` (keyword arguments) let a window word it in the user's
    language; they never change the English message.
    """

    exit_code = ExitCode.FAILURE

    def __init__(self, message: str = "", problem: Problem | None = None, **facts: object) -> None:
        super().__init__(message)
        self.problem = problem
        self.facts: Mapping[str, object] = facts


class InvalidInput(FocusmateError):  # noqa: N818 - reads as a sentence at the raise site
    """A value the user typed or passed is not acceptable (a usage error)."""

    exit_code = ExitCode.USAGE


class NotPossibleNow(FocusmateError):  # noqa: N818
    """The request is valid but the current state does not allow it (e.g. no session)."""

    exit_code = ExitCode.NOT_NOW


class InvalidData(FocusmateError):  # noqa: N818
    """A file or message does not have the expected shape; nothing was changed."""

    exit_code = ExitCode.INVALID_DATA


class NoInstance(FocusmateError):  # noqa: N818
    """No focusmate app is running to take the request."""

    exit_code = ExitCode.NO_INSTANCE


class StorageFailure(FocusmateError):  # noqa: N818
    """The data directory cannot be read or written (permissions, disk full)."""

    exit_code = ExitCode.FAILURE
