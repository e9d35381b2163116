"""Lazy names for a vendor package (PEP 562): ``from app.feeds.qos import QosFeed`` works as
before, but importing the package (which reading its ``spec.py`` does, at every start) no longer
imports the adapter and its WebSocket and HTTP libraries; the first use of a name does."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module


def exports(package: str, homes: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` giving each name in ``homes`` (name → module) on first use."""

    def __getattr__(name: str) -> object:  # noqa: N807 (the name PEP 562 looks for)
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(home), name)

    return __getattr__
