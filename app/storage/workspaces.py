"""Named workspaces: where the docks are, which symbol is linked, which watchlist is open, and
each chart's symbol, period, link and choices. Written at once at every save (temp file +
rename), like the watchlists; a damaged file is set aside and said."""

from __future__ import annotations

from typing import Any

import msgspec

from app.core.text import QT_TRANSLATE_NOOP, Text
from app.storage.documents import DocumentStore, unique_name
from app.storage.settings import ChartSettings


class ChartState(msgspec.Struct, kw_only=True):
    """A chart as the first files kept it (read, never written: see :meth:`Workspace.pane_states`)."""

    dock: str  # the dock's object name: the main chart's, or an extra one's
    symbol: str | None = None
    period: str = "1m"
    linked: bool = True
    settings: ChartSettings = msgspec.field(default_factory=ChartSettings)


class Workspace(msgspec.Struct, kw_only=True):
    name: str
    layout: str = ""  # QMainWindow.saveState(), hex: the docks, not the window's size or screen
    width: int = 0  # the window's width when saved, and the docks' widths (by name) then: a window
    docks: dict[str, int] = msgspec.field(default_factory=dict)  # of another width gives the chart the difference
    symbol: str | None = None
    # each pane's own state by its stable pane id (``chart``, ``chart-2``, ``watchlist`` …), as
    # the pane saved it; the window's members may be renamed, a saved workspace still loads
    panes: dict[str, dict[str, Any]] = msgspec.field(default_factory=dict)
    watchlist: int = 0  # (the first files: the open list, and the charts; read, never written)
    charts: list[ChartState] = msgspec.field(default_factory=list)

    def pane_states(self) -> dict[str, dict[str, Any]]:
        """The panes' states by pane id; a file written before there were pane ids gives its
        charts (by their dock's name, ``dock-<pane id>``) and its open watchlist."""
        if self.panes or not (self.charts or self.watchlist):
            return self.panes
        states: dict[str, dict[str, Any]] = {"watchlist": {"list": self.watchlist}}
        for chart in self.charts:
            state = msgspec.to_builtins(chart)
            states[state.pop("dock").removeprefix("dock-")] = state
        return states


class _File(msgspec.Struct):
    version: int = 1
    current: str | None = None
    workspaces: list[Workspace] = msgspec.field(default_factory=list)


class WorkspaceStore(DocumentStore):
    """The user's workspaces, in the order they were made (Ctrl+1 … Ctrl+9)."""

    kind = _File
    what = Text(QT_TRANSLATE_NOOP("Storage", "workspaces"))

    @property
    def current(self) -> str | None:
        return self._data.current if self.get(self._data.current) is not None else None

    def names(self) -> list[str]:
        return [w.name for w in self._data.workspaces]

    def get(self, name: str | None) -> Workspace | None:
        return next((w for w in self._data.workspaces if w.name == name), None)

    def put(self, workspace: Workspace, *, current: bool = True) -> None:
        """Save (or replace) a workspace by its name, and make it the current one."""
        for i, w in enumerate(self._data.workspaces):
            if w.name == workspace.name:
                self._data.workspaces[i] = workspace
                break
        else:
            self._data.workspaces.append(workspace)
        if current:
            self._data.current = workspace.name
        self._save()

    def set_current(self, name: str) -> None:
        if self.get(name) is not None and name != self._data.current:
            self._data.current = name
            self._save()

    def remove(self, name: str) -> None:
        before = len(self._data.workspaces)
        self._data.workspaces = [w for w in self._data.workspaces if w.name != name]
        if len(self._data.workspaces) != before:
            if self._data.current == name:
                self._data.current = self._data.workspaces[0].name if self._data.workspaces else None
            self._save()

    def unique_name(self, name: str) -> str:
        return unique_name(name, set(self.names()), "Workspace")
