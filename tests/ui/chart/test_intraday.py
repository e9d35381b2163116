"""The intraday view (分时) and five days (五日) through the chart's period buttons, on a still
simulator keeping the markets' real sessions: its clock stands at Tuesday 2025-03-11 11:00 in
Hong Kong and Shanghai (both in their morning session, the afternoon not traded yet)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.core.periods import Period
from app.storage.settings import Settings
from app.ui.kit import theme
from tests.support.qt_loop import run_task
from tests.support.windows import still_sim_window

HK = ZoneInfo("Asia/Hong_Kong")
CN = ZoneInfo("Asia/Shanghai")
DAY = date(2025, 3, 11)


@pytest.fixture
def window(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=["HK:00700", "SH:600519"], selected="HK:00700"),
                          always_open=False) as w:
        yield w


def _intraday(qtbot, chart, days: int = 1):
    """Click the period button for ``days`` and wait until its minutes are drawn."""
    qtbot.mouseClick(chart.intraday_buttons[days], Qt.MouseButton.LeftButton)
    view = chart.intraday.view
    qtbot.waitUntil(lambda: len(view.days) == days and view.days[-1].traded > 0 and view.centre is not None,
                    timeout=10000)
    return view


def _ms(zone: ZoneInfo, hh: int, mm: int, day: date = DAY) -> int:
    return int(datetime(day.year, day.month, day.day, hh, mm, tzinfo=zone).timestamp() * 1000)


def _slot(view, ts: int) -> int:
    slots = view.days[-1].grid.slots
    (found,) = np.flatnonzero(slots == ts)
    return int(found) + sum(len(d.grid) for d in view.days[:-1])


def _near(colour, want, tolerance: int = 60) -> bool:
    """The same colour give or take antialiasing."""
    return abs(colour.red() - want.red()) + abs(colour.green() - want.green()) + abs(colour.blue() - want.blue()) \
        < tolerance


def test_the_average_line_is_the_cumulative_turnover_over_the_volume(qtbot, window):
    chart = window.chart
    view = _intraday(qtbot, chart)
    bars = run_task(qtbot, window.service.feed.klines("HK:00700", Period.M1, 2000))
    today = [b for b in bars if _ms(HK, 9, 30) <= b.ts < _ms(HK, 16, 0)]
    assert len(today) > 60
    high, low, close, vol = (np.array([getattr(b, f) for b in today]) for f in ("high", "low", "close", "volume"))
    expected = np.cumsum((high + low + close) / 3 * vol) / np.cumsum(vol)  # turnover: typical price × volume
    day = view.days[-1]
    slots = [_slot(view, b.ts) for b in today]
    np.testing.assert_allclose(day.average[slots], expected, rtol=1e-12)
    np.testing.assert_allclose(day.price[slots], close)
    # and it is the yellow line drawn: the average's colour at the last minute's average
    image = view.grab().toImage()
    x, y = view.x_of(slots[-1]), view.y_of(float(expected[-1]))
    want = view.theme.intraday_average
    near = [image.pixelColor(round(x) + dx, round(y) + dy) for dx in (-2, -1, 0, 1) for dy in (-1, 0, 1)]
    assert any(abs(c.hue() - want.hue()) < 12 and c.saturation() > 100 for c in near)  # its hue, antialiased


@pytest.mark.parametrize(("symbol", "zone", "morning_close", "slots"),
                         [("HK:00700", HK, (12, 0), 330), ("SH:600519", CN, (11, 30), 240)])
def test_the_lunch_break_takes_no_room(qtbot, window, symbol, zone, morning_close, slots):
    chart = window.chart
    chart.set_symbol(symbol)
    view = _intraday(qtbot, chart)
    qtbot.waitUntil(lambda: chart.intraday.symbol == symbol and view.days and view.days[-1].traded > 0,
                    timeout=10000)
    assert view.slot_count() == slots
    last_morning = _ms(zone, *morning_close) - 60_000
    one_slot = view.x_of(1) - view.x_of(0)
    assert view.x_of(_slot(view, _ms(zone, 13, 0))) == pytest.approx(view.x_of(_slot(view, last_morning)) + one_slot)
    labels = [text for _x, text in view.time_labels()]
    hh, mm = morning_close
    assert labels == ["09:30", f"{hh:02d}:{mm:02d}/13:00", "16:00" if zone is HK else "15:00"]


def test_the_minutes_not_traded_yet_are_left_empty_to_the_close(qtbot, window):
    view = _intraday(qtbot, window.chart)
    day = view.days[-1]
    assert day.traded == 91  # 09:30 … 11:00 traded: the clock stands at 11:00, its minute begun
    assert np.isnan(day.price[day.traded:]).all() and not np.isnan(day.price[: day.traded]).any()
    f = view.frame()
    assert view.x_of(view.slot_count() - 1) < f.right  # the x range reaches the close
    image = view.grab().toImage()
    line = view.theme.intraday_price

    def drawn(x0: float, x1: float) -> int:
        return sum(1 for x in range(int(x0), int(x1)) for y in range(int(f.price_top) + 1, int(f.price_bottom))
                   if _near(image.pixelColor(x, y), line))
    assert drawn(f.left, view.x_of(day.traded - 1)) > 50
    assert drawn(view.x_of(day.traded) + 2, f.right - 1) == 0


def test_the_price_axis_is_symmetric_around_the_previous_close(qtbot, window):
    view = _intraday(qtbot, window.chart)
    quote = window.service.latest_quote("HK:00700")
    assert view.centre == quote.prev_close
    day = view.days[-1]
    lo, hi = view.price_range()
    half = max(day.high - quote.prev_close, quote.prev_close - day.low)
    assert hi - quote.prev_close == pytest.approx(quote.prev_close - lo)
    assert half < hi - quote.prev_close <= half * 1.1
    prices = [p for p, _t in view.price_labels()]
    assert len(prices) % 2 == 1 and prices[len(prices) // 2] == quote.prev_close
    np.testing.assert_allclose(np.array(prices) - quote.prev_close, -(np.array(prices[::-1]) - quote.prev_close))
    for price, text in view.percent_labels():
        pct = (price - quote.prev_close) / quote.prev_close * 100
        assert text == ("0.00%" if abs(pct) < 0.005 else f"{pct:+.2f}%")
    # prices above the previous close in the rising colour, below in the falling one (on the axis)
    image = view.grab().toImage()
    f = view.frame()

    def coloured(price: float, colour) -> bool:
        y = int(view.y_of(price))
        return any(image.pixelColor(x, y + dy) == colour for x in range(2, int(f.left) - 4) for dy in (-2, 0, 2))
    assert coloured(prices[-1], view.direction.up) and coloured(prices[0], view.direction.down)


def test_five_days_side_by_side_with_separators_and_dates(qtbot, window):
    chart = window.chart
    view = _intraday(qtbot, chart, 5)
    assert len(view.separators()) == 4
    dates = [text for _x, text in view.time_labels()]
    assert dates == ["03-05", "03-06", "03-07", "03-10", "03-11"]
    assert view.slot_count() == 4 * 330 + 330
    first = view.days[0].grid.slots[0]
    before = [b for b in chart.intraday.bars if b.ts < first]
    assert view.centre == before[-1].close  # the close before the first of the five days
    assert all(d.traded == 330 for d in view.days[:-1]) and view.days[-1].traded == 91
    # the average restarts each day: each day's first minute averages that minute alone
    for d in view.days:
        bar = next(b for b in chart.intraday.bars if b.ts == int(d.grid.slots[0]))
        assert d.average[0] == pytest.approx((bar.high + bar.low + bar.close) / 3)


def test_the_crosshair_reads_the_minute(qtbot, window):
    view = _intraday(qtbot, window.chart)
    slot = _slot(view, _ms(HK, 10, 15))
    QTest.mouseMove(view, QPoint(int(view.x_of(slot)), int(view.y_of(view.centre))))
    qtbot.waitUntil(lambda: view.hover == slot)
    day = view.days[-1]
    text = view.legend()
    assert text.startswith("10:15 HKT")
    for part in (f"{day.price[slot]:,.{view.decimals}f}", f"Avg {day.average[slot]:,.{view.decimals}f}",
                 f"{(day.price[slot] - view.centre) / view.centre * 100:+.2f}%"):
        assert part in text


def test_the_buttons_switch_views_and_the_choice_survives_a_restart(qtbot, qloop):
    settings = Settings(watchlist=["HK:00700"], selected="HK:00700")
    with still_sim_window(qtbot, settings, always_open=False) as window:
        chart = window.chart
        _intraday(qtbot, chart)
        assert chart.intraday.isVisible() and not chart.view.isVisible() and chart.surface is chart.intraday.view
        qtbot.mouseClick(next(b for b in chart.period_buttons.buttons() if b.property("period") == "5m"),
                         Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: chart.view.isVisible() and chart.period is Period.M5)
        assert not chart.intraday.isVisible() and settings.chart.intraday == 0
        _intraday(qtbot, chart, 5)
        assert settings.chart.intraday == 5
    import msgspec

    again = msgspec.json.decode(msgspec.json.encode(settings), type=Settings)  # as saved and read back
    with still_sim_window(qtbot, again, always_open=False) as window:
        chart = window.chart
        qtbot.waitUntil(lambda: len(chart.intraday.view.days) == 5, timeout=10000)
        assert chart.intraday.isVisible() and chart.intraday_buttons[5].isChecked()
        assert "5 days" in chart.title.text()


def _double_click(table, pos: QPoint) -> None:
    """A user's double-click: a click, then the second press Qt reads as the double-click."""
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_enter_and_double_click_in_the_watchlist_open_the_preferred_view(qtbot, window):
    chart, table = window.chart, window.watchlist.view
    window.settings.watchlist_opens = "intraday"
    table.setCurrentIndex(table.model().index(1, 0))
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: chart.intraday.isVisible() and chart.intraday.symbol == "SH:600519")
    qtbot.waitUntil(lambda: chart.intraday.view.slot_count() == 240)  # Shanghai's day, not Hong Kong's
    window.settings.watchlist_opens = "chart"
    rect = table.visualRect(table.model().index(0, 0))
    _double_click(table, rect.center())
    qtbot.waitUntil(lambda: chart.view.isVisible() and chart.symbol == "HK:00700")
    assert not chart.intraday.isVisible()
    window.settings.watchlist_opens = "intraday"
    _double_click(table, rect.center())
    qtbot.waitUntil(lambda: chart.intraday.isVisible() and chart.intraday.symbol == "HK:00700")


def test_the_settings_dialog_sets_what_the_watchlist_opens(qtbot, qloop):
    from app.ui.shell.settings_dialog import SettingsDialog

    settings = Settings(vendor="sim")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.opens.currentData() == "chart"
    dialog.opens.setCurrentIndex(dialog.opens.findData("intraday"))
    with qtbot.waitSignal(dialog.sig_apply):
        dialog.apply()
    assert settings.watchlist_opens == "intraday"
    assert SettingsDialog(settings).opens.currentData() == "intraday"


def test_the_lines_take_the_themes_colours(qtbot, window):
    view = _intraday(qtbot, window.chart)
    for palette in (theme.LIGHT, theme.DARK):
        view.apply_theme(palette, palette.direction(False))
        image = view.grab().toImage()
        assert image.pixelColor(2, 2) == palette.background
        f = view.frame()
        colours = {image.pixelColor(x, y).getRgb()[:3] for x in range(int(f.left), int(f.right))
                   for y in range(int(f.price_top), int(f.price_bottom))}
        want = palette.intraday_price.getRgb()[:3]  # an antialiased 1 px line: near the colour
        assert any(max(abs(a - b) for a, b in zip(c, want, strict=True)) <= 12 for c in colours)


def test_live_minutes_keep_it_moving(qtbot, qloop):
    """On a running simulator (kept open: one 24-hour session) the live 1m bars reach the view."""
    from tests.support.windows import window_on_sim

    with window_on_sim(qtbot, Settings(watchlist=["HK:00700"], selected="HK:00700")) as window:
        chart = window.chart
        qtbot.waitUntil(lambda: chart.symbol == "HK:00700", timeout=10000)
        view = _intraday(qtbot, chart)
        assert view.slot_count() == 1440
        day = view.days[-1]
        last, volume = day.traded, float(np.nansum(day.volume))
        qtbot.waitUntil(lambda: view.days[-1].traded > last or float(np.nansum(view.days[-1].volume)) > volume,
                        timeout=10000)


def test_arrow_keys_walk_the_crosshair_and_escape_hides_it(qtbot, window):
    view = _intraday(qtbot, window.chart)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert view.hover == view.last_slot() - 1
    _day, _i, ts = view.at(view.hover)
    assert view.legend().startswith(datetime.fromtimestamp(ts / 1000, HK).strftime("%H:%M HKT"))
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.hover == view.last_slot()
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert view.hover is None


def test_the_time_axis_follows_the_charts_zone(qtbot, window):
    chart = window.chart
    view = _intraday(qtbot, chart)
    assert view.zone_text() == "HKT"
    chart.zone_box.setCurrentIndex(1)  # local time
    from app.ui.chart.settings import LOCAL_ZONE

    opening = datetime.fromtimestamp(_ms(HK, 9, 30) / 1000, LOCAL_ZONE)
    assert view.time_labels()[0][1] == opening.strftime("%H:%M")
    assert view.zone_text() == zones_name(opening)


def zones_name(moment: datetime) -> str:
    from app.core.zones import zone_name

    return zone_name(moment, False)


def test_typing_on_the_intraday_view_opens_the_palette(qtbot, window):
    view = _intraday(qtbot, window.chart)
    view.setFocus()
    qtbot.keyClicks(view, "7")  # 键盘精灵: a code typed anywhere
    assert window.palette.isVisible() and window.palette.edit.text() == "7"


def test_a_vendor_refusing_the_minutes_is_said_on_the_view(qtbot, window, monkeypatch):
    feed = window.service.feed

    async def refused(symbol, period, count, end=None):
        raise ConnectionError("minute bars refused")

    monkeypatch.setattr(feed, "klines", refused)
    chart = window.chart
    chart.set_symbol("SH:600519")
    view = chart.intraday.view
    qtbot.mouseClick(chart.intraday_buttons[1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "minute bars refused" in view.empty_text())
    assert view.empty_text().startswith("No minutes for SH:600519")
    assert view.days == [] and view.isVisible()


def test_minutes_narrower_than_two_pixels_share_a_volume_bar_per_column(qtbot):
    """Five days of a market open around the clock (7,200 minutes) in 800 pixels: one bar a
    pixel column holding its minutes' volume, none lost; a Hong Kong day: one bar a minute."""
    from app.core.intraday import day_grid, last_days, place
    from app.core.sessions import calendar_for
    from app.core.symbols import Market
    from app.core.types import Bar
    from app.ui.chart.intraday.paint import volume_bars
    from app.ui.chart.intraday.view import IntradayView

    view = IntradayView(theme.RED_UP)
    qtbot.addWidget(view)
    view.resize(800, 500)
    rng = np.random.default_rng(5)
    for market, count in ((Market.CRYPTO, 5), (Market.HK, 1)):
        calendar = calendar_for(market)
        grids = [day_grid(calendar, d) for d in last_days(calendar, DAY, count)]
        series = [place(g, [Bar("t", "X", "1m", int(ts), 10, 10.5, 9.5, 10 + rng.normal(), float(rng.integers(1, 99)))
                            for ts in g.slots]) for g in grids]
        view.set_days(series, 10.0)
        xs, volumes, moves, width = volume_bars(view)
        total = sum(float(np.nansum(s.volume)) for s in series)
        assert volumes.sum() == pytest.approx(total)
        if market is Market.CRYPTO:
            assert view.slot_count() == 7200 and len(xs) <= 800 - 2 * 70 and width == 1.0
        else:
            assert len(xs) == 330 and width > 1.0


def test_minutes_fetched_again_after_a_reconnect_fill_the_gap(qtbot, window):
    chart = window.chart
    view = _intraday(qtbot, chart)
    assert ("HK:00700", "1m") in window.history._followed  # followed: its minutes come back after a drop
    day = view.days[-1]
    missed = [b for b in chart.intraday.bars if b.ts >= int(day.grid.slots[60])]
    chart.intraday.bars = [b for b in chart.intraday.bars if b.ts < int(day.grid.slots[60])] + missed[-1:]
    chart.intraday._relayout()
    assert view.days[-1].volume[70] == 0  # a hole: carried, no volume
    window.history.sig_backfill.emit({("HK:00700", "1m"): missed})
    assert view.days[-1].volume[70] == missed[10].volume


def test_the_intraday_view_takes_the_whole_plot_area_and_gives_it_back(qtbot, window):
    """Nothing of the hidden candle view (nor its drawing strip) keeps a share of the height."""
    chart = window.chart
    qtbot.waitUntil(lambda: chart.view.height() > 0.6 * chart.height())
    below_tools = chart.height() - chart.tool_rows.geometry().bottom()
    _intraday(qtbot, chart)
    qtbot.waitUntil(lambda: chart.intraday.height() > 0.9 * below_tools)
    qtbot.mouseClick(next(b for b in chart.period_buttons.buttons() if b.text() == "1d"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: chart.view.isVisible() and chart.view.height() > 0.9 * below_tools)
