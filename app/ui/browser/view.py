"""Symbol browser: the vendor's categories as a tree, each category's symbols loaded a page at
a time as the user scrolls, with a busy indicator.

The model asks the service for pages and never blocks: a page arrives as a task result and is
inserted as rows. A page is asked for only when the user opens a category or brings the end of
its loaded symbols into view: ``canFetchMore`` is true only then, because ``QTreeView`` asks an
open node for more every time it lays it out and would otherwise pull a whole category, page
after page. A failed page is said in the pane and retried only when the user opens the category
again, so a refusing vendor is not asked in a loop.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMenu,
    QProgressBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.services.market_data import MarketDataService
from app.ui.browser.model import BrowserModel, BrowserColumn, PAGE_SIZE
from app.ui.kit import theme
from app.ui.kit.pane import PaneDefaults


class SymbolBrowser(QWidget, PaneDefaults):
    """The category tree with its busy indicator and empty states.

    Signals:
    - ``sig_symbol_selected(str)``: the user picked a symbol (canonical text) to chart.
    - ``sig_add_to_watchlist(str)``: the user asked to watch a symbol.
    """

    sig_symbol_selected = Signal(str)
    sig_add_to_watchlist = Signal(str)

    def __init__(self, service: MarketDataService, parent: QWidget | None = None,
                 page_size: int = PAGE_SIZE, chinese: bool = False):
        super().__init__(parent)
        self.model = BrowserModel(service, page_size, chinese)
        self.model.setParent(self)
        self.destroyed.connect(self.model.abandon)  # no answer may reach a deleted view
        self._ends = QTimer(self)  # looks for visible ends once the view has laid rows out
        self._ends.setSingleShot(True)
        self._ends.setInterval(0)
        self._ends.timeout.connect(self._load_visible_ends)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.header().setStretchLastSection(True)
        self.view.setColumnWidth(BrowserColumn.NAME, 170)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # indeterminate: the vendor does not say how long
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.tint(self.message, "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)

        self.model.sig_busy.connect(self._on_busy)
        self.model.sig_failed.connect(self._on_failed)
        self._reveal: str | None = None
        self.model.modelReset.connect(self._on_reset)
        self.model.sig_page_loaded.connect(self._on_page_loaded)
        self.view.expanded.connect(self.model.opened)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.view.activated.connect(self._on_current)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.verticalScrollBar().valueChanged.connect(self._load_visible_ends)
        self._refresh_message()

    pane_id = "browser"  # (a source of the linked symbol, not a follower)

    def pane_title(self) -> str:
        return QCoreApplication.translate("MainWindow", "Symbols")

    def reload(self) -> None:
        self._reveal = None
        self.model.reload()
        self._refresh_message()

    def expand_category(self, category_id: str) -> bool:
        """Open a category (its first page loads); False when the vendor has no such one."""
        found = self.model.node_of(category_id)
        if found is None:
            return False
        self.view.expand(self.model.index(found[0], 0))
        return True

    def reveal(self, category_id: str) -> None:
        """Open a category now, or as soon as the categories have arrived."""
        if not self.expand_category(category_id) and self.model.loading_categories:
            self._reveal = category_id

    def _on_reset(self) -> None:
        if self._reveal is not None and self.model.nodes:
            category, self._reveal = self._reveal, None
            self.expand_category(category)
        self._refresh_message()

    def _on_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self._refresh_message()

    def _on_failed(self, error: str) -> None:
        theme.tint(self.message, "red")
        self.message.setText(self.tr("Could not load the symbol list: %s") % error)
        self.message.show()

    def _refresh_message(self) -> None:
        model = self.model
        theme.tint(self.message, "muted")
        if model.loading_categories:
            text = self.tr("Loading categories…")
        elif model.error is not None:
            self._on_failed(model.error)
            return
        elif not model.nodes:
            text = self.tr("No categories from this vendor")
        else:
            text = ""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _on_page_loaded(self, _category_id: str, _count: int) -> None:
        self._ends.start()

    def _load_visible_ends(self, *_args) -> None:
        """Ask for the next page of every open category whose last loaded symbol is in view.
        Qt fetches more only at the very end of the whole list; a category in the middle of
        the tree, or a first page that leaves room, needs this."""
        height = self.view.viewport().height()
        for row, node in enumerate(self.model.nodes):
            index = self.model.index(row, 0)
            if not (node.items and self.view.isExpanded(index) and self.model.has_more(index)):
                continue
            shown = self.view.visualRect(self.model.index(len(node.items) - 1, 0, index))
            if shown.isValid() and 0 <= shown.bottom() < height:
                self.model.request_more(index)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        inst = self.model.instrument(current)
        if inst is not None:
            self.sig_symbol_selected.emit(inst.symbol)

    def _menu(self, pos) -> None:
        inst = self.model.instrument(self.view.indexAt(pos))
        if inst is None:
            return
        menu = QMenu(self)
        chart = QAction(self.tr("Chart %s") % inst.symbol, menu)
        chart.triggered.connect(lambda: self.sig_symbol_selected.emit(inst.symbol))
        watch = QAction(self.tr("Add to watchlist"), menu)
        watch.triggered.connect(lambda: self.sig_add_to_watchlist.emit(inst.symbol))
        menu.addActions([chart, watch])
        menu.popup(self.view.viewport().mapToGlobal(pos))
