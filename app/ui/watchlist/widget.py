"""Watchlist: the user's named lists in tabs over one table of live quotes.

Tabs: click to switch, drag to reorder, double-click to rename, "+" for a new list, the
context menu to rename or delete one. Rows: drag to reorder, Delete to remove, drop symbols in
from the symbol browser. Columns: the header's context menu chooses them; a click on a header
sorts once (then again descending, then back to the user's order). Every change of a list is in
the :class:`WatchlistStore` at once; the model is in ``model.py``.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
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

from app.storage.watchlists import WatchlistStore
from app.ui.kit import theme
from app.ui.kit.column_fit import SortHeaderStyle, cell_width, title_width
from app.ui.kit.pane import PaneDefaults, PaneState
from app.ui.kit.theme import Direction
from app.ui.watchlist.columns import BOOK_COLUMNS, DEFAULT_COLUMNS, WatchlistColumn
from app.ui.watchlist.model import WatchlistModel
from app.ui.watchlist.table import CELL_PADDING, quote_table
from app.ui.watchlist.transfer import WatchlistTransfer

__all__ = ["WatchlistColumn", "WatchlistModel", "WatchlistWidget"]

STATUS_EVERY_MS = 15_000  # the status column reads the clock; a phase starts on a minute
SPARK_WIDTH = 90  # the sparkline has no text: a width that shows a day's shape
MIN_WIDTH = 40


class WatchlistWidget(QWidget, PaneDefaults):
    """The user's named watchlists as tabs over one table, with an empty state.

    Tabs: click to switch, drag to reorder, double-click to rename, "+" for a new list, the
    context menu to rename or delete one. Rows: drag to reorder, Delete to remove, drop symbols
    from the browser. Every change is in the :class:`WatchlistStore` at once.

    Signals:

    - ``sig_symbol_selected(str)``: the canonical symbol of the row the user selected.
    - ``sig_symbol_activated(str)``: Enter or a double-click on a row: chart it and go to the chart.
    - ``sig_columns_changed(list)``: the columns shown changed (their names, to save).
    """

    sig_symbol_selected = Signal(str)
    sig_symbol_activated = Signal(str)
    sig_columns_changed = Signal(list)

    def __init__(self, model: WatchlistModel, store: WatchlistStore, parent: QWidget | None = None,
                 columns: list[str] | None = None):
        super().__init__(parent)
        self.model = model
        self.store = store
        self.vendor = ""
        self._linked_symbol: str | None = None  # the symbol the panes show: re-selected after a reset
        self.tabs = QTabBar(self)
        self.tabs.setMovable(True)
        self.tabs.setExpanding(False)
        self.tabs.setDocumentMode(True)
        self.tabs.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.add_button = QToolButton(self)
        self.add_button.setText("+")
        self.add_button.setToolTip(self.tr("New watchlist"))
        self.add_button.setAutoRaise(True)
        self.view = quote_table(self, 24)
        self.view.setModel(model)
        self.view.setAlternatingRowColors(True)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragDropOverwriteMode(False)
        header = self.view.horizontalHeader()
        header.setStyle(SortHeaderStyle(header))  # a title never runs under its sort arrow
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsMovable(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.sectionClicked.connect(self._on_header_clicked)
        header.sectionMoved.connect(lambda *_: self.sig_columns_changed.emit(self.column_names()))
        header.sectionResized.connect(self._on_section_resized)
        self._user_sized: set[int] = set()  # columns the user dragged: never sized for them again
        self._fitting = False
        self.view.sig_too_narrow.connect(lambda cols: self.fit_columns([WatchlistColumn(c) for c in cols], grow_only=True))
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_EVERY_MS)
        self._status_timer.timeout.connect(model.tick_status)
        self.set_columns(_parse_columns(columns))
        mono = QFont(self.view.font())
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.view.setFont(mono)
        self.fit_columns()
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
        self.view.doubleClicked.connect(self._on_double_click)
        model.modelReset.connect(self._after_reset)
        model.sig_symbols_changed.connect(self._save)
        self.tabs.currentChanged.connect(self._on_tab)
        self.tabs.tabMoved.connect(self._on_tab_moved)
        self.tabs.tabBarDoubleClicked.connect(self.ask_rename)
        self.tabs.customContextMenuRequested.connect(self._tab_menu)
        self.add_button.clicked.connect(self.ask_new_list)
        self._filling = False
        self.transfer = WatchlistTransfer(self)
        self._after_reset()

    # -- columns and sorting -------------------------------------------------------------------

    @property
    def columns(self) -> list[WatchlistColumn]:
        """The columns shown, in the order on screen."""
        header = self.view.horizontalHeader()
        return [WatchlistColumn(header.logicalIndex(v)) for v in range(header.count())
                if not header.isSectionHidden(header.logicalIndex(v))]

    def set_columns(self, columns: list[WatchlistColumn]) -> None:
        header = self.view.horizontalHeader()
        shown = list(dict.fromkeys(columns)) or list(DEFAULT_COLUMNS)
        for col in WatchlistColumn:
            header.setSectionHidden(col, col not in shown)
        for visual, col in enumerate(shown):  # the user's order
            header.moveSection(header.visualIndex(col), visual)
        self.model.set_book_columns(any(c in BOOK_COLUMNS for c in shown))
        self.model.set_spark_shown(WatchlistColumn.SPARK in shown)
        if WatchlistColumn.STATUS in shown:
            self._status_timer.start()
        else:
            self._status_timer.stop()
        self.fit_columns()

    def toggle_column(self, col: WatchlistColumn, shown: bool) -> None:
        columns = self.columns
        if shown and col not in columns:
            columns.append(col)
        elif not shown and col in columns and len(columns) > 1:
            columns.remove(col)
        self.set_columns(columns)
        self.sig_columns_changed.emit(self.column_names())

    def column_names(self) -> list[str]:
        """The columns shown, as saved in the settings."""
        return [c.name.lower() for c in self.columns]

    def _column_menu(self, pos) -> None:
        menu = QMenu(self)
        shown = set(self.columns)
        titles = self.model.headerData
        for col in WatchlistColumn:
            action = menu.addAction(titles(col, Qt.Orientation.Horizontal))
            action.setCheckable(True)
            action.setChecked(col in shown)
            action.setEnabled(col not in shown or len(shown) > 1)
            action.toggled.connect(lambda on, c=col: self.toggle_column(c, on))
        menu.addSeparator()
        menu.addAction(self.tr("Default columns"), self._default_columns)
        menu.popup(self.view.horizontalHeader().mapToGlobal(pos))

    def _default_columns(self) -> None:
        self.set_columns(list(DEFAULT_COLUMNS))
        self.sig_columns_changed.emit(self.column_names())

    def fit_columns(self, columns: list[WatchlistColumn] | None = None, grow_only: bool = False) -> None:
        """Size columns to their title (with room for the sort arrow) and their cells' texts,
        so nothing is cut: a time with its zone, a name, a price. A column the user dragged
        keeps the user's width."""
        header = self.view.horizontalHeader()
        self._fitting = True
        try:
            for col in self.columns if columns is None else columns:
                if col in self._user_sized or header.isSectionHidden(col):
                    continue
                need = self.column_width(col)
                if not grow_only or need > header.sectionSize(col):
                    self.view.setColumnWidth(col, need)
        finally:
            self._fitting = False

    def column_width(self, col: WatchlistColumn) -> int:
        """The narrowest width that shows ``col``'s title beside a sort arrow and every cell whole."""
        title = str(self.model.headerData(col, Qt.Orientation.Horizontal))
        need = max(MIN_WIDTH, title_width(self.view.horizontalHeader(), title))
        if col == WatchlistColumn.SPARK:
            return max(need, SPARK_WIDTH)
        metrics = QFontMetricsF(self.view.font())
        return max([need, *(cell_width(metrics, text, CELL_PADDING) for text in self.model.texts(col))])

    def content_width(self) -> int:
        """The width the shown columns need, with the table's frame and scroll bar: what the
        watchlist asks of its dock."""
        view = self.view
        return (sum(self.column_width(c) for c in self.columns) + 2 * view.frameWidth()
                + view.verticalScrollBar().sizeHint().width())

    def _on_section_resized(self, logical: int, _old: int, _new: int) -> None:
        shown = self.columns
        stretched = bool(shown) and logical == shown[-1]  # the last one stretches: it follows the others
        if not self._fitting and not stretched and QApplication.mouseButtons() & Qt.MouseButton.LeftButton:
            self._user_sized.add(logical)  # a drag on the header's edge

    def _on_header_clicked(self, section: int) -> None:
        """Ascending, then descending, then the user's own order again."""
        header = self.view.horizontalHeader()
        model = self.model
        if model.sort_column != section:
            model.sort(section, Qt.SortOrder.AscendingOrder)
        elif not model.sort_descending:
            model.sort(section, Qt.SortOrder.DescendingOrder)
        else:
            model.clear_sort()
        header.setSortIndicatorShown(model.sort_column is not None)
        if model.sort_column is not None:
            header.setSortIndicator(section, Qt.SortOrder.DescendingOrder if model.sort_descending
                                    else Qt.SortOrder.AscendingOrder)

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
        menu = QMenu(self)
        if index >= 0:
            menu.addAction(self.tr("Rename…"), lambda: self.ask_rename(index))
            delete = menu.addAction(self.tr("Delete…"), lambda: self.ask_delete(index))
            delete.setEnabled(self.tabs.count() > 1 or bool(self.store.symbols(self.vendor, index)))
            menu.addSeparator()
        menu.addAction(self.tr("New watchlist…"), self.ask_new_list)
        if index < 0 or index == self.tabs.currentIndex():  # (they act on the list shown)
            menu.addSeparator()
            self.transfer.add_to(menu)  # import and export
        self.tab_menu = menu
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
        elif (watched is self.view and event.type() == QEvent.Type.KeyPress
              and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            symbol = self.model.symbol_at(self.view.currentIndex().row())
            if symbol:
                self.sig_symbol_activated.emit(symbol)
            return True
        return super().eventFilter(watched, event)

    def _on_double_click(self, index) -> None:
        symbol = self.model.symbol_at(index.row())
        if symbol:
            self.sig_symbol_activated.emit(symbol)

    def _after_reset(self) -> None:
        self.empty.setVisible(self.model.rowCount() == 0)
        self.fit_columns()
        if self._linked_symbol is not None and self.model.row_of(self._linked_symbol) is not None:
            self.select_symbol(self._linked_symbol)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        symbol = self.model.symbol_at(current.row())
        if symbol:
            self._linked_symbol = symbol
            self.sig_symbol_selected.emit(symbol)

    # -- the pane contract (app.ui.kit.pane) --------------------------------------------------

    pane_id = "watchlist"
    linked = True  # its row of the linked symbol is highlighted

    @property
    def symbol(self) -> str | None:
        return self._linked_symbol

    def pane_title(self) -> str:
        return QCoreApplication.translate("MainWindow", "Watchlist")

    def set_direction(self, direction: Direction) -> None:
        self.model.set_direction(direction)

    def release(self) -> None:
        """The rows' subscriptions go; the lists stay in the store."""
        self.model.set_symbols([])

    def save_state(self) -> PaneState:
        return {"list": self.store.current(self.vendor)}

    def restore_state(self, state: PaneState) -> None:
        index = state.get("list", 0)
        if isinstance(index, int) and 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def set_symbol(self, symbol: str) -> None:
        """The symbol linked from any pane: its row selected, or no row when the list does not
        hold it (a highlighted row always names what the chart shows)."""
        self._linked_symbol = symbol
        if self.model.row_of(symbol) is not None:
            self.select_symbol(symbol)
            return
        self.view.selectionModel().clear()  # (no current row: _on_current links nothing)

    def select_symbol(self, symbol: str) -> None:
        row = self.model.row_of(symbol)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )


def _parse_columns(names: list[str] | None) -> list[WatchlistColumn]:
    """Saved column names (unknown ones, from a newer version, are skipped)."""
    if not names:
        return list(DEFAULT_COLUMNS)
    found = [WatchlistColumn[n.upper()] for n in names if n.upper() in WatchlistColumn.__members__]
    return found or list(DEFAULT_COLUMNS)
