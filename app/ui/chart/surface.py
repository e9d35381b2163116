"""The chart's drawing surface said opaque: it paints every one of its pixels each paint.

The view (pyqtgraph's GraphicsView: no frame, no scroll bars) is covered by its viewport, and
the viewport's paint fills what it exposes with the background colour before the items
(``QGraphicsView.drawBackground``, the cache off). Qt does not know that, so each paint filled
the viewport with the palette's base colour first (its auto-fill), and each grab filled its
pixmap with transparency and the view with the window colour, every pixel written again by the
background: three or four fills of up to 1600×900 pixels a frame that nobody sees. Said opaque
(``WA_OpaquePaintEvent``), Qt leaves them out; the pixels are the same. Only while the
background is opaque: a translucent one lets what is under it show, and the fills matter.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QGraphicsView

_OPAQUE = Qt.WidgetAttribute.WA_OpaquePaintEvent


def follow_background(view: QGraphicsView) -> None:
    """Say ``view`` and its viewport opaque while its background brush is (call after each
    change of the background)."""
    brush: QBrush = view.backgroundBrush()
    opaque = brush.style() == Qt.BrushStyle.SolidPattern and brush.isOpaque()
    for widget in (view, view.viewport()):
        widget.setAttribute(_OPAQUE, opaque)
