"""The alert tests' window: the still simulator (nothing moves unless the test plants it), its
rules in ``alerts.json`` of the test's own data folder (the file the command line writes), and
events planted through the feed as a vendor would deliver them."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from app.core.types import Quote, Trade
from app.storage.alerts import AlertStore, default_path
from app.storage.settings import Settings
from tests.support.windows import still_sim_window

SYMBOL = "HK:00700"
NOW = int(datetime(2025, 3, 11, 3, 0, tzinfo=UTC).timestamp() * 1000)  # the still simulator's clock (11:00 HKT)


@contextlib.contextmanager
def alerts_window(qtbot, **settings):
    """The still window on HK:00700 with the data folder's alert store; the tray is said to be
    there and its messages recorded, and sound requests counted (the seams of delivery)."""
    store = AlertStore(default_path())
    with still_sim_window(qtbot, Settings(watchlist=[SYMBOL], selected=SYMBOL, **settings), alerts=store) as window:
        alerts = window.alerts
        alerts.tray.available = lambda: True
        alerts.tray_messages = []
        alerts.tray.show_message = lambda title, text: alerts.tray_messages.append((title, text))
        alerts.sounds = []
        alerts.sound.play = lambda: alerts.sounds.append(True)
        yield window


def trade(window, price: float, at_s: float, size: float = 100) -> Trade:
    """A trade delivered by the feed, ``at_s`` seconds after the still clock."""
    event = Trade(window.service.vendor, SYMBOL, NOW + int(at_s * 1000), price, size)
    window.service.feed.emit(event)
    return event


def quote(window, last: float, at_s: float) -> Quote:
    event = Quote(window.service.vendor, SYMBOL, NOW + int(at_s * 1000), last=last, prev_close=last)
    window.service.feed.emit(event)
    return event


def last_price(window) -> float:
    quote = window.service.latest_quote(SYMBOL)
    assert quote is not None and quote.last is not None
    return quote.last
