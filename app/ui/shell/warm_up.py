"""What the first frame does not need, loaded just after it (issue 24: start-up).

The symbol search's pinyin and fuzzy libraries and the OS keyring cost more than the window's own
first frame; nothing on screen at start uses them. They are loaded here, one step per turn of the
event loop a moment after the window is shown, so that the first search and the first key asked
for (the settings dialog) do not wait either. tests/test_startup_imports.py keeps them off the
start-up path.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from app.storage.keys import load_keyring

WARM_UP_DELAY_MS = 300  # after show(): the first frame is painted by then, the user not yet typing


def warm_up_later(window, delay_ms: int = WARM_UP_DELAY_MS) -> QTimer:
    """Run the window's deferred start-up steps ``delay_ms`` after now, one per turn of the loop
    (input and repaints go between them). ``window`` is the main window (its ``search_index``);
    the timer is returned for tests (``timer.isActive()`` while steps remain)."""
    steps: list[Callable[[], None]] = [window.search_index.prepare, load_keyring]
    return _chain(window, steps, delay_ms)


def _chain(owner: QObject, steps: list[Callable[[], None]], delay_ms: int) -> QTimer:
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(delay_ms)

    def next_step() -> None:
        if steps:
            steps.pop(0)()
        if steps:
            timer.start(0)

    timer.timeout.connect(next_step)
    timer.start()
    return timer
