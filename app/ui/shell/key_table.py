"""The keys that are no action, for the keyboard shortcuts dialog: what the panes do with keys
they read themselves (typing starts a symbol search anywhere — 键盘精灵 —, the chart's arrows,
Home and End, the watchlist's Enter and Delete, the search's keys) and the chart's mouse.

Each row is (group, keys, what it does); the keys are Qt key sequences written the platform's
way, or a phrase; the phrases and the groups are translated where the dialog shows them.
Where the pane handles a key: ``app/ui/shell/keys.py`` (typing), ``app/ui/chart/ranges.py``
(the chart), ``app/ui/watchlist/widget.py``, ``app/ui/palette/view.py``.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence

# group names: a pane's title ("MainWindow" context, as its dock says it) or the dialog's own
_PANE_GROUPS = {"Chart", "Watchlist"}
_GROUPS = {
    "Window": QT_TRANSLATE_NOOP("KeysDialog", "Window"),
    "Search": QT_TRANSLATE_NOOP("KeysDialog", "Symbol search"),
}

# (group, key or phrase, what it does); a phrase is a str, a key a Qt.Key
CHART_KEYS: list[tuple[Qt.Key | str, str]] = [
    (Qt.Key.Key_Left, QT_TRANSLATE_NOOP("KeysDialog", "Move back in time")),
    (Qt.Key.Key_Right, QT_TRANSLATE_NOOP("KeysDialog", "Move forward in time")),
    (Qt.Key.Key_Up, QT_TRANSLATE_NOOP("KeysDialog", "Zoom in")),
    (Qt.Key.Key_Down, QT_TRANSLATE_NOOP("KeysDialog", "Zoom out")),
    (Qt.Key.Key_Home, QT_TRANSLATE_NOOP("KeysDialog", "Go to the first bar loaded")),
    (Qt.Key.Key_End, QT_TRANSLATE_NOOP("KeysDialog", "Back to the latest bar and follow it")),
    (QT_TRANSLATE_NOOP("KeysDialog", "Mouse wheel"), QT_TRANSLATE_NOOP("KeysDialog", "Zoom around the pointer")),
    (QT_TRANSLATE_NOOP("KeysDialog", "Drag"), QT_TRANSLATE_NOOP("KeysDialog", "Move in time")),
    (QT_TRANSLATE_NOOP("KeysDialog", "Drag on the price axis"), QT_TRANSLATE_NOOP("KeysDialog", "Stretch the prices")),
    (QT_TRANSLATE_NOOP("KeysDialog", "Double-click"), QT_TRANSLATE_NOOP("KeysDialog", "Fit the prices again")),
]
_ROWS: list[tuple[str, Qt.Key | str | tuple[Qt.Key, ...], str]] = [
    ("Window", QT_TRANSLATE_NOOP("KeysDialog", "A letter or a digit"),
     QT_TRANSLATE_NOOP("KeysDialog", "Search symbols (键盘精灵): a code, a name or pinyin initials")),
    ("Search", (Qt.Key.Key_Up, Qt.Key.Key_Down), QT_TRANSLATE_NOOP("KeysDialog", "Choose a match")),
    ("Search", Qt.Key.Key_Enter, QT_TRANSLATE_NOOP("KeysDialog", "Chart the match")),
    ("Search", Qt.Key.Key_Enter | Qt.KeyboardModifier.ControlModifier,
     QT_TRANSLATE_NOOP("KeysDialog", "Chart it and add it to the watchlist")),
    ("Search", Qt.Key.Key_Escape, QT_TRANSLATE_NOOP("KeysDialog", "Close the search")),
    *(("Chart", key, what) for key, what in CHART_KEYS),
    ("Watchlist", (Qt.Key.Key_Up, Qt.Key.Key_Down), QT_TRANSLATE_NOOP("KeysDialog", "Move between rows")),
    ("Watchlist", Qt.Key.Key_Enter, QT_TRANSLATE_NOOP("KeysDialog", "Chart the row and go to the chart")),
    ("Watchlist", (Qt.Key.Key_Delete, Qt.Key.Key_Backspace), QT_TRANSLATE_NOOP("KeysDialog", "Remove the selected rows")),
    ("Watchlist", QT_TRANSLATE_NOOP("KeysDialog", "Double-click a tab"), QT_TRANSLATE_NOOP("KeysDialog", "Rename the list")),
]


def group_title(group: str) -> str:
    """A group's title in the running language (a pane's as its dock shows it)."""
    if group in _PANE_GROUPS:
        return QCoreApplication.translate("MainWindow", group)
    return QCoreApplication.translate("KeysDialog", _GROUPS.get(group, group))


def key_text(key) -> str:
    """A key (or several, or a phrase) as the platform writes it."""
    if isinstance(key, str):
        return QCoreApplication.translate("KeysDialog", key)
    if isinstance(key, tuple):
        return " / ".join(key_text(k) for k in key)
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def STATIC_KEYS() -> list[tuple[str, str, str]]:  # noqa: N802 — reads as the table it is
    """(group, keys as shown, what it does — untranslated) of every key that is no action."""
    return [(group, key_text(key), what) for group, key, what in _ROWS]
