"""The names of sync's own files in the data folder (issue 19).

Apart from services.sync_config, which reads and writes them, so that the app can look for
them at start-up without loading sync (services.sync_on_use, issue 18) and the command line
without loading Qt.
"""

from __future__ import annotations

#: This install's sync settings (services.sync_config): sync is set up while it exists.
CONFIG_FILE = "sync.json"
#: The merged state this device keeps between runs (services.sync_book).
BOOK_FILE = "sync-merged.json"
