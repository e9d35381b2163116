"""PySide6's feature scan, told what it would find (start-up, issue 24).

Once PySide6 is imported, every ``import`` statement hands the module it yields to PySide6's
``__feature__`` bookkeeping, which reads that module's whole source (``inspect.getsource``) the
first time it sees it, to learn whether the module may select a feature (``from __feature__
import snake_case``): every module of ours, pyqtgraph's and the standard library's that is
imported or re-imported after PySide6, ~8 % of a ``--screenshot --after 0`` run's CPU. The scan
only chooses a module's default selection: 0 ("no feature": the plain Qt API) for a module that
mentions PySide6, -1 ("ignore") for the others, which then see the selection of the module that
last called Qt; with no module selecting a feature, both mean the plain Qt API. This program and
its libraries select none, so every module is given 0, the plain Qt API, before the scan would
read it. A module that does select a feature still gets its own selection: PySide6 sets it when
that module's ``from __feature__ import`` runs, whatever was entered here.

Nothing here imports Qt: call :func:`skip_feature_scan` right after PySide6's first import.
"""

from __future__ import annotations

import sys
from collections.abc import MutableMapping, Sequence
from importlib.machinery import ModuleSpec

PLAIN_QT = 0  # PySide6's selection id for "no feature"
FEATURE_MODULE = "PySide6.support.feature"  # where PySide6 publishes its table (pyside_feature_dict)


class _Known:
    """A meta path finder that finds nothing: it enters each module about to be imported in
    PySide6's table (as the plain Qt API), so the scan skips it."""

    def __init__(self, table: MutableMapping[str, object]) -> None:
        self.table = table

    def find_spec(self, name: str, path: Sequence[str] | None = None, target: object = None) -> ModuleSpec | None:
        self.table.setdefault(name, PLAIN_QT)
        return None  # the usual finders import it


def skip_feature_scan() -> bool:
    """Enter every module imported so far, and from now on every module as it is imported, in
    PySide6's feature table as the plain Qt API. False (and nothing changed) when this PySide6
    has no such table, or when it was done already."""
    table = getattr(sys.modules.get(FEATURE_MODULE), "pyside_feature_dict", None)
    if not isinstance(table, MutableMapping):
        return False
    if any(isinstance(finder, _Known) for finder in sys.meta_path):
        return False
    for name in list(sys.modules):
        table.setdefault(name, PLAIN_QT)
    sys.meta_path.insert(0, _Known(table))
    return True
