"""A small note in a corner of a pane's data ("no data for 42 s") while the symbol
it shows is stale; gone as soon as the symbol's data comes back. Used by the charts and the
order book, each with one line: ``StaleCorner(widget, service, lambda: pane.symbol)``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.services.market_data import MarketDataService
from app.ui.kit import theme
from app.ui.kit.stale import Ages, StaleSymbols, age_text

MARGIN = 6


class StaleCorner(QLabel):
    """Floats over ``target`` (a child of it, kept in its ``corner``); ``symbol_of``
    says which symbol the pane shows now. ``extra`` is a slot for more words after the
    silence (a failover's "via iTick"), empty by default."""

    def __init__(self, target: QWidget, service: MarketDataService, symbol_of: Callable[[], str | None],
                 corner: Qt.Corner = Qt.Corner.TopRightCorner, area: Callable[[], QRect] | None = None) -> None:
        super().__init__(target)
        self.corner = corner
        self.area = area  # the part of ``target`` whose corner it is (None: all of it)
        self.setObjectName("stale-corner")
        self.symbol_of = symbol_of
        self.stale = StaleSymbols.of(service)
        self.extra = ""
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()
        self.restyle()
        target.installEventFilter(self)
        self.stale.sig_changed.connect(self.refresh)

    def restyle(self) -> None:
        """In the theme's amber on its surface (asked again at every show: a theme switch)."""
        palette = theme.current()
        self.setStyleSheet(f"color: {palette.amber.name()}; background: {palette.surface.name()};"
                           f" border: 1px solid {palette.amber.name()}; border-radius: 3px; padding: 1px 5px;")

    def refresh(self, ages: Ages | None = None) -> None:
        ages = self.stale.ages if ages is None else ages
        symbol = self.symbol_of()
        if symbol is None or (symbol not in ages and not self.extra):
            self.hide()
            return
        if symbol in ages:
            silence = age_text(ages[symbol])
            text = (self.tr("no data for %1").replace("%1", silence) if silence else self.tr("no data"))
        else:
            text = ""  # not stale: the extra alone (a failed-over symbol's "via itick")
        self.setText(f"{text} {self.extra}".strip())
        self.restyle()
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        box = self.area() if self.area is not None else parent.rect()
        if not box.isValid():
            box = parent.rect()
        bottom = self.corner in (Qt.Corner.BottomRightCorner, Qt.Corner.BottomLeftCorner)
        right = self.corner in (Qt.Corner.TopRightCorner, Qt.Corner.BottomRightCorner)
        self.move(max(0, box.right() - self.width() - MARGIN) if right else box.left() + MARGIN,
                  max(0, box.bottom() - self.height() - MARGIN) if bottom else box.top() + MARGIN)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

