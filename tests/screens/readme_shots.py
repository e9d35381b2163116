"""Retakes every picture in the README, the way a user starts the program.

Run: ``python -m tests.screens.readme_shots --out resources``

- ``screenshot.png`` (dark, English), ``screenshot-light.png``, ``screenshot-zh.png`` and
  ``screenshot-zh-light.png``: ``quote-terminal --screenshot`` on the simulator, with a fresh
  data folder whose settings choose the theme and the language;
- ``screenshot-qos.png``, ``screenshot-itick.png``, ``screenshot-maidong.png``: the same against
  the protocol-faithful fake servers of ``tests/fakes`` on 127.0.0.1, started as the README says;
- the chart's and the watchlist's pictures: :mod:`tests.screens.chart_shots`.

Each run gets its own data folder, so no setting of the developer's leaks into a picture.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

AFTER_S = "6"  # long enough for the history, the book and a tape of prints
MAIN = {  # picture → (theme, language)
    "screenshot.png": ("dark", "en"),
    "screenshot-light.png": ("light", "en"),
    "screenshot-zh.png": ("dark", "zh_CN"),
    "screenshot-zh-light.png": ("light", "zh_CN"),
}
FAKES = {  # picture → (vendor, fake module, its arguments, key variable, WebSocket path)
    "screenshot-qos.png": ("qos", "tests.fakes.qos", ["--key", "demo"], {"QOS_API_KEY": "demo"}, "/ws"),
    "screenshot-itick.png": ("itick", "tests.fakes.itick", ["--token", "demo"], {"ITICK_TOKEN": "demo"}, ""),
    "screenshot-maidong.png": ("maidong", "tests.fakes.maidong", [], {}, "/ws"),
}
CHART_PICTURES = ["chart-daily-dark.png", "chart-daily-light.png", "chart-lunch-dark.png",
                  "chart-crosshair-light.png", "watchlist-dark.png"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the fake server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port}")


@contextmanager
def _fake(module: str, args: list[str]):
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", module, "--port", str(port), *args])
    try:
        _wait_for_port(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(10)


def _screenshot(out: Path, theme: str, language: str, extra: list[str], env: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as home:
        Path(home, "settings.json").write_text(json.dumps({"theme": theme, "language": language}))
        command = [sys.executable, "-m", "app", *extra, "--screenshot", str(out), "--after", AFTER_S]
        environment = {**os.environ, "QUOTE_TERMINAL_HOME": home, "QT_QPA_PLATFORM": "offscreen",
                       "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring", **env}
        subprocess.run(command, env=environment, check=True, timeout=120)
    print(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("resources"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (theme, language) in MAIN.items():
        _screenshot(args.out / name, theme, language, ["--vendor", "sim"], {})
    for name, (vendor, module, fake_args, env, ws_path) in FAKES.items():
        with _fake(module, fake_args) as port:
            urls = ["--base-url", f"http://127.0.0.1:{port}", "--ws-url", f"ws://127.0.0.1:{port}{ws_path}"]
            _screenshot(args.out / name, "dark", "en", ["--vendor", vendor, *urls], env)
    with tempfile.TemporaryDirectory() as scratch:  # both themes of each; the README shows these
        subprocess.run([sys.executable, "-m", "tests.screens.chart_shots", "--out", scratch],
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=True, timeout=300)
        for name in CHART_PICTURES:
            Path(scratch, name).replace(args.out / name)
            print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
