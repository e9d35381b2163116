"""The small dialog that adds an alert rule: symbol, kind, value, note. Opened non-modally
(``open()``: the feeds keep running); the rule is checked by the same words as the command
line's (``app.core.alerts.check_rule``) and a problem is said under the fields."""

from __future__ import annotations

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

from app.core.alerts import AlertRuleError, check_rule
from app.core.symbols import SymbolError, normalize
from app.services.words import words
from app.ui.alerts.words import kind_name, kinds
from app.ui.kit import theme


class AddAlertDialog(QDialog):
    """Signals:

    - ``sig_add(str, str, str, str)``: (symbol, kind, value as typed, note) of a rule that
      passed the checks; the owner saves it. The dialog closes itself then.
    """

    sig_add = Signal(str, str, str, str)

    def __init__(self, parent: QWidget | None = None, symbol: str = "", value: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add alert"))
        self.symbol = QLineEdit(symbol, self)
        self.symbol.setPlaceholderText("HK:00700")
        self.kind = QComboBox(self)
        for kind in kinds():
            self.kind.addItem(kind_name(kind), kind)
        self.value = QLineEdit(value, self)
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
        try:
            check_rule(kind, value)
        except AlertRuleError as exc:
            self._say(words(exc))
            return
        self.sig_add.emit(symbol, kind, value, self.note.text().strip())
        self.accept()

    def _say(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
