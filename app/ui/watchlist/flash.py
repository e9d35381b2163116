"""The watchlist's price flash: a changed last price lights its cell in the up or down colour of
that tick and fades over ``FLASH_MS``; a part of :class:`~app.ui.watchlist.model.WatchlistModel`,
kept apart from the table bookkeeping.

The flash says "it moved, this way"; the price's own colour says where it stands against the
previous close (as Futu, 同花顺 and 东方财富 colour it). A symbol that ticks several times a second
would otherwise flash without pause, and its cell would read in the last tick's colour: a cell
flashes at most once every ``FLASH_EVERY_MS``, and rests in between."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.ui.kit import theme
from app.ui.kit.theme import Direction, blend
from app.ui.watchlist.columns import WatchlistColumn
from app.ui.watchlist.row import _Row

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QModelIndex, QTimer, SignalInstance

FLASH_MS = 300
FLASH_EVERY_MS = 1000  # a cell flashes at most this often: most of the time it shows the day
FLASH_STEPS = 8  # shades of a fading flash


class WatchlistFlash:
    """Fades and colours the flashing cells (mixed into ``WatchlistModel``)."""

    if TYPE_CHECKING:
        _direction: Direction
        _state: dict[str, _Row]
        _rows: dict[str, int]
        _flashing: set[str]
        _flash_shades: dict[tuple[bool, int], QColor]
        _flash_timer: QTimer
        dataChanged: SignalInstance
        clock: Callable[[], float]

        def index(self, row: int, column: int) -> QModelIndex: ...

    def _fade(self) -> None:
        """Repaint the flashing cells as they fade; stop once none is left."""
        now = self.clock()
        self._flashing &= self._state.keys()  # rows removed meanwhile
        rows = [self._rows[s] for s in self._flashing if s in self._rows]
        self._flashing = {s for s in self._flashing if now - self._state[s].flash_at <= FLASH_MS / 1000}
        if rows:
            self.dataChanged.emit(self.index(min(rows), WatchlistColumn.LAST), self.index(max(rows), WatchlistColumn.LAST),
                                  [Qt.ItemDataRole.BackgroundRole])
        if not self._flashing:
            self._flash_timer.stop()

    def _tick(self, symbol: str, state: _Row, old: float, new: float) -> None:
        """A new last price: flash its cell this way, unless it flashed within ``FLASH_EVERY_MS``."""
        now = self.clock()
        if now - state.flash_at >= FLASH_EVERY_MS / 1000:
            state.flash_at = now
            state.flash_up = new > old
            self._flashing.add(symbol)

    def _flash_colour(self, state: _Row) -> QColor | None:
        left = 1.0 - (self.clock() - state.flash_at) / (FLASH_MS / 1000)
        if left <= 0:
            return None
        step = round(left * FLASH_STEPS)  # a few shades are enough; each computed once a paint
        key = (state.flash_up, step)
        colour = self._flash_shades.get(key)
        if colour is None:
            base = self._direction.up if state.flash_up else self._direction.down
            colour = self._flash_shades[key] = blend(base, theme.current().background, 0.35 * step / FLASH_STEPS)
        return colour
