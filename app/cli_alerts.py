"""``quote-terminal alerts add|list|remove`` and the evaluation behind ``watch``.

Kept apart from ``app/cli.py`` so the commands' rules live in one place. Rules are saved in
``alerts.json`` (:mod:`app.storage.alerts`), the file the GUI reads too. Every line printed is
one JSON object, through the same encoder as ``stream``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

import msgspec

from app.core.alerts import (
    ABOVE, BELOW, BIG_NOTIONAL, BIG_PRINT, CHANGE_PCT, DEFAULT_BARS, ICEBERG, LINE, SPREAD_TICKS, STALE, SWEEP,
    VOLUME_SPIKE, Alert, AlertEngine, AlertRule, AlertRuleError, check_rule,
)
from app.core.alerts import parse
from app.core.symbols import SymbolError, normalize
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import ConnectionState, Event, Status, encode_event
from app.feeds.base import FeedError
from app.storage.alerts import AlertStore, default_path

CROSS = "cross"  # --cross P: a horizontal line rule
RULE_OPTIONS = (
    (ABOVE, "--above", "P", "a price"),
    (BELOW, "--below", "P", "a price"),
    (CHANGE_PCT, "--change-pct", "X", "percent from the previous close, either way"),
    (BIG_PRINT, "--big-print", "N", "a trade size"),
    (BIG_NOTIONAL, "--big-notional", "N", "a trade's price x size"),
    (LINE, "--line", "T1,P1,T2,P2", "crosses the line through (epoch ms, price) twice, either way"),
    (CROSS, "--cross", "P", "crosses the price P, either way"),
    (VOLUME_SPIKE, "--volume-spike", "K[,N]", "a bar's volume at least K x the last N bars' average (N 20)"),
    (SWEEP, "--sweep", "K", "the best bid or ask taken through K levels within one second"),
    (ICEBERG, "--iceberg", "N", "the best level refilled N times at one price"),
    (SPREAD_TICKS, "--spread-ticks", "X", "the spread wider than X ticks"),
    (STALE, "--stale", "S", "no data for S seconds while the market is open"),
)


class AlertArgsError(ValueError):
    """A bad argument, in words (the command line exits 2)."""


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The ``alerts`` command and its ``add``/``list``/``remove`` actions."""
    alerts = sub.add_parser("alerts", help="alert rules saved for `watch` and the window")
    actions = alerts.add_subparsers(dest="alerts_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a rule; prints it as one JSON line with its id")
    add.add_argument("--symbol", required=True)
    group = add.add_mutually_exclusive_group(required=True)
    for kind, option, metavar, words in RULE_OPTIONS:
        group.add_argument(option, dest="rule", metavar=metavar, action=_Rule, kind=kind, help=words)
    add.add_argument("--note", help="words carried by the alert")
    add.add_argument("--hysteresis", metavar="X",
                     help="re-arm only once the price is X back (price, percent points or ticks)")
    add.add_argument("--every", metavar="S",
                     help="fire on every qualifying event, at most once per S seconds")
    add.add_argument("--expires", metavar="WHEN",
                     help="ISO 8601 time (UTC if no zone) or a duration from now: 90s, 30m, 2h, 1d")
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
        try:
            kind, value, parts = rule_parts(args, now_ms())
            rule = store.add(symbol, kind, value, args.note, **parts)
        except AlertRuleError as exc:
            raise AlertArgsError(str(exc)) from exc
        _check_saved(store)
        _write(rule)
    elif args.alerts_action == "list":
        now = now_ms()
        for rule in store.rules():
            _write(rule, now)
    elif not store.remove(args.rule_id):
        raise AlertArgsError(Text(QT_TRANSLATE_NOOP(
            "Alerts", "no alert rule '%1' (`quote-terminal alerts list` shows them)"), args.rule_id))
    else:
        _check_saved(store)
    return 0


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def rule_parts(args: argparse.Namespace, now: int) -> tuple[str, object, dict[str, object]]:
    """(kind, value, parts for :meth:`AlertStore.add`) from ``alerts add``'s options."""
    kind, value = args.rule
    parts: dict[str, object] = {}
    if kind == LINE:
        parts["line"] = parse.line_anchors(value)
    elif kind == CROSS:
        check_rule(LINE, value)  # said as a price, not as a line's four parts
        kind, parts["line"] = LINE, parse.horizontal(value)
    elif kind == VOLUME_SPIKE:
        value, parts["bars"] = parse.spike(value)
    if args.hysteresis is not None:
        parts["hysteresis"] = args.hysteresis
    if args.every is not None:
        parts["every"] = args.every
    if args.expires is not None:
        parts["expires"] = parse.expiry(args.expires, now)
    return kind, value, parts


def open_store() -> AlertStore:
    """The shared store; a damaged file was set aside: said on stderr, the command goes on."""
    store = AlertStore(default_path())
    if store.problem:
        print(f"quote-terminal: {store.problem}", file=sys.stderr)
    return store


def _check_saved(store: AlertStore) -> None:
    if store.unsaved:
        raise AlertArgsError(str(store.unsaved))


class RuleLine(msgspec.Struct, tag="alert-rule", tag_field="type", omit_defaults=True):
    """A rule as printed: its id, symbol, the rule in DESIGN.md's words, and its parts (the
    optional ones only when set; ``expired`` true once its expiry has passed)."""

    id: str
    symbol: str
    rule: str
    kind: str
    value: float
    note: str | None
    line: tuple[int, float, int, float] | None = None
    bars: int | None = None
    hysteresis: float | None = None
    every: float | None = None
    expires: int | None = None
    expired: bool = False


def _write(rule: AlertRule, now: int | None = None) -> None:
    line = RuleLine(rule.id, rule.symbol, rule.text, rule.kind, rule.value, rule.note, rule.line,
                    rule.bars, rule.hysteresis, rule.every, rule.expires,
                    rule.expired(now if now is not None else now_ms()))
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
        """Read the file again if it changed; the symbols that now need a subscription (all
        of them when a rule needs a channel none needed before: books or bars)."""
        if not self.store.refresh():
            return []
        if self.store.problem:
            print(f"quote-terminal: {self.store.problem}", file=sys.stderr)
        before, channels = set(self.engine.symbols), set(self.engine.channels)
        self.engine.set_rules(self.store.rules())
        if not set(self.engine.channels) <= channels:
            return self.engine.symbols
        return [s for s in self.engine.symbols if s not in before]

    def tick(self, vendor: str, write: Callable[[Alert], None]) -> None:
        """The clock's turn (about once a second): expiries and ``stale`` rules."""
        for alert in self.engine.on_clock(now_ms(), vendor):
            write(alert)

    async def seed(self, feed, period, symbols: list[str] | None = None) -> None:
        """History bars for the volume-spike rules (of ``symbols``, default all), so they can
        fire from the first live bar; a vendor that will not give them is said, not fatal."""
        wanted: dict[str, int] = {}
        for rule in self.store.rules():
            if rule.kind == VOLUME_SPIKE and (symbols is None or rule.symbol in symbols):
                wanted[rule.symbol] = max(wanted.get(rule.symbol, 0), (rule.bars or DEFAULT_BARS) + 1)
        for symbol, count in wanted.items():
            try:
                bars = await feed.klines(symbol, period, count)
            except FeedError as exc:
                print(f"quote-terminal: no history for {symbol}'s volume-spike rule: {exc}",
                      file=sys.stderr)
                continue
            self.engine.seed(bars)


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
