"""What the first frame does not need, loaded just after it (issue 24: start-up).

First the cyclic garbage collector, which the command line turns off while the window is built
(start-up allocates much and frees little), is turned on again.

The symbol search's pinyin and fuzzy libraries and the OS keyring cost more than the window's own
first frame; nothing on screen at start uses them. They are loaded here, one step per turn of the
event loop, a moment after the loop first comes back idle (the first frame is painted by then),
so that the first search and the first key asked for (the settings dialog) do not wait either.
Closing the window drops the steps not run yet: quitting never waits for them.
tests/test_startup_imports.py keeps these libraries off the start-up path.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QTimer

from app.storage.keys import load_keyring

WARM_UP_DELAY_MS = 500  # after the first frame: the user is not typing yet


def warm_up_later(window, delay_ms: int = WARM_UP_DELAY_MS) -> QTimer:
    """Run the window's deferred start-up steps ``delay_ms`` after the event loop is next idle,
    one per turn of the loop (input and repaints go between them). ``window`` is the main window
    (its ``search_index`` and ``sig_closed``). The timer is returned: active while steps remain."""
    steps: list[Callable[[], None]] = [gc.enable, window.search_index.prepare, load_keyring]
    timer = QTimer(window)
    timer.setSingleShot(True)
    timer.setInterval(delay_ms)

    def next_step() -> None:
        if steps:
            steps.pop(0)()
        if steps:
            timer.start(0)

    def drop() -> None:
        steps.clear()
        timer.stop()

    timer.timeout.connect(next_step)
    window.sig_closed.connect(drop)
    QTimer.singleShot(0, timer, timer.start)  # counted from the loop's first idle turn: after the paint
    return timer
