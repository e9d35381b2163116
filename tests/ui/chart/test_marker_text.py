"""An axis marker's text (the last price, the previous close, the crosshair's value) drawn from
a prepared text (axis_paint.MarkerTexts) puts the same pixels where ``drawText`` in the
marker's rectangle would: at every fraction of a pixel, in both themes' colours, for prices,
signed values and times; a text that does not fit, or is not plain ASCII, is left to
``drawText``."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter

from app.ui.chart.axis_paint import MarkerTexts
from app.ui.kit import theme

FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
TEXTS = ("81,958.93", "0.000123", "-1,234.5", "+12.34%", "2026-12-02 03:59", "1.47万", "99,999,999,999.99")


def _picture(draw, background: QColor) -> QImage:
    image = QImage(120, 400, QImage.Format.Format_RGB32)
    image.fill(background)
    painter = QPainter(image)
    painter.setFont(QFont())
    draw(painter)
    painter.end()
    return image


def test_marker_texts_put_the_pixels_draw_text_would(qapp):
    font = QFont()
    h = QFontMetricsF(font).height() + 2
    texts = MarkerTexts(font)
    for name in ("dark", "light"):
        palette = theme.theme_named(name)
        rects = [QRectF(4, 3 + k * (h + 3) + k / 7, 79 - 4, h) for k in range(14)]

        def drawn(marker: bool, rects=rects, palette=palette):
            def draw(painter: QPainter) -> None:
                for k, rect in enumerate(rects):
                    painter.fillRect(rect.adjusted(-4, 0, 0, 0), palette.marker)
                    painter.setPen(palette.marker_text)
                    text = TEXTS[k % len(TEXTS)]
                    if marker:
                        texts.draw(painter, rect, text)
                    else:
                        painter.drawText(rect, FLAGS, text)
            return draw

        for _ in range(2):  # the texts prepared, then drawn from what was kept
            assert _picture(drawn(True), palette.background) == _picture(drawn(False), palette.background), name
    assert "81,958.93" in texts._texts
    assert "1.47万" not in texts._texts  # left to drawText (a fallback font may set another line height)
