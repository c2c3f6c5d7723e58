"""Qt widgets and the tray: they render the controller's state and emit intents."""
