"""focusmate: a focus-mode companion for sales managers' one-on-one coaching sessions."""

__version__ = "0.1.0"
