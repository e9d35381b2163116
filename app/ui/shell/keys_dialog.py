"""Help ▸ Keyboard shortcuts: every key the window answers to, grouped, with a filter.

The list is found, not written: each time the dialog opens it walks the menus' actions, every
other action of the window and its panes, and the window's shortcuts, so a key added later (a
drawing tool registered as a QAction with a shortcut) shows without editing this module. A pane's
action is listed under the pane's title, or under its ``keys_group`` property when it sets one
(``action.setProperty("keys_group", "Drawing")``). An action without text is described by its
``whatsThis``. The keys that are no action (typing starts a search, the chart's arrows, the
watchlist's Enter) are the table in :mod:`app.ui.shell.key_table`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.kit.lazy_pane import build_lazy_panes
from app.ui.shell.key_table import STATIC_KEYS, group_title

NATIVE = QKeySequence.SequenceFormat.NativeText
_MNEMONIC = re.compile(r"\(&[^)]\)")  # a translation's "(&F)"


@dataclass(frozen=True)
class KeyRow:
    """One line of the list: its group's title, the keys as the platform writes them, and what
    they do."""

    group: str
    keys: str
    what: str


def _plain(text: str) -> str:
    """A menu text without its mnemonic marks ("&Save", Chinese "保存(&S)") and its shortcut
    column ("&Save\tCtrl+S")."""
    text = _MNEMONIC.sub("", text.split("\t")[0])
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _keys_text(keys: list[QKeySequence]) -> str:
    return ", ".join(k.toString(NATIVE) for k in keys if not k.isEmpty())


def _owner_group(obj: QObject, window: QMainWindow) -> str:
    """The ``keys_group`` property, else the title of the pane holding it, else the window."""
    named = obj.property("keys_group")
    if isinstance(named, str) and named:
        return named
    node: QObject | None = obj.parent()
    while node is not None and node is not window:
        title = getattr(node, "pane_title", None)
        if callable(title) and isinstance(node, QWidget):
            return _plain(str(title()))
        node = node.parent()
    return group_title("Window")


def _menu_rows(menu: QMenu, group: str, seen: set[QAction]) -> list[KeyRow]:
    menu.aboutToShow.emit()  # (menus filled as they open: the Workspace menu)
    rows = []
    for action in menu.actions():
        if action.menu() is not None:
            rows += _menu_rows(action.menu(), group, seen)
        elif not action.isSeparator():
            seen.add(action)
            keys = _keys_text(action.shortcuts())
            if keys:
                rows.append(KeyRow(group, keys, _plain(action.text())))
    return rows


def window_keys(window: QMainWindow) -> list[KeyRow]:
    """Every key of ``window``: the menus' (grouped by menu), the other actions' and shortcuts'
    (grouped by pane), then the keys that are no action."""
    build_lazy_panes(window)  # (a pane not shown yet has keys too)
    seen: set[QAction] = set()
    rows: list[KeyRow] = []
    for top in window.menuBar().actions():
        if top.menu() is not None:
            rows += _menu_rows(top.menu(), _plain(top.text()), seen)
    others = list(dict.fromkeys([*window.actions(), *window.findChildren(QAction)]))
    for action in others:
        keys = _keys_text(action.shortcuts())
        if action in seen or not keys:
            continue
        rows.append(KeyRow(_owner_group(action, window), keys, _plain(action.text()) or action.whatsThis()))
    for shortcut in window.findChildren(QShortcut):
        keys = _keys_text(list(shortcut.keys()))
        if keys and shortcut.isEnabled():
            rows.append(KeyRow(_owner_group(shortcut, window), keys, shortcut.whatsThis()))
    rows += [KeyRow(group_title(group), keys, QCoreApplication.translate("KeysDialog", what))
             for group, keys, what in STATIC_KEYS()]
    unique: dict[tuple[str, str], KeyRow] = {}  # (every chart's copy of one action: listed once)
    for row in rows:
        unique.setdefault((row.keys, row.what), row)
    return list(unique.values())


class KeysDialog(QDialog):
    """The list, its filter (a word of what a key does, or the key itself), and Close."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter: a word or a key (Ctrl+K)"))
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Keys"), self.tr("Does")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.nothing = QLabel(self)  # the filter left no row
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nothing.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.nothing)
        layout.addWidget(buttons)
        self.resize(620, 640)
        self.filter.textChanged.connect(self.apply_filter)
        self.rows: list[KeyRow] = []

    def reload(self) -> None:
        """Walk the window again (keys added since the last time show)."""
        self.rows = window_keys(self.window_)
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for row in self.rows:
            parent = groups.get(row.group)
            if parent is None:
                parent = groups[row.group] = QTreeWidgetItem(self.tree, [row.group])
                parent.setFirstColumnSpanned(True)
                parent.setFont(0, bold)
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            QTreeWidgetItem(parent, [row.keys, row.what])
        self.tree.expandAll()
        self.apply_filter(self.filter.text())

    def apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        left = 0
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            shown = 0
            for c in range(group.childCount()):
                item = group.child(c)
                haystack = f"{group.text(0)} {item.text(0)} {item.text(1)}".casefold()
                match = all(w in haystack for w in words)
                item.setHidden(not match)
                shown += match
            group.setHidden(shown == 0)
            left += shown
        self.nothing.setText(self.tr("No key matches “%1”").replace("%1", text.strip()))
        self.nothing.setVisible(left == 0)

    def shown_rows(self) -> list[tuple[str, str, str]]:
        """(group, keys, what) of every row the filter leaves, in order (what the user reads)."""
        out = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for c in range(group.childCount()):
                item = group.child(c)
                if not item.isHidden() and not group.isHidden():
                    out.append((group.text(0), item.text(0), item.text(1)))
        return out

    def show_keys(self) -> None:
        self.reload()
        self.open()
        self.activateWindow()
        self.filter.setFocus()  # typing filters at once
