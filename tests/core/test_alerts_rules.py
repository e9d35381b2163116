"""Every rule's parts checked at the edge, read as typed, written as DESIGN.md writes them, and
described in a translatable sentence."""

from __future__ import annotations

import msgspec
import pytest

from app.core.alerts import AlertRule, AlertRuleError, checked_rule, describe, validate
from app.core.alerts import parse
from app.core.text import Text, render

S = "US:AAPL"
NOW = 1_764_590_400_000  # 2025-12-01 12:00 UTC


@pytest.mark.parametrize("kind, value, parts, words", [
    ("sweep", "2.5", {}, "whole number"),
    ("iceberg", "0", {}, "above zero"),
    ("spread-ticks", "nan", {}, "finite number"),
    ("stale", "-3", {}, "above zero"),
    ("big-notional", "lots", {}, "finite number"),
    ("volume-spike", "3", {"bars": "0"}, "1 to 1000 bars"),
    ("volume-spike", "3", {"bars": "2.5"}, "1 to 1000 bars"),
    ("above", "3", {"bars": "5"}, "1 to 1000 bars"),
    ("line", "0", {"line": ("0", "x", "1", "2")}, "a line is T1,P1,T2,P2"),
    ("line", "0", {"line": ("1.5", "1", "1", "2")}, "a line is T1,P1,T2,P2"),
    ("line", "0", {"line": ("0", "1", "1")}, "a line is T1,P1,T2,P2"),
    ("line", "0", {"line": None}, "a line is T1,P1,T2,P2"),
    ("above", "1", {"line": (0, 1.0, 0, 1.0)}, "only a line rule"),
    ("big-print", "1", {"hysteresis": "1"}, "hysteresis applies to"),
    ("above", "1", {"hysteresis": "-1"}, "zero or more"),
    ("above", "1", {"every": "inf"}, "cooldown"),
    ("above", "1", {"every": "5", "hysteresis": "1"}, "not both"),
    ("above", "1", {"expires": "soon"}, "epoch-millisecond"),
])
def test_a_bad_part_is_refused_in_words(kind, value, parts, words):
    with pytest.raises(AlertRuleError, match=words):
        checked_rule("a1", S, kind, value, **parts)


def test_a_line_rule_takes_its_value_from_the_line_and_numbers_as_typed():
    rule = checked_rule("a1", S, "line", None, line=("1741381200000", "240", "1741467600000", "250.5"))
    assert rule.line == (1741381200000, 240.0, 1741467600000, 250.5) and rule.value == 240.0
    assert rule.text == "line 1741381200000,240,1741467600000,250.5"
    assert checked_rule("a1", S, "sweep", "3").text == "sweep 3"
    assert checked_rule("a1", S, "volume-spike", "2.5", bars="10").text == "volume-spike 2.5,10"
    assert checked_rule("a1", S, "spread-ticks", "4").text == "spread-ticks 4"
    assert checked_rule("a1", S, "stale", "30").text == "stale 30"


def test_parse_reads_lines_spikes_and_expiries():
    assert parse.line_anchors("1,2.5, 3 ,4") == (1, 2.5, 3, 4.0)
    assert parse.horizontal(" 240 ") == ("0", "240", "0", "240")
    assert parse.spike("3") == ("3", None) and parse.spike("3,50") == ("3", "50")
    assert parse.expiry("2h", NOW) == NOW + 7_200_000
    assert parse.expiry("1d", NOW) == NOW + 86_400_000
    assert parse.expiry("1h30m", NOW) == NOW + 5_400_000
    assert parse.expiry("90s", NOW) == NOW + 90_000
    assert parse.expiry("2025-12-01T13:00:00Z", NOW) == NOW + 3_600_000
    assert parse.expiry("2025-12-01T13:00:00", NOW) == NOW + 3_600_000  # UTC when no zone
    assert parse.expiry("2025-12-01T21:00:00+08:00", NOW) == NOW + 3_600_000
    for bad in ("", "2x", "0h", "h", "tomorrow", "１h", "2025-13-01"):
        with pytest.raises(AlertRuleError, match="ISO 8601"):
            parse.expiry(bad, NOW)


def test_an_old_file_s_rule_still_reads_and_validates():
    old = msgspec.json.decode(b'{"id":"a1","symbol":"US:AAPL","kind":"above","value":240.0,"note":null}',
                              type=AlertRule)
    assert validate(old) == old and old.text == "above 240"
    new = checked_rule("a2", S, "line", None, line=(0, 1.0, 0, 1.0), expires=NOW)
    assert msgspec.json.decode(msgspec.json.encode(new), type=AlertRule) == new
    assert b"hysteresis" not in msgspec.json.encode(new)  # unset parts are not written


def test_expired_is_from_the_expiry_on():
    rule = checked_rule("a1", S, "above", 1, expires=NOW)
    assert not rule.expired(NOW - 1) and rule.expired(NOW)
    assert not checked_rule("a1", S, "above", 1).expired(NOW)


def test_every_rule_is_described_in_a_translatable_sentence():
    rules = [
        checked_rule("a1", S, "above", 240),
        checked_rule("a1", S, "below", 200, hysteresis=0.5),
        checked_rule("a1", S, "change-pct", 2.5),
        checked_rule("a1", S, "big-print", 10000),
        checked_rule("a1", S, "big-notional", 1e6, every=60),
        checked_rule("a1", S, "line", None, line=(1741381200000, 240, 1741467600000, 250)),
        checked_rule("a1", S, "line", None, line=(0, 240, 0, 240), hysteresis=0.5, expires=NOW),
        checked_rule("a1", S, "volume-spike", 3, bars=20),
        checked_rule("a1", S, "sweep", 3),
        checked_rule("a1", S, "iceberg", 4),
        checked_rule("a1", S, "spread-ticks", 5),
        checked_rule("a1", S, "stale", 30),
    ]
    said = [str(describe(r, NOW - 1)) for r in rules]
    assert said == [
        "Price above 240; once per crossing, re-arms when it goes back",
        "Price below 200; once per crossing, re-arms 0.5 back",
        "Change from the previous close beyond ±2.5 %; once per crossing, re-arms when it goes back",
        "A trade of size 10000 or more; every time",
        "A trade worth 1000000 or more (price × size); every time, at most once per 60 s",
        "Price crosses the line from 240 at 2025-03-07 21:00 UTC to 250 at 2025-03-08 21:00 UTC; "
        "each crossing, either way",
        "Price crosses 240; each crossing, either way, once 0.5 beyond the line; "
        "expires 2025-12-01 12:00 UTC",
        "Bar volume at least 3 × the average of the last 20 bars; once per bar",
        "The best level swept through 3 or more levels within one second; every time",
        "A level refilled 4 or more times at one price (iceberg); once per level",
        "Spread wider than 5 ticks; once per crossing, re-arms when it goes back",
        "No data for 30 s while the market is open; once per silence",
    ]
    assert str(describe(rules[6], NOW)).endswith("expired 2025-12-01 12:00 UTC")
    text = describe(rules[0])
    assert isinstance(text, Text) and text.args[0].template.context == "Alerts"
    shouted = render(text, lambda context, source: source.upper())  # through a "translator"
    assert shouted == "PRICE ABOVE 240; ONCE PER CROSSING, RE-ARMS WHEN IT GOES BACK"
