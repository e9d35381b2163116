"""Settings dialog: choose the data vendor, enter its API key, override its hosts.

Opened with ``open()`` (non-modal), never ``exec()``: a nested event loop inside a qasync
coroutine would stall every feed. On OK it stores the key in the OS keyring (never in the
settings file) and emits :attr:`SettingsDialog.sig_apply`; the window then switches live.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.vendors import AVAILABLE_VENDORS, KEYED_VENDORS
from app.services.words import words
from app.storage.keys import KeyStoreError, get_key, set_key
from app.storage.settings import Settings, VendorHosts
from app.ui import theme


@dataclass(frozen=True)
class VendorChoice:
    vendor: str
    session_key: str | None  # a key to use this session only (the keyring was unavailable)
    note: str = ""  # something the user should read after the dialog closed


def vendor_label(vendor: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return {
        "sim": QCoreApplication.translate("Vendors", "Market simulator (no key, no network)"),
        "qos": QCoreApplication.translate("Vendors", "QOS (qos.hk)"),
        "itick": QCoreApplication.translate("Vendors", "iTick (itick.org)"),
        "maidong": QCoreApplication.translate("Vendors", "脉动数据"),
    }.get(vendor, vendor)


class SettingsDialog(QDialog):
    """Signals:

    - ``sig_apply(VendorChoice)``: the user pressed OK; settings already hold the new choice.
    """

    sig_apply = Signal(object)

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)

        self.vendor = QComboBox(self)
        for vendor in AVAILABLE_VENDORS:
            self.vendor.addItem(vendor_label(vendor), vendor)
        self.key = QLineEdit(self)
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_note = QLabel(self)
        self.key_note.setWordWrap(True)
        self.base_url = QLineEdit(self)
        self.ws_url = QLineEdit(self)
        self.products = QSpinBox(self)
        self.products.setRange(1, 10_000)
        self.http_rate = QSpinBox(self)
        self.http_rate.setRange(1, 100_000)
        self.http_rate.setSuffix(self.tr(" per minute"))
        self.connections = QSpinBox(self)
        self.connections.setRange(0, 100)
        self.connections.setSpecialValueText(self.tr("as many as needed"))
        self.plan_note = QLabel(self)
        self.plan_note.setWordWrap(True)
        theme.tint(self.plan_note, "muted")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        theme.tint(self.message, "red")

        form = QFormLayout()
        form.addRow(self.tr("Data vendor"), self.vendor)
        form.addRow(self.tr("API key"), self.key)
        form.addRow("", self.key_note)
        form.addRow(self.tr("HTTP address"), self.base_url)
        form.addRow(self.tr("WebSocket address"), self.ws_url)
        form.addRow(self.tr("Symbols in the plan"), self.products)
        form.addRow(self.tr("HTTP requests"), self.http_rate)
        form.addRow(self.tr("WebSocket connections"), self.connections)
        form.addRow("", self.plan_note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self.vendor.currentIndexChanged.connect(self._show_vendor)
        index = self.vendor.findData(settings.vendor)
        self.vendor.setCurrentIndex(max(index, 0))
        self._show_vendor()

    def selected_vendor(self) -> str:
        return self.vendor.currentData()

    def _show_vendor(self) -> None:
        vendor = self.selected_vendor()
        keyed = vendor in KEYED_VENDORS
        self.key.clear()
        self.key.setEnabled(keyed)
        if not keyed:
            self.key.setPlaceholderText(self.tr("not needed"))
            self.key_note.setText("")
        elif get_key(vendor):
            self.key.setPlaceholderText(self.tr("a key is stored — type to replace it"))
            self.key_note.setText(self.tr("Keys are kept in the OS keyring, never in files."))
        else:
            self.key.setPlaceholderText(self.tr("paste your key"))
            self.key_note.setText(self.tr("No key yet. Keys are kept in the OS keyring, never in files."))
        theme.tint(self.key_note, "muted")
        hosts = self.settings.hosts.get(vendor, VendorHosts())
        for edit, value in ((self.base_url, hosts.base_url), (self.ws_url, hosts.ws_url)):
            edit.setText(value or "")
            edit.setEnabled(vendor != "sim")
            edit.setPlaceholderText(self.tr("the vendor's own") if vendor != "sim" else "")
        self.products.setEnabled(vendor == "qos")
        self.http_rate.setEnabled(vendor in ("qos", "itick"))
        self.connections.setEnabled(vendor == "itick")
        self.products.setValue(self.settings.qos_plan.products)
        self.connections.setValue(self.settings.itick_plan.connections)
        if vendor == "itick":
            self.http_rate.setValue(self.settings.itick_plan.http_per_minute)
            self.plan_note.setText(self.tr(
                "iTick publishes no limits. Free keys: about 5 requests a minute, on the host "
                "https://api-free.itick.org (and wss://api-free.itick.org). Each connection "
                "carries up to 500 symbols."))
        elif vendor == "maidong":
            self.http_rate.setValue(self.settings.qos_plan.http_per_minute)
            self.plan_note.setText(self.tr(
                "脉动数据 needs no key: it serves the computers whose IP address it has "
                "authorised. Ask the vendor (Telegram @mdapi888) to add this computer's public "
                "IP. Its own limits apply: 6 connections, 3 quote requests a second per product."))
        else:
            self.http_rate.setValue(self.settings.qos_plan.http_per_minute)
            self.plan_note.setText("")
        self.message.clear()

    def apply(self) -> None:
        """Store the choice (the key in the keyring), then tell the window to switch."""
        vendor = self.selected_vendor()
        typed = self.key.text().strip()
        session_key, note = None, ""
        if typed:
            try:
                set_key(vendor, typed)
                stored = get_key(vendor) == typed
            except KeyStoreError as exc:
                stored, reason = False, words(exc)
            else:
                reason = self.tr("the OS keyring did not keep it")
            if not stored:  # used now, saved nowhere
                session_key = typed
                note = self.tr("The key is used for this session only: %s") % reason
        elif vendor in KEYED_VENDORS and not get_key(vendor):
            self.message.setText(self.tr("%s needs an API key.") % vendor_label(vendor))
            return
        base, ws = self.base_url.text().strip() or None, self.ws_url.text().strip() or None
        for url in (base, ws):
            if url and "://" not in url:
                self.message.setText(self.tr("An address starts with its scheme, e.g. https:// or wss://"))
                return
        if vendor != "sim":
            if base or ws:
                self.settings.hosts[vendor] = VendorHosts(base_url=base, ws_url=ws)
            else:
                self.settings.hosts.pop(vendor, None)
        if vendor == "qos":
            self.settings.qos_plan.products = self.products.value()
            self.settings.qos_plan.http_per_minute = self.http_rate.value()
        elif vendor == "itick":
            self.settings.itick_plan.http_per_minute = self.http_rate.value()
            self.settings.itick_plan.connections = self.connections.value()
        self.accept()
        self.sig_apply.emit(VendorChoice(vendor, session_key, note))
