"""Every pane names a market's time zone the same way (issue 18, point 19): the chart's header
and time-zone box, the watchlist's Time column, the tape's header and the status bar's clock
say ET / HKT / CST / UTC (美东时间 / 香港时间 / 北京时间 in Chinese), never "UTC+8" beside "HKT"."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from app.storage.settings import Settings
from app.ui.watchlist.columns import WatchlistColumn
from tests.support.windows import still_sim_window
from tests.support.language import language  # noqa: F401 (a fixture)

# The market's zone (checked against zoneinfo below) and the name a trader reads, per language.
MARKETS = {
    "US:AAPL": ("America/New_York", "ET", "美东时间"),
    "HK:00700": ("Asia/Hong_Kong", "HKT", "香港时间"),
    "SH:600519": ("Asia/Shanghai", "CST", "北京时间"),
    "CRYPTO:BTCUSDT": ("UTC", "UTC", "UTC"),
}


def _pane_texts(win, symbol: str) -> dict[str, str]:
    row = win.watchlist_model.row_of(symbol)
    tape = win.tape.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    return {
        "chart header": win.chart.title.text(),
        "chart time-zone box": win.chart.zone_box.itemText(0),
        "watchlist Time": win.watchlist_model.data(win.watchlist_model.index(row, WatchlistColumn.TIME)),
        "tape header": tape,
    }


def test_every_pane_names_each_market_zone_alike(qloop, qtbot, language, monkeypatch):
    from app.ui.kit import formatting as fmt
    from app.ui.shell import status_bar

    column = 1 if language == "en" else 2
    settings = Settings(watchlist=list(MARKETS), selected="CRYPTO:BTCUSDT")
    with still_sim_window(qtbot, settings) as win:
        for symbol, entry in MARKETS.items():
            zone, name = entry[0], entry[column]
            assert fmt.zone_of(symbol).key == ZoneInfo(zone).key  # the reference: IANA's zone
            win.select_symbol(symbol)
            qtbot.waitUntil(lambda s=symbol: win.chart.symbol == s and win.tape.symbol == s, timeout=5000)
            row = win.watchlist_model.row_of(symbol)
            qtbot.waitUntil(lambda r=row: bool(win.watchlist_model.data(win.watchlist_model.index(r, WatchlistColumn.TIME))),
                            timeout=5000)
            texts = _pane_texts(win, symbol)
            for pane, text in texts.items():
                assert name in text, f"{symbol}: {pane} says {text!r}, not {name!r}"
                assert "UTC+" not in text and "EST" not in text and "EDT" not in text, (pane, text)
        for zone, entry in {"America/New_York": MARKETS["US:AAPL"], "Asia/Hong_Kong": MARKETS["HK:00700"],
                            "Asia/Shanghai": MARKETS["SH:600519"]}.items():
            monkeypatch.setattr(status_bar, "LOCAL_ZONE", ZoneInfo(zone))
            win.status._update_clock()
            clock = win.status.clock.text()
            assert clock.endswith(" " + entry[column]), clock
            # the clock's time is that zone's wall clock (zoneinfo, not our code)
            shown = datetime.strptime(clock[:19], "%Y-%m-%d %H:%M:%S")
            now = datetime.now(ZoneInfo(zone)).replace(tzinfo=None)
            assert abs((now - shown).total_seconds()) < 5


def test_new_york_is_et_in_winter_and_summer():
    from app.core.zones import zone_name

    ny = ZoneInfo("America/New_York")
    winter, summer = datetime(2025, 1, 6, 12, tzinfo=ny), datetime(2025, 7, 7, 12, tzinfo=ny)
    assert (winter.tzname(), summer.tzname()) == ("EST", "EDT")  # what zoneinfo alone would show
    assert zone_name(winter) == zone_name(summer) == "ET"
    # an abbreviation that names several zones (IST: India, Ireland, Israel) gives way to the offset
    assert zone_name(datetime(2025, 1, 6, tzinfo=ZoneInfo("Asia/Kolkata"))) == "UTC+5:30"
