"""The symbol browser's model: the vendor's categories as a tree, each category's symbols asked
for a page at a time and inserted as rows when they arrive (see the view's module for why)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.core.types import Category, Instrument, InstrumentPage
from app.services.market_data import MarketDataService
from app.services.words import words
from app.ui.kit import theme
from app.ui.kit.async_result import AsyncResults
from app.ui.kit.symbol_mime import SYMBOLS_MIME, symbols_mime

_Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 20
SYMBOL_ROLE = Qt.ItemDataRole.UserRole + 1
_TOP = 0  # internal id of category rows; a symbol row's is its category's row + 1


class BrowserColumn(IntEnum):
    NAME = 0
    DETAIL = 1


@dataclass
class CategoryNode:
    category: Category
    items: list[Instrument] = field(default_factory=list)
    total: int | None = None  # unknown until the first page
    next_page: int = 1
    loading: bool = False
    wanted: bool = False  # the user asked for the next page (opened it, scrolled to its end)
    error: str | None = None

    @property
    def complete(self) -> bool:
        return self.total is not None and (len(self.items) >= self.total or self.next_page < 0)


class BrowserModel(QAbstractItemModel):
    """Categories at the top level, their symbols below.

    Signals:
    - ``sig_busy(bool)``: a request for categories or a page is (no longer) in flight.
    - ``sig_failed(str)``: loading failed; the words say why.
    - ``sig_page_loaded(str, int)``: a page of category ``id`` arrived with ``n`` symbols.
    """

    sig_busy = Signal(bool)
    sig_failed = Signal(str)
    sig_page_loaded = Signal(str, int)

    def __init__(self, service: MarketDataService, page_size: int = PAGE_SIZE, chinese: bool = False):
        super().__init__()
        self._service = service
        self.page_size = page_size
        self.chinese = chinese  # names in Chinese where the vendor gives them
        self.nodes: list[CategoryNode] = []
        self.loading_categories = False
        self.error: str | None = None
        self._loads = AsyncResults(self)  # pages and categories on their way; a reload drops them
        self._loads.sig_busy.connect(self.sig_busy)
        self._headers = [QCoreApplication.translate("Browser", "Symbol"), QCoreApplication.translate("Browser", "Name")]

    # -- loading -----------------------------------------------------------------------------

    def abandon(self) -> None:
        """Cancel what is in flight; answers that still come are dropped unread."""
        self._loads.renew()

    def reload(self) -> None:
        """Start over for the service's current vendor."""
        self.abandon()
        self.beginResetModel()
        self.nodes = []
        self.error = None
        self.endResetModel()
        self.loading_categories = True
        self._loads.track(self._service.fetch_categories(), self._on_categories, self._on_categories_failed)

    @property
    def busy(self) -> bool:
        return self._loads.busy

    def _on_categories_failed(self, error: BaseException) -> None:
        self.loading_categories = False
        self.error = words(error)
        self.sig_failed.emit(self.error)
        self.beginResetModel()
        self.endResetModel()

    def _on_categories(self, categories: list[Category]) -> None:
        self.loading_categories = False
        self.beginResetModel()
        self.nodes = [CategoryNode(c) for c in categories]
        self.endResetModel()

    def node_of(self, category_id: str) -> tuple[int, CategoryNode] | None:
        for row, node in enumerate(self.nodes):
            if node.category.id == category_id:
                return row, node
        return None

    def has_more(self, parent: _Index) -> bool:
        """The category has symbols not loaded yet, and may be asked for them."""
        node = self._category_node(parent)
        return node is not None and not node.loading and node.error is None and not node.complete

    def request_more(self, parent: _Index) -> None:
        """The user wants the category's next page."""
        node = self._category_node(parent)
        if node is not None and self.has_more(parent):
            node.wanted = True
            self.fetchMore(parent)

    def canFetchMore(self, parent: _Index) -> bool:
        node = self._category_node(parent)
        return node is not None and node.wanted and self.has_more(parent)

    def fetchMore(self, parent: _Index) -> None:
        node = self._category_node(parent)
        if node is None or not self.canFetchMore(parent):
            return
        node.loading = True
        node.wanted = False
        self._emit_category_changed(parent.row())
        category_id, page = node.category.id, node.next_page
        self._loads.track(self._service.fetch_page(category_id, page, self.page_size),
                          lambda result: self._on_page(category_id, page, result),
                          lambda error: self._on_page_failed(category_id, error))

    def opened(self, parent: _Index) -> None:
        """The user opened a category: its first page, or a failed one again (once)."""
        node = self._category_node(parent)
        if node is not None and node.error is not None:
            node.error = None
        self.request_more(parent)

    def _on_page_failed(self, category_id: str, error: BaseException) -> None:
        found = self.node_of(category_id)
        if found is None:
            return
        row, node = found
        node.loading = False
        node.error = words(error)
        self._emit_category_changed(row)
        self.sig_failed.emit(node.error)

    def _on_page(self, category_id: str, page: int, result: InstrumentPage) -> None:
        found = self.node_of(category_id)
        if found is None:
            return
        row, node = found
        node.loading = False
        known = {i.symbol for i in node.items}
        fresh = [i for i in result.items if i.symbol not in known]
        node.total = result.total
        node.next_page = page + 1 if fresh and result.has_more else -1  # -1: nothing more
        if fresh:
            parent = self.index(row, 0)
            first = len(node.items)
            self.beginInsertRows(parent, first, first + len(fresh) - 1)
            node.items.extend(fresh)
            self.endInsertRows()
        self._emit_category_changed(row)
        self.sig_page_loaded.emit(category_id, len(fresh))

    def _emit_category_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(BrowserColumn) - 1))

    # -- structure ---------------------------------------------------------------------------

    def _category_node(self, index: _Index) -> CategoryNode | None:
        if index.isValid() and index.internalId() == _TOP and 0 <= index.row() < len(self.nodes):
            return self.nodes[index.row()]
        return None

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.nodes)
        node = self._category_node(parent)
        return len(node.items) if node is not None and parent.column() == 0 else 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return len(BrowserColumn)

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:
        if not parent.isValid():
            return bool(self.nodes)
        node = self._category_node(parent)
        if node is None or parent.column() != 0:
            return False
        return bool(node.items) or not node.complete  # unknown until asked: show the arrow

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.instrument(index) is not None:
            flags |= Qt.ItemFlag.ItemIsDragEnabled  # into a watchlist
        return flags

    def mimeTypes(self) -> list[str]:
        return [SYMBOLS_MIME]

    def mimeData(self, indexes) -> QMimeData:
        found = (self.instrument(i) for i in indexes)
        return symbols_mime(list(dict.fromkeys(inst.symbol for inst in found if inst is not None)))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def instrument(self, index: _Index) -> Instrument | None:
        if not index.isValid() or index.internalId() == _TOP:
            return None
        row = index.internalId() - 1
        if 0 <= row < len(self.nodes) and 0 <= index.row() < len(self.nodes[row].items):
            return self.nodes[row].items[index.row()]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node = self._category_node(index)
        if node is not None:
            return self._category_data(node, index.column(), role)
        inst = self.instrument(index)
        if inst is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == BrowserColumn.NAME:
                return inst.symbol
            return (inst.name_zh or inst.name) if self.chinese else (inst.name or inst.name_zh)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{inst.symbol}  {inst.name}"
        if role == SYMBOL_ROLE:
            return inst.symbol
        return None

    def _category_data(self, node: CategoryNode, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == BrowserColumn.NAME:
                category = node.category
                return (category.name_zh or category.name) if self.chinese else (category.name or category.name_zh)
            if node.error is not None:
                return self.tr("failed — open again to retry")
            if node.loading:
                return self.tr("loading…")
            if node.total is None:
                return ""
            return self.tr("%1 of %2").replace("%1", str(len(node.items))).replace("%2", str(node.total))
        if role == Qt.ItemDataRole.ForegroundRole and column == BrowserColumn.DETAIL:
            return theme.current().red if node.error is not None else theme.current().muted
        if role == Qt.ItemDataRole.ToolTipRole:
            category = node.category
            return node.error or (category.name if self.chinese else category.name_zh) or category.name
        return None
