"""The composition root's second half: root.assembly builds and wires every layer once the
tray icon shows (app.py, the first half, shows it). Only these two know every layer."""
