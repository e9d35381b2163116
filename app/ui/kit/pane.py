"""What the shell knows of a pane, and all it knows: the main window and the workspaces talk to
every dock's widget through this contract, never through its members.

A pane has a stable ``pane_id`` (``watchlist``, ``browser``, ``chart``, ``ladder``, ``tape``,
``chart-2`` …): its dock is named ``dock-<pane_id>`` (Qt's saved layouts find docks by that
name) and a workspace keeps the pane's own state under it, so renaming a member of the window
never breaks a saved workspace. ``linked`` panes follow the window's linked symbol.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from app.ui.kit.theme import Direction

PaneState = dict[str, Any]  # a pane's own state in a workspace: plain JSON values


def dock_name(pane_id: str) -> str:
    """The object name of a pane's dock, as saved layouts and dock widths name it."""
    return f"dock-{pane_id}"


@runtime_checkable
class Pane(Protocol):
    pane_id: str

    @property
    def linked(self) -> bool:
        """Whether it follows the window's linked symbol (``set_symbol`` is then called)."""
        ...

    @property
    def symbol(self) -> str | None:
        """The symbol it shows, or None."""
        ...

    def pane_title(self) -> str:
        """Its dock's title, in the running language."""
        ...

    def set_symbol(self, symbol: str) -> None: ...

    def set_direction(self, direction: Direction) -> None:
        """Up and down colours changed (the convention or the theme)."""
        ...

    def release(self) -> None:
        """Let go of the vendor's data: the vendor is about to change."""
        ...

    def save_state(self) -> PaneState: ...

    def restore_state(self, state: PaneState) -> None: ...


class PaneDefaults:
    """What a pane that keeps no state of its own, or follows no symbol, does: nothing."""

    pane_id = ""
    linked = False

    @property
    def symbol(self) -> str | None:
        return None

    def set_symbol(self, symbol: str) -> None:
        """(only called on linked panes)"""

    def set_direction(self, direction: Direction) -> None:
        """(no up or down colours)"""

    def release(self) -> None:
        """(holds nothing of the vendor's)"""

    def save_state(self) -> PaneState:
        return {}

    def restore_state(self, state: PaneState) -> None:
        """(nothing kept)"""
