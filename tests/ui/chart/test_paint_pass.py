"""One paint of a chart view is a scope (app/ui/chart/paint_pass.py): within it, what the items
work out from the view's state (each pane's window, an axis's labelled ticks) is worked out once
and handed to the others; outside it nothing is kept, so a pan between two paints is seen by
the next one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from app.ui.chart import items, paint_pass
from tests.support.windows import still_window_with_studies


def test_once_works_once_a_paint_and_every_time_outside():
    calls = []

    def work():
        calls.append(1)
        return len(calls)

    assert paint_pass.once(("k",), work) == 1
    assert paint_pass.once(("k",), work) == 2  # no paint: worked out afresh
    with paint_pass.painting():
        assert paint_pass.once(("k",), work) == 3
        assert paint_pass.once(("k",), work) == 3  # the same paint: handed on
        with paint_pass.painting():  # a nested paint shares the outer one's
            assert paint_pass.once(("k",), work) == 3
        assert paint_pass.once(("other",), work) == 4
    assert paint_pass.once(("k",), work) == 5  # the paint is over


@pytest.fixture
def window(qloop, qtbot):
    with still_window_with_studies(qtbot, "HK:00700") as window:
        yield window


def test_a_paint_asks_each_pane_once_and_the_next_paint_sees_a_pan(window, monkeypatch):
    view = window.chart.view
    worked: list[tuple[float, float]] = []
    original = items._view_window

    def counted(vb, lod, x0, x1):
        worked.append((x0, x1))
        return original(vb, lod, x0, x1)

    monkeypatch.setattr(items, "_view_window", counted)
    QCoreApplication.processEvents()
    before = view.grab().toImage()
    assert 0 < len(worked) <= len(view.panes) + 1  # one window a pane (and the y fit's, before the paint)
    worked.clear()
    view.pan(-20)
    after = view.grab().toImage()
    assert worked and all(x0 == view.x_range()[0] for x0, _x1 in worked)  # the new range, not the last paint's
    assert after != before
