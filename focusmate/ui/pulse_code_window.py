"""The QR window (issue 16): the code the salesperson's phone scans to answer the pulse.

It shows what services.pulse_offers.PulseOffers offered: the code, large; the address as
selectable text (to read out or type); "For Jordan · expires at 14:32" in local time. When
the offer ends it says so in place ("Jordan's answers are saved.", expired, not saved) and
the code, address and instructions go, since they lead nowhere any more. Closing it (Close,
Escape, the title bar) stops the page listening: ui.windows tells the service when the window
is gone.

Nothing here makes a sound or takes the focus by itself: the window opens because the user
asked for it (a button or `focusmate pulse --serve`). By keyboard: Close has the focus
(Enter or Space), Escape closes, Tab reaches the address to select and copy it. The code is
black on white whatever the theme (a camera needs the contrast); the rest is the palette's.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from focusmate.core.text import translate
from focusmate.services.pulse_offers import EndedOffer, OfferEnd, ShownOffer
from focusmate.ui.error_text import shown_error
from focusmate.ui.icons import app_icon


class PulseCodeWindow(QDialog):
    """Renders one ShownOffer, then how it ended."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("PulseCodeWindow", "focusmate: answers on the phone"))
        self.setWindowIcon(app_icon())
        self._shown: ShownOffer | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.code = QLabel()
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setAccessibleName(translate("PulseCodeWindow", "QR code of the form's address"))
        self.address = QLabel()
        self.address.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        self.address.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.address.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.address.setAccessibleDescription(translate("PulseCodeWindow", "The form's address"))
        self.for_whom = QLabel()
        self.for_whom.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        larger = QFont(self.status.font())
        larger.setPointSizeF(larger.pointSizeF() * 1.3)
        self.status.setFont(larger)
        self.status.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(translate("PulseCodeWindow", "&Close"))
        self.close_button.setAutoDefault(True)
        self.close_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)  # Escape too: the dialog's reject
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.code, self.address, self.for_whom, self.status):
            layout.addWidget(widget)
        layout.addWidget(self.buttons)

    @property
    def offer(self) -> ShownOffer | None:
        """The offer shown, or None before the first."""
        return self._shown

    def show_offer(self, shown: ShownOffer) -> None:
        """Show a new offer's code (a new offer replaces an older one in the same window)."""
        self._shown = shown
        self.intro.setText(
            translate(
                "PulseCodeWindow",
                "Ask {name} to scan this code with their phone's camera and answer the three "
                "questions there.",
            ).format(name=shown.with_name)
        )
        pixmap = QPixmap()
        pixmap.loadFromData(shown.qr_png, "PNG")
        self.code.setPixmap(pixmap)
        self.address.setText(shown.url)
        expires = shown.expires_at.astimezone()
        at = QLocale().toString(QTime(expires.hour, expires.minute), QLocale.FormatType.ShortFormat)
        self.for_whom.setText(
            translate("PulseCodeWindow", "For {name} · expires at {time}").format(
                name=shown.with_name, time=at
            )
        )
        for widget in (self.intro, self.code, self.address, self.for_whom):
            widget.show()
        self.status.hide()
        self.close_button.setFocus()

    def show_ended(self, ended: EndedOffer) -> None:
        """Say in place how the offer ended; the code and address go (they lead nowhere)."""
        if self._shown is None or ended.session_id != self._shown.session_id:
            return
        detail = ""
        match ended.how:
            case OfferEnd.ANSWERED:
                text = translate("PulseCodeWindow", "{name}'s answers are saved.")
            case OfferEnd.EXPIRED:
                text = translate(
                    "PulseCodeWindow",
                    "This code expired before {name} answered. Open a new one to try again.",
                )
            case OfferEnd.NOT_SAVED:
                detail = "" if ended.error is None else shown_error(ended.error)
                text = translate(
                    "PulseCodeWindow", "{name}'s answers came but could not be saved: {detail}"
                )
            case OfferEnd.CLOSED:
                text = translate("PulseCodeWindow", "The form is closed.")
        self.status.setText(text.format(name=ended.with_name, detail=detail))
        for widget in (self.intro, self.code, self.address, self.for_whom):
            widget.hide()
        self.status.show()
        self.close_button.setFocus()
