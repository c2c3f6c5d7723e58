"""The bundled program's entry point (PyInstaller runs this file as ``__main__``).

One program is both the tray app and the command line, exactly like the ``focusmate`` console
script: ``focusmate`` starts the app, ``focusmate status`` asks the running one.
"""

from focusmate.__main__ import main

main()
