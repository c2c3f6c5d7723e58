"""What a window says when focusmate refuses or fails: the error in the user's language.

An error's message is English by contract (the command line prints it, the log keeps it).
:func:`shown_error` says the same to someone using the windows: an error that names its
:class:`~focusmate.core.errors.Problem` gets a whole sentence in their language with the
error's facts filled in (the operating system's own words, such as "No space left on device",
stay as the system gave them); any other error gets a translated lead before its English
message.  Worded when called, so always in the language the app runs in.
"""

from __future__ import annotations

from typing import assert_never

from focusmate.core.errors import FocusmateError, Problem
from focusmate.core.text import translate

__all__ = ["shown_error"]


def shown_error(error: FocusmateError) -> str:
    """``error`` as one or two sentences in the user's language, ready to show."""
    if error.problem is not None:
        try:
            return _sentence(error.problem).format_map(error.facts)
        except (KeyError, IndexError, ValueError):
            pass  # a raise site without the facts its sentence needs: say it the plain way
    return translate("Errors", "That did not work: {detail}").format(detail=str(error))


def _sentence(problem: Problem) -> str:  # noqa: PLR0911, PLR0912 - one case per problem
    """The sentence for ``problem``, with ``{placeholders}`` named after the error's facts
    (mypy checks that every problem has one)."""
    match problem:
        case Problem.SESSION_RUNNING:
            return translate(
                "Errors", "A coaching session with {name} is already running. End it first."
            )
        case Problem.NO_SESSION:
            return translate("Errors", "No coaching session is running.")
        case Problem.NOTHING_TO_UNDO:
            return translate("Errors", "There is no mark to undo.")
        case Problem.MARK_TOO_OLD:
            return translate(
                "Errors",
                "The last mark is {age_s} seconds old; only a mark from the last {window_s} "
                "seconds can be taken back.",
            )
        case Problem.NO_REFLECTION_DUE:
            return translate("Errors", "That session is not waiting for a reflection.")
        case Problem.PULSE_PAGE_OFF:
            return translate(
                "Errors",
                "Answering on the phone is off. Turn it on in the settings (General) first.",
            )
        case Problem.NO_LOCAL_NETWORK:
            return translate(
                "Errors",
                "This computer is on no local network, so a phone cannot reach the form. "
                "Connect to the same network as the phone, or type the answers instead.",
            )
        case Problem.NAME_EMPTY:
            return translate("Errors", "The salesperson's name is empty.")
        case Problem.NAME_TOO_LONG:
            return translate(
                "Errors",
                "The salesperson's name is {length} characters long; at most {limit} are allowed.",
            )
        case Problem.MINUTES_OUT_OF_RANGE:
            return translate(
                "Errors", "The planned minutes must be between {low} and {high}, not {minutes}."
            )
        case Problem.FOCUS_TOO_LONG:
            return translate(
                "Errors", "The focus note is {length} characters long; at most {limit} are allowed."
            )
        case Problem.INTENTION_TOO_LONG:
            return translate(
                "Errors", "The intention is {length} characters long; at most {limit} are allowed."
            )
        case Problem.KIND_NAME_EMPTY:
            return translate("Errors", "Type a name for the new kind of mark.")
        case Problem.KIND_NAME_TOO_LONG:
            return translate(
                "Errors", "The name of a kind of mark can be at most {limit} characters long."
            )
        case Problem.KIND_NAME_NO_LETTER:
            return translate(
                "Errors",
                "'{name}' cannot name a kind of mark: it needs at least one letter or digit "
                "(A-Z, 0-9).",
            )
        case Problem.KIND_TAKEN:
            return translate("Errors", "There is already a kind of mark called '{kind}'.")
        case Problem.KIND_RESERVED:
            return translate(
                "Errors", "'{kind}' cannot name a kind of mark: focusmate uses that name itself."
            )
        case Problem.KIND_UNKNOWN:
            return translate("Errors", "There is no kind of mark called '{kind}'.")
        case Problem.SESSION_KIND_EMPTY:
            return translate("Errors", "Type a name for the new kind of session.")
        case Problem.SESSION_KIND_TOO_LONG:
            return translate(
                "Errors", "The name of a kind of session can be at most {limit} characters long."
            )
        case Problem.SESSION_KIND_NO_LETTER:
            return translate(
                "Errors",
                "'{name}' cannot name a kind of session: it needs at least one letter or digit "
                "(A-Z, 0-9).",
            )
        case Problem.SESSION_KIND_TAKEN:
            return translate("Errors", "There is already a kind of session called '{kind}'.")
        case Problem.SESSION_KIND_UNKNOWN:
            return translate("Errors", "There is no kind of session called '{kind}'.")
        case Problem.HOTKEY_CONFLICT:
            return translate(
                "Errors",
                "{hotkey} is set for more than one action ({actions}). Choose a different "
                "hotkey for each.",
            )
        case Problem.HOTKEY_NEEDS_MODIFIER:
            return translate(
                "Errors",
                "{hotkey} would fire while you type in other windows. Add Ctrl, Alt or Meta "
                "(for example Ctrl+Alt+{key}).",
            )
        case Problem.HOTKEY_UNKNOWN_KEY:
            return translate(
                "Errors",
                "{hotkey}: the key {key} cannot be used in a hotkey. Use a letter, a digit, "
                "F1-F24 or a named key such as Space, PageUp or Home.",
            )
        case Problem.HOTKEY_PLUS_KEY:
            return translate(
                "Errors", "{hotkey}: the + key cannot be part of a hotkey. Choose another key."
            )
        case Problem.FOLDER_NAME_NOT_TEXT:
            return translate(
                "Errors", "The folder name {folder} is not valid text. Choose or rename a folder."
            )
        case Problem.NO_REMINDER_DAY:
            return translate(
                "Errors", "Tick at least one day for the morning reminder, or switch it off."
            )
        case Problem.NOT_SAVED:
            return translate(
                "Errors",
                "Could not save to the data folder ({detail}). Nothing was lost; please try again.",
            )
        case Problem.SETTINGS_NOT_SAVED:
            return translate("Errors", "Could not save the settings ({detail}).")
        case Problem.FILE_NOT_WRITTEN:
            return translate("Errors", "Could not write {path} ({detail}).")
        case Problem.MOVE_NOT_COPIED:
            return translate(
                "Errors",
                "Could not copy the data to {target} ({detail}). Nothing was moved; your data "
                "stays in {source}.",
            )
        case Problem.MOVE_NOT_VERIFIED:
            return translate(
                "Errors",
                "The copy in {target} did not read back the same. Nothing was moved; your data "
                "stays in {source}.",
            )
        case Problem.MOVE_NOT_SWITCHED:
            return translate(
                "Errors",
                "Could not switch the data folder to {target} ({detail}). Nothing was moved; "
                "your data stays in {source}.",
            )
        case Problem.AUTOSTART_NOT_CHANGED:
            return translate(
                "Errors", "The start-at-login entry {entry} could not be changed ({detail})."
            )
        case Problem.AUTOSTART_PATH_UNUSABLE:
            return translate(
                "Errors",
                "The system cannot start {program} at login because of the characters in its "
                "path. Move focusmate to a folder with a plain name.",
            )
    assert_never(problem)
