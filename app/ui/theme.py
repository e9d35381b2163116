"""Colours with meaning: up/down follow the user's convention (red-up in Chinese markets)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

RED = QColor("#f0454a")
GREEN = QColor("#1fbf75")
NEUTRAL = QColor("#c9ced6")
MUTED = QColor("#7d8590")
ACCENT = QColor("#3d8bfd")
BACKGROUND = QColor("#14171c")
SURFACE = QColor("#1b1f26")
GRID = QColor("#2a2f38")


@dataclass(frozen=True)
class Direction:
    """The colours for rising and falling prices under one convention."""

    up: QColor
    down: QColor
    flat: QColor

    def for_change(self, change: float | None) -> QColor:
        if change is None or change == 0:
            return self.flat
        return self.up if change > 0 else self.down


RED_UP = Direction(up=RED, down=GREEN, flat=NEUTRAL)
GREEN_UP = Direction(up=GREEN, down=RED, flat=NEUTRAL)


def default_red_up(locale: QLocale | None = None) -> bool:
    """Chinese users read red as rising; everyone else green."""
    locale = locale or QLocale()
    return locale.language() == QLocale.Language.Chinese


def direction(red_up: bool) -> Direction:
    return RED_UP if red_up else GREEN_UP


def apply_dark_palette(app: QApplication) -> None:
    app.setStyle("Fusion")
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, SURFACE)
    pal.setColor(QPalette.ColorRole.WindowText, NEUTRAL)
    pal.setColor(QPalette.ColorRole.Base, BACKGROUND)
    pal.setColor(QPalette.ColorRole.AlternateBase, SURFACE)
    pal.setColor(QPalette.ColorRole.Text, NEUTRAL)
    pal.setColor(QPalette.ColorRole.Button, SURFACE)
    pal.setColor(QPalette.ColorRole.ButtonText, NEUTRAL)
    pal.setColor(QPalette.ColorRole.Highlight, QColor("#2b4a78"))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.ToolTipBase, SURFACE)
    pal.setColor(QPalette.ColorRole.ToolTipText, NEUTRAL)
    pal.setColor(QPalette.ColorRole.PlaceholderText, MUTED)
    app.setPalette(pal)
