"""Which keys the window takes: the explicit shortcut beside the platform's standard ones, and
which typed key starts a symbol search."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget


def keys_for(explicit: str, standard: QKeySequence.StandardKey) -> list[QKeySequence]:
    """An explicit key first, then the platform's standard ones: Qt's standard Preferences key
    is empty on Linux and Windows (so Ctrl+, did nothing there), Quit is empty on some."""
    keys = [QKeySequence(explicit)]
    keys += [k for k in QKeySequence.keyBindings(standard) if not k.isEmpty() and k not in keys]
    return keys


def starts_search(event: QEvent, focus: QWidget | None) -> bool:
    """A plain printable key (no Ctrl/Alt), outside any field that takes text."""
    if not isinstance(event, QKeyEvent):
        return False
    if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                            | Qt.KeyboardModifier.MetaModifier):
        return False
    text = event.text()
    if len(text) != 1 or not text.isalnum():
        return False
    if isinstance(focus, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox):
        return False
    return not (isinstance(focus, QComboBox) and focus.isEditable())
