"""The symbol palette's model: the best matches for what was typed, a row each."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.core.search import Hit
from app.ui.kit import theme

_Index = QModelIndex | QPersistentModelIndex
MAX_HITS = 30


class HitModel(QAbstractTableModel):
    """The ranked hits of the current query: the symbol, and its name in the user's language
    (with the other language after it when they differ)."""

    SYMBOL, NAME = 0, 1

    def __init__(self, chinese: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.chinese = chinese
        self.hits: list[Hit] = []

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.hits)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        inst = self.hits[index.row()].instrument
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == self.SYMBOL:
                return inst.symbol
            first, second = (inst.name_zh, inst.name) if self.chinese else (inst.name, inst.name_zh)
            if first and second and second != first:
                return f"{first} · {second}"
            return first or second
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.SYMBOL:
            return theme.current().muted
        return None
