"""Shared behaviour of panes that follow the linked symbol and hold live data for it."""

from __future__ import annotations

from app.core.periods import Period
from app.core.types import Channel
from app.services.market_data import MarketDataService


class LiveSubscription:
    """Holds one symbol's channels in the service, swapping them when the symbol changes."""

    def __init__(self, service: MarketDataService, channels: list[Channel], period: Period | None = None):
        self._service = service
        self._channels = channels
        self.period = period
        self.symbol: str | None = None

    def follow(self, symbol: str | None, period: Period | None = None) -> None:
        period = period if period is not None else self.period
        if symbol == self.symbol and period == self.period:
            return
        if self.symbol is not None:
            self._service.release([self.symbol], self._channels, self.period)
        self.symbol, self.period = symbol, period
        if symbol is not None:
            self._service.acquire([symbol], self._channels, period)
