"""The drawings of every symbol, shared live by every chart of the window, with undo.

One :class:`DrawingBook` is made by the launcher (on ``drawings.json`` in the data folder) and
handed to every chart: two charts of the same symbol show the same drawings, and an edit in one
shows in the other at once (``sig_changed``). Every edit is a command on one undo stack, so
Ctrl+Z undoes the last edit of the window's drawings, whichever chart it was made in.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.core.drawings import Drawing
from app.storage.drawings import DrawingStore


class DrawingBook(QObject):
    """Signals:

    - ``sig_changed(str)``: the drawings of this symbol changed (added, edited, removed, or
      moved live under the mouse); every chart of that symbol repaints.
    """

    sig_changed = Signal(str)

    def __init__(self, path: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = DrawingStore(path)
        self.undo = QUndoStack(self)
        self._live: dict[str, dict[str, Drawing]] = {}  # under the mouse, not yet saved

    @property
    def problem(self):
        """The file's trouble in words (set aside as damaged, or not saved), else None."""
        return self.store.problem

    def drawings(self, symbol: str | None) -> list[Drawing]:
        """The symbol's drawings, oldest first, with any being dragged as they are now."""
        if not symbol:
            return []
        live = self._live.get(symbol)
        drawings = self.store.drawings(symbol)
        return [live.get(d.id, d) for d in drawings] if live else drawings

    def find(self, symbol: str, drawing_id: str) -> Drawing | None:
        return next((d for d in self.drawings(symbol) if d.id == drawing_id), None)

    def new_id(self) -> str:
        return self.store.new_id()

    # -- edits (each one undoable and saved) ----------------------------------------------------

    def add(self, symbol: str, drawing: Drawing) -> None:
        self.undo.push(_Put(self, symbol, None, drawing, self.tr("Add drawing")))

    def change(self, symbol: str, before: Drawing, after: Drawing, text: str | None = None) -> None:
        """``before`` becomes ``after`` (same id); nothing to undo when they are equal."""
        self._live.get(symbol, {}).pop(after.id, None)
        if before == after:
            self.sig_changed.emit(symbol)
            return
        self.undo.push(_Put(self, symbol, before, after, text or self.tr("Edit drawing")))

    def remove(self, symbol: str, drawing: Drawing) -> None:
        self.undo.push(_Put(self, symbol, drawing, None, self.tr("Delete drawing")))

    def set_all(self, symbol: str, after: list[Drawing], text: str) -> None:
        """Every drawing of ``symbol`` at once (show all, hide all), one step to undo."""
        before = self.store.drawings(symbol)
        if before != after:
            self.undo.push(_All(self, symbol, before, after, text))

    def preview(self, symbol: str, drawing: Drawing) -> None:
        """Show ``drawing`` as it is under the mouse, unsaved (``change`` ends the drag)."""
        self._live.setdefault(symbol, {})[drawing.id] = drawing
        self.sig_changed.emit(symbol)

    def cancel_preview(self, symbol: str) -> None:
        if self._live.pop(symbol, None):
            self.sig_changed.emit(symbol)

    # -- what the commands do ---------------------------------------------------------------------

    def _put(self, symbol: str, drawing: Drawing | None, remove: Drawing | None, at: int | None) -> int | None:
        where = None
        if drawing is None and remove is not None:
            where = self.store.remove(symbol, remove.id)
        elif drawing is not None:
            self.store.put(symbol, drawing, at)
        self.sig_changed.emit(symbol)
        return where


class _Put(QUndoCommand):
    """Add (before None), change, or delete (after None) one drawing."""

    def __init__(self, book: DrawingBook, symbol: str, before: Drawing | None, after: Drawing | None,
                 text: str) -> None:
        super().__init__(text)
        self.book, self.symbol, self.before, self.after = book, symbol, before, after
        self.place: int | None = None  # a deleted drawing's place, to put it back there

    def redo(self) -> None:
        if self.after is None:
            self.place = self.book._put(self.symbol, None, self.before, None)
        else:
            self.book._put(self.symbol, self.after, None, None)

    def undo(self) -> None:
        if self.before is None:
            self.book._put(self.symbol, None, self.after, None)
        else:
            self.book._put(self.symbol, self.before, None, self.place)


class _All(QUndoCommand):
    def __init__(self, book: DrawingBook, symbol: str, before: list[Drawing], after: list[Drawing],
                 text: str) -> None:
        super().__init__(text)
        self.book, self.symbol, self.before, self.after = book, symbol, before, after

    def redo(self) -> None:
        self.book.store.replace_all(self.symbol, self.after)
        self.book.sig_changed.emit(self.symbol)

    def undo(self) -> None:
        self.book.store.replace_all(self.symbol, self.before)
        self.book.sig_changed.emit(self.symbol)
