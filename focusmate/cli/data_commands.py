"""`focusmate import FILE` and `focusmate move-data DIR`: work on the data folder done by
this process under the app's lock when no app runs, else by the running app (ARCHITECTURE
invariant 1). Their own module so that the socket commands do not import the storage."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from focusmate.cli.app_client import ask_app, request_app
from focusmate.cli.terminal import shown
from focusmate.core.errors import ExitCode, FocusmateError
from focusmate.core.protocol import Message, file_contents, import_request_bytes
from focusmate.desktop import handover, ipc_client
from focusmate.desktop.ipc_client import TIMEOUT_S
from focusmate.desktop.locations import DataLocation, server_name

#: How long move-data waits for the app to answer again from the new folder.
RESTART_WAIT_S = 20.0
#: How fast the app is assumed to merge an import at the least, to wait for its answer.
IMPORT_BYTES_PER_S = 1024 * 1024


def move_data(location: DataLocation, folder: str) -> int:
    """Move the data folder: this process does it under the app's lock when no app runs;
    otherwise the app does (the same steps as its settings window), then restarts itself."""
    from focusmate.services import data_folder  # noqa: PLC0415 - Qt's lock file only for this command

    target = Path(folder).expanduser().absolute()
    report = data_folder.move_offline(location, target)
    if report is not None:
        source, moved_to, left = report.source, report.target, list(report.left_behind)
        print(f"Moved your focusmate data from {shown(source)} to {shown(moved_to)}.")
    else:
        reply = ask_app(location.path, {"cmd": "move-data", "to": str(target)})
        source, moved_to = Path(reply["from"]), Path(reply["to"])
        left = [str(name) for name in reply.get("left_behind", [])]
        restarted = _answers_within(server_name(moved_to), RESTART_WAIT_S)
        print(
            f"Moved your focusmate data from {shown(source)} to {shown(moved_to)}; focusmate "
            f"{'restarted' if restarted else 'is restarting'} to use it."
        )
    for name in left:
        gone = shown(source / name)
        print(f"focusmate: could not remove {gone}; delete it yourself", file=sys.stderr)
    return ExitCode.OK


def _answers_within(server: str, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if ipc_client.request(server, {"cmd": "status"})["ok"]:
                return True
        except FocusmateError:
            pass  # not up yet
        time.sleep(0.1)
    return False


def import_file(data: Path, file: Path) -> int:
    """Merge the sessions of an export file: read and checked whole here, then merged by the
    running app or, when none runs, by this process."""
    from focusmate.cli import direct  # noqa: PLC0415 - the storage only for this command
    from focusmate.core.records import import_summary  # noqa: PLC0415
    from focusmate.storage import transfer  # noqa: PLC0415

    raw = transfer.read_import_bytes(file)  # once, here: a pipe such as <(...) is read once
    incoming = transfer.parse_import(raw, file)  # checked whole before anything is locked
    request = {"cmd": "import", "file": str(file), "contents": file_contents(raw)}
    limit = import_request_bytes(transfer.IMPORT_MAX_BYTES)
    merging_s = len(raw) / IMPORT_BYTES_PER_S

    def alone() -> Message | None:
        merged = direct.import_sessions(data, incoming)
        return None if merged is None else dict(merged.counts())

    def ask() -> Message:  # the app owns the data: it merges (and checks again) what was read
        return request_app(data, request, max_bytes=limit, answer_within_s=TIMEOUT_S + merging_s)

    counts = handover.alone_or_by_owner(data, alone, ask)
    print(f"Imported {shown(file)}: {import_summary(counts)}.")
    return ExitCode.OK
