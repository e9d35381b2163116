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
