"""The small dialog that adds an alert rule: symbol, kind, value, how often it fires (once per
crossing, optionally re-armed only some way back, or every time with a cooldown), when it
expires, and a note. Opened non-modally
(``open()``: the feeds keep running); the rule is checked by the same words as the command
line's (``app.core.alerts.check_rule``) and a problem is said under the fields."""

from __future__ import annotations

import time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.alerts import AlertRuleError, checked_rule
from app.core.alerts.parse import expiry
from app.core.symbols import SymbolError, normalize
from app.services.words import words
from app.ui.alerts.words import kind_name, kinds
from app.ui.kit import theme


ONCE, EVERY = "once", "every"  # how often a rule fires, as the dialog offers it


class AddAlertDialog(QDialog):
    """Signals:

    - ``sig_add(str, str, str, str, dict)``: (symbol, kind, value as typed, note, parts) of a
      rule that passed the checks, ``parts`` the optional ``hysteresis``/``every``/``expires``
      of :func:`app.core.alerts.checked_rule`; the owner saves it. The dialog closes itself then.
    """

    sig_add = Signal(str, str, str, str, dict)

    def __init__(self, parent: QWidget | None = None, symbol: str = "", value: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add alert"))
        self.symbol = QLineEdit(symbol, self)
        self.symbol.setPlaceholderText("HK:00700")
        self.kind = QComboBox(self)
        for kind in kinds():
            self.kind.addItem(kind_name(kind), kind)
        self.value = QLineEdit(value, self)
        self.repeat = QComboBox(self)  # once per crossing, or every time with a cooldown
        self.repeat.addItem(self.tr("Once per crossing"), ONCE)
        self.repeat.addItem(self.tr("Every time, at most once per (s)"), EVERY)
        self.rearm = QLineEdit(self)  # the hysteresis (once) or the cooldown in seconds (every time)
        self.rearm.setPlaceholderText(self.tr("optional: re-arm only this far back"))
        self.repeat.currentIndexChanged.connect(self._on_repeat)
        self.expires = QLineEdit(self)
        self.expires.setPlaceholderText(self.tr("optional: 2h, 1d or 2026-12-31T16:00"))
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("optional words shown with the alert"))
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        theme.tint(self.problem, "red")
        self.problem.hide()
        form = QFormLayout()
        form.addRow(self.tr("Symbol"), self.symbol)
        form.addRow(self.tr("When"), self.kind)
        form.addRow(self.tr("Value"), self.value)
        form.addRow(self.tr("Fires"), self.repeat)
        form.addRow("", self.rearm)
        form.addRow(self.tr("Expires"), self.expires)
        form.addRow(self.tr("Note"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        (self.value if symbol else self.symbol).setFocus()

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))

    def try_accept(self) -> None:
        """Check the fields; a problem is said and the dialog stays open."""
        try:
            symbol = normalize(self.symbol.text().strip())
        except SymbolError as exc:
            self._say(words(exc))
            return
        kind = self.kind.currentData()
        value = self.value.text().strip().replace(",", "")  # "1,234.5" as the panes write it
        parts: dict[str, object] = {}
        rearm = self.rearm.text().strip().replace(",", "")
        if rearm:
            parts["every" if self.repeat.currentData() == EVERY else "hysteresis"] = rearm
        elif self.repeat.currentData() == EVERY:
            self._say(self.tr("Every time needs the seconds between two alerts"))
            return
        try:
            if self.expires.text().strip():
                parts["expires"] = expiry(self.expires.text(), int(time.time() * 1000))
            checked_rule("a0", symbol, kind, value, None, **parts)
        except AlertRuleError as exc:
            self._say(words(exc))
            return
        self.sig_add.emit(symbol, kind, value, self.note.text().strip(), parts)
        self.accept()

    def _on_repeat(self, _index: int) -> None:
        every = self.repeat.currentData() == EVERY
        self.rearm.setPlaceholderText(self.tr("seconds between two alerts") if every
                                      else self.tr("optional: re-arm only this far back"))

    def _say(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
