"""Watchlist: named lists in tabs over one table of the latest quote per symbol, updated once
per frame. Rows are reordered by dragging, removed with Delete, and symbols dropped in from
the symbol browser; every change is handed to the owner to save (``sig_symbols_changed``)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.types import Channel, Quote
from app.services.market_data import MarketDataService
from app.storage.watchlists import WatchlistStore
from app.ui import formatting as fmt
from app.ui import theme
from app.ui.symbol_mime import SYMBOLS_MIME, symbols_from_mime, symbols_mime
from app.ui.tables import data_table
from app.ui.theme import Direction

_Index = QModelIndex | QPersistentModelIndex


class Col(IntEnum):
    SYMBOL = 0
    NAME = 1
    LAST = 2
    CHANGE = 3
    CHANGE_PCT = 4
    VOLUME = 5
    TIME = 6


def _headers() -> list[str]:
    t = QCoreApplication.translate
    return [
        t("Watchlist", "Symbol"), t("Watchlist", "Name"), t("Watchlist", "Last"),
        t("Watchlist", "Change"), t("Watchlist", "Change %"), t("Watchlist", "Volume"),
        t("Watchlist", "Time"),
    ]


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class WatchlistModel(QAbstractTableModel):
    """Rows are symbols in the user's order; cells format the latest quote on demand.

    Signals:

    - ``sig_symbols_changed(list)``: the user changed the rows (a drag, a drop, Delete); the
      list is the new order, for the owner to save.
    """

    sig_symbols_changed = Signal(list)

    def __init__(self, service: MarketDataService, direction: Direction, chinese: bool = False):
        super().__init__()
        self._service = service
        self._direction = direction
        self._chinese = chinese
        self._symbols: list[str] = []
        self._rows: dict[str, int] = {}
        self._quotes: dict[str, Quote] = {}
        self._headers = _headers()
        service.sig_quotes.connect(self.on_quotes)

    # -- content -----------------------------------------------------------------------------

    @property
    def symbols(self) -> list[str]:
        return list(self._symbols)

    def set_symbols(self, symbols: list[str]) -> None:
        old = self._symbols
        self.beginResetModel()
        self._symbols = list(dict.fromkeys(symbols))
        self._rows = {s: i for i, s in enumerate(self._symbols)}
        for s in self._symbols:
            q = self._service.latest_quote(s)
            if q is not None:
                self._quotes[s] = q
        self.endResetModel()
        gone = [s for s in old if s not in self._rows]
        new = [s for s in self._symbols if s not in old]
        for s in gone:
            self._quotes.pop(s, None)  # a symbol that comes back must not show a stale quote
        if gone:
            self._service.release(gone, [Channel.QUOTE])
        if new:
            self._service.acquire(new, [Channel.QUOTE])

    def place_symbols(self, symbols: list[str], row: int) -> None:
        """Put these symbols, in this order, before ``row`` (-1: at the end): rows dragged
        within the list move there, symbols dropped in from elsewhere join there. Quotes and
        subscriptions of the rows already here stay."""
        placed = list(dict.fromkeys(symbols))
        order = self._symbols
        at = row if 0 <= row < len(order) else len(order)
        while at < len(order) and order[at] in placed:  # dropped onto itself: after the block
            at += 1
        before = order[at] if at < len(order) else None
        rest = [s for s in order if s not in set(placed)]
        i = rest.index(before) if before is not None else len(rest)
        new = rest[:i] + placed + rest[i:]
        if new != order:
            self.set_symbols(new)
            self.sig_symbols_changed.emit(self.symbols)

    def remove_symbols(self, symbols: list[str]) -> None:
        gone = set(symbols)
        if gone & set(self._symbols):
            self.set_symbols([s for s in self._symbols if s not in gone])
            self.sig_symbols_changed.emit(self.symbols)

    def refresh_names(self, _instruments: object = None) -> None:
        """Instrument details arrived (names, currency): repaint the name column."""
        if self._symbols:
            self.dataChanged.emit(self.index(0, Col.NAME), self.index(len(self._symbols) - 1, Col.NAME))

    def set_direction(self, direction: Direction) -> None:
        self._direction = direction
        if self._symbols:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._symbols) - 1, len(Col) - 1))

    def quote(self, symbol: str) -> Quote | None:
        return self._quotes.get(symbol)

    def symbol_at(self, row: int) -> str | None:
        return self._symbols[row] if 0 <= row < len(self._symbols) else None

    def row_of(self, symbol: str) -> int | None:
        return self._rows.get(symbol)

    def on_quotes(self, batch: dict[str, Quote]) -> None:
        """One frame's quotes: store them and repaint the touched row span once."""
        rows = self._rows
        touched = []
        for symbol, quote in batch.items():
            row = rows.get(symbol)
            if row is not None:
                self._quotes[symbol] = quote
                touched.append(row)
        if touched:
            self.dataChanged.emit(
                self.index(min(touched), Col.LAST), self.index(max(touched), Col.TIME)
            )

    # -- Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._symbols)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        return base if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled  # drops go between rows

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [SYMBOLS_MIME]

    def mimeData(self, indexes) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return symbols_mime([self._symbols[r] for r in rows])

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index) -> bool:
        symbols = symbols_from_mime(data)
        if not symbols or action == Qt.DropAction.IgnoreAction:
            return bool(symbols)
        if row < 0 and parent.isValid():
            row = parent.row()
        self.place_symbols(symbols, row)
        return False  # we moved the rows ourselves: the view must not remove the originals

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _LEFT if section in (Col.SYMBOL, Col.NAME) else _RIGHT
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        symbol = self._symbols[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(symbol, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col in (Col.LAST, Col.CHANGE, Col.CHANGE_PCT):
                q = self._quotes.get(symbol)
                return self._direction.for_change(q.change if q else None)
            if col in (Col.NAME, Col.TIME):
                return theme.current().muted
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if col in (Col.SYMBOL, Col.NAME) else _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            inst = self._service.instrument(symbol)
            if inst is not None:
                return f"{inst.name} · {inst.name_zh} · {inst.currency}"
        if role == Qt.ItemDataRole.UserRole:
            return symbol
        return None

    def _display(self, symbol: str, col: int) -> str:
        if col == Col.SYMBOL:
            return symbol
        inst = self._service.instrument(symbol)
        if col == Col.NAME:
            if inst is None:
                return ""
            return inst.name_zh if (self._chinese and inst.name_zh) else inst.name
        q = self._quotes.get(symbol)
        if q is None:
            return ""
        decimals = inst.price_decimals if inst else 2
        if col == Col.LAST:
            return fmt.price(q.last, decimals)
        if col == Col.CHANGE:
            return fmt.signed(q.change, decimals)
        if col == Col.CHANGE_PCT:
            return fmt.percent(q.change_pct)
        if col == Col.VOLUME:
            return fmt.compact(q.volume, self._chinese)
        if col == Col.TIME:
            return fmt.clock(q.ts, fmt.exchange_zone(symbol, inst), with_zone=True)
        return ""


class WatchlistWidget(QWidget):
    """The user's named watchlists as tabs over one table, with an empty state.

    Tabs: click to switch, drag to reorder, double-click to rename, "+" for a new list, the
    context menu to rename or delete one. Rows: drag to reorder, Delete to remove, drop symbols
    from the browser. Every change is in the :class:`WatchlistStore` at once.

    Signals:

    - ``sig_symbol_selected(str)``: the canonical symbol of the row the user selected.
    """

    sig_symbol_selected = Signal(str)

    def __init__(self, model: WatchlistModel, store: WatchlistStore, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.store = store
        self.vendor = ""
        self.linked: str | None = None  # the symbol the panes show: re-selected after a reset
        self.tabs = QTabBar(self)
        self.tabs.setMovable(True)
        self.tabs.setExpanding(False)
        self.tabs.setDocumentMode(True)
        self.tabs.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.add_button = QToolButton(self)
        self.add_button.setText("+")
        self.add_button.setToolTip(self.tr("New watchlist"))
        self.add_button.setAutoRaise(True)
        self.view = data_table(self, 24, selectable=True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setModel(model)
        self.view.setAlternatingRowColors(True)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragDropOverwriteMode(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((Col.SYMBOL, 124), (Col.NAME, 110), (Col.LAST, 84), (Col.CHANGE, 76),
                           (Col.CHANGE_PCT, 72), (Col.VOLUME, 64)):
            self.view.setColumnWidth(col, width)
        mono = QFont(self.view.font())
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.view.setFont(mono)
        # over the (always shown) table, so a symbol can be dropped into an empty list
        self.empty = QLabel(self.tr("No symbols — press / to search, or drag some from Symbols"),
                            self.view.viewport())
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        theme.tint(self.empty, "muted")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.tabs, 1)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.view.viewport().installEventFilter(self)
        self.view.installEventFilter(self)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        model.modelReset.connect(self._after_reset)
        model.sig_symbols_changed.connect(self._save)
        self.tabs.currentChanged.connect(self._on_tab)
        self.tabs.tabMoved.connect(self._on_tab_moved)
        self.tabs.tabBarDoubleClicked.connect(self.ask_rename)
        self.tabs.customContextMenuRequested.connect(self._tab_menu)
        self.add_button.clicked.connect(self.ask_new_list)
        self._filling = False
        self._after_reset()

    # -- lists ---------------------------------------------------------------------------------

    def show_lists(self, vendor: str) -> None:
        """The vendor's lists as tabs, its current one in the table."""
        self.vendor = vendor
        self._filling = True
        try:
            while self.tabs.count():
                self.tabs.removeTab(0)
            for name in self.store.names(vendor):
                self.tabs.addTab(name)
            self.tabs.setCurrentIndex(self.store.current(vendor))
        finally:
            self._filling = False
        self.model.set_symbols(self.store.symbols(vendor))

    def add_symbols(self, symbols: list[str]) -> None:
        """At the end of the current list (those already in it stay where they are)."""
        new = [s for s in symbols if self.model.row_of(s) is None]
        if new:
            self.model.place_symbols(new, -1)

    def remove_selected(self) -> None:
        rows = {i.row() for i in self.view.selectionModel().selectedRows()}
        current = self.view.currentIndex()
        if not rows and current.isValid():
            rows = {current.row()}
        symbols = [s for r in sorted(rows) if (s := self.model.symbol_at(r)) is not None]
        if symbols:
            first = min(rows)
            self.model.remove_symbols(symbols)
            if self.model.rowCount():  # the next row takes the selection, as in a list editor
                self.select_symbol(self.model.symbol_at(min(first, self.model.rowCount() - 1)) or "")

    def new_list(self, name: str) -> None:
        self.store.add_list(self.vendor, name)
        self.show_lists(self.vendor)

    def rename_list(self, index: int, name: str) -> None:
        self.store.rename_list(self.vendor, index, name)
        self.tabs.setTabText(index, self.store.names(self.vendor)[index])

    def delete_list(self, index: int) -> None:
        if self.store.remove_list(self.vendor, index):
            self.show_lists(self.vendor)

    def ask_new_list(self) -> QInputDialog:
        dialog = self._ask(self.tr("New watchlist"), self.tr("Name:"), self.store.unique_name(self.vendor, ""))
        dialog.textValueSelected.connect(self.new_list)
        return dialog

    def ask_rename(self, index: int) -> QInputDialog | None:
        if not 0 <= index < self.tabs.count():
            return None
        dialog = self._ask(self.tr("Rename watchlist"), self.tr("Name:"), self.tabs.tabText(index))
        dialog.textValueSelected.connect(lambda text: self.rename_list(index, text))
        return dialog

    def ask_delete(self, index: int) -> QMessageBox:
        """Deleting a list loses its symbols: asked first (non-modal: the feeds keep running)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete watchlist"),
                          self.tr("Delete the watchlist “%1” and its %2 symbols?")
                          .replace("%1", self.tabs.tabText(index))
                          .replace("%2", str(len(self.store.symbols(self.vendor, index)))),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.accepted.connect(lambda: self.delete_list(index))
        box.open()
        return box

    def _ask(self, title: str, label: str, text: str) -> QInputDialog:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(text)
        dialog.open()
        return dialog

    def _tab_menu(self, pos) -> None:
        index = self.tabs.tabAt(pos)
        if index < 0:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Rename…"), lambda: self.ask_rename(index))
        delete = menu.addAction(self.tr("Delete…"), lambda: self.ask_delete(index))
        delete.setEnabled(self.tabs.count() > 1 or bool(self.store.symbols(self.vendor, index)))
        menu.addSeparator()
        menu.addAction(self.tr("New watchlist…"), self.ask_new_list)
        menu.popup(self.tabs.mapToGlobal(pos))

    def _on_tab(self, index: int) -> None:
        if self._filling or index < 0 or not self.vendor:
            return
        self.store.set_current(self.vendor, index)
        self.model.set_symbols(self.store.symbols(self.vendor, index))

    def _on_tab_moved(self, source: int, target: int) -> None:
        self.store.move_list(self.vendor, source, target)

    def _save(self, symbols: list[str]) -> None:
        if self.vendor:
            self.store.set_symbols(self.vendor, self.store.current(self.vendor), symbols)

    # -- rows ----------------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self.empty.setGeometry(self.view.viewport().rect().adjusted(12, 0, -12, 0))
        elif (watched is self.view and event.type() == QEvent.Type.KeyPress
              and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    def _after_reset(self) -> None:
        self.empty.setVisible(self.model.rowCount() == 0)
        if self.linked is not None and self.model.row_of(self.linked) is not None:
            self.select_symbol(self.linked)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        symbol = self.model.symbol_at(current.row())
        if symbol:
            self.linked = symbol
            self.sig_symbol_selected.emit(symbol)

    def select_symbol(self, symbol: str) -> None:
        row = self.model.row_of(symbol)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
