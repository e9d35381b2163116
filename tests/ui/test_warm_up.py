"""The deferred start-up step (app/ui/shell/warm_up.py): after the first idle turn it turns the
collector on again and, from a thread, imports the search's libraries and the keyring, then
prepares the window's symbol index on the GUI thread; closing the window first cancels it."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, Signal

from app.core.search import SymbolIndex
from app.feeds.sim.universe import SPECS
from app.ui.shell.warm_up import warm_up_later


class Window(QObject):
    """What the step uses of the main window."""

    sig_closed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.search_index = SymbolIndex([spec.instrument for spec in SPECS], lazy=True)


def test_the_index_is_prepared_on_the_gui_thread_and_the_collector_runs_there(qtbot):
    window = Window()
    prepared_on: list[threading.Thread] = []
    prepare = window.search_index.prepare
    window.search_index.prepare = lambda: (prepared_on.append(threading.current_thread()), prepare())
    warm_up_later(window, delay_ms=0)
    assert window.search_index.lazy  # nothing before the loop turns
    qtbot.waitUntil(lambda: not window.search_index.lazy, timeout=10_000)
    assert prepared_on == [threading.main_thread()]
    assert window.search_index.search("gzmt")[0].instrument.symbol == "SH:600519"
    # the cycle collector: never automatic (a worker thread could run it), on the GUI's timer
    assert not gc.isenabled()
    freed_on: list[threading.Thread] = []
    kept: list[list] = []

    def garbage_from_a_worker() -> None:
        cycle = _Cycle(freed_on)
        cycle.me = cycle
        kept.extend([] for _ in range(5_000))  # past the automatic collector's first threshold

    worker = threading.Thread(target=garbage_from_a_worker)
    worker.start()
    worker.join()
    assert freed_on == []  # not by the worker's allocations
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5_000)
    assert freed_on == [threading.main_thread()]


class _Cycle:
    def __init__(self, freed_on: list) -> None:
        self.freed_on = freed_on
        self.me: object = None

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread())


def test_closing_the_window_first_cancels_it(qtbot):
    window = Window()
    warm = warm_up_later(window, delay_ms=60_000)
    qtbot.waitUntil(warm.timer.isActive, timeout=5_000)  # counting from the first idle turn
    window.sig_closed.emit()
    assert not warm.timer.isActive()
    assert window.search_index.lazy
