"""The volume profile of the visible range as a trader reads it: turned on from the Indicators
menu, its rows hold the visible bars' volume (each bar's spread over the rows its low–high
covers, checked bar by bar here), the point of control is the fullest row and the value area
holds 70 % around it; a pan recomputes it for the bars then in view; its rows are drawn on the
right of the price pane; its parameters (rows, value area) are set from the menu."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog

from app.storage.settings import Settings
from app.ui.chart.studies import StudyKind
from app.ui.kit import formatting as fmt
from tests.support.windows import still_sim_window
from tests.ui.chart.test_vwap import toggle

SYMBOL = "HK:00700"


@pytest.fixture
def window(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=[SYMBOL], selected=SYMBOL)) as window:
        yield window


def profile_study(chart):
    return next(study for study, _items in chart.view.overlays if study.spec.kind is StudyKind.VPVR)


def in_view(chart) -> tuple[int, int]:
    """The bars whose centre is inside the x range, from the range itself."""
    x0, x1 = chart.view.x_range()
    return max(0, math.ceil(x0)), min(len(chart.manager), math.floor(x1) + 1)


def by_hand(chart, start: int, stop: int, edges: np.ndarray) -> np.ndarray:
    """Each bar's volume shared among the rows by the overlap of its low–high with each row."""
    m = chart.manager
    rows = np.zeros(len(edges) - 1)
    for i in range(start, stop):
        lo, hi, v = float(m.low[i]), float(m.high[i]), float(m.volume[i])
        if hi <= lo:
            rows[min(int(np.searchsorted(edges, lo, side="right")) - 1, len(rows) - 1)] += v
            continue
        for k in range(len(rows)):
            overlap = min(hi, edges[k + 1]) - max(lo, edges[k])
            if overlap > 0:
                rows[k] += v * overlap / (hi - lo)
    return rows


def check_profile(chart, rows: int = 24, area: float = 0.7) -> None:
    profile = profile_study(chart).profile()
    start, stop = in_view(chart)
    assert (profile.start, profile.stop) == (start, stop)
    m = chart.manager
    assert len(profile.volumes) == rows
    assert profile.edges[0] == pytest.approx(m.low[start:stop].min())
    assert profile.edges[-1] == pytest.approx(m.high[start:stop].max())
    assert profile.volumes.sum() == pytest.approx(m.volume[start:stop].sum(), rel=1e-9)
    np.testing.assert_allclose(profile.volumes, by_hand(chart, start, stop, profile.edges), rtol=1e-7, atol=1e-6)
    assert profile.poc == int(np.argmax(profile.volumes))
    inside = profile.volumes[profile.area_first:profile.area_last + 1].sum()
    assert profile.area_first <= profile.poc <= profile.area_last
    assert inside >= area * profile.volumes.sum()


def test_the_profile_holds_the_visible_bars_volume_and_its_poc_is_the_fullest_row(window, qtbot):
    chart = window.chart
    toggle(chart, StudyKind.VPVR)
    assert "VPVR" in [s.kind for s in chart.settings.studies]
    check_profile(chart)
    profile = profile_study(chart).profile()
    legend = " ".join(text for item in chart.view.price.plot.titleLabel.items for text, _ in item)
    assert f"POC\xa0{fmt.price(profile.poc_price, chart.view.decimals)}".replace("\xa0", " ") \
        in legend.replace("\xa0", " ")


def test_a_pan_recomputes_the_profile_for_the_bars_then_in_view(window, qtbot):
    chart = window.chart
    toggle(chart, StudyKind.VPVR)
    before = profile_study(chart).profile()
    chart.view.setFocus()
    for _ in range(4):
        QTest.keyClick(chart.view, Qt.Key.Key_Left)
    chart.view.viewport().repaint()
    after = profile_study(chart).profile()
    assert after.start < before.start
    check_profile(chart)


def test_the_profile_is_drawn_on_the_right_of_the_price_pane(window, qtbot):
    chart = window.chart
    view = chart.view
    rect = view.price.vb.sceneBoundingRect()

    def strip(left: float, right: float):
        image = view.grab().toImage()
        x0, x1 = int(rect.left() + rect.width() * left), int(rect.left() + rect.width() * right)
        return [image.pixel(x, y) for y in range(int(rect.top()) + 5, int(rect.bottom()) - 5, 3)
                for x in range(x0, x1, 3)]

    right, left = strip(0.8, 0.99), strip(0.3, 0.6)
    toggle(chart, StudyKind.VPVR)
    changed_right = sum(a != b for a, b in zip(right, strip(0.8, 0.99), strict=True))
    changed_left = sum(a != b for a, b in zip(left, strip(0.3, 0.6), strict=True))
    assert changed_right > 200 and changed_right > 4 * changed_left


def test_rows_and_value_area_are_set_from_the_menu(window, qtbot):
    chart = window.chart
    toggle(chart, StudyKind.VPVR)
    chart.studies_menu.aboutToShow.emit()
    action = next(a for a in chart.studies_menu.actions() if a.text().startswith("VPVR(24,70) parameters"))
    action.trigger()
    dialog = next(d for d in chart.findChildren(QInputDialog) if d.isVisible())
    dialog.setTextValue("40, 80")
    dialog.accept()
    assert next(s for s in chart.view.studies() if s.kind is StudyKind.VPVR).params == (40, 80)
    check_profile(chart, rows=40, area=0.8)
    chart.ask_params(profile_study(chart).spec)
    dialog = next(d for d in chart.findChildren(QInputDialog) if d.isVisible())
    dialog.setTextValue("3, 70")
    dialog.accept()
    assert "8 to 200 rows" in chart.notice_text
