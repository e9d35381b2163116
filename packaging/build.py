"""Build the one-folder bundle and check it starts.

Run: ``python packaging/build.py [--skip-build]`` (needs ``pip install -e ".[package]"``).

1. PyInstaller with ``packaging/quote-terminal.spec`` → ``dist/quote-terminal/`` (on macOS also
   ``dist/Quote Terminal.app``); the work files go to ``build/``.
2. Smoke test: the built program, offscreen, in a fresh home, with
   ``--screenshot smoke.png --after 1``; it must exit 0 within 10 s and write the picture.

Prints one JSON line: build seconds, bundle size (MB), start-to-exit seconds, the picture's size.
Exit code 0 only if everything passed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BUNDLE = DIST / "quote-terminal"
SMOKE_LIMIT_S = 10.0


def build() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(ROOT / "build"),
                    str(ROOT / "packaging" / "quote-terminal.spec")], check=True, cwd=ROOT)
    return time.perf_counter() - start


def size_mb(folder: Path) -> float:
    """On disk, as ``du`` counts it: links to a library are not a second copy."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def smoke() -> dict:
    exe = BUNDLE / ("quote-terminal.exe" if sys.platform == "win32" else "quote-terminal")
    with tempfile.TemporaryDirectory() as home:
        picture = Path(home) / "smoke.png"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QUOTE_TERMINAL_HOME=home)
        start = time.perf_counter()
        done = subprocess.run([str(exe), "--screenshot", str(picture), "--after", "1"], env=env,
                              capture_output=True, text=True, timeout=SMOKE_LIMIT_S * 3)
        seconds = time.perf_counter() - start
        ok = done.returncode == 0 and seconds <= SMOKE_LIMIT_S and picture.exists() and picture.stat().st_size > 10_000
        return {"exit": done.returncode, "seconds": round(seconds, 2), "picture_bytes": picture.stat().st_size
                if picture.exists() else 0, "ok": ok, "stderr": done.stderr[-500:] if not ok else ""}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="only run the smoke test")
    args = parser.parse_args()
    seconds = 0.0 if args.skip_build else build()
    result = {"build_s": round(seconds, 1), "bundle_mb": round(size_mb(BUNDLE), 1), **smoke()}
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
