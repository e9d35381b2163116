"""What the first frame does not need, loaded just after it (issue 24: start-up).

The symbol search's pinyin and fuzzy libraries and the OS keyring cost more than the window's own
first frame; nothing on screen at start uses them. A moment after the event loop first comes back
idle (the first frame is painted by then):

1. the cyclic garbage collector, which the command line pauses while the window is built
   (start-up allocates much and frees little), runs again, from here on the GUI thread's timer
   (pyqtgraph's GarbageCollector): left to itself it runs in whichever thread allocates past its
   threshold (a recording's encoder, the kline cache's writer), and a Qt object it frees there
   leaves its timers to fire on freed memory (a crash in CI, in the chart's tests);
2. a daemon thread imports pypinyin and rapidfuzz and finds the keyring's backend (which may ask
   D-Bus), so the window keeps answering meanwhile;
3. back on the GUI thread, the symbol index names the pinyin of what it was told so far.

The first search and the first key asked for (the settings dialog) then do not wait; a search
typed before all this prepares the index itself. Closing the window drops the steps not started:
quitting never waits for them. tests/test_startup_imports.py keeps these off the start-up path.
"""

from __future__ import annotations

import contextlib
import gc
import threading

from PySide6.QtCore import QObject, QTimer, Signal
from pyqtgraph.util.garbage_collector import GarbageCollector

from app.core.search import load_libraries
from app.storage.keys import load_keyring

WARM_UP_DELAY_MS = 500  # after the first frame: the user is not typing yet
COLLECT_EVERY_S = 0.5  # the GUI thread's look at the collector's counts
_collector: list[GarbageCollector] = []  # one for the process (its timer is kept alive here)


def collect_on_gui_thread() -> None:
    """The cyclic collector run only from the GUI thread's timer, automatic collection off
    (once per process; see the module's docstring)."""
    if not _collector:
        _collector.append(GarbageCollector(interval=COLLECT_EVERY_S))
    gc.disable()


class WarmUp(QObject):
    """The deferred start-up steps of one window.

    ``sig_loaded()``: the libraries are imported (emitted from the loading thread, received on
    the GUI thread, where the window's symbol index is prepared)."""

    sig_loaded = Signal()

    def __init__(self, window, delay_ms: int = WARM_UP_DELAY_MS) -> None:
        """``window`` is the main window: its ``search_index`` and ``sig_closed``."""
        super().__init__(window)
        self._index = window.search_index
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._start)
        self.sig_loaded.connect(self._index.prepare)
        window.sig_closed.connect(self.timer.stop)
        QTimer.singleShot(0, self.timer, self.timer.start)  # from the loop's first idle turn: after the paint

    def _start(self) -> None:
        collect_on_gui_thread()
        threading.Thread(target=self._load, name="warm-up", daemon=True).start()

    def _load(self) -> None:
        try:
            load_libraries()
            load_keyring()
        finally:
            with contextlib.suppress(RuntimeError):  # the window (and this object) already gone
                self.sig_loaded.emit()


def warm_up_later(window, delay_ms: int = WARM_UP_DELAY_MS) -> WarmUp:
    """Run the window's deferred start-up steps ``delay_ms`` after the event loop is next idle."""
    return WarmUp(window, delay_ms)
