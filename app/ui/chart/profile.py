"""The volume profile of the visible range (TradingView's VPVR): volume by price over the bars
in view, drawn as horizontal bars along the right edge of the price pane, its point of control
(the row with the most volume) in the theme's accent and its value area (70 % of the volume
around it) shaded. Recomputed only when the bars in view or their data change
(:func:`app.core.indicators.volume_profile`: vectorised, each bar's volume spread over the rows
its low–high covers). Zoomed far out (32k bars or more in view) whole blocks of 1024 bars come
precomputed (:class:`app.core.indicators.ProfileBlocks`: the sum exact, a row within about
0.5 % of its exact volume), so a million bars in view cost a fraction of a millisecond."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from app.core import indicators as ind
from app.ui.chart.items import LineItem, _Batch, _pen
from app.ui.chart.lod import LodPyramid
from app.ui.chart.manager import BarManager
from app.ui.chart.scale import PriceScale
from app.ui.chart.studies import Study, StudyKind, StudySpec
from app.ui.chart.visible import visible_bars
from app.ui.kit import theme

BLOCKS_FROM = 32 * ind.ProfileBlocks.BLOCK  # bars in view from which whole blocks come precomputed
WIDTH = 0.3  # of the pane's width, for the row with the most volume
ROW_GAP = 0.12  # of a row's height, left empty between rows


@dataclass(frozen=True)
class Profile:
    """One computation: the row edges (prices, ``rows + 1``), each row's volume, the point of
    control's row and the value area's first and last rows (inclusive), over bars [start, stop)."""

    edges: np.ndarray
    volumes: np.ndarray
    poc: int
    area_first: int
    area_last: int
    start: int
    stop: int

    @property
    def poc_price(self) -> float:
        return float((self.edges[self.poc] + self.edges[self.poc + 1]) / 2)


class ProfileStudy(Study):
    """The profile as a study (saved, listed and coloured like the others); its one series,
    ``POC``, reads the point of control's price at every bar, for the legend."""

    TAKES_FRONT = False  # an older page moves the bars in view: the profile is computed again

    def __init__(self, spec: StudySpec, manager: BarManager):
        super().__init__(spec, manager)
        self.visible: Callable[[], tuple[int, int]] = lambda: (0, len(manager))
        self._profile: Profile | None = None
        self._key: tuple[int, int] | None = None
        self._blocks: ind.ProfileBlocks | None = None
        self._blocks_watch = manager.watch()

    def refresh(self) -> None:
        pass  # nothing per bar: :meth:`profile` computes for the bars in view

    def profile(self) -> Profile | None:
        """The profile of the bars in view, recomputed when they or their data changed."""
        start, stop = self.visible()
        watch = self._watch
        stale = watch.reset or watch.dirty < stop
        if not stale and self._key == (start, stop):
            return self._profile
        watch.done()
        self._key = (start, stop)
        self._profile = None
        if stop > start:
            m = self.manager
            rows, area = self.spec.effective_params()
            if stop - start >= BLOCKS_FROM:  # zoomed far out: the whole blocks precomputed
                edges, volumes = self._block_index().profile(m.high, m.low, m.volume, start, stop, int(rows))
            else:
                edges, volumes = ind.volume_profile(m.high[start:stop], m.low[start:stop], m.volume[start:stop],
                                                    int(rows))
            poc, first, last = ind.value_area(volumes, area / 100.0)
            if poc >= 0:
                self._profile = Profile(edges, volumes, poc, first, last, start, stop)
        return self._profile

    def _block_index(self) -> ind.ProfileBlocks:
        """Built at the first far zoom-out; again when a bar inside its whole blocks changed
        (older pages, a back-fill) or a thousand new bars make another block."""
        m = self.manager
        watch = self._blocks_watch
        blocks = self._blocks
        stale = (blocks is None or watch.reset or watch.dirty < blocks.blocks * blocks.BLOCK
                 or len(m) // blocks.BLOCK > blocks.blocks)
        watch.done()
        if stale:
            self._blocks = blocks = ind.ProfileBlocks(m.high, m.low, m.volume)
        assert blocks is not None
        return blocks

    def values(self, name: str) -> np.ndarray:
        profile = self.profile()
        price = profile.poc_price if profile is not None else math.nan
        return np.broadcast_to(np.float64(price), (len(self.manager),))  # no copy, whatever the length


def make_study(spec: StudySpec, manager: BarManager) -> Study:
    """The study object for ``spec``: the profile's own kind, else the per-bar :class:`Study`."""
    return ProfileStudy(spec, manager) if spec.kind is StudyKind.VPVR else Study(spec, manager)


def overlay_item(study: Study, lod: LodPyramid, values: Callable[[], np.ndarray], colour: QColor,
                 scale: PriceScale) -> LineItem:
    """The price pane's item for one series of an overlay study: the profile's rows, or a line."""
    if isinstance(study, ProfileStudy):
        return ProfileItem(study, lod, values, colour, scale)
    return LineItem(lod, values, colour, scale)


class ProfileItem(LineItem):
    """The rows along the right edge, behind the candles: width ∝ volume, the value area in a
    light shade of the theme's accent, the point of control in the accent itself with a line
    across the pane at its price (its legend item too: the accent, not a line colour that
    could be grey like the rows)."""

    @property
    def colour(self) -> QColor:
        return theme.current().accent

    @colour.setter
    def colour(self, _colour: QColor) -> None:
        pass  # the theme's accent, whatever line colour the pane hands out

    def __init__(self, study: ProfileStudy, lod: LodPyramid, values: Callable[[], np.ndarray], colour: QColor,
                 scale: PriceScale):
        super().__init__(lod, values, colour, scale)
        self.study = study
        study.visible = self.visible_range
        self._batch = _Batch()
        self.setZValue(-10)  # behind the candles, above the grid

    def visible_range(self) -> tuple[int, int]:
        vb = self.getViewBox()
        if vb is None:
            return 0, 0
        x0, x1 = vb.viewRange()[0]
        return visible_bars(self.lod.manager, x0, x1)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        profile = self.study.profile()
        rect = self.viewRect()
        if profile is None or rect is None:
            return
        vols = profile.volumes
        top = float(vols.max())
        if top <= 0:
            return
        scale = self.scale
        edges = np.asarray(scale.forward(profile.edges) if scale is not None else profile.edges, dtype=np.float64)
        lows, highs = edges[:-1], edges[1:]
        gap = (highs - lows) * ROW_GAP / 2
        width = vols / top * rect.width() * WIDTH
        right = rect.right()
        rows = np.arange(len(vols))
        inside = (rows >= profile.area_first) & (rows <= profile.area_last)
        palette = theme.current()
        shades = (
            (~inside, _alpha(palette.muted, 0.28)),
            (inside & (rows != profile.poc), _alpha(self.colour, 0.32)),
            (rows == profile.poc, _alpha(self.colour, 0.75)),
        )
        painter.setPen(QPen(Qt.PenStyle.NoPen))
        for mask, colour in shades:
            if not mask.any():
                continue
            painter.setBrush(QBrush(colour))
            self._batch.draw_rects(painter, right - width[mask], lows[mask] + gap[mask], width[mask],
                                   highs[mask] - lows[mask] - 2 * gap[mask])
        y = (lows[profile.poc] + highs[profile.poc]) / 2
        pen = _pen(_alpha(self.colour, 0.8))
        pen.setDashPattern([2, 3])
        painter.setPen(pen)
        painter.drawLine(QPointF(rect.left(), y), QPointF(right, y))


def _alpha(colour: QColor, alpha: float) -> QColor:
    out = QColor(colour)
    out.setAlphaF(alpha)
    return out
