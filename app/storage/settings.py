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


class Settings(msgspec.Struct, kw_only=True):
    vendor: str = "sim"
    red_up: bool | None = None  # None: follow the locale (Chinese → red up)
    watchlist: list[str] = msgspec.field(default_factory=lambda: list(DEFAULT_WATCHLIST))
    selected: str | None = None


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
