"""The chart's surface is said opaque while its background is (app/ui/chart/surface.py): Qt then
leaves out the fills under the background that nobody sees (the pixels are the same:
test_paint_caches paints the chart without the claim and compares), and a translucent
background takes the claim back, so what is under it shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QImage

from tests.support.windows import still_window_with_studies

OPAQUE = Qt.WidgetAttribute.WA_OpaquePaintEvent


@pytest.fixture
def window(qloop, qtbot):
    with still_window_with_studies(qtbot, "HK:00700", kinds=("VOL",)) as window:
        yield window


def _said_opaque(view) -> bool:
    return view.testAttribute(OPAQUE) and view.viewport().testAttribute(OPAQUE)


def _grab(view) -> QImage:
    QCoreApplication.processEvents()
    return view.grab().toImage()


def test_the_surface_is_said_opaque_while_its_background_is(window):
    view = window.chart.view
    assert _said_opaque(view)
    assert not _grab(view).hasAlphaChannel()  # no transparent fill under the grab
    view.setBackground(QColor(20, 23, 28, 128))
    assert not view.testAttribute(OPAQUE) and not view.viewport().testAttribute(OPAQUE)
    assert _grab(view).hasAlphaChannel()
    window.set_theme("light")
    try:
        assert _said_opaque(view)
        corner = _grab(view).pixelColor(view.width() - 2, 1)  # background: the light theme's
        assert corner == view.theme.background
    finally:
        window.set_theme("dark")
    assert _said_opaque(view)
