"""The floor for start-up (issue 24): the least a PySide6 + pyqtgraph quote window costs to show.

A main window with a pyqtgraph chart and three table views (watchlist, order book, tape), painted,
grabbed to a PNG, exit: the shape of ``quote-terminal --screenshot PATH --after S``. No app code, no
asyncio, no settings: what any program built on the same two libraries pays before its first frame.

    QT_QPA_PLATFORM=offscreen python -m tests.bench.floor_app --screenshot /tmp/floor.png --after 0
"""

from __future__ import annotations

import argparse
import sys

WINDOW_SIZE = (1600, 900)  # the app's --screenshot size
ROWS = 20


def _table(columns: list[str], rows: int):
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    model = QStandardItemModel(rows, len(columns))
    model.setHorizontalHeaderLabels(columns)
    for row in range(rows):
        for column in range(len(columns)):
            model.setItem(row, column, QStandardItem(f"{100 + row * 0.25 + column:.2f}"))
    view = QTableView()
    view.setModel(model)
    view.model_ref = model  # the view does not own a model it was given
    return view


def build_window():
    """The floor's window: a chart in the middle, a table on each side and one below."""
    import numpy as np
    import pyqtgraph as pg
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget, QMainWindow

    window = QMainWindow()
    window.setWindowTitle("floor")
    plot = pg.PlotWidget()
    closes = 100 + np.cumsum(np.random.default_rng(1).normal(0, 0.5, 500))
    plot.plot(closes)
    window.setCentralWidget(plot)
    for title, columns, area in (
        ("Watchlist", ["Symbol", "Last", "Chg", "Chg%", "Volume"], Qt.DockWidgetArea.LeftDockWidgetArea),
        ("Order book", ["Bid", "Size", "Ask", "Size"], Qt.DockWidgetArea.RightDockWidgetArea),
        ("Tape", ["Time", "Price", "Size", "Side"], Qt.DockWidgetArea.BottomDockWidgetArea),
    ):
        dock = QDockWidget(title, window)
        dock.setWidget(_table(columns, ROWS))
        window.addDockWidget(area, dock)
    window.resize(*WINDOW_SIZE)
    return window


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--screenshot", metavar="PATH", required=True)
    parser.add_argument("--after", type=float, default=0.0, metavar="S")
    args = parser.parse_args(argv)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = build_window()
    window.show()
    code: list[int] = []

    def shoot() -> None:
        code.append(0 if window.grab().save(args.screenshot) else 2)
        window.close()
        app.quit()

    QTimer.singleShot(int(args.after * 1000), shoot)
    app.exec()
    return code[0] if code else 2


if __name__ == "__main__":
    sys.exit(main())
