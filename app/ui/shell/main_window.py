"""Main window: the watchlist and the symbol browser, and three docks (chart, order book,
time and sales) linked by the selected symbol."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QLocale,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QResizeEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QMainWindow,
    QWidget,
)

from app.core.search import SymbolIndex
from app.feeds.base import Feed, FeedError
from app.services.history import KlineHistory
from app.services.market_data import MarketDataService
from app.services.words import words
from app.storage.alerts import AlertStore
from app.storage.settings import ChartSettings, Settings
from app.storage.watchlists import WatchlistStore
from app.storage.workspaces import WorkspaceStore
from app.ui.alerts.install import install_alerts
from app.ui.browser.view import SymbolBrowser
from app.ui.chart.drawings.book import DrawingBook
from app.ui.chart.intraday.opening import open_as_preferred
from app.ui.chart.grid.grid import ChartGrid
from app.ui.chart.pane_state import MAIN_CHART
from app.ui.chart.widget import ChartWidget
from app.ui.failover.install import install_failover
from app.ui.feeds.install import install_feeds
from app.ui.kit import i18n, theme
from app.ui.kit.pane import Pane, PaneState, dock_name
from app.ui.kit.theme import default_red_up, direction
from app.ui.orderbook.view import LadderWidget
from app.ui.palette.view import SymbolPalette
from app.ui.replay.install import install_replay
from app.ui.shell.dock_widths import DockWidths
from app.ui.shell.export_menu import install_export_menu
from app.ui.shell.help_menu import KeysHelp
from app.ui.shell.grid_widths import grid_changed
from app.ui.shell.keys import keys_for, starts_search
from app.ui.shell.language_question import ask_restart
from app.ui.shell.settings_dialog import SettingsDialog, VendorChoice
from app.ui.shell.status_bar import TerminalStatusBar
from app.ui.shell.workspaces import WorkspaceController
from app.ui.tape.view import TapeWidget
from app.ui.watchlist.widget import WatchlistModel, WatchlistWidget

log = logging.getLogger(__name__)

# Makes a vendor's feed from the settings (``app.services.vendors.build_feed``, given by the launcher)
FeedFactory = Callable[..., Feed]

# Around-the-clock symbols: a first run never opens on a dead pane (spot on sim, perp on QOS).
DEFAULT_SELECTED = ("CRYPTO:BTCUSDT", "PERP:BTCUSDT")
MIN_WATCHLIST = 280  # symbol, name and last
MIN_BOOK = 280  # the tape's time, price, size and side



class MainWindow(QMainWindow):
    """Signals:

    - ``sig_closed()``: the user closed the window; the launcher then shuts the service down.
    - ``sig_restart_requested()``: the user asked to start again (a new language); the window
      closes right after, and the launcher starts the program again once everything is saved.
    - ``sig_symbol_selected(str)``: the linked symbol changed (canonical text).
    """

    sig_closed = Signal()
    sig_restart_requested = Signal()
    sig_symbol_selected = Signal(str)

    def __init__(self, service: MarketDataService, settings: Settings, *, history: KlineHistory,
                 watchlists: WatchlistStore, workspaces: WorkspaceStore, feeds: FeedFactory,
                 drawings: DrawingBook | None = None, alerts: AlertStore | None = None,
                 parent: QWidget | None = None):
        """Everything is given (the launcher is the one composition root): the window builds no
        store and no feed; ``feeds`` makes the next vendor's feed on a live switch; ``alerts``
        None keeps the alert rules in memory."""
        super().__init__(parent)
        self.dock_widths = DockWidths(self)  # the chart takes the window's extra width
        self.service = service
        self.settings = settings
        self.watchlists = watchlists
        self._feeds = feeds
        self.setWindowTitle(self.tr("Quote Terminal — %s") % service.vendor)
        self.setDockNestingEnabled(True)
        chinese = QLocale().language() == QLocale.Language.Chinese
        red_up = settings.red_up if settings.red_up is not None else default_red_up()
        self.direction = direction(red_up)

        self.watchlist_model = WatchlistModel(service, self.direction, chinese)
        self.watchlist = WatchlistWidget(self.watchlist_model, self.watchlists, columns=settings.watchlist_columns)
        self.watchlist.sig_columns_changed.connect(lambda names: setattr(self.settings, "watchlist_columns", names))
        self.ladder = LadderWidget(service, self.direction)
        self.tape = TapeWidget(service, self.direction, filters=settings.tape_filters)
        self.history = history
        self.drawings = drawings if drawings is not None else DrawingBook(None, self)  # shared by every chart
        self.chart_grid = ChartGrid(ChartWidget(service, self.direction, self.history, settings.chart,
                                                drawings=self.drawings), self._chart_cell)
        self.chart_grid.sig_layout_changed.connect(lambda _layout: grid_changed(self))
        self.extra_charts: list[tuple[QDockWidget, ChartWidget]] = []  # "New chart", in docks of their own
        self.browser = SymbolBrowser(service, chinese=chinese)

        self.docks: dict[str, QDockWidget] = {}  # pane id → its dock, in the View menu's order
        self._linking = False  # a linked symbol is being handed to the panes
        self.watchlist_dock = self._dock(self.watchlist)
        self.browser_dock = self._dock(self.browser)
        self.chart_dock = self._dock(self.chart_grid)
        self.ladder_dock = self._dock(self.ladder)
        self.tape_dock = self._dock(self.tape)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.watchlist_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.ladder_dock)
        self.splitDockWidget(self.watchlist_dock, self.chart_dock, Qt.Orientation.Horizontal)
        self.splitDockWidget(self.ladder_dock, self.tape_dock, Qt.Orientation.Vertical)
        self.splitDockWidget(self.watchlist_dock, self.browser_dock, Qt.Orientation.Vertical)
        self.resizeDocks([self.watchlist_dock, self.chart_dock, self.ladder_dock], [660, 650, 290],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.watchlist_dock, self.browser_dock], [520, 330], Qt.Orientation.Vertical)
        # sensible smallest side panes (the chart's is its widest tool bar): a narrowing window
        # takes from the chart first, then from these down to these widths; soft, so that a very
        # narrow window (900 px) still fits
        self.dock_widths.floors = {"dock-watchlist": MIN_WATCHLIST, "dock-browser": MIN_WATCHLIST,
                                   "dock-ladder": MIN_BOOK, "dock-tape": MIN_BOOK}

        self.status = TerminalStatusBar(service.vendor, self)
        self.setStatusBar(self.status)
        service.sig_status.connect(self.status.set_status)
        service.sig_rate.connect(self.status.set_rate)
        service.sig_dropped.connect(self.status.set_dropped)
        service.sig_error.connect(self.show_error)
        service.sig_instruments.connect(self.watchlist_model.refresh_names)
        service.sig_instruments.connect(self._reveal_in_browser)
        self.settings_dialog: SettingsDialog | None = None
        self._switching: asyncio.Task[None] | None = None
        self._reveal: str | None = None  # the start-up symbol, shown in the browser once known
        self.watchlist.sig_symbol_selected.connect(self.select_symbol)
        self.watchlist.sig_symbol_activated.connect(self.chart_symbol)
        self.watchlist.sig_symbol_activated.connect(lambda _s: open_as_preferred(self.chart, self.settings))
        self.browser.sig_symbol_selected.connect(self.select_symbol)
        self.browser.sig_add_to_watchlist.connect(self.add_to_watchlist)
        self.search_index = SymbolIndex(lazy=True)  # pinyin after the first frame (shell/warm_up.py)
        service.sig_instruments.connect(self.search_index.add)
        self.palette = SymbolPalette(self.search_index, chinese, self)
        self.palette.sig_chosen.connect(self._on_palette_chosen)
        for keys in (QKeySequence("Ctrl+K"), QKeySequence("/")):
            QShortcut(keys, self, activated=self.open_palette, whatsThis=self.tr("Search symbols"))
        # typing in any pane opens the palette (the tables would take letters for their own search)
        self.alerts = install_alerts(self, alerts or AlertStore(None))  # its dock before the View menu
        self.feeds = install_feeds(self)  # the Feeds dock and the status bar's health light
        self.failover = install_failover(self)  # "via itick" in the status bar and corners
        for widget in (self, *self.findChildren(QAbstractItemView), self.chart.view):
            widget.installEventFilter(self)
        self._build_menu()
        self.workspaces = WorkspaceController(self, workspaces)
        install_export_menu(self)  # File: the chart as PNG or CSV, the watchlist to or from a file
        self.keys_help = KeysHelp(self)  # Help ▸ Keyboard shortcuts (F1, Ctrl+/)
        self.replay = install_replay(self)  # File: Record, Open recording, Rewind; the transport bar

    def _dock(self, pane: Pane) -> QDockWidget:
        """The pane in a dock named after its pane id (saved layouts find it by that name)."""
        dock = QDockWidget(pane.pane_title(), self)
        dock.setObjectName(dock_name(pane.pane_id))
        dock.setWidget(pane)
        self.docks[pane.pane_id] = dock
        self.dock_widths.watch(dock)
        # Closable, so that View's pane toggles work (Qt disables the toggle of a dock that
        # cannot close); the View menu or Restore default layout brings a pane back.
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        return dock

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        settings_action = QAction(self.tr("&Settings…"), self)
        settings_action.setShortcuts(keys_for("Ctrl+,", QKeySequence.StandardKey.Preferences))
        settings_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # from every pane
        settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        settings_action.triggered.connect(self.open_settings)
        file_menu.addAction(settings_action)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcuts(keys_for("Ctrl+Q", QKeySequence.StandardKey.Quit))
        quit_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)  # (the application menu on macOS)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.red_up_action = QAction(self.tr("Red means up (Chinese convention)"), self)
        self.red_up_action.setCheckable(True)
        self.red_up_action.setChecked(self.direction.up == direction(True).up)
        self.red_up_action.toggled.connect(self.set_red_up)
        view_menu.addAction(self.red_up_action)
        theme_menu = view_menu.addMenu(self.tr("&Theme"))
        themes = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name, label in (("dark", self.tr("&Dark")), ("light", self.tr("&Light"))):
            action = QAction(label, themes)
            action.setCheckable(True)
            action.setChecked(theme.current().name == name)
            action.triggered.connect(lambda _checked=False, n=name: self.set_theme(n))
            theme_menu.addAction(action)
            self.theme_actions[name] = action
        language_menu = view_menu.addMenu(self.tr("&Language"))
        languages = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, label in (("auto", self.tr("Automatic (the system's)")), ("en", "English"), ("zh_CN", "简体中文")):
            action = QAction(label, languages)
            action.setCheckable(True)
            action.setChecked(self.settings.language == code)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            language_menu.addAction(action)
            self.language_actions[code] = action
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())

    def open_palette(self, text: str = "") -> None:
        """The symbol search, with what the vendor has told us of so far."""
        self.search_index.add(self.service.instruments())
        self.palette.open_with(text)

    def _on_palette_chosen(self, symbol: str, add: bool) -> None:
        if add:
            self.add_to_watchlist(symbol)
        self.select_symbol(symbol)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A letter or digit typed while no text field has the focus starts a search."""
        if (event.type() == QEvent.Type.KeyPress and not self.palette.isVisible()
                and starts_search(event, QApplication.focusWidget())):
            self.open_palette(event.text())
            return True
        return super().eventFilter(watched, event)

    def start(self) -> None:
        """Subscribe the watchlist, load the vendor's categories and link the remembered (or
        default) symbol, whose category the browser opens."""
        self.browser.reload()
        self.watchlist.show_lists(self.service.vendor)
        symbols = self.watchlist_model.symbols
        selected = self.settings.selected
        if selected not in symbols:
            selected = next((s for s in DEFAULT_SELECTED if s in symbols), None)
        if selected is None and self.watchlist_model.symbols:
            selected = self.watchlist_model.symbols[0]
        if selected is not None:
            self.watchlist.select_symbol(selected)
            self._reveal = selected
            self._reveal_in_browser()
        self.alerts.start()
        self.workspaces.restore_at_start()

    def calendars_changed(self) -> None:
        """Holidays arrived (loaded after the window was up): market status reads them now."""
        self.watchlist_model.tick_status()
        self.ladder.check_book()

    def _reveal_in_browser(self, _instruments: object = None) -> None:
        inst = self.service.instrument(self._reveal) if self._reveal else None
        if inst is not None and inst.category is not None:
            self._reveal = None
            self.browser.reveal(inst.category)

    def add_to_watchlist(self, symbol: str) -> None:
        """At the end of the watchlist shown (saved at once)."""
        self.watchlist.add_symbols([symbol])

    def chart_symbol(self, symbol: str) -> None:
        """Enter in the watchlist: link the symbol and put the keyboard on the chart."""
        self.select_symbol(symbol)
        self.chart_dock.show()
        self.chart_dock.raise_()
        self.chart_grid.active.focus_chart()

    @property
    def chart(self) -> ChartWidget:
        """The main chart: the first cell of the chart dock's grid."""
        return self.chart_grid.cells[0]

    def _chart_cell(self, pane_id: str) -> ChartWidget:
        """A new cell of the grid: typing on it opens the palette, as on every chart."""
        chart = ChartWidget(self.service, self.direction, self.history, ChartSettings(), pane_id=pane_id,
                            drawings=self.drawings)
        chart.view.installEventFilter(self)
        self.alerts.hook_chart(chart)
        return chart

    @property
    def charts(self) -> list[ChartWidget]:
        """The main dock's charts (its grid's cells), then the extra ones."""
        return [*self.chart_grid.cells, *(chart for _dock, chart in self.extra_charts)]

    def panes(self) -> dict[str, Pane]:
        """Every pane by its pane id, in the View menu's order (the extra charts last)."""
        return {pane_id: dock.widget() for pane_id, dock in self.docks.items()}

    @property
    def linked_symbol(self) -> str | None:
        return self.settings.selected

    def select_symbol(self, symbol: str) -> None:
        """Link a symbol: every linked pane shows it (the ladder, the tape, the linked charts;
        the watchlist highlights its row, or none: never another symbol's)."""
        linked = [pane for pane in self.panes().values() if pane.linked]
        if self._linking or all(pane.symbol == symbol for pane in linked):
            return  # (the watchlist, highlighting the row, says the symbol back: nothing to do)
        self.settings.selected = symbol
        self._linking = True
        try:
            for pane in linked:
                pane.set_symbol(symbol)
        finally:
            self._linking = False
        self.sig_symbol_selected.emit(symbol)

    def link_symbol(self, symbol: str) -> None:
        """A workspace's linked symbol: its watchlist row selected when it has one, then linked."""
        if self.watchlist_model.row_of(symbol) is not None:
            self.watchlist.select_symbol(symbol)
        self.select_symbol(symbol)

    def restore_pane(self, pane_id: str, state: PaneState) -> None:
        """A pane's own state from a workspace (the main chart's choices are the settings' too)."""
        dock = self.docks.get(pane_id)
        if dock is None:
            return
        dock.widget().restore_state(state)
        if pane_id == MAIN_CHART:
            self.settings.chart = self.chart.settings

    def add_chart(self, symbol: str | None = None, linked: bool = True, settings: ChartSettings | None = None,
                  pane_id: str | None = None) -> ChartWidget:
        """Another chart in a dock of its own (floating if the user drags it out), linked to the
        watchlist or fixed to ``symbol``; closing its dock removes it."""
        n = 2
        while pane_id is None or pane_id in self.docks:
            pane_id = f"{MAIN_CHART}-{n}"
            n += 1
        chart = ChartWidget(self.service, self.direction, self.history, settings or ChartSettings(),
                            pane_id=pane_id, drawings=self.drawings)
        chart.set_linked(linked)
        dock = self._dock(chart)
        dock.setFeatures(dock.features() | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        dock.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dock.destroyed.connect(lambda _obj=None, d=dock, p=pane_id: self._forget_chart(d, p))
        self._place_beside_chart(dock)
        dock.show()
        dock.raise_()
        self.extra_charts.append((dock, chart))
        chart.view.installEventFilter(self)
        self.alerts.hook_chart(chart)
        target = symbol or (self.settings.selected if linked else None)
        if target:
            chart.set_symbol(target)
        return chart

    def _place_beside_chart(self, dock: QDockWidget) -> None:
        """Beside the chart in use (the one with the keyboard, else the last opened), so that the
        new chart opens in sight and not as a tab behind it."""
        shown = [d for d in (self.chart_dock, *(d for d, _c in self.extra_charts))
                 if d.isVisibleTo(self) and not d.isFloating()]
        focus = QApplication.focusWidget()
        anchor = next((d for d in shown if focus is not None and d.isAncestorOf(focus)), shown[-1] if shown else None)
        if anchor is None:
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            return
        self.addDockWidget(self.dockWidgetArea(anchor), dock)
        self.splitDockWidget(anchor, dock, Qt.Orientation.Horizontal)  # full height: the panes stay readable

    def chart_docks(self) -> list[QDockWidget]:
        """The main chart's dock, then the extra ones': they take the window's extra width."""
        return [self.chart_dock, *(dock for dock, _chart in self.extra_charts)]

    def remove_extra_charts(self) -> None:
        for dock, chart in list(self.extra_charts):
            chart.release()
            self.docks.pop(chart.pane_id, None)
            dock.setObjectName("")  # deleted later: its name must not catch a restored layout
            self.removeDockWidget(dock)
            dock.close()
        self.extra_charts.clear()

    def _forget_chart(self, dock: QDockWidget, pane_id: str) -> None:
        for entry in list(self.extra_charts):
            if entry[0] is dock:
                self.extra_charts.remove(entry)
        if self.docks.get(pane_id) is dock:
            del self.docks[pane_id]

    def set_language(self, code: str) -> None:
        """Remembered now, used from the next start (every pane builds its texts once); when
        it differs from the running one, offer to start again now (a non-modal question, in
        both languages so that a reader of either can answer it)."""
        self.settings.language = code
        running = "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"
        target = i18n.choose(code)
        if target == running:
            return

        self.language_box = ask_restart(self, target, self._restart)

    def _restart(self) -> None:
        self.sig_restart_requested.emit()
        self.close()

    def set_red_up(self, red_up: bool) -> None:
        self.settings.red_up = red_up
        self._apply_direction(red_up)

    def set_theme(self, name: str) -> None:
        """Switch the whole window to the dark or light theme, remembered for the next start."""
        palette = theme.theme_named(name)
        self.settings.theme = palette.name
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, palette)
        self.theme_actions[palette.name].setChecked(True)
        red_up = self.red_up_action.isChecked()
        for chart in self.charts:
            chart.apply_theme(palette, palette.direction(red_up))
        self._apply_direction(red_up)  # the models, in the new shades of red and green
        self.status.restyle()

    def _apply_direction(self, red_up: bool) -> None:
        self.direction = direction(red_up)
        for pane in self.panes().values():
            pane.set_direction(self.direction)

    def show_error(self, message: str) -> None:
        self.status.set_error(message)

    # -- vendor settings and the live switch -------------------------------------------------

    def open_settings(self) -> None:
        """Non-modal (``open()``): the feeds keep running while the dialog is up."""
        if self.settings_dialog is None:
            self.settings_dialog = SettingsDialog(self.settings, self)
            self.settings_dialog.sig_apply.connect(self._on_settings_applied)
        self.settings_dialog.open()

    def _on_settings_applied(self, choice: VendorChoice) -> None:
        self.settings_dialog = None  # rebuilt next time from the new settings
        if self._switching is not None and not self._switching.done():
            self._switching.cancel()
        self._switching = asyncio.ensure_future(self.switch_vendor(choice.vendor, choice.session_key))
        if choice.note:
            self.show_error(choice.note)

    async def switch_vendor(self, vendor: str, api_key: str | None = None) -> None:
        """Release everything, run the service on the new vendor, and show its watchlist."""
        try:
            feed = self._feeds(vendor, self.settings, api_key=api_key)
        except FeedError as exc:
            self.show_error(words(exc))
            return
        for pane in self.panes().values():  # (the watchlist's lists stay in the store)
            pane.release()
        self.search_index.clear()  # the next vendor's symbols are its own
        self.settings.vendor = vendor
        self.status.set_vendor(vendor)
        self.setWindowTitle(self.tr("Quote Terminal — %s") % vendor)
        try:
            await self.service.switch_feed(feed)
        except FeedError as exc:
            self.show_error(words(exc))
        self.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The chart takes the extra width (Qt would share it with the order book and the tape)."""
        super().resizeEvent(event)
        self.dock_widths.window_resized(event.oldSize().width(), event.size().width(), self.chart_docks())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.workspaces.save_current()
        self.sig_closed.emit()
        super().closeEvent(event)
