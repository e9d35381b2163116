"""Alert rules as DESIGN.md states them: fire at the first event beyond the level after being
armed (at once if already beyond), once, and re-arm only when a price has gone back."""

from __future__ import annotations

import math

import pytest

from app.core.alerts import Alert, AlertEngine, AlertRule, AlertRuleError, check_rule
from app.core.types import Book, Quote, Trade

S = "US:AAPL"


def quote(last, ts, prev_close=200.0, symbol=S):
    return Quote("sim", symbol, ts, last=last, prev_close=prev_close)


def trade(price, ts, size=1.0, symbol=S):
    return Trade("sim", symbol, ts, price, size)


def fired_at(engine, events):
    """The ts of each alert the events fired, in order."""
    return [(a.ts, a.id) for e in events for a in engine.on_event(e)]


def test_above_fires_at_the_first_crossing_event_and_only_once():
    engine = AlertEngine([AlertRule("a1", S, "above", 240.0, "breakout")])
    events = [quote(239.0, 1), trade(240.0, 2), quote(240.01, 3), trade(241.0, 4), quote(250.0, 5)]
    alerts = [a for e in events for a in engine.on_event(e)]
    assert alerts == [Alert(3, "a1", S, "above 240", "sim", 240.01, "breakout")]


def test_above_rearms_only_after_a_price_back_at_or_under_the_level():
    engine = AlertEngine([AlertRule("a1", S, "above", 240.0)])
    events = [quote(241.0, 1), quote(240.5, 2), trade(240.0, 3), quote(240.2, 4), quote(239.0, 5),
              trade(245.0, 6)]
    assert fired_at(engine, events) == [(1, "a1"), (4, "a1"), (6, "a1")]


def test_fires_at_once_when_the_price_already_is_beyond():
    engine = AlertEngine([AlertRule("a1", S, "below", 100.0)])
    assert fired_at(engine, [quote(99.0, 7), quote(98.0, 8)]) == [(7, "a1")]


def test_below_is_the_mirror():
    engine = AlertEngine([AlertRule("a2", S, "below", 100.0)])
    events = [quote(101.0, 1), trade(100.0, 2), trade(99.99, 3), quote(99.0, 4), quote(100.0, 5),
              quote(99.5, 6)]
    assert fired_at(engine, events) == [(3, "a2"), (6, "a2")]


def test_a_quote_with_no_last_and_other_symbols_fire_nothing():
    engine = AlertEngine([AlertRule("a1", S, "above", 1.0)])
    events = [quote(None, 1), quote(5.0, 2, symbol="HK:00700"), Book("sim", S, 3, [], [])]
    assert fired_at(engine, events) == []
    assert fired_at(engine, [quote(2.0, 4)]) == [(4, "a1")]


def test_change_pct_on_the_previous_close_both_ways_and_rearms_under():
    engine = AlertEngine([AlertRule("a1", S, "change-pct", 2.0)])
    events = [quote(203.0, 1), quote(204.0, 2), trade(205.0, 3), quote(203.9, 4), quote(195.9, 5),
              quote(195.0, 6), trade(200.0, 7), quote(196.0, 8)]
    # 204 is +2.0 % exactly (fires at ≥ X); 203.9 re-arms; 195.9 is -2.05 %; 200 re-arms; 196 is -2 %
    assert fired_at(engine, events) == [(2, "a1"), (5, "a1"), (8, "a1")]


def test_change_pct_waits_for_a_previous_close():
    engine = AlertEngine([AlertRule("a1", S, "change-pct", 1.0)])
    assert fired_at(engine, [trade(300.0, 1), quote(300.0, 2, prev_close=None)]) == []
    assert fired_at(engine, [quote(300.0, 3, prev_close=200.0)]) == [(3, "a1")]


def test_big_print_fires_for_each_trade_of_size_at_least_n():
    engine = AlertEngine([AlertRule("a9", S, "big-print", 500.0)])
    events = [trade(10.0, 1, 499.0), trade(10.0, 2, 500.0), trade(11.0, 3, 10_000.0),
              quote(12.0, 4), trade(12.0, 5, 1.0)]
    alerts = [a for e in events for a in engine.on_event(e)]
    assert [(a.ts, a.price, a.rule) for a in alerts] == [(2, 10.0, "big-print 500"), (3, 11.0, "big-print 500")]


def test_rules_kept_across_set_rules_keep_their_state():
    rule = AlertRule("a1", S, "above", 240.0)
    engine = AlertEngine([rule])
    assert fired_at(engine, [quote(241.0, 1)]) == [(1, "a1")]
    engine.set_rules([rule, AlertRule("a2", S, "above", 240.5)])
    assert fired_at(engine, [quote(241.0, 2)]) == [(2, "a2")]
    assert engine.symbols == [S]


@pytest.mark.parametrize("kind, value", [
    ("above", 0), ("below", -1), ("change-pct", math.nan), ("big-print", math.inf), ("above", "x"),
    ("above", True), ("near", 5.0), ("above", "١٢٣"), ("below", "1_0"), ("above", "1e400"),
])
def test_bad_rules_are_refused_in_words(kind, value):
    with pytest.raises(AlertRuleError, match=r"[a-z]{4,} .*"):
        check_rule(kind, value)
    with pytest.raises(AlertRuleError):
        AlertEngine([AlertRule("a1", S, kind, value if isinstance(value, float) else 0.0)])


def test_rule_text_is_designs_words():
    assert AlertRule("a1", S, "above", 240.0).text == "above 240"
    assert AlertRule("a1", S, "change-pct", 2.5).text == "change-pct 2.5"
