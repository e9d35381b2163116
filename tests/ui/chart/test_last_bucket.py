"""A live tick that changes only the last bucket patches the candles', volumes' and histogram's
kept draw calls at that bucket (app/ui/chart/last_bucket.py): the picture then moves with the
tick and equals, pixel for pixel, the chart painted from nothing; a tick that moves the last
candle to the other colour, or a new bar, paints afresh."""

from __future__ import annotations

from app.core.types import Bar
from app.ui.chart.items import HistogramItem, VolumeItem
from tests.ui.chart.test_paint_caches import SYMBOL, _frame, _same, window  # noqa: F401 (the fixture)


def _kept_ops(view) -> dict[str, list]:
    """The recording each columns item draws from (a patch keeps it, a fresh paint makes another:
    compared by identity while both are held, since a freed list's id is soon reused)."""
    items = {"candles": view.candles}
    for pane in view.panes[1:]:
        for _name, item in pane.lines:
            if isinstance(item, (VolumeItem, HistogramItem)):
                items[type(item).__name__] = item
    return {name: item._kept.ops for name, item in items.items()}


def _send(window, qtbot, bar: Bar) -> None:
    chart = window.chart
    window.service.sig_bars.emit({(SYMBOL, chart.period.value): [bar]})
    qtbot.waitUntil(lambda: not chart.view.pending.pending, timeout=2000)


def test_a_tick_on_the_last_bar_patches_the_kept_paint_and_paints_as_from_nothing(window, qtbot):
    chart = window.chart
    view = chart.view
    window.resize(1400, 800)
    ts, o, h, lo, c, v = chart.manager.bar(len(chart.manager) - 1)
    up = c >= o
    _send(window, qtbot, Bar("sim", SYMBOL, chart.period.value, ts, o, h, lo, c, v))
    _frame(view)
    before, recordings = _frame(view), _kept_ops(view)
    assert set(recordings) == {"candles", "VolumeItem", "HistogramItem"}
    for k in range(3):  # the close moves within the candle's colour; the wick past the body, the volume grow
        close = c * (1 + 0.002 * (k + 1)) if up else c * (1 - 0.002 * (k + 1))
        h, lo, v = max(h, close * 1.003), min(lo, close * 0.997), v + 50_000.0
        _send(window, qtbot, Bar("sim", SYMBOL, chart.period.value, ts, o, h, lo, close, v))
        after = _frame(view)
        assert after != before, f"tick {k}: the picture did not move with the last bar"
        kept = _kept_ops(view)
        for name in ("candles", "VolumeItem"):  # (the histogram's last bar may change sign here)
            assert kept[name] is recordings[name], f"tick {k}: the {name} were painted afresh"
        _same(view, f"after patched tick {k}")
        before = after
    flip = o * (0.99 if up else 1.01)  # the last candle changes colour: a fresh paint
    _send(window, qtbot, Bar("sim", SYMBOL, chart.period.value, ts, o, max(h, flip), min(lo, flip), flip, v + 1.0))
    _frame(view)
    assert _kept_ops(view)["candles"] is not recordings["candles"]
    _same(view, "after the last candle changed colour")
    _send(window, qtbot, Bar("sim", SYMBOL, chart.period.value, ts + 60_000, flip, flip * 1.01, flip * 0.99,
                             flip * 1.005, 5000.0))
    _same(view, "after a new bar")


def test_a_tick_patches_thin_columns_zoomed_out(window, qtbot):
    """Zoomed out, columns are lines (and candles their wicks): a tick patches those."""
    chart = window.chart
    view = chart.view
    window.resize(1400, 800)
    view.zoom(6.0)
    _frame(view)
    assert view.candles._last.head is not None and view.candles._last.head[1], "not thin: the test tests nothing"
    ts, o, h, lo, c, v = chart.manager.bar(len(chart.manager) - 1)
    before, recordings = _frame(view), _kept_ops(view)
    for k in range(2):
        close = c * (1 + 0.002 * (k + 1)) if c >= o else c * (1 - 0.002 * (k + 1))
        h, lo, v = max(h, close * 1.01), min(lo, close * 0.99), v * 3 + 50_000.0
        _send(window, qtbot, Bar("sim", SYMBOL, chart.period.value, ts, o, h, lo, close, v))
        after = _frame(view)
        assert after != before and _kept_ops(view)["candles"] is recordings["candles"]
        assert _kept_ops(view)["VolumeItem"] is recordings["VolumeItem"]
        _same(view, f"zoomed out, after patched tick {k}")
        before = after


def test_a_tick_moves_the_kept_lines_last_point(window, qtbot):
    """The MA lines' kept paths have their last point moved by a tick (not made again): the
    picture moves with the tick and equals a paint from nothing; a new bar makes them afresh."""
    chart = window.chart
    view = chart.view
    window.resize(1400, 800)
    lines = view._overlay_lines()
    _frame(view)
    ts, o, h, lo, c, v = chart.manager.bar(len(chart.manager) - 1)
    paths = [id(line._path[1]) for line in lines]
    before = _frame(view)
    for k in range(2):
        close = c * (1 + 0.01 * (k + 1))
        _send(window, qtbot, Bar("sim", SYMBOL, chart.period.value, ts, o, max(h, close), lo, close, v + k))
        after = _frame(view)
        assert after != before
        assert [id(line._path[1]) for line in lines] == paths, f"tick {k}: a line's path was made again"
        _same(view, f"after tick {k}, the lines' last points moved")
        before = after
    _send(window, qtbot, Bar("sim", SYMBOL, chart.period.value, ts + 60_000, c, c, c, c, 1.0))
    _frame(view)
    assert [id(line._path[1]) for line in lines] != paths
    _same(view, "after a new bar")
