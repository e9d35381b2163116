"""Watchlists to and from files: export the list shown as CSV or TXT, import a file (this
terminal's, a spreadsheet's, 同花顺's or 通达信's) into the list shown or into a new list named
after the file. The reading and writing is :mod:`app.storage.watchlist_files`; what could not be
used is said once, in words, never as a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from app.services.words import words
from app.storage.atomic import write_atomic
from app.storage.watchlist_files import ImportedList, UnreadableFile, read_watchlist, write_watchlist
from app.ui.kit import file_dialogs
from app.ui.watchlist.columns import WatchlistColumn

if TYPE_CHECKING:
    from app.ui.watchlist.widget import WatchlistWidget

SHOWN_SKIPPED = 5  # the skipped lines named in the report; the rest are counted
_UNSAFE = re.compile(r'[\\/:*?"<>|]+')


class WatchlistTransfer(QObject):
    """The watchlist pane's import and export actions.

    Signals:

    - ``sig_done(str)``: an import or export finished; the sentence says what happened
      (the window shows it in the status bar).
    """

    sig_done = Signal(str)

    def __init__(self, pane: WatchlistWidget) -> None:
        super().__init__(pane)
        self.pane = pane
        self.import_new_action = QAction(self.tr("Import watchlist as a new list…"), pane)
        self.import_new_action.triggered.connect(lambda: self.ask_import(new_list=True))
        self.import_here_action = QAction(self.tr("Import into this watchlist…"), pane)
        self.import_here_action.triggered.connect(lambda: self.ask_import(new_list=False))
        self.export_action = QAction(self.tr("Export watchlist…"), pane)
        self.export_action.triggered.connect(self.ask_export)
        self.report: QMessageBox | None = None

    @property
    def actions(self) -> list[QAction]:
        return [self.import_new_action, self.import_here_action, self.export_action]

    def add_to(self, menu: QMenu) -> None:
        menu.addActions(self.actions)

    def _list_name(self) -> str:
        store, vendor = self.pane.store, self.pane.vendor
        return store.names(vendor)[store.current(vendor)]

    # -- export --------------------------------------------------------------------------------

    def ask_export(self) -> QFileDialog:
        name = _UNSAFE.sub("_", self._list_name()).strip() or "watchlist"
        return file_dialogs.ask_save(self.pane, self.tr("Export watchlist"), f"{name}.csv",
                                     [self.tr("CSV files (*.csv)"), self.tr("Text files (*.txt)")],
                                     file_dialogs.DOCUMENTS, self.export_to)

    def rows(self) -> list[tuple[str, str]]:
        """(symbol, name as the pane shows it) in the list's own order (not a sort's)."""
        model = self.pane.model
        rows = []
        for symbol in self.pane.store.symbols(self.pane.vendor):
            row = model.row_of(symbol)
            name = model.data(model.index(row, WatchlistColumn.NAME)) if row is not None else ""
            rows.append((symbol, str(name or "")))
        return rows

    def export_to(self, path: Path) -> None:
        kind = "txt" if path.suffix.lower() == ".txt" else "csv"
        try:
            write_atomic(path, write_watchlist(self.rows(), kind))
        except OSError as exc:
            self._say(self.tr("Could not save %1: %2").replace("%1", str(path)).replace("%2", str(exc)), problem=True)
            return
        self.sig_done.emit(self.tr("Watchlist “%1” saved to %2").replace("%1", self._list_name())
                           .replace("%2", str(path)))

    # -- import --------------------------------------------------------------------------------

    def ask_import(self, new_list: bool) -> QFileDialog:
        title = self.tr("Import watchlist as a new list") if new_list else self.tr("Import into this watchlist")
        return file_dialogs.ask_open(self.pane, title, [self.tr("Watchlists (*.csv *.txt)"), self.tr("All files (*)")],
                                     lambda path: self.import_from(path, new_list))

    def import_from(self, path: Path, new_list: bool) -> None:
        """Read ``path`` and add its symbols (those already in the list are skipped); the
        outcome is said in the status bar, and in a box when something could not be used."""
        try:
            found = read_watchlist(path.read_bytes())
        except (OSError, UnreadableFile) as exc:
            self._say(self.tr("“%1” could not be read: %2").replace("%1", path.name).replace("%2", words(exc)),
                      problem=True)
            return
        pane = self.pane
        if new_list and found.symbols:
            pane.new_list(path.stem)
        already = [s for s in found.symbols if pane.model.row_of(s) is not None]
        pane.add_symbols(found.symbols)
        self._report(path, found, len(found.symbols) - len(already), len(already) + found.repeated)

    def _report(self, path: Path, found: ImportedList, added: int, already: int) -> None:
        if not found.symbols:
            parts = [self.tr("No code found in “%1”.").replace("%1", path.name)]
        else:
            parts = [(self.tr("1 symbol added to “%1”.") if added == 1 else
                      self.tr("%2 symbols added to “%1”.").replace("%2", str(added))).replace("%1", self._list_name())]
        if already:
            parts.append(self.tr("%1 already in the list.").replace("%1", str(already)))
        skipped = found.skipped
        if skipped:
            named = ", ".join(f"“{line}”" for line in skipped[:SHOWN_SKIPPED])
            if len(skipped) > SHOWN_SKIPPED:
                named += self.tr(" and %1 more").replace("%1", str(len(skipped) - SHOWN_SKIPPED))
            parts.append((self.tr("1 line skipped, not a code: %2.") if len(skipped) == 1 else
                          self.tr("%1 lines skipped, not a code: %2.").replace("%1", str(len(skipped))))
                         .replace("%2", named))
        self._say(" ".join(parts), problem=bool(skipped) or not found.symbols)

    def _say(self, text: str, problem: bool) -> None:
        """The status bar always; a box too when the user must know something went wrong."""
        self.sig_done.emit(text)
        if problem:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Watchlist"), text, parent=self.pane)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.report = box
            box.open()
