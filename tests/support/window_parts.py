"""What the launcher gives the main window, built for a test: a kline history without a cache,
the watchlists and workspaces in memory, and the registry's feed factory. The window builds none
of these itself (the launcher is the only composition root); a test passes its own instead of
any of them by keyword."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.history import KlineHistory
from app.services.market_data import MarketDataService
from app.services.vendors import build_feed
from app.storage.alerts import AlertStore
from app.storage.settings import Settings
from app.storage.watchlists import WatchlistStore
from app.storage.workspaces import WorkspaceStore


def window_parts(service: MarketDataService, settings: Settings, **given) -> dict:
    """Keyword arguments for ``MainWindow(service, settings, **window_parts(...))``: ``given``
    (``history=``, ``watchlists=``, ``workspaces=``, ``feeds=``, ``alerts=``) replace the in-memory ones."""
    parts = {
        "history": given.pop("history", None) or KlineHistory(service, None),
        "watchlists": given.pop("watchlists", None)
        or WatchlistStore(None, settings.watchlist_for, QCoreApplication.translate("Watchlist", "Watchlist")),
        "workspaces": given.pop("workspaces", None) or WorkspaceStore(None),
        "feeds": given.pop("feeds", None) or build_feed,
        "drawings": given.pop("drawings", None),  # None: the window keeps its drawings in memory
        "alerts": given.pop("alerts", None) or AlertStore(None),
    }
    if given:
        raise TypeError(f"unknown window parts: {sorted(given)}")
    return parts
