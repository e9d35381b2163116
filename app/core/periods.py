"""Bar periods and their fixed lengths."""

from __future__ import annotations

from enum import StrEnum

from app.core.text import QT_TRANSLATE_NOOP, Text

MINUTE_MS = 60_000


class PeriodError(ValueError):
    """Text that names no period; the message lists the choices."""


class Period(StrEnum):
    M1 = "1m"
    M5 = "5m"
    M15 = "15m"
    M30 = "30m"
    H1 = "1h"
    H2 = "2h"
    H4 = "4h"
    D1 = "1d"
    W1 = "1w"
    MN1 = "1M"
    Y1 = "1y"

    @property
    def is_intraday(self) -> bool:
        return self in _INTRADAY_MINUTES

    @property
    def minutes(self) -> int:
        """Length of an intraday period in minutes (calendar periods have no fixed length)."""
        try:
            return _INTRADAY_MINUTES[self]
        except KeyError:
            raise ValueError(f"{self.value} is a calendar period with no fixed length") from None

    @property
    def nominal_ms(self) -> int:
        """Approximate length, for sizing requests and volatility scaling only."""
        if self.is_intraday:
            return self.minutes * MINUTE_MS
        return _CALENDAR_DAYS[self] * 1440 * MINUTE_MS

    @classmethod
    def parse(cls, text: str) -> Period:
        try:
            return cls(text.strip())
        except ValueError:
            choices = " ".join(p.value for p in cls)
            raise PeriodError(Text(QT_TRANSLATE_NOOP("Core", "unknown period '%1': choose one of %2"),
                                   text, choices)) from None


_INTRADAY_MINUTES = {
    Period.M1: 1,
    Period.M5: 5,
    Period.M15: 15,
    Period.M30: 30,
    Period.H1: 60,
    Period.H2: 120,
    Period.H4: 240,
}
_CALENDAR_DAYS = {Period.D1: 1, Period.W1: 7, Period.MN1: 30, Period.Y1: 365}
