"""Which iTick type carries a channel: ``quote``, ``tick``, ``depth`` or ``kline@<kType>`` for a
period, with words when iTick serves no such bars (for the asset)."""

from __future__ import annotations

from app.core.periods import Period
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import Channel
from app.feeds.base import UnsupportedError
from app.feeds.itick import wire
from app.feeds.itick.connection import NAME


def ktype(period: Period, asset: str) -> int:
    """iTick's kType for a period, or words saying iTick has no such bars."""
    code = wire.KTYPES.get(period)
    if code is None:
        raise UnsupportedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 has no %2 bars; the longest is 1M"),
                                    NAME, period.value))
    if period in wire.CRYPTO_ONLY and asset != "crypto":
        raise UnsupportedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 serves %2 bars for crypto only; try 1h or 1d"),
                                    NAME, period.value))
    return code


def channel_type(channel: Channel, period: Period, asset: str) -> str:
    if channel is Channel.BAR:
        return f"kline@{ktype(period, asset)}"
    return {Channel.QUOTE: "quote", Channel.TRADE: "tick", Channel.DEPTH: "depth"}[channel]
