"""The cost of the VWAP, the volume profile and a comparison on a chart of 1M bars: a pan frame
with each on against the same frame with it off, and the VWAP's full computation and live tick.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.bench.bench_studies_extra [--bars 1000000]``

Each line printed is one JSON object ``{"bench":"studies_extra","case":…,"bars":N,"metric":…,
"p50_ms":…,"p95_ms":…}``. Frames as in ``bench_chart``: the range change plus one synchronous
repaint of the whole 1600×900 view, on one view with MA and VOL, the case turned on and off in
alternate rounds (``*_on`` / ``*_off``) so that both see the same load of a shared machine.
``pan``: 120 bars wide near the end (the everyday view); ``pan_all``: the whole history in view
(the profile then counts all 1M bars: whole blocks of 1024 from ``ProfileBlocks``, built at the
round's first, untimed, frame; the ends bar by bar). ``all_bars``: the exact profile of every
bar, for scale; ``blocks_build`` / ``blocks_all_bars``: the block index built, then queried.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from zoneinfo import ZoneInfo

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core import indicators as ind  # noqa: E402
from app.core.periods import Period  # noqa: E402
from app.core.sessions import calendar_for  # noqa: E402
from app.core.symbols import Market  # noqa: E402
from app.core.trading_days import day_numbers  # noqa: E402
from app.core.types import Bar  # noqa: E402
from app.ui.chart.compare.item import CompareItem  # noqa: E402
from app.ui.chart.compare.series import CompareSeries  # noqa: E402
from app.ui.chart.studies import StudyKind, StudySpec  # noqa: E402
from app.ui.chart.view import ChartView  # noqa: E402
from app.ui.kit.theme import RED_UP  # noqa: E402
from tests.bench.bench_chart import HEIGHT, WIDTH, make_bars, stats, timed  # noqa: E402

FRAMES = 8
ROUNDS = 5


def report(case: str, bars: int, metric: str, samples: list[float]) -> None:
    p50, p95 = stats(samples)
    print(json.dumps({"bench": "studies_extra", "case": case, "bars": bars, "metric": metric,
                      "p50_ms": round(p50, 3), "p95_ms": round(p95, 3)}), flush=True)


class _Extra:
    """A comparison wired as the chart's controller wires it (legend left out)."""

    def __init__(self, item: CompareItem) -> None:
        self.item = item

    def legend(self, _i: int) -> list:
        return []

    def y_values(self) -> list[np.ndarray]:
        return [self.item.y_values()]


def make_view(app: QApplication, ts: np.ndarray, cols: np.ndarray) -> ChartView:
    view = ChartView(RED_UP)
    view.resize(WIDTH, HEIGHT)
    view.show()
    view.configure(Period.M1, ZoneInfo("Asia/Shanghai"), 2)
    view.manager.calendar = calendar_for(Market.CRYPTO)
    for spec in (StudySpec(StudyKind.MA), StudySpec(StudyKind.VOL)):
        view.add_study(spec)
    view.set_arrays(ts, cols)
    app.processEvents()
    view.viewport().repaint()
    return view


def toggles(view: ChartView, n: int):
    """(on, off) for each case, as the chart's menus turn it on and off."""
    other_ts, other_cols = make_bars(n, seed=7)
    keep = np.ones(n, dtype=bool)
    keep[::50] = False  # bars the other symbol lacks: carried forward
    series = CompareSeries("OTHER", view.manager)
    series.bars.set_arrays(other_ts[keep], other_cols[:, keep])
    item = CompareItem(series, view.lod, view.scale, 0)
    extra = _Extra(item)

    def compare_on() -> None:
        view.price.plot.addItem(item)
        view.extras.append(extra)

    def compare_off() -> None:
        view.price.plot.removeItem(item)
        view.extras.remove(extra)

    return {
        "vwap": (lambda: view.add_study(StudySpec(StudyKind.VWAP)), lambda: view.remove_study(StudySpec(StudyKind.VWAP))),
        "profile": (lambda: view.add_study(StudySpec(StudyKind.VPVR)), lambda: view.remove_study(StudySpec(StudyKind.VPVR))),
        "compare": (compare_on, compare_off),
    }


def paired(app: QApplication, view: ChartView, n: int, on, off, whole: bool) -> tuple[list[float], list[float]]:
    """Frames with the case on and off, interleaved in rounds (the machine's load is shared by
    both), each round's first frame untimed (it computes what the case keeps)."""
    if whole:
        view.price.vb.setXRange(-1, n + 1, padding=0)
    else:
        view.reset_view()
    app.processEvents()
    sign = [1.0]

    def run() -> None:
        view.pan(sign[0] * (n * 0.01 if whole else 30.0))
        sign[0] = -sign[0]
        view.viewport().repaint()

    with_case, without = [], []
    for _ in range(ROUNDS):
        on()
        run()
        with_case += timed(run, FRAMES)
        off()
        run()
        without += timed(run, FRAMES)
    return with_case, without


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bars", type=int, default=1_000_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    n = args.bars
    ts, cols = make_bars(n)
    view = make_view(app, ts, cols)
    for case, (on, off) in toggles(view, n).items():
        for metric, whole in (("pan", False), ("pan_all", True)):
            with_case, without = paired(app, view, n, on, off, whole)
            report(case, n, f"{metric}_on", with_case)
            report(case, n, f"{metric}_off", without)
    view.close()
    view.deleteLater()
    app.processEvents()
    calendar = calendar_for(Market.CRYPTO)
    start = time.perf_counter()
    day = day_numbers(ts, calendar)
    report("vwap", n, "day_numbers", [(time.perf_counter() - start) * 1000])
    report("vwap", n, "full", timed(lambda: ind.vwap(cols[1], cols[2], cols[3], cols[4], day), 5))
    report("profile", n, "all_bars", timed(lambda: ind.volume_profile(cols[1], cols[2], cols[4], 24), 5))
    report("profile", n, "blocks_build", timed(lambda: ind.ProfileBlocks(cols[1], cols[2], cols[4]), 3))
    blocks = ind.ProfileBlocks(cols[1], cols[2], cols[4])
    report("profile", n, "blocks_all_bars", timed(lambda: blocks.profile(cols[1], cols[2], cols[4], 0, n, 24), 50))
    report("profile", n, "120_bars", timed(lambda: ind.volume_profile(cols[1, -120:], cols[2, -120:],
                                                                      cols[4, -120:], 24), 200))
    view = make_view(app, ts, cols)
    view.add_study(StudySpec(StudyKind.VWAP))
    study = next(s for s, _ in view.overlays if s.spec.kind is StudyKind.VWAP)
    study.values("VWAP")
    last = view.manager.bar(n - 1)
    ticks = iter([Bar("bench", "X", "1m", last[0], last[1], last[2] + i * 1e-4, last[3], last[4], last[5] + i)
                  for i in range(2000)])

    def tick() -> None:
        view.manager.update(next(ticks))
        study.values("VWAP")

    report("vwap", n, "tick", timed(tick, 2000))


if __name__ == "__main__":
    main()
