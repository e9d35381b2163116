"""Numbers and times as traders read them: the instrument's precision, a stated time zone."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale

from app.core import zones
from app.core.sessions import calendar_for
from app.core.symbols import market_of
from app.core.types import Instrument


def price(value: float | None, decimals: int) -> str:
    return "" if value is None else f"{value:,.{decimals}f}"


def signed(value: float | None, decimals: int) -> str:
    return "" if value is None else f"{value:+,.{decimals}f}"


def percent(value: float | None) -> str:
    return "" if value is None else f"{value:+.2f}%"


def size(value: float | None, decimals: int = 0) -> str:
    return "" if value is None else f"{value:,.{decimals}f}"


def compact(value: float | None, chinese: bool = False) -> str:
    """Volumes at a glance: 1.23M / 4.56B, or 万/亿 for Chinese readers."""
    if value is None:
        return ""
    v = abs(value)
    if chinese:
        for unit, div in (("亿", 1e8), ("万", 1e4)):
            if v >= div:
                return f"{value / div:,.2f}{unit}"
    else:
        for unit, div in (("B", 1e9), ("M", 1e6), ("K", 1e3)):
            if v >= div:
                return f"{value / div:,.2f}{unit}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.4g}"


def volume(value: float | None, chinese: bool = False, decimals: int = 0) -> str:
    """A traded volume, the one way every pane writes it (the watchlist, the chart's legends and
    its volume axis): 1.23K / 4.56M / 7.89B, or 1.23万 / 4.56亿 for a Chinese reader; below
    that, the whole amount at the instrument's size precision (``decimals``), at most two
    decimals from 1 up (an average of fractional sizes is not read to the satoshi), its
    trailing zeros dropped ("5,647", "27.95", "0.00054"), so a decimal point is never read as
    a thousands separator next to a differently written figure."""
    if value is None:
        return ""
    v = abs(value)
    units = (("亿", 1e8), ("万", 1e4)) if chinese else (("B", 1e9), ("M", 1e6), ("K", 1e3))
    for unit, div in units:
        if v >= div:
            return f"{value / div:,.2f}{unit}"
    places = max(0, decimals) if v < 1 else min(max(0, decimals), 2)
    text = f"{value:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@lru_cache(maxsize=64)
def zone_of(symbol: str, calendar: str | None = None) -> ZoneInfo:
    return calendar_for(market_of(symbol), calendar).zone


def exchange_zone(symbol: str, instrument: Instrument | None) -> ZoneInfo:
    return zone_of(symbol, instrument.calendar if instrument else None)


def clock(ts_ms: int | None, zone: ZoneInfo, *, millis: bool = False, with_zone: bool = False) -> str:
    if ts_ms is None:
        return ""
    hms = _clock_second(ts_ms // 1000, zone)
    text = f"{hms}.{ts_ms % 1000:03d}" if millis else hms
    return f"{text} {_zone_at(ts_ms // 1000, zone, _chinese())}" if with_zone else text


@lru_cache(maxsize=4096)
def _zone_at(second: int, zone: ZoneInfo, chinese: bool) -> str:
    return zones.zone_name(datetime.fromtimestamp(second, zone), chinese)


def _chinese() -> bool:
    return QLocale().language() == QLocale.Language.Chinese


@lru_cache(maxsize=4096)
def _clock_second(second: int, zone: ZoneInfo) -> str:
    """"HH:MM:SS" of one second: hundreds of quotes a frame share a few seconds."""
    return datetime.fromtimestamp(second, zone).strftime("%H:%M:%S")


def zone_label(moment: datetime) -> str:
    """The zone's name as every pane shows it (ET, HKT, CST/北京时间, JST, UTC): one owner,
    :func:`app.core.zones.zone_name`, in the interface's language."""
    return zones.zone_name(moment, _chinese())
