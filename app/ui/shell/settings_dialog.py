"""Settings dialog: choose the data vendor, enter its API key, override its hosts and plan.

Which vendors there are, whether each needs a key or has addresses, and which plan numbers it
takes come from the vendors' specs (:mod:`app.feeds.spec`): one spin box per plan field name,
enabled for the vendors whose spec lists that field. Nothing here names a vendor.

Opened with ``open()`` (non-modal), never ``exec()``: a nested event loop inside a qasync
coroutine would stall every feed. On OK it stores the key in the OS keyring (never in the
settings file) and emits :attr:`SettingsDialog.sig_apply`; the window then switches live.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Signal
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

from app.core.text import Template
from app.feeds.spec import PlanField
from app.services.vendors import AVAILABLE_VENDORS, stored_key, vendor_spec
from app.services.words import words
from app.storage.keys import KeyStoreError, set_key
from app.storage.settings import Settings, VendorHosts
from app.ui.kit import theme
from app.ui.replay.settings import rolling_hours_box


@dataclass(frozen=True)
class VendorChoice:
    vendor: str
    session_key: str | None  # a key to use this session only (the keyring was unavailable)
    note: str = ""  # something the user should read after the dialog closed


def vendor_label(vendor: str) -> str:
    if vendor not in AVAILABLE_VENDORS:
        return vendor
    title = vendor_spec(vendor).title
    return QCoreApplication.translate(title.context, title)


def _translated(template: Template | None) -> str:
    return QCoreApplication.translate(template.context, template) if template is not None else ""


def plan_fields() -> dict[str, list[tuple[str, PlanField]]]:
    """Every plan field name, in the order the vendors list them, with (vendor, field) for
    each vendor that takes it."""
    out: dict[str, list[tuple[str, PlanField]]] = {}
    for vendor in AVAILABLE_VENDORS:
        for field in vendor_spec(vendor).plan_fields:
            out.setdefault(field.name, []).append((vendor, field))
    return out


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
        self.backup = QComboBox(self)  # the chosen vendor's backup (Settings.backup): none or another
        self.backup.setToolTip(self.tr("A symbol the data vendor is down or silent on continues from "
                                       "this vendor, and comes back once the data vendor is healthy again"))
        self.compare = QComboBox(self)  # a vendor read beside to compare prices (Settings.compare)
        self.compare.setToolTip(self.tr("Read a second vendor for the same symbols and mark a watchlist "
                                        "row whose two last prices disagree"))
        self.key = QLineEdit(self)
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_note = QLabel(self)
        self.key_note.setWordWrap(True)
        self.base_url = QLineEdit(self)
        self.ws_url = QLineEdit(self)
        self._fields = plan_fields()
        self.plan_boxes: dict[str, QSpinBox] = {}  # also attributes by name: dialog.http_rate
        for name, owners in self._fields.items():
            box = self._plan_box(owners[0][1])
            self.plan_boxes[name] = box
            setattr(self, name, box)
        self.plan_note = QLabel(self)
        self.plan_note.setWordWrap(True)
        theme.tint(self.plan_note, "muted")
        self.opens = QComboBox(self)  # what Enter / a double-click in the watchlist opens
        self.opens.addItem(self.tr("the chart"), "chart")
        self.opens.addItem(self.tr("the intraday view"), "intraday")
        self.opens.setCurrentIndex(max(0, self.opens.findData(settings.watchlist_opens)))
        self.rolling = rolling_hours_box(settings, self)  # the rolling recording a rewind plays
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        theme.tint(self.message, "red")

        form = QFormLayout()
        form.addRow(self.tr("Data vendor"), self.vendor)
        form.addRow(self.tr("Backup vendor"), self.backup)
        form.addRow(self.tr("Compare with"), self.compare)
        form.addRow(self.tr("API key"), self.key)
        form.addRow("", self.key_note)
        form.addRow(self.tr("HTTP address"), self.base_url)
        form.addRow(self.tr("WebSocket address"), self.ws_url)
        for name, owners in self._fields.items():
            form.addRow(_translated(owners[0][1].label), self.plan_boxes[name])
        form.addRow("", self.plan_note)
        form.addRow(self.tr("Enter / double-click in the watchlist opens"), self.opens)
        form.addRow(self.rolling.label, self.rolling)
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

    def _plan_box(self, field: PlanField) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(field.minimum, field.maximum)
        if field.suffix is not None:
            box.setSuffix(_translated(field.suffix))
        if field.unset is not None:
            box.setSpecialValueText(_translated(field.unset))
        return box

    def selected_vendor(self) -> str:
        return self.vendor.currentData()

    def _show_vendor(self) -> None:
        vendor = self.selected_vendor()
        spec = vendor_spec(vendor)
        keyed = spec.needs_key
        self.key.clear()
        self.key.setEnabled(keyed)
        if not keyed:
            self.key.setPlaceholderText(self.tr("not needed"))
            self.key_note.setText("")
        elif stored_key(vendor):
            self.key.setPlaceholderText(self.tr("a key is stored — type to replace it"))
            self.key_note.setText(self.tr("Keys are kept in the OS keyring, never in files."))
        else:
            self.key.setPlaceholderText(self.tr("paste your key"))
            self.key_note.setText(self.tr("No key yet. Keys are kept in the OS keyring, never in files."))
        theme.tint(self.key_note, "muted")
        hosts = self.settings.hosts.get(vendor, VendorHosts())
        for edit, value in ((self.base_url, hosts.base_url), (self.ws_url, hosts.ws_url)):
            edit.setText(value or "")
            edit.setEnabled(spec.network)
            edit.setPlaceholderText(self.tr("the vendor's own") if spec.network else "")
        for name, owners in self._fields.items():
            # the vendor's own value; a field it does not take shows the first owner's, greyed
            owner, field = next(((v, f) for v, f in owners if v == vendor), owners[0])
            box = self.plan_boxes[name]
            box.setEnabled(owner == vendor)
            box.setValue(field.read(self.settings, owner))
        self.plan_note.setText(_translated(spec.plan_note))
        self._show_backups(vendor)
        self.message.clear()

    def _show_backups(self, vendor: str) -> None:
        """None, or any other vendor; the one saved for ``vendor`` chosen."""
        self.backup.clear()
        self.backup.addItem(self.tr("None"), None)
        for other in AVAILABLE_VENDORS:
            if other != vendor:
                self.backup.addItem(vendor_label(other), other)
        self.backup.setCurrentIndex(max(0, self.backup.findData(self.settings.backup.get(vendor))))
        self.compare.clear()
        self.compare.addItem(self.tr("None"), None)
        for other in AVAILABLE_VENDORS:
            if other != vendor:
                self.compare.addItem(vendor_label(other), other)
        self.compare.setCurrentIndex(max(0, self.compare.findData(self.settings.compare.get(vendor))))

    def apply(self) -> None:
        """Store the choice (the key in the keyring), then tell the window to switch."""
        vendor = self.selected_vendor()
        spec = vendor_spec(vendor)
        typed = self.key.text().strip()
        session_key, note = None, ""
        if typed:
            try:
                set_key(vendor, typed, variable=spec.key_variable)
                stored = stored_key(vendor) == typed
            except KeyStoreError as exc:
                stored, reason = False, words(exc)
            else:
                reason = self.tr("the OS keyring did not keep it")
            if not stored:  # used now, saved nowhere
                session_key = typed
                note = self.tr("The key is used for this session only: %s") % reason
        elif spec.needs_key and not stored_key(vendor):
            self.message.setText(self.tr("%s needs an API key.") % vendor_label(vendor))
            return
        base, ws = self.base_url.text().strip() or None, self.ws_url.text().strip() or None
        for url in (base, ws):
            if url and "://" not in url:
                self.message.setText(self.tr("An address starts with its scheme, e.g. https:// or wss://"))
                return
        if spec.network:
            if base or ws:
                self.settings.hosts[vendor] = VendorHosts(base_url=base, ws_url=ws)
            else:
                self.settings.hosts.pop(vendor, None)
        for field in spec.plan_fields:
            field.write(self.settings, vendor, self.plan_boxes[field.name].value())
        self.settings.watchlist_opens = self.opens.currentData()
        self.settings.rolling_hours = self.rolling.value()
        backup = self.backup.currentData()
        if backup:
            self.settings.backup[vendor] = backup
        else:
            self.settings.backup.pop(vendor, None)
        other = self.compare.currentData()
        if other:
            self.settings.compare[vendor] = other
        else:
            self.settings.compare.pop(vendor, None)
        self.accept()
        self.sig_apply.emit(VendorChoice(vendor, session_key, note))
