"""The Alerts pane's two tables: the saved rules with their state, and the log of what fired
(newest on top). Rows keep their order: a state change repaints one cell, an alert inserts
one row at the top; nothing is sorted again on an update."""

from __future__ import annotations

import math

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from app.core.alerts import FIRED, Alert, AlertRule
from app.ui.alerts.words import EXPIRED, rule_text, state_text
from app.ui.kit import formatting as fmt
from app.ui.kit import theme

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
MAX_LOG = 500  # alerts kept in the log


class RuleColumn(IntEnum):
    SYMBOL = 0
    RULE = 1
    STATE = 2
    NOTE = 3


class LogColumn(IntEnum):
    TIME = 0
    SYMBOL = 1
    RULE = 2
    PRICE = 3


class RulesModel(QAbstractTableModel):
    """The rules in the order they were added; ``state_of(rule_id)`` gives each one's state."""

    def __init__(self, state_of: Callable[[str], str | None]) -> None:
        super().__init__()
        self._state_of = state_of
        self.rules: list[AlertRule] = []
        self._states: list[str | None] = []
        self._headers = [QCoreApplication.translate("AlertsPane", "Symbol"),
                         QCoreApplication.translate("AlertsPane", "Rule"),
                         QCoreApplication.translate("AlertsPane", "State"),
                         QCoreApplication.translate("AlertsPane", "Note")]

    def set_rules(self, rules: list[AlertRule]) -> None:
        if rules == self.rules:
            self.refresh_states()
            return
        self.beginResetModel()
        self.rules = list(rules)
        self._states = [self._state_of(rule.id) for rule in self.rules]
        self.endResetModel()

    def refresh_states(self) -> None:
        """Repaint the state cells that changed (a rule fired, or re-armed as the price went back)."""
        for row, rule in enumerate(self.rules):
            state = self._state_of(rule.id)
            if state != self._states[row]:
                self._states[row] = state
                cell = self.index(row, RuleColumn.STATE)
                self.dataChanged.emit(cell, cell)

    def state(self, row: int) -> str | None:
        return self._states[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rules)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(RuleColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        rule = self.rules[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == RuleColumn.SYMBOL:
                return rule.symbol
            if column == RuleColumn.RULE:
                return rule_text(rule)
            if column == RuleColumn.STATE:
                return state_text(self._states[index.row()])
            return rule.note or ""
        if role == Qt.ItemDataRole.ForegroundRole and column == RuleColumn.STATE:
            state = self._states[index.row()]  # fired stands out; expired is done with
            return theme.current().accent if state == FIRED else theme.current().muted if state == EXPIRED else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{rule.id} · {rule.text}"  # the id and words `quote-terminal alerts` uses
        return None


@dataclass(frozen=True)
class LogEntry:
    """One alert as the log shows it: its time and price already written (once, not per paint)."""

    alert: Alert
    time: str
    rule: str
    price: str


class LogModel(QAbstractTableModel):
    """What fired, the newest on top (at most :data:`MAX_LOG` kept)."""

    def __init__(self, max_rows: int = MAX_LOG) -> None:
        super().__init__()
        self.entries: list[LogEntry] = []
        self._max = max_rows
        self._headers = [QCoreApplication.translate("AlertsPane", "Time"),
                         QCoreApplication.translate("AlertsPane", "Symbol"),
                         QCoreApplication.translate("AlertsPane", "Rule"),
                         QCoreApplication.translate("AlertsPane", "Price")]

    def add(self, alert: Alert, rule: str, decimals: int, zone: ZoneInfo) -> LogEntry:
        price = fmt.price(alert.price, decimals) if math.isfinite(alert.price) else "—"  # (stale: none seen)
        entry = LogEntry(alert, fmt.clock(alert.ts, zone, with_zone=True), rule, price)
        self.beginInsertRows(QModelIndex(), 0, 0)
        self.entries.insert(0, entry)
        self.endInsertRows()
        if len(self.entries) > self._max:
            self.beginRemoveRows(QModelIndex(), self._max, len(self.entries) - 1)
            del self.entries[self._max:]
            self.endRemoveRows()
        return entry

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(LogColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (entry.time, entry.alert.symbol, entry.rule, entry.price)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == LogColumn.PRICE:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and entry.alert.note:
            return entry.alert.note
        return None
