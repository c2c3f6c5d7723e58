"""The settings' Sync tab (issue 19): the same as `focusmate sync enable|status|disable`.

Off: a folder (typed, or chosen) or a WebDAV address, the passphrase (twice), this
computer's name, plain text only if ticked (with the warning in words), and Turn on.
On: where, the state, the devices seen with their last change, what runs elsewhere and
what sync has to say, and Turn off. The service (services.sync_service) does the work:
a refusal (a wrong passphrase, a folder not there) is shown here, and nothing is written.
Every control is reached with Tab and has a mnemonic or an accessible name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focusmate.core.errors import FocusmateError
from focusmate.core.text import translate
from focusmate.ui.error_label import ErrorLabel
from focusmate.ui.error_text import shown_error
from focusmate.ui.tab_order import chain_tab_order

if TYPE_CHECKING:  # the sync service loads only where sync runs
    from focusmate.services.sync_on_use import SyncOnUse


class SyncTab(QWidget):
    def __init__(self, sync: SyncOnUse, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sync = sync
        self.where = QLineEdit()
        self.where.setPlaceholderText(
            translate("SyncTab", "A folder your sync app syncs, or https://…")
        )
        self.choose_button = QPushButton(translate("SyncTab", "&Browse…"))
        self.choose_button.clicked.connect(self._choose)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.name = QLineEdit()
        # A WebDAV share that asks for them (the password goes to the secret store).
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.plain = QCheckBox(translate("SyncTab", "No encryption (plain &text)"))
        self.plain.toggled.connect(self._follow_plain)
        self.plain_note = QLabel(
            translate(
                "SyncTab",
                "Plain text writes your sessions, reflections included, readable in the "
                "folder. Use it only for a folder that never leaves your own computers.",
            )
        )
        self.plain_note.setWordWrap(True)
        self.plain_note.hide()
        self.enable_button = QPushButton(translate("SyncTab", "T&urn sync on"))
        self.enable_button.clicked.connect(self._enable)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.devices = QListWidget()
        self.devices.setAccessibleName(translate("SyncTab", "Computers seen in the sync folder"))
        self.disable_button = QPushButton(translate("SyncTab", "Turn sync &off"))
        self.disable_button.clicked.connect(self._disable)
        self.error_label = ErrorLabel()
        self.error_label.hide()
        self._layout()
        sync.changed.connect(self.refresh)
        self.refresh()

    def _layout(self) -> None:
        self.off_page = QWidget()
        form = QFormLayout(self.off_page)
        row = QHBoxLayout()
        row.addWidget(self.where, 1)
        row.addWidget(self.choose_button)
        where_label = QLabel(translate("SyncTab", "Sync &folder or address:"))
        where_label.setBuddy(self.where)  # a row of two controls: Alt+F goes to the field
        form.addRow(where_label, row)
        form.addRow(translate("SyncTab", "Pass&phrase:"), self.passphrase)
        form.addRow(translate("SyncTab", "Passphrase &again:"), self.again)
        form.addRow(translate("SyncTab", "This computer's &name:"), self.name)
        form.addRow(translate("SyncTab", "WebDAV user (if it as&ks):"), self.user)
        form.addRow(translate("SyncTab", "WebDAV pass&word:"), self.password)
        form.addRow(self.plain)
        form.addRow(self.plain_note)
        note = QLabel(
            translate(
                "SyncTab",
                "focusmate writes only its own files in the folder, encrypted with a key "
                "from your passphrase. Use the same passphrase on each computer.",
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow(self.enable_button)
        self.on_page = QWidget()
        on = QVBoxLayout(self.on_page)
        on.addWidget(self.state)
        on.addWidget(self.devices)
        on.addWidget(self.disable_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.off_page)
        layout.addWidget(self.on_page)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        for field, name in (
            (self.where, translate("SyncTab", "Sync folder or address")),
            (self.passphrase, translate("SyncTab", "Passphrase")),
            (self.again, translate("SyncTab", "Passphrase again")),
            (self.name, translate("SyncTab", "This computer's name")),
            (self.user, translate("SyncTab", "WebDAV user")),
            (self.password, translate("SyncTab", "WebDAV password")),
        ):
            field.setAccessibleName(name)
        chain_tab_order(
            [
                self.where,
                self.choose_button,
                self.passphrase,
                self.again,
                self.name,
                self.user,
                self.password,
                self.plain,
                self.enable_button,
                self.devices,
                self.disable_button,
            ]
        )

    def refresh(self) -> None:
        status = self._sync.status()
        enabled = bool(status.get("enabled"))
        self.off_page.setVisible(not enabled)
        self.on_page.setVisible(enabled)
        if enabled:
            self.state.setText(self._state_text(status))
            self.devices.clear()
            for device in status.get("devices", []):
                self.devices.addItem(self._device_text(status, device))
            for line in (*status.get("running_elsewhere", []), *status.get("notices", [])):
                self.devices.addItem(line)

    @staticmethod
    def _state_text(status: dict[str, Any]) -> str:
        mode = (
            translate("SyncTab", "encrypted")
            if status.get("encrypted")
            else translate("SyncTab", "plain text")
        )
        text = translate(
            "SyncTab", "Syncing through {where} ({mode}): {state}; {pending} change(s) waiting."
        )
        return text.format(
            where=status["where"], mode=mode, state=status["state"], pending=status["pending"]
        )

    @staticmethod
    def _device_text(status: dict[str, Any], device: dict[str, Any]) -> str:
        name = device.get("name") or device["device"]
        if device["device"] == status["device"]:
            name = translate("SyncTab", "{name} (this computer)").format(name=name)
        last = device.get("last_change") or translate("SyncTab", "nothing read yet")
        return translate("SyncTab", "{name}: last change {last}").format(name=name, last=last)

    def _follow_plain(self, plain: bool) -> None:
        self.plain_note.setVisible(plain)
        self.passphrase.setEnabled(not plain)
        self.again.setEnabled(not plain)

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, translate("SyncTab", "The sync folder"))
        if folder:
            self.where.setText(folder)

    def _enable(self) -> None:
        passphrase = None if self.plain.isChecked() else self.passphrase.text()
        if passphrase is not None and passphrase != self.again.text():
            self._problem(translate("SyncTab", "The two passphrases differ."))
            return
        if passphrase == "":
            self._problem(translate("SyncTab", "Type a passphrase, or choose plain text."))
            return
        user = self.user.text().strip() or None
        try:
            self._sync.service().enable(
                self.where.text().strip(),
                passphrase,
                self.name.text() or None,
                user,
                None if user is None else self.password.text(),
            )
        except FocusmateError as error:
            self._problem(shown_error(error))
            return
        self.error_label.hide()
        for secret in (self.passphrase, self.again, self.password):
            secret.clear()
        self.refresh()

    def _problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _disable(self) -> None:
        self._sync.service().disable()
        self.refresh()
