"""The sync folder (issue 19): this device's append-only logs, snapshots and device file in a
folder that the user's own sync engine moves (Syncthing, Nextcloud, Dropbox) or on a WebDAV
share, encrypted by default, and the reading of every other device's files.

Each change is an opaque JSON object here (at least "id", "hlc", "device", "type", "v"); what
a change means and how changes merge is core's (core/sync_*.py).
ARCHITECTURE.md, "The sync folder", describes the files.
"""
