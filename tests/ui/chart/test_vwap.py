"""The VWAP study as a trader reads it: turned on from the Indicators menu, its line equals the
session-anchored VWAP computed with pandas (typical price × volume, cumulated per trading day of
the symbol's calendar), starts again at each trading day's first bar, follows the live bar, and
on daily bars is each bar's typical price."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt

from app.core.periods import Period
from app.core.sessions import calendar_for
from app.core.symbols import market_of
from app.core.types import Bar
from app.storage.settings import Settings
from app.ui.chart.studies import StudyKind
from app.ui.kit import formatting as fmt
from tests.support.windows import still_sim_window

SYMBOL = "HK:00700"


@pytest.fixture
def window(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=[SYMBOL], selected=SYMBOL)) as window:
        yield window


def toggle(chart, kind: StudyKind) -> None:
    """The study's entry of the Indicators menu, as a user picks it."""
    chart.studies_menu.aboutToShow.emit()
    action = next(a for a in chart.studies_menu.actions() if a.text().split(" ")[0] == kind.value
                  or a.text().startswith(kind.value))
    action.trigger()


def vwap_study(chart):
    return next(study for study, _items in chart.view.overlays if study.spec.kind is StudyKind.VWAP)


def pandas_vwap(chart) -> tuple[np.ndarray, np.ndarray]:
    """The reference: one trading day per bar from the calendar (bar by bar), groupby cumsum."""
    m = chart.manager
    calendar = calendar_for(market_of(chart.symbol), None)
    frame = pd.DataFrame({"h": m.high, "l": m.low, "c": m.close, "v": m.volume,
                          "day": [calendar.trading_day(int(t)) for t in m.ts]})
    typical = (frame.h + frame.l + frame.c) / 3
    volume = frame.v.groupby(frame.day).cumsum()
    line = (typical * frame.v).groupby(frame.day).cumsum() / volume.where(volume > 0)
    return line.to_numpy(), frame.day.to_numpy()


def test_vwap_equals_pandas_and_starts_again_each_trading_day(window, qtbot):
    chart = window.chart
    toggle(chart, StudyKind.VWAP)
    assert StudyKind.VWAP in {s.kind for s in chart.view.studies()}
    assert "VWAP" in [s.kind for s in chart.settings.studies]
    expected, days = pandas_vwap(chart)
    got = vwap_study(chart).values("VWAP")
    np.testing.assert_allclose(got, expected, rtol=1e-10, equal_nan=True)
    new_day = np.flatnonzero(days[1:] != days[:-1]) + 1
    assert len(new_day) >= 1, "the chart should span two trading days"
    m = chart.manager
    for i in new_day:  # the day's first bar: its own typical price, whatever came before
        if m.volume[i] > 0:
            assert got[i] == pytest.approx((m.high[i] + m.low[i] + m.close[i]) / 3)
    last = len(m) - 1
    legend = " ".join(text for item in chart.view.price.plot.titleLabel.items for text, _ in item)
    assert f"VWAP\xa0{fmt.price(got[last], chart.view.decimals)}".replace("\xa0", " ") in legend.replace("\xa0", " ")


def test_vwap_follows_the_live_bar(window, qtbot):
    chart = window.chart
    toggle(chart, StudyKind.VWAP)
    study = vwap_study(chart)
    study.values("VWAP")  # computed once; the live bars continue it
    ts, o, h, lo, c, v = chart.manager.bar(len(chart.manager) - 1)
    key = (SYMBOL, "1m")
    window.service.sig_bars.emit({key: [Bar("sim", SYMBOL, "1m", ts, o, h + 2, lo, c + 1, v + 5000)]})
    window.service.sig_bars.emit({key: [Bar("sim", SYMBOL, "1m", ts + 60_000, c, c + 3, c - 1, c + 2, 7000.0)]})
    assert chart.manager.ts[-1] == ts + 60_000
    expected, _days = pandas_vwap(chart)
    np.testing.assert_allclose(study.values("VWAP"), expected, rtol=1e-10, equal_nan=True)


def test_vwap_on_daily_bars_is_each_bar_typical_price(window, qtbot):
    chart = window.chart
    toggle(chart, StudyKind.VWAP)
    button = next(b for b in chart.period_buttons.buttons() if b.property("period") == "1d")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: chart.period is Period.D1 and chart._loaded and len(chart.manager) > 50, timeout=5000)
    m = chart.manager
    got = vwap_study(chart).values("VWAP")
    traded = m.volume > 0
    np.testing.assert_allclose(got[traded], ((m.high + m.low + m.close) / 3)[traded], rtol=1e-12)


def test_vwap_is_drawn_in_its_colour_and_goes_when_turned_off(window, qtbot):
    chart = window.chart
    toggle(chart, StudyKind.VWAP)
    study = vwap_study(chart)
    item = next(items[0] for s, items in chart.view.overlays if s is study)
    colour = item.colour.rgb()

    def pixels() -> int:
        image = chart.view.grab().toImage()
        return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
                   if image.pixel(x, y) == colour)

    assert pixels() > 20
    toggle(chart, StudyKind.VWAP)
    assert StudyKind.VWAP not in {s.kind for s in chart.view.studies()}
    assert pixels() == 0
