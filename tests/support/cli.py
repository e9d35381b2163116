"""Running the command line against a fake vendor server, as a user would (a subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_cli(vendor: str, server, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``quote-terminal COMMAND --vendor V --base-url … --ws-url … ARGS`` with no keyring;
    ``env`` adds variables (a key in the environment)."""
    command, *rest = args
    return subprocess.run(
        [sys.executable, "-m", "app", command, "--vendor", vendor, "--base-url", server.http_url,
         "--ws-url", server.ws_url, *rest],
        capture_output=True, text=True, timeout=60, cwd=REPO,
        env=dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring", **(env or {})),
    )
