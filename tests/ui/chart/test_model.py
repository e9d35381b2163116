"""The chart's data model without drawing: columns, merges, the level-of-detail pyramid and
studies that recompute only their tail after a tick."""

from __future__ import annotations

import numpy as np
import pytest

from app.core import indicators as ind
from app.core.types import Bar
from app.ui.chart import studies as studies_module
from app.ui.chart.lod import LodPyramid
from app.ui.chart.manager import BarManager
from app.ui.chart.studies import Study, StudyKind, StudySpec, parse_params

MIN = 60_000


def bars(n, start=0, seed=1, t0=0):
    rng = np.random.default_rng(seed)
    c = 100 + np.cumsum(rng.normal(0, 1, n))
    o = np.r_[c[0], c[:-1]]
    return [Bar("sim", "X", "1m", t0 + (start + i) * MIN, float(o[i]), float(max(o[i], c[i]) + 1),
                float(min(o[i], c[i]) - 1), float(c[i]), float(rng.random() * 10)) for i in range(n)]


def test_update_replaces_the_live_bar_appends_a_newer_one_and_ignores_older():
    m = BarManager(capacity=2)
    m.set_bars(bars(3))
    last = m.bar(2)
    assert m.update(Bar("sim", "X", "1m", last[0], 1, 2, 0.5, 1.5, 9)) == 2
    assert m.update(Bar("sim", "X", "1m", last[0] + MIN, 1, 2, 0.5, 1.5, 9)) == 3
    assert m.update(Bar("sim", "X", "1m", 0, 1, 2, 0.5, 1.5, 9)) is None
    assert len(m) == 4 and m.close[-2] == 1.5


def test_merge_fills_a_hole_and_prepend_adds_older_bars_in_front():
    full = bars(10)
    m = BarManager()
    m.set_bars(full[:4] + full[7:])  # a reconnect lost bars 4..6
    assert m.merge(full[3:8]) == 0
    assert list(m.ts) == [b.ts for b in full]
    assert m.close[5] == full[5].close
    older = bars(5, start=-5, seed=2)
    assert m.prepend(older + full[:2]) == 5
    assert len(m) == 15 and m.ts[0] == -5 * MIN and np.all(np.diff(m.ts) > 0)


@pytest.mark.parametrize("n", [1, 2, 3, 1000, 4097])
def test_lod_buckets_keep_first_open_last_close_and_the_extremes(n):
    m = BarManager()
    m.set_bars(bars(n))
    lod = LodPyramid(m)
    for level in (1, 2, 5):
        size = 1 << level
        cols = lod.columns(level)
        assert cols.shape[1] == -(-n // size)
        f = cols.dtype.type  # the levels' precision (single: they are drawn, not read)
        for b in {0, cols.shape[1] // 2, cols.shape[1] - 1}:
            sl = slice(b * size, min((b + 1) * size, n))
            assert cols[0, b] == f(m.open[sl][0]) and cols[3, b] == f(m.close[sl][-1])
            assert cols[1, b] == f(m.high[sl].max()) and cols[2, b] == f(m.low[sl].min())
            assert cols[4, b] == f(m.volume[sl].max())


def test_lod_after_ticks_and_appends_matches_a_fresh_build():
    m = BarManager()
    m.set_bars(bars(1001))
    lod = LodPyramid(m)
    lod.build(6)
    extra = bars(40, start=1001, seed=9)
    for b in extra:
        for bump in (0.0, 3.0):
            m.update(Bar(b.vendor, b.symbol, b.period, b.ts, b.open, b.high + bump, b.low - bump, b.close, b.volume))
        if b.ts % (7 * MIN) == 0:
            lod.columns(4)  # read in between, as frames do
    fresh = LodPyramid(m)
    for level in range(1, 7):
        np.testing.assert_array_equal(lod.columns(level), fresh.columns(level))


@pytest.mark.parametrize("spec", [
    StudySpec(StudyKind.MA), StudySpec(StudyKind.EMA, (3, 12)), StudySpec(StudyKind.BOLL),
    StudySpec(StudyKind.VOL), StudySpec(StudyKind.MACD), StudySpec(StudyKind.MACD, chinese=True),
    StudySpec(StudyKind.RSI, (6, 14)),
])
def test_studies_after_ticks_equal_a_full_computation(spec):
    m = BarManager()
    m.set_bars(bars(300))
    study = Study(spec, m)
    study.values(study.series[0])
    for b in bars(30, start=300, seed=4):
        m.update(Bar(b.vendor, b.symbol, b.period, b.ts, b.open, b.high, b.low, b.open, b.volume))
        study.values(study.series[0])  # a frame in between
        m.update(b)
    fresh = Study(spec, m)
    for name in study.series:
        np.testing.assert_allclose(study.values(name), fresh.values(name), rtol=1e-10, atol=1e-10,
                                   equal_nan=True)
    if spec.kind is StudyKind.MACD:
        dif, dea, hist = ind.macd(m.close)
        np.testing.assert_allclose(study.values(study.series[2]), hist * (2 if spec.chinese else 1),
                                   rtol=1e-9, atol=1e-9, equal_nan=True)


def test_a_tick_recomputes_only_the_tail(monkeypatch):
    m = BarManager()
    m.set_bars(bars(5000))
    study = Study(StudySpec(StudyKind.EMA, (12,)), m)
    study.values("EMA12")
    seen, tails = [], []
    real = ind.smooth
    monkeypatch.setattr(ind, "smooth", lambda x, a, s: seen.append(len(x)) or real(x, a, s))
    real_tail = studies_module._recur_tail
    monkeypatch.setattr(studies_module, "_recur_tail",
                        lambda out, tail, a, start: tails.append(len(tail)) or real_tail(out, tail, a, start))
    last = bars(5000)[-1]
    m.update(Bar(last.vendor, last.symbol, last.period, last.ts, last.open, last.high, last.low, 99.0, 1.0))
    got = study.values("EMA12")
    assert tails == [1] and seen == []  # the last value alone, as a scalar: nothing over the series
    np.testing.assert_allclose(got, ind.ema(m.close.copy(), 12), rtol=1e-12, equal_nan=True)


def test_parameters_typed_by_a_user_are_checked_in_words():
    assert parse_params(StudyKind.MA, "5, 10，20") == (5, 10, 20)
    assert parse_params(StudyKind.BOLL, "20,2.5") == (20, 2.5)
    for kind, text, words in ((StudyKind.MACD, "12,26", "3 numbers"), (StudyKind.MA, "abc", "numbers"),
                              (StudyKind.RSI, "0", "whole numbers"), (StudyKind.BOLL, "20,50", "band width")):
        with pytest.raises(ValueError, match=words):
            parse_params(kind, text)
