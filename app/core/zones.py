"""Time-zone names as a trader reads them, one name per zone and language for every pane.

A trader says "ET" for New York all year (not EST in winter and EDT in summer), "HKT" for
Hong Kong, "CST" (in Chinese 北京时间) for China, "JST" for Tokyo. A zone without a
name here falls back on its own abbreviation when that is unambiguous, else its UTC offset.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

# IANA key → (English, Simplified Chinese). Data (the way CLDR names zones), not UI phrases.
NAMES: dict[str, tuple[str, str]] = {
    "America/New_York": ("ET", "美东时间"),
    "Asia/Hong_Kong": ("HKT", "香港时间"),
    "Asia/Shanghai": ("CST", "北京时间"),
    "Asia/Tokyo": ("JST", "东京时间"),
    "Asia/Singapore": ("SGT", "新加坡时间"),
    "Europe/London": ("UK", "伦敦时间"),
    "UTC": ("UTC", "UTC"),
    "Etc/UTC": ("UTC", "UTC"),
}

# Abbreviations that name more than one zone (CST: China and US Central; IST: India, Ireland,
# Israel): never shown without the key that says which.
_AMBIGUOUS = frozenset({"CST", "IST", "BST", "AST"})


def zone_key(zone: tzinfo | None) -> str | None:
    """The IANA key of ``zone`` (``ZoneInfo.key``), "UTC" for the UTC singleton, else None."""
    key = getattr(zone, "key", None)
    if key is not None:
        return key
    if zone is not None and zone.utcoffset(None) is not None and zone.utcoffset(None).total_seconds() == 0 \
            and zone.tzname(None) == "UTC":
        return "UTC"
    return None


def zone_name(moment: datetime, chinese: bool = False) -> str:
    """The name of ``moment``'s zone (an aware datetime: the offset can depend on the date)."""
    key = zone_key(moment.tzinfo)
    if key in NAMES:
        return NAMES[key][1 if chinese else 0]
    name = moment.tzname() or ""
    if name.isalpha() and name.upper() == name and name not in _AMBIGUOUS:
        return name
    offset = moment.utcoffset()
    seconds = int(offset.total_seconds()) if offset is not None else 0
    hours, rest = divmod(abs(seconds), 3600)
    sign = "-" if seconds < 0 else "+"
    return f"UTC{sign}{hours}" + (f":{rest // 60:02d}" if rest else "")


def local_zone() -> tzinfo:
    """This machine's zone with its IANA key where one can be found (``TZ``, /etc/localtime),
    so that the local clock is named like any other zone; else the offset the C library gives."""
    import os
    from pathlib import Path
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for key in candidates:
        if key:
            try:
                return ZoneInfo(key)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return datetime.now().astimezone().tzinfo
