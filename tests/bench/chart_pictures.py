"""The chart's pictures along a fixed path, to compare two checkouts pixel for pixel (a paint
speed-up must not change one pixel).

Run in each checkout, then compare:
``QT_QPA_PLATFORM=offscreen python -m tests.bench.chart_pictures --out DIR`` and
``python -m tests.bench.chart_pictures --compare DIR_A DIR_B``.

The path is bench_chart's chart (5000 one-minute bars, MA + VOL + MACD, 1600×900) with its
bars at a fixed time and a seeded random walk: the first picture, live ticks, a new bar, pans,
zooms out and in, the light theme, a tick and a pan in it. Each picture is saved after a full
frame (the paint and a grab), as the bench paints it.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

FIXED_NOW = 1_764_600_000.0  # the bars end here (make_bars counts back from "now")
BARS = 5000


def save_pictures(out: Path) -> int:
    from tests.bench import bench_chart as bc
    from tests.support.qt_loop import running_qasync_loop

    out.mkdir(parents=True, exist_ok=True)
    logging.getLogger("app.services.market_data").setLevel(logging.CRITICAL)
    app = QApplication.instance() or QApplication([])
    bc.time.time = lambda: FIXED_NOW
    with tempfile.TemporaryDirectory() as folder, running_qasync_loop(app):
        store = bc.fill_cache(Path(folder), BARS)
        answer = store.latest(bc.VENDOR, bc.SYMBOL, "1m", BARS)
        ours = bc.Ours(app, answer)
        ours.prev_close = answer[0].close
        ours.prepare()
        ours.load(store.latest_columns(bc.VENDOR, bc.SYMBOL, "1m", BARS, room=bc.live_room(BARS)))
        view = ours.view
        view.reset_view()
        names: list[str] = []

        def shot(name: str) -> None:
            bc.frame(app, view)
            view.grab().save(str(out / f"{len(names):02d}-{name}.png"))
            names.append(name)

        shot("start")
        for k in range(5):
            ours.live(ours.tick_bar())
            shot(f"tick{k}")
        ours.live(ours.new_bar())
        shot("new-bar")
        for k in range(3):
            ours.live(ours.tick_bar())
            shot(f"tick-after-{k}")
        for name, step in (("pan", lambda: view.pan(-40)), ("pan-back", lambda: view.pan(15)),
                           ("zoom", lambda: view.zoom(1.25)), ("zoom-far", lambda: view.zoom(3)),
                           ("zoom-in", lambda: view.zoom(0.3)), ("reset", view.reset_view)):
            step()
            shot(name)
        from app.ui.kit import theme

        light = theme.theme_named("light")
        ours.chart.apply_theme(light, light.direction(True))
        shot("light")
        ours.live(ours.tick_bar())
        shot("light-tick")
        view.pan(-10)
        shot("light-pan")
        store.close()
    print(f"{len(names)} pictures in {out}")
    return 0


def compare(a: Path, b: Path) -> int:
    QApplication.instance() or QApplication([])
    names = sorted(p.name for p in a.glob("*.png"))
    differ = 0
    for name in names:
        # the pixels, whatever the file's format (an opaque grab is saved without an alpha channel)
        x, y = (QImage(str(d / name)).convertToFormat(QImage.Format.Format_ARGB32) for d in (a, b))
        if x != y:
            differ += 1
            pixels = (sum(x.pixel(i, j) != y.pixel(i, j) for j in range(x.height()) for i in range(x.width()))
                      if x.size() == y.size() else "size")
            print(f"{name}: {pixels} pixels differ")
    print(f"{len(names)} pictures, {differ} differ")
    return 1 if differ or not names else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--out", type=Path, help="save the pictures here")
    group.add_argument("--compare", type=Path, nargs=2, metavar="DIR", help="compare two folders of pictures")
    args = parser.parse_args(argv)
    return save_pictures(args.out) if args.out else compare(*args.compare)


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip Qt's teardown of half-closed views at interpreter exit
