"""``quote-terminal alerts add|list|remove`` and the evaluation behind ``watch``.

Kept apart from ``app/cli.py`` so the commands' rules live in one place. Rules are saved in
``alerts.json`` (:mod:`app.storage.alerts`), the file the GUI reads too. Every line printed is
one JSON object, through the same encoder as ``stream``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

import msgspec

from app.core.alerts import (
    ABOVE, BELOW, BIG_PRINT, CHANGE_PCT, Alert, AlertEngine, AlertRule, AlertRuleError,
)
from app.core.symbols import SymbolError, normalize
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import ConnectionState, Event, Status, encode_event
from app.storage.alerts import AlertStore, default_path

RULE_OPTIONS = ((ABOVE, "--above", "P"), (BELOW, "--below", "P"), (CHANGE_PCT, "--change-pct", "X"),
                (BIG_PRINT, "--big-print", "N"))


class AlertArgsError(ValueError):
    """A bad argument, in words (the command line exits 2)."""


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The ``alerts`` command and its ``add``/``list``/``remove`` actions."""
    alerts = sub.add_parser("alerts", help="alert rules saved for `watch` and the window")
    actions = alerts.add_subparsers(dest="alerts_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a rule; prints it as one JSON line with its id")
    add.add_argument("--symbol", required=True)
    group = add.add_mutually_exclusive_group(required=True)
    for kind, option, metavar in RULE_OPTIONS:
        group.add_argument(option, dest="rule", metavar=metavar, action=_Rule, kind=kind,
                           help={"P": "a price", "X": "percent from the previous close",
                                 "N": "a trade size"}[metavar])
    add.add_argument("--note", help="words carried by the alert")
    actions.add_parser("list", help="one JSON line per rule")
    remove = actions.add_parser("remove", help="remove a rule by its id")
    remove.add_argument("rule_id", metavar="ID")


class _Rule(argparse.Action):
    """Keeps (kind, text) so the value is checked with the rule's own words."""

    def __init__(self, *args, kind: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        setattr(namespace, self.dest, (self.kind, values))


def run(args: argparse.Namespace, store: AlertStore | None = None) -> int:
    """The ``alerts`` command; raises :class:`AlertArgsError` for a bad symbol, rule or id."""
    store = store or open_store()
    if args.alerts_action == "add":
        try:
            symbol = normalize(args.symbol)
        except SymbolError as exc:
            raise AlertArgsError(str(exc)) from exc
        kind, value = args.rule
        try:
            rule = store.add(symbol, kind, value, args.note)
        except AlertRuleError as exc:
            raise AlertArgsError(str(exc)) from exc
        _check_saved(store)
        _write(rule)
    elif args.alerts_action == "list":
        for rule in store.rules():
            _write(rule)
    elif not store.remove(args.rule_id):
        raise AlertArgsError(Text(QT_TRANSLATE_NOOP(
            "Alerts", "no alert rule '%1' (`quote-terminal alerts list` shows them)"), args.rule_id))
    else:
        _check_saved(store)
    return 0


def open_store() -> AlertStore:
    """The shared store; a damaged file was set aside: said on stderr, the command goes on."""
    store = AlertStore(default_path())
    if store.problem:
        print(f"quote-terminal: {store.problem}", file=sys.stderr)
    return store


def _check_saved(store: AlertStore) -> None:
    if store.unsaved:
        raise AlertArgsError(str(store.unsaved))


class RuleLine(msgspec.Struct, tag="alert-rule", tag_field="type"):
    """A rule as printed: its id, symbol, the rule in DESIGN.md's words, and its parts."""

    id: str
    symbol: str
    rule: str
    kind: str
    value: float
    note: str | None


def _write(rule: AlertRule) -> None:
    line = RuleLine(rule.id, rule.symbol, rule.text, rule.kind, rule.value, rule.note)
    out = sys.stdout.buffer
    out.write(encode_event(line) + b"\n")
    out.flush()


class Watched:
    """The saved rules and their engine for ``watch``, following the file as it changes (the
    window or another ``alerts add`` may change it while a server watches)."""

    def __init__(self, store: AlertStore) -> None:
        self.store = store
        self.engine = AlertEngine(store.rules())
        if not store.rules():
            print("quote-terminal: no alert rules saved yet (`quote-terminal alerts add`); "
                  "watching the file for them", file=sys.stderr)

    def reload(self) -> list[str]:
        """Read the file again if it changed; the symbols that now need a subscription."""
        if not self.store.refresh():
            return []
        if self.store.problem:
            print(f"quote-terminal: {self.store.problem}", file=sys.stderr)
        before = set(self.engine.symbols)
        self.engine.set_rules(self.store.rules())
        return [s for s in self.engine.symbols if s not in before]


def alert_sink(engine: AlertEngine, write: Callable[[Alert], None],
               stop: Callable[[], None]) -> Callable[[Event], None]:
    """A feed sink: every event through the engine, each alert to ``write``; a status that
    says the feed gave up calls ``stop`` so the run ends with the right exit code."""
    evaluate = engine.on_event

    def sink(event: Event) -> None:
        for alert in evaluate(event):
            write(alert)
        if type(event) is Status and event.state is ConnectionState.ERROR:
            stop()

    return sink
