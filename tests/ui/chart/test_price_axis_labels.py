"""The price axis's own labels (issue 18, points 8 and 9): the previous close is labelled on
the axis as the last price is, and a study's axis (MACD) takes the decimals its values need,
not "0.0000" on a Bitcoin chart."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from app.core.periods import Period
from app.ui.chart.studies import StudyKind, StudySpec


def _view(qtbot, base: float, step: float, decimals: int):
    from zoneinfo import ZoneInfo

    from app.ui.chart.view import ChartView
    from app.ui.kit.theme import RED_UP

    view = ChartView(RED_UP)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    n = 600
    close = base + np.cumsum(np.random.default_rng(11).normal(0, step, n))
    close = np.maximum(close, base * 0.2)
    view.configure(Period.M5, ZoneInfo("UTC"), decimals)
    view.set_arrays(np.arange(n, dtype=np.int64) * 300_000 + 1_741_000_000_000,
                    np.vstack([close, close + step, close - step, close, close * 0 + 5]))
    QApplication.processEvents()
    return view


def _decimals(label: str) -> int:
    return len(label.split(".")[1]) if "." in label else 0


@pytest.mark.parametrize(("base", "step", "decimals"), [(80_000.0, 120.0, 1), (0.0012, 0.00001, 7)],
                         ids=["btc-like", "penny-like"])
def test_a_study_axis_uses_the_precision_its_values_need(qtbot, base, step, decimals):
    view = _view(qtbot, base, step, decimals)
    view.add_study(StudySpec(StudyKind.MACD))
    QApplication.processEvents()
    axis = view.panes[-1].price_axis
    ticks = axis.labelled_ticks()
    assert len(ticks) >= 2
    values = [v for v, _, _ in ticks]
    labels = [t for _, t, _ in ticks]
    assert len(set(labels)) == len(labels), labels
    spacing = min(np.diff(sorted(values)))
    # what the values need: the fewest decimals that write every tick exactly
    needed = next(d for d in range(13) if all(abs(round(v, d) - v) <= spacing * 1e-6 for v in values))
    assert all(_decimals(t) == needed for t in labels), (labels, needed)
    for value, label in zip(values, labels, strict=True):
        assert abs(float(label.replace(",", "")) - value) <= 0.5 * 10 ** -_decimals(label) + 1e-12
    lo, hi = view.panes[-1].vb.viewRange()[1]
    if base > 1000:  # MACD of a Bitcoin-like price swings by tens: whole numbers
        assert hi - lo > 10 and all(_decimals(t) == 0 for t in labels), labels
    else:  # a penny's MACD is millionths: as many decimals as that takes, no more
        assert needed > 4 and "0.0000" not in labels, labels


def test_the_previous_close_is_labelled_on_the_price_axis(qtbot):
    view = _view(qtbot, 100.0, 0.2, 3)
    last = float(view.manager.close[-1])
    lo, hi = view.price.vb.viewRange()[1]  # a close in view, away from the last price's label
    prev_close = round(lo + 0.25 * (hi - lo) if last > (lo + hi) / 2 else lo + 0.75 * (hi - lo), 3)
    view.set_prev_close(prev_close)
    axis = view.price.price_axis
    marker = axis.markers.get("prev")
    assert marker is not None, "no label for the previous close"
    assert marker.text == f"{prev_close:,.3f}"  # the instrument's precision
    assert marker.background == view.theme.muted  # the theme's colour of the prev-close line
    QApplication.processEvents()
    image = view.grab().toImage()
    # the label is painted on the axis, at the previous close's height
    scene_y = view.price.vb.mapViewToScene(QPointF(0, view.scale.forward_one(prev_close))).y()
    ratio = image.devicePixelRatio()
    x = int((axis.sceneBoundingRect().left() + axis.sceneBoundingRect().width() - 6) * ratio)
    colour = image.pixelColor(x, int(scene_y * ratio))
    assert colour.rgb() == view.theme.muted.rgb(), colour.name()
    # and it goes when the previous close does (a day or week chart)
    view.set_prev_close(None)
    assert "prev" not in axis.markers
