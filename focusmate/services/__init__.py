"""Application services: the session controller and the non-visual services the app runs.

Qt Core only (signals, timers), no widgets; they reach the operating system and the data files
through storage and desktop, and never import ui or cli.
"""
