"""A connection test as the user sees it: a busy line while the calendar service tries the
source in its worker thread, then the outcome, said like the source list says it.

The window stays usable meanwhile (the test is asynchronous); the button that started the test
is disabled until the answer for that source's name comes back, so a second click cannot
start a second test.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QLabel, QProgressBar, QWidget

from focusmate.core.calendar_sources import CalendarSource
from focusmate.core.calendar_status import SourceStatus
from focusmate.core.errors import FocusmateError
from focusmate.core.text import translate
from focusmate.ui.calendar_port import CalendarPort
from focusmate.ui.calendar_status_text import tested_text
from focusmate.ui.error_text import shown_error


class ConnectionCheck(QWidget):
    """Hidden until a test starts; ``button`` is the one that starts it."""

    def __init__(
        self, service: CalendarPort, button: QAbstractButton, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._button = button
        self._awaited: str | None = None
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # no steps to count: Qt shows it as busy
        self.busy_bar.setMaximumWidth(80)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setAccessibleName(translate("ConnectionCheck", "Testing"))
        self.busy_bar.hide()
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.label, 1)
        self.hide()
        service.tested.connect(self._on_tested)

    @property
    def busy(self) -> bool:
        return self._awaited is not None

    def start(self, source: CalendarSource, password: str | None) -> None:
        """Ask the service to try ``source``; the answer comes by its ``tested`` signal."""
        self._awaited = source.name
        self._button.setEnabled(False)
        self.busy_bar.show()
        self.label.setText(
            translate("ConnectionCheck", "Testing the connection to {name}…").format(
                name=source.name
            )
        )
        self.show()
        try:
            self._service.test_connection(source, password)
        except FocusmateError as error:
            self._done(shown_error(error))

    def _done(self, text: str) -> None:
        self._awaited = None
        self._button.setEnabled(True)
        self.busy_bar.hide()
        self.label.setText(text)

    def _on_tested(self, status: SourceStatus) -> None:
        if status.name != self._awaited:
            return  # another window's test, or one this line no longer waits for
        self._done(tested_text(status))
