"""User settings: one JSON document written atomically; a damaged file is kept, not lost."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import msgspec

from app.storage.atomic import write_atomic
from app.storage.paths import config_dir

log = logging.getLogger(__name__)

DEFAULT_WATCHLIST = [
    "US:AAPL", "US:NVDA", "US:TSLA", "HK:00700", "HK:09988", "SH:600519", "SZ:300750",
    "CRYPTO:BTCUSDT", "CRYPTO:ETHUSDT", "PERP:BTCUSDT", "FX:EURUSD", "CMDTY:XAUUSD", "IDX:HSI",
]
# Each vendor lists what it serves; QOS's default plan holds 10 symbols at once.
DEFAULT_WATCHLISTS = {
    "sim": DEFAULT_WATCHLIST,
    "qos": ["US:AAPL", "US:NVDA", "US:TSLA", "HK:00700", "HK:09988", "SH:600519", "SZ:002594",
            "PERP:BTCUSDT", "PERP:ETHUSDT", "CMDTY:XAUUSD"],
    "itick": ["US:AAPL", "US:NVDA", "US:TSLA", "HK:00700", "HK:09988", "SH:600519", "SZ:300750",
              "CRYPTO:BTCUSDT", "CRYPTO:ETHUSDT", "FX:EURUSD", "CMDTY:XAUUSD", "IDX:SPX"],
    # 脉动数据: no stocks; its index futures under their own codes (MD:).
    "maidong": ["CRYPTO:BTCUSDT", "CRYPTO:ETHUSDT", "CRYPTO:XRPUSDT", "FX:EURUSD", "FX:GBPUSD",
                "FX:USDJPY", "MD:HX_HSI", "MD:HX_MHI", "MD:HX_CN", "MD:HX_NQ", "MD:HX_ES",
                "MD:ZY_DAX", "MD:ZY_YM"],
}


class VendorHosts(msgspec.Struct, kw_only=True, omit_defaults=True):
    """Optional address overrides for one vendor (a free-plan host, a local test server)."""

    base_url: str | None = None
    ws_url: str | None = None


class QosPlanSettings(msgspec.Struct, kw_only=True):
    """The user's QOS plan, for plans larger than the default (10 symbols, 10 requests/min)."""

    products: int = 10
    http_per_minute: int = 10


class ItickPlanSettings(msgspec.Struct, kw_only=True):
    """The user's iTick plan: iTick publishes no numbers (free keys: about 5 requests a
    minute; paid plans 120 and more). ``connections`` 0 means the plan's count is not known."""

    http_per_minute: int = 60
    connections: int = 0


class ChartStudy(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One indicator on the chart: its kind (MA, EMA, BOLL, VOL, MACD, RSI), its parameters
    (empty: the defaults), and for MACD whether it is drawn the Chinese way."""

    kind: str
    params: list[float] = msgspec.field(default_factory=list)
    chinese: bool = False


def _default_studies() -> list[ChartStudy]:
    return [ChartStudy(kind="MA"), ChartStudy(kind="VOL")]


class TapeFilter(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One symbol's time & sales filters: prints under ``min_size`` are hidden; prints at or
    above ``large`` (a size, or a notional: price × size) are highlighted; ``large`` 0 means
    "auto": five times the median size of the recent prints."""

    min_size: float = 0.0
    large: float = 0.0
    by_notional: bool = False


class ChartSettings(msgspec.Struct, kw_only=True):
    """How the chart looks, remembered between runs."""

    style: str = "candles"  # candles, ohlc, line
    scale: str = "normal"  # normal, log, percent
    local_time: bool = False  # False: the exchange's time zone
    magnet: bool = False
    studies: list[ChartStudy] = msgspec.field(default_factory=_default_studies)


class Settings(msgspec.Struct, kw_only=True):
    """Preferences only: API keys live in the OS keyring, never here."""

    vendor: str = "sim"
    red_up: bool | None = None  # None: follow the locale (Chinese → red up)
    theme: str = "dark"  # "dark" or "light"
    language: str = "auto"  # "auto" (the system's), "en" or "zh_CN"; applies at the next start
    watchlist_columns: list[str] = msgspec.field(default_factory=list)  # empty: the defaults
    watchlist: list[str] = msgspec.field(default_factory=lambda: list(DEFAULT_WATCHLIST))  # sim's
    watchlists: dict[str, list[str]] = msgspec.field(default_factory=dict)  # other vendors'
    selected: str | None = None
    hosts: dict[str, VendorHosts] = msgspec.field(default_factory=dict)
    qos_plan: QosPlanSettings = msgspec.field(default_factory=QosPlanSettings)
    itick_plan: ItickPlanSettings = msgspec.field(default_factory=ItickPlanSettings)
    chart: ChartSettings = msgspec.field(default_factory=ChartSettings)
    tape_filters: dict[str, TapeFilter] = msgspec.field(default_factory=dict)  # per symbol

    def watchlist_for(self, vendor: str) -> list[str]:
        if vendor == "sim":
            return list(self.watchlist)
        if vendor in self.watchlists:
            return list(self.watchlists[vendor])
        return list(DEFAULT_WATCHLISTS.get(vendor, []))

    def set_watchlist(self, vendor: str, symbols: list[str]) -> None:
        if vendor == "sim":
            self.watchlist = list(symbols)
        else:
            self.watchlists[vendor] = list(symbols)


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        log.warning("cannot read settings %s: %s", path, exc)
        return Settings()
    try:
        return msgspec.json.decode(data, type=Settings)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        backup = path.with_name(f"{path.name}.damaged-{int(time.time())}")
        log.warning("settings %s unreadable (%s); kept as %s, using defaults", path, exc, backup)
        path.replace(backup)
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    write_atomic(path or settings_path(), msgspec.json.format(msgspec.json.encode(settings)))
