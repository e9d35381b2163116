"""A dock whose pane is built the first time it is needed (start-up, issue 24).

The Alerts and Feeds docks start as tabs behind the Symbols tab: the first frame shows their
tabs, never their tables. Their dock is made with the window's others (its name, title and tab,
so the View menu, saved layouts and "Restore default layout" find it as before), holding a
:class:`PanePlaceholder`; the pane itself is built when the dock is first shown (its tab
clicked, the View menu, a restored layout that has it in front) or when the program asks for
it (:attr:`LazyDock.pane`). What the pane gathers while unbuilt (a feed's health, a fired
alert) is kept by its owner, not by the widget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractItemView, QWidget

from app.ui.kit.pane import PaneDefaults

if TYPE_CHECKING:
    from app.ui.shell.main_window import MainWindow

P = TypeVar("P", bound=QWidget)


class PanePlaceholder(QWidget, PaneDefaults):
    """Stands in a dock for a pane not built yet: its id and title; ``release`` (the vendor is
    about to change) is passed to ``on_release``, so the owner forgets what the pane would."""

    def __init__(self, pane_id: str, title: str, on_release: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.pane_id = pane_id
        self._title = title
        self._on_release = on_release

    def pane_title(self) -> str:
        return self._title

    def release(self) -> None:
        if self._on_release is not None:
            self._on_release()


class LazyDock(QObject, Generic[P]):
    """A window's dock whose pane ``build()`` makes on first need. ``dock`` exists from the
    start; ``pane`` builds the pane (once) and puts it in the dock; ``built`` says whether it
    has been."""

    def __init__(self, window: MainWindow, placeholder: PanePlaceholder, build: Callable[[], P]) -> None:
        super().__init__(window)
        self.window = window
        self._build = build
        self._pane: P | None = None
        self.placeholder: PanePlaceholder | None = placeholder  # (None once the pane replaced it)
        self.dock = window._dock(placeholder)
        self.dock.visibilityChanged.connect(self._on_visible)

    @property
    def built(self) -> bool:
        return self._pane is not None

    @property
    def pane(self) -> P:
        """The pane, built now if it was not yet."""
        if self._pane is None:
            pane = self._build()
            self._pane = pane
            # typing in its tables opens the symbol search, as in every pane built with the window
            for view in pane.findChildren(QAbstractItemView):
                view.installEventFilter(self.window)
            self.dock.setWidget(pane)
            if self.dock.isVisible():
                pane.show()  # now, not on the loop's next turn (no blank frame in a dock in sight)
            if self.placeholder is not None:
                self.placeholder.deleteLater()
                self.placeholder = None
        return self._pane

    def _on_visible(self, visible: bool) -> None:
        if visible:
            self.pane  # noqa: B018  (built as it comes into sight)


def build_lazy_panes(window: QWidget) -> None:
    """Every lazy pane of ``window`` built (what lists all the panes' keys needs them all)."""
    for lazy in window.findChildren(LazyDock):
        lazy.pane  # noqa: B018
