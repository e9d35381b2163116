"""The symbol palette: start typing anywhere in the window (or press Ctrl+K or /) and pick a
symbol from the best matches, by code, name or pinyin initials (``gzmt`` → 贵州茅台).

Enter charts the symbol everywhere; Ctrl+Enter adds it to the watchlist as well; Esc closes.
Opened to pick (:meth:`SymbolPalette.open_to_pick`, a chart's *Compare*), Enter hands the symbol
to whoever asked instead, once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.search import SymbolIndex
from app.ui.kit import theme
from app.ui.kit.tables import data_table
from app.ui.palette.model import HitModel, MAX_HITS

WIDTH = 460


class SymbolPalette(QFrame):
    """A floating search box over the main window.

    Signals:

    - ``sig_chosen(str, bool)``: a symbol was picked; True when it should join the watchlist too.
    """

    sig_chosen = Signal(str, bool)

    def __init__(self, index: SymbolIndex, chinese: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.index = index
        self.setObjectName("symbol-palette")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Code, name or pinyin initials (gzmt) — Enter to chart"))
        self.edit.setClearButtonEnabled(True)
        self.model = HitModel(chinese, self)
        self.list = data_table(self, 22, selectable=True)
        self.list.setModel(self.model)
        self.list.horizontalHeader().setVisible(False)
        self.list.horizontalHeader().setSectionResizeMode(HitModel.SYMBOL, QHeaderView.ResizeMode.ResizeToContents)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay in the box
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        theme.tint(self.message, "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        layout.addWidget(self.message)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(60)  # a burst of keystrokes is one search
        self._debounce.timeout.connect(self.refresh)
        self.edit.textChanged.connect(lambda _text: self._debounce.start())
        self.edit.installEventFilter(self)
        self._pick: Callable[[str], None] | None = None  # open to pick: who gets the symbol
        self._pick_prompt = ""
        self.list.doubleClicked.connect(lambda index: self._choose(index.row(), False))
        self.hide()

    def open_with(self, text: str = "") -> None:
        """Show the palette with ``text`` typed (the key that opened it), the box focused."""
        self._pick = None
        self._open(text)

    def open_to_pick(self, prompt: str, chosen: Callable[[str], None]) -> None:
        """Show the palette to pick one symbol for ``chosen`` (not charted), ``prompt`` under it."""
        self._open("")
        self._pick, self._pick_prompt = chosen, prompt
        self.refresh()

    @property
    def picking(self) -> bool:
        return self._pick is not None

    def _open(self, text: str) -> None:
        parent = self.parentWidget()
        width = min(WIDTH, parent.width() - 40)
        self.setGeometry((parent.width() - width) // 2, 60, width, min(420, parent.height() - 120))
        self.show()
        self.raise_()
        self.edit.setText(text)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)  # (a shortcut's focus would select the text)
        self.edit.deselect()
        self.edit.end(False)
        self.refresh()

    def refresh(self) -> None:
        self._debounce.stop()
        text = self.edit.text().strip()
        hits = self.index.search(text, MAX_HITS) if text else []
        self.model.set_hits(hits)
        if self._pick is not None and (hits or not text):
            if hits:
                self.list.selectRow(0)
            self.message.setText(self._pick_prompt)
        elif hits:
            self.list.selectRow(0)
            self.message.setText(self.tr("Enter: chart · Ctrl+Enter: chart and add to the watchlist · Esc: close"))
        elif text:
            self.message.setText(self.tr("No symbol matches “%1”. Symbols of a vendor's categories are "
                                         "known once the category has been opened.").replace("%1", text))
        else:
            self.message.setText(self.tr("Type a code (700, AAPL), a name (腾讯, Tencent) or pinyin "
                                         "initials (tx, gzmt)."))

    def close_palette(self) -> None:
        self._pick = None
        self.hide()
        parent = self.parentWidget()
        if parent is not None:
            parent.setFocus()

    def _choose(self, row: int, add: bool) -> None:
        if 0 <= row < self.model.rowCount():
            symbol = self.model.hits[row].instrument.symbol
            pick = self._pick
            self.close_palette()
            if pick is not None:
                pick(symbol)
            else:
                self.sig_chosen.emit(symbol, add)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.close_palette()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                n = self.model.rowCount()
                if n:
                    row = self.list.currentIndex().row() + (1 if key == Qt.Key.Key_Down else -1)
                    self.list.selectRow(max(0, min(n - 1, row)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._debounce.isActive():
                    self.refresh()  # typed fast and hit Enter: search what is in the box now
                add = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
                self._choose(self.list.currentIndex().row(), add)
                return True
        if watched is self.edit and event.type() == QEvent.Type.FocusOut and self.isVisible():
            QTimer.singleShot(0, self, self._close_if_unfocused)
        return super().eventFilter(watched, event)

    def _close_if_unfocused(self) -> None:
        focus = self.window().focusWidget() if self.window() else None
        if focus is None or not self.isAncestorOf(focus):
            self._pick = None
            self.hide()
