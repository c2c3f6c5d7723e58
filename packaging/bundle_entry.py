"""The bundled program's entry point (PyInstaller runs this file as ``__main__``).

One program is both the tray app and the command line, exactly like the ``focusmate`` console
script: ``focusmate`` starts the app, ``focusmate status`` asks the running one. It is also
the do-not-disturb guard (there is no ``python -m`` in a bundle): ``focusmate --dnd-guard …``
runs only the guard, before anything imports Qt; ``focusmate --review-process …`` only the
weekly review's window (root/review_main.py).
"""

import sys

if len(sys.argv) > 1 and sys.argv[1] == "--dnd-guard":
    from focusmate.desktop.dnd.guard import main as guard_main

    sys.exit(guard_main(sys.argv[2:]))

if len(sys.argv) > 1 and sys.argv[1] == "--review-process":  # the weekly review's own process
    from focusmate.root.review_main import main as review_main

    sys.exit(review_main(sys.argv[2:]))

from focusmate.__main__ import main

main()
