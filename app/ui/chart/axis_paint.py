"""An axis's line, ticks and labels, kept between paints and drawn with prepared text.

pyqtgraph records an axis into a QPicture and plays it on every paint; playing a picture lays
out each label's text again (a live tick repaints every axis twice a frame: ~0.15 ms an axis).
:class:`AxisDrawing` holds what the picture would hold — the axis line, the tick lines, each
label as a :class:`QStaticText` at the place ``drawText`` would put it — and draws it. It stands
where pyqtgraph keeps its picture (``AxisItem.picture``), so every change that drops the picture
(range, size, pen, style, font) drops it too.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPen, QStaticText, QTransform

_ANTIALIAS = QPainter.RenderHint.Antialiasing
_TEXT_ANTIALIAS = QPainter.RenderHint.TextAntialiasing
# the alignments as plain ints: a test of an int against a Qt flag goes through Python's enum
# machinery (~1 µs a test, four a label)
_H_CENTRE = int(Qt.AlignmentFlag.AlignHCenter)
_V_CENTRE = int(Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight)
_BOTTOM = int(Qt.AlignmentFlag.AlignBottom)


def prepared_text(text: str, font: QFont) -> QStaticText:
    """``text`` laid out once in ``font`` as plain text, to be drawn again and again
    (``drawStaticText``) without laying it out each paint."""
    st = QStaticText(text)
    st.setTextFormat(Qt.TextFormat.PlainText)
    st.prepare(QTransform(), font)
    return st


class LabelTexts:
    """Prepared label texts of one axis, kept while they show (a pan shows mostly the same)."""

    def __init__(self) -> None:
        self._texts: dict[str, QStaticText] = {}
        self._font_key: str | None = None

    def get(self, text: str, font: QFont) -> QStaticText:
        key = font.key()
        if key != self._font_key:
            self._texts.clear()
            self._font_key = key
        st = self._texts.get(text)
        if st is None:
            st = self._texts[text] = prepared_text(text, font)
        return st

    def keep_only(self, shown: set[str]) -> None:
        if len(self._texts) > 4 * max(len(shown), 8):
            self._texts = {t: st for t, st in self._texts.items() if t in shown}


class MarkerTexts:
    """A marker's text (the last price, the previous close) drawn as ``drawText(rect,
    AlignLeft | AlignVCenter, text)`` draws it, from a prepared text kept while it shows: a live
    tick paints the axis twice a frame (the paint, then the grab) and the previous close's text
    never changes, where ``drawText`` lays the text out again each time. Only a text of plain
    ASCII (the font's own glyphs, its line height) that fits the rectangle (``drawText`` clips
    to it; the prepared text is not clipped) is drawn so; any other goes to ``drawText``."""

    _FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    _FLAGS_INT = int(_FLAGS)

    def __init__(self, font: QFont) -> None:
        self.font = font
        self._metrics = QFontMetricsF(font)
        self._texts: dict[str, tuple[QStaticText, float]] = {}

    def draw(self, painter: QPainter, rect: QRectF, text: str) -> None:
        """``text`` in ``rect`` with the painter's pen; the painter's font must be :attr:`font`."""
        run = self._texts.get(text)
        if run is None:
            if not text.isascii() or self._metrics.height() > rect.height():
                painter.drawText(rect, self._FLAGS, text)
                return
            st = prepared_text(text, self.font)
            if len(self._texts) >= 8:  # the markers shown change a few at a time
                self._texts.clear()
            run = self._texts[text] = (st, self._metrics.horizontalAdvance(text))
        st, advance = run
        if advance > rect.width() or self._metrics.height() > rect.height():
            painter.drawText(rect, self._FLAGS, text)
            return
        painter.drawStaticText(_text_origin(rect, self._FLAGS_INT, advance, self._metrics.height()), st)


class AxisDrawing:
    """What one axis paints until its picture is dropped (see the module's docstring)."""

    __slots__ = ("axis_line", "axis_pen", "clip", "font", "labels", "text_pen", "tick_pen", "ticks")

    def __init__(self, axis_spec, tick_specs, text_specs, font: QFont, text_pen: QPen, clip: QRect,
                 texts: LabelTexts, advance: Callable[[str], float] | None = None) -> None:
        """``advance``: a text's width in ``font`` (default: measured here)."""
        self.axis_pen, p1, p2 = axis_spec
        self.axis_line = QLineF(p1, p2)
        pens = {id(pen) for pen, _, _ in tick_specs}
        if len(pens) <= 1:  # one pen for every tick (the chart's axes): one call
            self.tick_pen = tick_specs[0][0] if tick_specs else None
            self.ticks = [QLineF(a, b) for _, a, b in tick_specs]
        else:
            self.tick_pen = None
            self.ticks = [(pen, QLineF(a, b)) for pen, a, b in tick_specs]
        self.font = font
        self.text_pen = text_pen
        self.clip = clip
        metrics = QFontMetricsF(font)
        height = metrics.height()
        measure = metrics.horizontalAdvance if advance is None else advance
        self.labels: list[tuple[QPointF, QStaticText]] = []
        for rect, flags, text in text_specs:
            self.labels.append((_text_origin(rect, int(flags), measure(text), height), texts.get(text, font)))
        texts.keep_only({text for _, _, text in text_specs})

    def play(self, painter: QPainter) -> None:
        """Draw as pyqtgraph's ``drawPicture`` does (no antialiasing for lines, the labels
        clipped to the axis), and leave the painter as playing its picture left it: the text's
        pen, font and clip still set (the markers painted next are clipped to the axis)."""
        painter.setRenderHint(_ANTIALIAS, False)
        painter.setRenderHint(_TEXT_ANTIALIAS, True)
        painter.setPen(self.axis_pen)
        painter.drawLine(self.axis_line)
        if self.tick_pen is not None:
            painter.setPen(self.tick_pen)
            painter.drawLines(self.ticks)
        else:
            for pen, line in self.ticks:
                painter.setPen(pen)
                painter.drawLine(line)
        painter.setFont(self.font)
        painter.setPen(self.text_pen)
        painter.setClipRect(self.clip)
        for origin, st in self.labels:
            painter.drawStaticText(origin, st)


class _NoDrawing:
    """An axis with nothing to draw (no length, an empty range), until its picture is dropped."""

    def play(self, painter: QPainter) -> None:
        pass


NO_DRAWING = _NoDrawing()


def _text_origin(rect: QRectF, flags: int, advance: float, height: float) -> QPointF:
    """Where ``drawText(rect, flags, text)`` puts a one-line text's top left corner (a line as
    high as the font, centred or aligned in ``rect``, as Qt's text layout places it)."""
    x = rect.x()
    if flags & _H_CENTRE:
        x += (rect.width() - advance) / 2
    elif flags & _RIGHT:
        x += rect.width() - advance
    y = rect.y()
    if flags & _V_CENTRE:
        y += (rect.height() - height) / 2
    elif flags & _BOTTOM:
        y += rect.height() - height
    # the text layout holds the place in 1/64 pixel (QFixed, truncated): glyphs are placed
    # (and rounded to pixels) from there, so a place a hair off would round the other way
    return QPointF(math.trunc(x * 64) / 64, math.trunc(y * 64) / 64)
