"""A live tick's moving averages (MA, the volume's MAVOL) are NumPy's mean of each window that
holds the changed bar, bit for bit (study_steps.window_tail sums the window as the mean does,
without its set-up), in the study's own precision."""

from __future__ import annotations

import numpy as np
import pytest

from app.core.types import Bar
from app.ui.chart.manager import CLOSE, VOLUME, BarManager
from app.ui.chart.studies import Study, StudyKind, StudySpec
from tests.ui.chart.test_model import bars


@pytest.mark.parametrize("kind", [StudyKind.MA, StudyKind.VOL])
def test_a_tick_averages_each_window_as_numpys_mean(kind):
    m = BarManager()
    m.set_bars(bars(400, seed=3))
    study = Study(StudySpec(kind), m)
    study.values(study.series[0])
    column = VOLUME if kind is StudyKind.VOL else CLOSE
    periods = [int(p) for p in study.spec.effective_params()]
    rng = np.random.default_rng(9)
    for b in bars(25, start=400, seed=5):
        for _ in range(3):  # ticks of the live bar, then the next bar
            close = b.close * (1 + rng.normal(0, 1e-3))
            m.update(Bar(b.vendor, b.symbol, b.period, b.ts, b.open, max(b.high, close), min(b.low, close),
                         close, b.volume + rng.random()))
            x = m.column(column)
            i = len(x) - 1
            for name, k in zip(study.series, periods, strict=True):
                values = study.values(name)
                expected = x[i - k + 1:i + 1].reshape(1, k).mean(axis=1)[0]
                assert values[i] == values.dtype.type(expected), (name, i)
