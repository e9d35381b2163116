"""Older pages are added at the head, not by recomputing everything: after three pages the
studies and the level-of-detail pyramid equal a full recompute on the same bars, and the
picture at the join equals that of a chart loaded with all the bars at once."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app.core.periods import Period
from app.core.types import Bar
from app.ui.chart.manager import BarManager
from app.ui.chart.studies import Study, StudyKind, StudySpec
from app.ui.chart.view import ChartView
from app.ui.kit.theme import RED_UP

BASE, PAGE, PAGES = 3000, 400, 3
SPECS = [StudySpec(StudyKind.MA), StudySpec(StudyKind.VOL), StudySpec(StudyKind.MACD),
         StudySpec(StudyKind.MACD, chinese=True), StudySpec(StudyKind.EMA), StudySpec(StudyKind.RSI),
         StudySpec(StudyKind.BOLL), StudySpec(StudyKind.VWAP)]


def _bars(n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(11)
    close = 50.0 * np.exp(np.cumsum(rng.normal(0, 0.003, n)))
    open_ = np.r_[close[0], close[:-1]]
    wick = close * 0.002 * rng.random(n)
    cols = np.vstack((open_, np.maximum(open_, close) + wick, np.minimum(open_, close) - wick, close,
                      rng.random(n) * 1000))
    return 1_700_000_000_000 + np.arange(n, dtype=np.int64) * 60_000, cols


def _page(ts: np.ndarray, cols: np.ndarray, a: int, b: int) -> list[Bar]:
    """A page as ``history.older`` hands it."""
    return [Bar("sim", "HK:00700", "1m", int(ts[i]), *map(float, cols[:, i])) for i in range(a, b)]


def _view(qtbot) -> ChartView:
    view = ChartView(RED_UP)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.configure(Period.M1, ZoneInfo("Asia/Hong_Kong"), 2)
    for spec in SPECS:
        view.add_study(spec)
    view.show()
    return view


def _studies(view: ChartView) -> list[Study]:
    return [study for study, _ in view.overlays] + [p.study for p in view.panes[1:] if p.study is not None]


def _expected_level(cols: np.ndarray, level: int, offset: int) -> np.ndarray:
    """Level ``level`` by reductions over whole buckets (the first has ``2**level - offset`` bars)."""
    size, n = 1 << level, cols.shape[1]
    starts = np.arange(size - offset if offset else 0, n, size)
    starts = np.r_[0, starts] if offset else starts
    ends = np.r_[starts[1:], n] - 1
    return np.vstack((cols[0, starts], np.maximum.reduceat(cols[1], starts), np.minimum.reduceat(cols[2], starts),
                      cols[3, ends], np.maximum.reduceat(cols[4], starts)))


@pytest.fixture
def paged(qtbot, monkeypatch):
    """A view loaded with the newest BASE bars, drawn, then given three older pages (drawn
    after each), and every bar's columns."""
    ts, cols = _bars(BASE + PAGE * PAGES)
    view = _view(qtbot)
    first = PAGE * PAGES
    view.set_arrays(ts[first:], cols[:, first:])
    view.lod.build(8)  # as a zoomed-out view asks for them
    view.grab()
    full_runs: list[str] = []
    whole = Study._full
    monkeypatch.setattr(Study, "_full", lambda self: (full_runs.append(self.spec.title()), whole(self))[1])
    for k in range(PAGES):
        assert view.prepend_bars(_page(ts, cols, first - (k + 1) * PAGE, first - k * PAGE)) == PAGE
        view.grab()  # the items draw: studies brought up to date
        view.lod.build(8)
    assert full_runs == []  # every study took the head path, none started again
    return view, ts, cols


def test_studies_after_older_pages_equal_a_full_recompute(paged):
    view, ts, cols = paged
    fresh = BarManager()
    fresh.decimals = view.manager.decimals
    fresh.set_arrays(ts, cols)
    np.testing.assert_array_equal(view.manager.ts, ts)
    for study in _studies(view):
        reference = Study(study.spec, fresh)
        for name in study.series:
            got, want = study.values(name), reference.values(name)
            assert len(got) == len(want)
            assert np.array_equal(np.isnan(got), np.isnan(want)), (study.spec.title(), name)
            assert got.dtype == want.dtype
            # double-precision lines to rounding; single-precision ones (volume averages) to a
            # float32 step: a head off by a seed or a window is off by far more than either
            rtol = 1e-9 if got.dtype == np.float64 else 2.0 ** -22
            np.testing.assert_allclose(got, want, rtol=rtol, atol=rtol, equal_nan=True,
                                       err_msg=f"{study.spec.title()} {name}")


def test_pyramid_after_older_pages_equals_a_full_reduction(paged):
    view, ts, cols = paged
    assert view.lod.shift == PAGE * PAGES
    for level in range(1, 9):
        offset = view.lod.offset(level)
        assert offset == (-PAGE * PAGES) % (1 << level)
        got = view.lod.columns(level)  # (single precision: maxima, minima and copies round alike)
        np.testing.assert_array_equal(got, _expected_level(cols, level, offset).astype(got.dtype),
                                      err_msg=f"level {level}")


def test_picture_at_the_join_equals_one_loaded_whole(paged, qtbot):
    view, ts, cols = paged
    whole = _view(qtbot)
    whole.set_arrays(ts, cols)
    for chart in (view, whole):
        # the first bar loaded in the middle: the last page's head joins the values kept there
        chart.price.vb.setXRange(PAGE * PAGES - 250, PAGE * PAGES + 250, padding=0)
        chart.grab()  # laid out with its legends
    QApplication.processEvents()
    a, b = view.grab().toImage(), whole.grab().toImage()
    assert a.convertToFormat(QImage.Format.Format_RGB32) == b.convertToFormat(QImage.Format.Format_RGB32)


def test_the_first_older_page_moves_nothing(qtbot, tmp_path):
    """Loaded as the window loads it (the cache's columns with room before and after the bars,
    taken as the chart's own, then the vendor's fresh page merged), the first older page goes
    into the room in front: neither the history's columns nor a study's arrays are copied (at a
    million bars that copy was ~0.15 s)."""
    from app.core.bar_columns import front_room, live_room
    from app.storage.klines import KlineStore

    ts, cols = _bars(BASE + PAGE + 1)
    store = KlineStore(tmp_path / "klines.sqlite")
    store.upsert(_page(ts, cols, PAGE, BASE + PAGE))
    columns = store.latest_columns("sim", "HK:00700", "1m", BASE, room=live_room(BASE), front=front_room(BASE))
    assert columns.front == front_room(BASE) >= PAGE
    view = _view(qtbot)
    view.set_bars(columns)
    view.grab()
    assert view.manager._ts is columns.buffers[0]  # taken, not copied
    view.merge_bars(_page(ts, cols, BASE + PAGE - 2, BASE + PAGE + 1))  # the vendor's fresh page, one bar newer
    view.grab()
    buffers = (view.manager._ts, view.manager._cols)
    arrays = [dict(study._arrays) for study in _studies(view)]
    assert view.prepend_bars(_page(ts, cols, 0, PAGE)) == PAGE
    view.grab()
    assert view.manager._ts is buffers[0] and view.manager._cols is buffers[1]
    for study, before in zip(_studies(view), arrays, strict=True):
        assert all(study._arrays[name] is buf for name, buf in before.items()), study.spec.title()
    np.testing.assert_array_equal(view.manager.ts, ts)
