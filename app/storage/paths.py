"""Where the program keeps its files; ``QUOTE_TERMINAL_HOME`` overrides (tests, portable use)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "quote-terminal"


def config_dir() -> Path:
    override = os.environ.get("QUOTE_TERMINAL_HOME")
    path = Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))
    return path


def data_dir() -> Path:
    """What the user made and must never lose (watchlists): under the override, else the OS's."""
    override = os.environ.get("QUOTE_TERMINAL_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def cache_dir() -> Path:
    """Data the program can rebuild (the kline cache): under the override, else the OS's."""
    override = os.environ.get("QUOTE_TERMINAL_HOME")
    return Path(override) / "cache" if override else Path(platformdirs.user_cache_dir(APP_NAME))
