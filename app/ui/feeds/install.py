"""Feed health in the main window: the Feeds dock (behind the Symbols tab, in the View menu)
and the status bar's light, both fed by ``MarketDataService.sig_health``. The window calls
:func:`install_feeds` once while it builds its docks. The health table's model gathers from the
start; the pane showing it is built when its dock is first shown (app/ui/kit/lazy_pane.py;
start-up, issue 24: the first frame shows only its tab)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from app.ui.feeds.indicator import FeedIndicator
from app.ui.feeds.model import FeedsModel
from app.ui.kit.lazy_pane import LazyDock, PanePlaceholder
from app.ui.kit.stale import StaleSymbols

if TYPE_CHECKING:
    from app.ui.feeds.pane import FeedsPane
    from app.ui.shell.main_window import MainWindow


class FeedsController(QObject):
    """What the window holds of feed health: ``model`` (the health table's), ``pane`` (built
    on first use) and its ``dock``, ``indicator``, and ``stale`` (the service's
    :class:`StaleSymbols`, shared with the watchlist, charts and book)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        service = window.service
        self.stale = StaleSymbols.of(service)
        self.model = FeedsModel()
        title = QCoreApplication.translate("FeedsPane", "Feeds")  # (FeedsPane.pane_title)
        placeholder = PanePlaceholder("feeds", title, on_release=self.model.clear)  # (FeedsPane.release)
        self.lazy: LazyDock[FeedsPane] = LazyDock(window, placeholder, self._build_pane)
        self.dock = self.lazy.dock
        window.tabifyDockWidget(window.browser_dock, self.dock)
        window.browser_dock.raise_()
        self.indicator = FeedIndicator(window.status)
        window.status.insertPermanentWidget(2, self.indicator)  # after the connection's state
        service.sig_health.connect(self.model.on_health)
        service.sig_health.connect(self.indicator.on_health)
        service.sig_feed_changed.connect(lambda _vendor: self.indicator.clear())
        self.indicator.sig_open_pane.connect(self.show_pane)
        # (the workspaces are made after the docks: their restored layouts watched from the loop's next turn)
        QTimer.singleShot(0, self, lambda: window.workspaces.sig_layout_restored.connect(self.place_if_unsaved))

    @property
    def pane(self) -> FeedsPane:
        """The Feeds pane (built now if it was not yet)."""
        return self.lazy.pane

    def _build_pane(self) -> FeedsPane:
        from app.ui.feeds.pane import FeedsPane

        pane = FeedsPane(self.model)
        pane.set_stale(dict(self.stale.ages))  # (what the last sig_changed said)
        self.stale.sig_changed.connect(pane.set_stale)
        pane.sig_symbol_chosen.connect(self.window.link_symbol)
        return pane

    def place_if_unsaved(self, layout: bytes) -> None:
        """A workspace saved before the Feeds dock existed leaves it wherever Qt puts it: put it
        back behind the Symbols tab, as the default layout has it."""
        if self.dock.objectName().encode("utf-16-be") in layout:  # (Qt keeps names as UTF-16)
            return
        self.window.tabifyDockWidget(self.window.browser_dock, self.dock)
        self.window.browser_dock.raise_()

    def show_pane(self) -> None:
        """Open (or bring to the front) the Feeds pane."""
        self.dock.show()
        self.dock.raise_()

    def restyle(self) -> None:
        """After a theme switch: the light in the new theme's colours."""
        self.indicator.restyle()


def install_feeds(window: MainWindow) -> FeedsController:
    return FeedsController(window)
