"""Workspaces: named arrangements of the window (docks, floating or not, the extra charts and
what each shows, the linked symbol, the open watchlist), saved on request and at quit,
restored at start, switched with Ctrl+1 … Ctrl+9. "Restore default layout" always works.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from app.services.words import words
from app.storage.workspaces import Workspace, WorkspaceStore
from app.ui.chart.pane_state import MAIN_CHART

if TYPE_CHECKING:
    from app.ui.shell.main_window import MainWindow

SHORTCUTS = 9  # Ctrl+1 … Ctrl+9


def is_extra_chart(pane_id: str) -> bool:
    """``chart-2``, ``chart-3`` …: a chart the user opened, made again when a workspace names it."""
    kind, _, n = pane_id.rpartition("-")
    return kind == MAIN_CHART and n.isdigit()


class WorkspaceController(QObject):
    """The Workspace menu and what its entries do to the main window.

    ``sig_layout_restored(bytes)``: a saved layout (Qt's state) was applied; a dock it does not
    name (a pane added since it was saved) may put itself back in its default place."""

    sig_layout_restored = Signal(bytes)

    def __init__(self, window: MainWindow, store: WorkspaceStore) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self._default_layout = window.saveState()  # the docks as built: "Restore default layout"
        self._restored = False
        self.menu: QMenu = window.menuBar().addMenu(self.tr("&Workspace"))
        self.menu.aboutToShow.connect(self._fill_menu)
        self._shortcuts: list[QAction] = []
        for n in range(1, SHORTCUTS + 1):  # live in the window, so they work with the menu closed
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{n}"))
            action.setWhatsThis(self.tr("Switch to workspace %1 of the Workspace menu").replace("%1", str(n)))
            action.triggered.connect(lambda _checked=False, i=n - 1: self.switch_to_index(i))
            window.addAction(action)
            self._shortcuts.append(action)
        self._fill_menu()

    # -- what a workspace holds ----------------------------------------------------------------

    def capture(self, name: str) -> Workspace:
        """The docks (Qt's layout, by dock name), their widths, the linked symbol, and each
        pane's own state under its pane id."""
        w = self.window
        panes = {pane_id: state for pane_id, pane in w.panes().items() if (state := pane.save_state())}
        return Workspace(name=name, layout=bytes(w.saveState().data()).hex(), symbol=w.linked_symbol,
                         panes=panes, width=w.width(), docks=dict(w.dock_widths.widths))

    def apply(self, workspace: Workspace, *, changed_only: bool = False) -> None:
        """``changed_only``: leave a pane whose state (and a layout that) is as saved already, as
        it is (the start: the window was built from the same settings; a chart's restore
        rebuilds its studies, tens of ms for nothing, issue 24)."""
        w = self.window
        states = workspace.pane_states()
        w.remove_extra_charts()
        for pane_id in states:  # the docks must exist before the layout names them
            if pane_id not in w.docks and is_extra_chart(pane_id):
                w.add_chart(pane_id=pane_id)
        panes = w.panes()
        for pane_id, state in states.items():
            if not (changed_only and pane_id in panes and panes[pane_id].save_state() == state):
                w.restore_pane(pane_id, state)
        if workspace.layout:
            layout = QByteArray(bytes.fromhex(workspace.layout))
            if not (changed_only and w.saveState() == layout):
                w.restoreState(layout)
            self.sig_layout_restored.emit(bytes.fromhex(workspace.layout))
            if workspace.width and workspace.docks:  # the side panes as saved, the chart the rest
                w.dock_widths.restore(workspace.docks, workspace.width, w.chart_docks())
        if workspace.symbol:
            w.link_symbol(workspace.symbol)

    # -- menu actions --------------------------------------------------------------------------

    def restore_at_start(self) -> None:
        """Once, when the window first starts: the workspace in use when it last closed."""
        if self._restored:
            return
        self._restored = True
        workspace = self.store.get(self.store.current)
        if workspace is not None:
            self.apply(workspace, changed_only=True)
        if self.store.problem:
            self.window.show_error(words(self.store.problem))

    def save_current(self) -> None:
        """At quit and before a switch: the current workspace (made on first use) as it is."""
        name = self.store.current or self.tr("Main")
        self.store.put(self.capture(name))

    def save_as(self, name: str) -> None:
        self.store.put(self.capture(self.store.unique_name(name)))
        self._fill_menu()

    def switch_to(self, name: str) -> None:
        workspace = self.store.get(name)
        if workspace is None or name == self.store.current:
            return
        self.save_current()
        self.store.set_current(name)
        self.apply(workspace)
        self._fill_menu()

    def switch_to_index(self, index: int) -> None:
        names = self.store.names()
        if 0 <= index < len(names):
            self.switch_to(names[index])

    def restore_default_layout(self) -> None:
        """The docks as first built, all shown, the extra charts gone (always works)."""
        w = self.window
        w.remove_extra_charts()
        w.restoreState(self._default_layout)
        for dock in w.docks.values():
            dock.setFloating(False)
            dock.show()

    def delete(self, name: str) -> None:
        self.store.remove(name)
        self._fill_menu()

    def ask_save_as(self) -> QInputDialog:
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(self.tr("Save workspace as"))
        dialog.setLabelText(self.tr("Name:"))
        dialog.setTextValue(self.store.unique_name(self.tr("Workspace")))
        dialog.textValueSelected.connect(self.save_as)
        dialog.open()
        return dialog

    def ask_delete(self, name: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete workspace"),
                          self.tr("Delete the workspace “%s”? Its layout cannot be brought back.") % name,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self.window)
        box.accepted.connect(lambda: self.delete(name))
        box.open()
        return box

    def _fill_menu(self) -> None:
        menu = self.menu
        menu.clear()
        menu.addAction(self.tr("&Save workspace"), self.save_current)
        menu.addAction(self.tr("Save workspace &as…"), self.ask_save_as)
        menu.addAction(self.tr("New &chart"), lambda: self.window.add_chart())
        menu.addAction(self.tr("&Restore default layout"), self.restore_default_layout)
        names = self.store.names()
        if names:
            menu.addSeparator()
        current = self.store.current
        choices = QActionGroup(menu)  # one workspace at a time: radio items
        for i, name in enumerate(names):
            # the shortcut is shown, not set: the window's own Ctrl+N actions do the switching
            label = f"{name}\tCtrl+{i + 1}" if i < SHORTCUTS else name
            action = menu.addAction(label, lambda n=name: self.switch_to(n))
            action.setCheckable(True)
            action.setChecked(name == current)
            choices.addAction(action)
        if names:
            delete = menu.addMenu(self.tr("&Delete workspace"))
            for name in names:
                delete.addAction(name, lambda n=name: self.ask_delete(n))
