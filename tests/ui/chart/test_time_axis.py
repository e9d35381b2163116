"""The time axis marks bars as TradingView does (issue 18, point 4): the date where the day
changes, the month or year where they change, times of day between; never "12:00" on every
4-hour label, never the ambiguous "25-01-06". Expected labels come from datetime/zoneinfo and
the calendar module, not from the chart's code."""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from app.core.periods import Period

HK = ZoneInfo("Asia/Hong_Kong")
NY = ZoneInfo("America/New_York")
YY_MM_DD = re.compile(r"^\d\d-\d\d-\d\d$")


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def _four_hours() -> list[int]:
    start = datetime(2025, 1, 20, 8, tzinfo=HK)  # crypto, round the clock
    return [_ms(start + timedelta(hours=4 * k)) for k in range(400)]


def _five_minutes_us() -> list[int]:
    """US regular sessions, 09:30–16:00 New York, across the switch to summer time (9 March)."""
    out = []
    day = datetime(2025, 3, 3)
    while day < datetime(2025, 3, 15):
        if day.weekday() < 5:
            first = datetime(day.year, day.month, day.day, 9, 30, tzinfo=NY)
            out += [_ms(first + timedelta(minutes=5 * k)) for k in range(78)]
        day += timedelta(days=1)
    return out


def _days() -> list[int]:
    out, day = [], datetime(2023, 6, 1)
    while len(out) < 700:
        if day.weekday() < 5:
            out.append(_ms(datetime(day.year, day.month, day.day, tzinfo=HK)))
        day += timedelta(days=1)
    return out


def _weeks() -> list[int]:
    start = datetime(2016, 1, 4, tzinfo=HK)  # a Monday
    return [_ms(start + timedelta(weeks=k)) for k in range(520)]


def _view(qtbot, period: Period, zone: ZoneInfo, ts: list[int], visible: int, chinese: bool):
    from app.ui.chart.view import ChartView
    from app.ui.kit.theme import RED_UP

    view = ChartView(RED_UP)
    qtbot.addWidget(view)
    view.resize(1300, 600)
    view.show()
    n = len(ts)
    close = 100 + np.cumsum(np.random.default_rng(7).normal(0, 1, n))
    view.configure(period, zone, 2)
    for pane in view.panes:
        pane.time_axis.chinese = chinese
    view.set_arrays(np.array(ts, dtype=np.int64), np.vstack([close, close + 1, close - 1, close, close * 0 + 5]))
    view._set_x(n - visible, n - 1)
    QApplication.processEvents()
    return view


def _expected(moment: datetime, before: datetime | None, intraday: bool, chinese: bool) -> str:
    """What a mark at ``moment`` must read, given the mark before it (None: the first)."""
    day = f"{moment.month}月{moment.day}日" if chinese else f"{calendar.month_abbr[moment.month]} {moment.day}"
    month = f"{moment.month}月" if chinese else calendar.month_abbr[moment.month]
    if intraday:
        if before is not None and moment.year != before.year:
            return f"{moment.year}年{day}" if chinese else moment.strftime("%Y-%m-%d")
        if before is not None and moment.date() != before.date():
            return day
        return moment.strftime("%H:%M")
    if before is not None and moment.year != before.year:
        return f"{moment.year}年" if chinese else str(moment.year)
    if before is not None and moment.month != before.month:
        return month
    return day


CASES = {
    "4h": (Period.H4, HK, _four_hours, 200),
    "5m over several days": (Period.M5, NY, _five_minutes_us, 78 * 6),
    "1d": (Period.D1, HK, _days, 400),
    "1w": (Period.W1, HK, _weeks, 400),
}


@pytest.mark.parametrize("chinese", [False, True], ids=["en", "zh"])
@pytest.mark.parametrize("case", list(CASES))
def test_time_labels_show_the_date_where_the_day_changes(qtbot, case, chinese):
    period, zone, make, visible = CASES[case]
    ts = make()
    view = _view(qtbot, period, zone, ts, visible, chinese)
    ticks = view.panes[-1].time_axis.labelled_ticks()
    assert len(ticks) >= 6, ticks
    labels = [label for _, label, _ in ticks]
    moments = [datetime.fromtimestamp(ts[int(v)] / 1000, zone) for v, _, _ in ticks]
    dates = 0
    for k, (label, moment) in enumerate(zip(labels, moments, strict=True)):
        assert not YY_MM_DD.match(label), label
        before = moments[k - 1] if k else None
        if k:  # the first mark has nothing before it: it shows what its own bar starts
            assert label == _expected(moment, before, period.is_intraday, chinese), (k, moment, labels)
        if before is not None and moment.date() != before.date():
            dates += 1
    assert dates >= 3, labels  # several day changes in view, each of them dated
    # distinct where times differ: equal labels only with a higher unit shown between them
    for i in range(len(labels)):
        for j in range(i + 1, len(labels)):
            if labels[i] == labels[j]:
                assert moments[i] != moments[j]
                between = labels[i + 1:j + 1]
                higher = [t for t in between if t != labels[i] and (":" not in t if period.is_intraday
                                                                    else re.search(r"\d{4}", t))]
                assert higher, (labels[i], i, j, labels)
    assert all(a != b for a, b in zip(labels, labels[1:])), labels


def test_labels_keep_their_distance_and_fit_the_axis(qtbot):
    view = _view(qtbot, Period.M5, NY, _five_minutes_us(), 78 * 6, False)
    axis = view.panes[-1].time_axis
    lo, hi = axis.range
    px = axis._length() / (hi - lo)
    ticks = axis.labelled_ticks()
    for (a, _, wa), (b, _, wb) in zip(ticks, ticks[1:]):
        assert (b - a) * px >= (wa + wb) / 2 + 4  # no two labels touch


def test_new_bars_are_weighed_as_if_all_were_weighed_at_once(qtbot):
    from app.ui.chart import timemarks

    ts = _five_minutes_us()
    view = _view(qtbot, Period.M5, NY, ts[:500], 200, False)
    axis = view.panes[-1].time_axis
    axis.weights()
    close = np.full(len(ts) - 500, 100.0)
    view.manager.set_arrays(np.array(ts, dtype=np.int64),
                            np.vstack([np.r_[view.manager.close, close]] * 4 + [np.r_[view.manager.close, close] * 0]))
    assert np.array_equal(axis.weights(), timemarks.weights(np.array(ts, dtype=np.int64), NY))
