"""Data only: focusmate's icons and QML, installed as the package focusmate.resources."""
