"""Colours with meaning, one palette per theme (dark, the default, and light).

Widgets never hold a colour of their own: they ask :func:`current` when they paint or format,
and tint their labels through :func:`tint`, so :func:`apply` can switch the whole window at
once. Up and down follow the user's convention (red-up in Chinese markets), in the theme's
own shades of red and green.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget


@dataclass(frozen=True)
class Theme:
    """One palette. ``text`` is ordinary text (and a flat price), ``muted`` secondary text,
    ``grid`` axis and separator lines, ``studies`` the indicator lines of one pane in order (MA5,
    MA10, …, then the next study's): no two lines of a pane share one (see :func:`line_colours`)."""

    name: str
    background: QColor  # tables, chart panes
    surface: QColor  # window, docks, buttons
    grid: QColor
    text: QColor
    muted: QColor
    accent: QColor
    highlight: QColor  # the selected row
    highlighted_text: QColor
    red: QColor
    green: QColor
    crosshair: QColor
    marker: QColor  # the crosshair's labels on the axes
    marker_text: QColor
    studies: tuple[QColor, ...]
    # the intraday view (分时): the minute line and its average price (成交均价), drawn as the
    # Chinese terminals do (a light line and a yellow one on dark, blue and orange on light)
    intraday_price: QColor
    intraday_average: QColor
    amber: QColor  # a warning short of red (a stale symbol, a slow feed)

    @property
    def grid_line(self) -> QColor:
        """The chart's grid: fainter than the axes' own lines."""
        return blend(self.grid, self.background, 0.7)

    def direction(self, red_up: bool) -> Direction:
        up, down = (self.red, self.green) if red_up else (self.green, self.red)
        return Direction(up=up, down=down, flat=self.text)


def line_colours(palette: Theme, count: int) -> list[QColor]:
    """``count`` distinct colours for the lines of one pane: the palette's studies in order,
    then (a pane with more lines than the palette has colours) the same ones blended toward
    the background, a shade per round."""
    base = palette.studies
    out = [QColor(c) for c in base[:count]]
    round_ = 1
    while len(out) < count:
        amount = 1.0 - 0.35 * round_ / (1 + round_)
        out.extend(blend(c, palette.background, amount) for c in base[: count - len(out)])
        round_ += 1
    return out


def _c(text: str) -> QColor:
    return QColor(text)


DARK = Theme(
    name="dark",
    background=_c("#14171c"), surface=_c("#1b1f26"), grid=_c("#2a2f38"),
    text=_c("#c9ced6"), muted=_c("#7d8590"), accent=_c("#3d8bfd"),
    highlight=_c("#2b4a78"), highlighted_text=_c("#ffffff"),
    red=_c("#f0454a"), green=_c("#1fbf75"),
    crosshair=QColor(150, 156, 166, 160), marker=_c("#3a4050"), marker_text=_c("#ffffff"),
    studies=(_c("#f0c419"), _c("#d651c9"), _c("#31b6e7"), _c("#7cc576"),
             _c("#f08a24"), _c("#a0a7b4"), _c("#e5e5e5"), _c("#8e7cc3"),
             _c("#2ec4b6"), _c("#5b8def"), _c("#c28e5c"), _c("#c6e377")),
    intraday_price=_c("#e8eaed"), intraday_average=_c("#f0c419"), amber=_c("#f0a020"),
)

LIGHT = Theme(
    name="light",
    background=_c("#ffffff"), surface=_c("#f3f4f6"), grid=_c("#d5d9e0"),
    text=_c("#1f2328"), muted=_c("#6a737d"), accent=_c("#1f6feb"),
    highlight=_c("#cfe2ff"), highlighted_text=_c("#0b1f3a"),
    red=_c("#d9262c"), green=_c("#0e9a57"),
    crosshair=QColor(90, 98, 110, 170), marker=_c("#4a5364"), marker_text=_c("#ffffff"),
    studies=(_c("#d29a00"), _c("#b8309f"), _c("#1a8fc4"), _c("#4f9a3c"),
             _c("#e0701a"), _c("#6a737d"), _c("#303640"), _c("#6f5cb0"),
             _c("#138a80"), _c("#2f5fd0"), _c("#8c5a2b"), _c("#7a8f00")),
    intraday_price=_c("#1f6feb"), intraday_average=_c("#e08a00"), amber=_c("#c77700"),
)

THEMES = {theme.name: theme for theme in (DARK, LIGHT)}


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


RED_UP = DARK.direction(True)
GREEN_UP = DARK.direction(False)

_current = DARK
_tinted: weakref.WeakKeyDictionary[QWidget, str] = weakref.WeakKeyDictionary()


def current() -> Theme:
    return _current


def theme_named(name: str | None) -> Theme:
    """The theme called ``name``; an unknown or missing name gives the dark one."""
    return THEMES.get(name or "", DARK)


def blend(colour: QColor, background: QColor, amount: float) -> QColor:
    """``colour`` laid over ``background`` at ``amount`` opacity, as one opaque colour."""
    mix = QColor()
    mix.setRgbF(*(c * amount + b * (1 - amount) for c, b in zip(colour.getRgbF()[:3], background.getRgbF()[:3],
                                                                   strict=True)))
    return mix


def default_red_up(locale: QLocale | None = None) -> bool:
    """Chinese users read red as rising; everyone else green."""
    locale = locale or QLocale()
    return locale.language() == QLocale.Language.Chinese


def direction(red_up: bool) -> Direction:
    return _current.direction(red_up)


def tint(widget: QWidget, role: str) -> None:
    """Colour a label's text with the theme's ``role`` (``muted``, ``red``, …), now and after
    every theme switch."""
    _tinted[widget] = role
    widget.setStyleSheet(f"color: {getattr(_current, role).name()}")


def apply(app: QApplication, theme: Theme) -> None:
    """Make ``theme`` the application's: Qt's palette, and every tinted label. Widgets that
    paint their own colours are told by their owner (the main window's ``set_theme``)."""
    global _current
    _current = theme
    app.setStyle("Fusion")
    pal = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, theme.surface), (roles.WindowText, theme.text), (roles.Base, theme.background),
        (roles.AlternateBase, theme.surface), (roles.Text, theme.text), (roles.Button, theme.surface),
        (roles.ButtonText, theme.text), (roles.Highlight, theme.highlight),
        (roles.HighlightedText, theme.highlighted_text), (roles.ToolTipBase, theme.surface),
        (roles.ToolTipText, theme.text), (roles.PlaceholderText, theme.muted), (roles.Mid, theme.grid),
        (roles.Light, theme.surface.lighter(115)), (roles.Dark, theme.grid.darker(120)),
    ):
        pal.setColor(role, colour)
    pal.setColor(QPalette.ColorGroup.Disabled, roles.Text, theme.muted)
    pal.setColor(QPalette.ColorGroup.Disabled, roles.ButtonText, theme.muted)
    pal.setColor(QPalette.ColorGroup.Disabled, roles.WindowText, theme.muted)
    app.setPalette(pal)
    for widget, role in list(_tinted.items()):
        if shiboken6.isValid(widget):  # a closed dialog's label may outlive its C++ side
            widget.setStyleSheet(f"color: {getattr(theme, role).name()}")
        else:
            del _tinted[widget]
