"""Tape, book and bar rules, evaluated on every event: big print by notional, sweep, iceberg,
spread in ticks, and the volume spike."""

from __future__ import annotations

from app.core.alerts import AlertEngine, checked_rule
from app.core.types import Bar, Book, Quote, Trade

S = "US:AAPL"


def rule(kind, value, rule_id="a1", symbol=S, **parts):
    return checked_rule(rule_id, symbol, kind, value, **parts)


def trade(price, ts, size=1.0, symbol=S):
    return Trade("sim", symbol, ts, price, size)


def book(ts, bids, asks, symbol=S):
    return Book("sim", symbol, ts, [tuple(b) for b in bids], [tuple(a) for a in asks])


def ladder(best_bid, best_ask, tick=0.01, size=100.0, levels=5):
    """A plain book: ``levels`` a side, one tick apart."""
    bids = [(round(best_bid - i * tick, 2), size) for i in range(levels)]
    asks = [(round(best_ask + i * tick, 2), size) for i in range(levels)]
    return bids, asks


def fired(engine, events):
    return [(a.ts, a.id, a.price) for e in events for a in engine.on_event(e)]


# -- big print by notional ----------------------------------------------------------------------

def test_big_notional_fires_for_each_trade_worth_at_least_n():
    engine = AlertEngine([rule("big-notional", 100_000.0)])
    events = [trade(100.0, 1, 999.0), trade(100.0, 2, 1000.0), trade(50.0, 3, 1999.0),
              trade(50.0, 4, 2001.0), Quote("sim", S, 5, last=1e9)]
    assert [ts for ts, _, _ in fired(engine, events)] == [2, 4]
    assert engine.on_event(trade(100.0, 6, 5000.0))[0].rule == "big-notional 100000"


def test_big_print_with_a_cooldown():
    engine = AlertEngine([rule("big-print", 500.0, every=1)])
    events = [trade(10.0, t, 600.0) for t in (0, 400, 999, 1000, 1500, 2100)]
    assert [ts for ts, _, _ in fired(engine, events)] == [0, 1000, 2100]


# -- sweep --------------------------------------------------------------------------------------

def test_a_sweep_fires_when_the_best_ask_moves_through_k_levels_of_the_previous_book():
    engine = AlertEngine([rule("sweep", 3.0)])
    bids, asks = ladder(99.99, 100.00)
    events = [book(0, bids, asks),
              book(100, bids, asks[1:]),  # one level taken: no
              book(200, bids, asks[1:])]
    assert fired(engine, events) == []
    # from the book at 100 (best 100.01), three more levels taken in one update: 100.04 best
    assert fired(engine, [book(300, bids, asks[4:])]) == [(300, "a1", 100.04)]


def test_a_sweep_split_over_updates_counts_whole_within_one_second_and_fires_once():
    engine = AlertEngine([rule("sweep", 3.0)])
    bids, asks = ladder(99.99, 100.00)
    events = [book(0, bids, asks), book(300, bids, asks[1:]), book(600, bids, asks[2:]),
              book(900, bids, asks[3:]),  # three levels of the book at 0 taken within 0.9 s
              book(950, bids, asks[4:])]  # the same sweep goes on: no second alert
    assert fired(engine, events) == [(900, "a1", 100.03)]


def test_a_slow_grind_is_no_sweep():
    engine = AlertEngine([rule("sweep", 3.0)])
    bids, asks = ladder(99.99, 100.00, levels=8)
    events = [book(t * 600, bids, asks[t:]) for t in range(6)]  # one level every 0.6 s
    assert fired(engine, events) == []


def test_a_sweep_down_the_bids_and_by_a_trade_through_the_book():
    engine = AlertEngine([rule("sweep", 2.0)])
    bids, asks = ladder(99.99, 100.00)
    assert fired(engine, [book(0, bids, asks), book(100, bids[2:], asks)]) == [(100, "a1", 99.97)]
    engine = AlertEngine([rule("sweep", 3.0)])
    events = [book(0, bids, asks), trade(100.02, 10, 300.0),  # two levels under it: no
              trade(100.03, 20, 400.0)]  # three levels of the last book under it: a sweep
    assert fired(engine, events) == [(20, "a1", 100.03)]


def test_sweep_needs_a_whole_number():
    for bad in ("2.5", "0", "-1"):
        try:
            checked_rule("a1", S, "sweep", bad)
        except ValueError as exc:
            assert "sweep" in str(exc)
        else:
            raise AssertionError(bad)


# -- iceberg ------------------------------------------------------------------------------------

def test_an_iceberg_fires_when_the_best_level_is_refilled_n_times_at_one_price_once():
    engine = AlertEngine([rule("iceberg", 3.0)])
    bids, asks = ladder(99.99, 100.00)
    events = [book(0, bids, asks)]
    for n in range(4):  # each round: 100 traded at the ask, the book shows it back at 100
        ts = 100 * (n + 1)
        events += [trade(100.00, ts, 60.0), book(ts + 1, bids, [(100.00, 40.0)] + asks[1:]),
                   trade(100.00, ts + 2, 40.0), book(ts + 3, bids, asks)]
    assert fired(engine, events) == [(303, "a1", 100.00)]  # the third refill; not the fourth


def test_a_level_taken_and_restored_at_the_same_price_is_a_refill():
    engine = AlertEngine([rule("iceberg", 2.0)])
    bids, asks = ladder(99.99, 100.00)
    events = [book(0, bids, asks)]
    for n in range(2):
        ts = 100 * (n + 1)
        events += [trade(100.00, ts, 100.0), book(ts + 1, bids, asks[1:]),  # taken
                   book(ts + 2, bids, asks)]  # and back at 100.00
    assert fired(engine, events) == [(202, "a1", 100.00)]


def test_sizes_that_change_without_trades_or_a_new_price_are_no_iceberg():
    engine = AlertEngine([rule("iceberg", 1.0, every=0)])
    bids, asks = ladder(99.99, 100.00)
    events = [book(0, bids, asks), book(1, bids, [(100.00, 20.0)] + asks[1:]), book(2, bids, asks),
              book(3, bids, [(100.00, 500.0)] + asks[1:])]  # cancels and adds, nothing traded
    assert fired(engine, events) == []
    lower = ladder(99.98, 99.99)  # the ask moves down: a new level, counted from zero
    events = [trade(100.00, 4, 500.0), book(5, *lower), trade(99.99, 6, 100.0), book(7, *lower)]
    assert fired(engine, events) == [(7, "a1", 99.99)]  # its first refill (n = 1)


# -- spread -------------------------------------------------------------------------------------

def test_spread_wider_than_x_ticks_fires_once_and_rearms_when_it_narrows():
    engine = AlertEngine([rule("spread-ticks", 3.0)])
    events = [book(0, *ladder(99.99, 100.02)),  # 3 ticks: not wider
              book(1, *ladder(99.99, 100.03)),  # 4 ticks: fires
              book(2, *ladder(99.98, 100.04)),  # still wide: once
              book(3, *ladder(99.99, 100.02)),  # 3: re-armed
              book(4, *ladder(99.95, 100.00))]  # 5: fires
    assert fired(engine, events) == [(1, "a1", 100.01), (4, "a1", 99.975)]


def test_spread_ticks_follow_the_hong_kong_table_band_by_band():
    hk = "HK:00700"
    engine = AlertEngine([rule("spread-ticks", 2.0, symbol=hk, hysteresis=1.0)])
    narrow = book(0, [(9.99, 100.0)], [(10.0, 100.0)], symbol=hk)  # 1 tick of 0.01
    wide = book(1, [(9.99, 100.0)], [(10.04, 100.0)], symbol=hk)  # 0.01 then 2 × 0.02: 3 ticks
    mid = book(2, [(9.98, 100.0)], [(10.0, 100.0)], symbol=hk)  # 2 ticks: not ≤ 2 − 1
    assert fired(engine, [narrow, wide, mid, wide]) == [(1, "a1", 10.015)]
    assert fired(engine, [narrow, wide]) == [(1, "a1", 10.015)]


# -- volume spike -------------------------------------------------------------------------------

def bar(ts, volume, period="1m", close=10.0):
    return Bar("sim", S, period, ts, close, close, close, close, volume)


def test_volume_spike_fires_once_per_bar_at_k_times_the_average_of_the_last_n():
    engine = AlertEngine([rule("volume-spike", 3.0, bars=4)])
    history = [bar(i * 60_000, v) for i, v in enumerate((100, 200, 100, 200))]  # average 150
    assert fired(engine, history) == []
    now = 4 * 60_000
    events = [bar(now, 100.0), bar(now, 449.0), bar(now, 450.0), bar(now, 900.0),  # once at 450
              bar(now + 60_000, 50.0), bar(now + 60_000, 600.0)]  # average now (200+100+200+900)/4
    assert fired(engine, events) == [(now, "a1", 10.0)]
    assert fired(engine, [bar(now + 60_000, 1050.0)]) == [(now + 60_000, "a1", 10.0)]


def test_volume_spike_waits_for_n_bars_and_keeps_periods_apart():
    engine = AlertEngine([rule("volume-spike", 2.0, bars=2)])
    assert fired(engine, [bar(0, 10.0), bar(60_000, 1000.0)]) == []  # one closed bar only
    assert fired(engine, [bar(0, 500.0, "5m"), bar(300_000, 10.0, "5m")]) == []
    assert fired(engine, [bar(120_000, 1010.0)]) == [(120_000, "a1", 10.0)]  # (10 + 1000) / 2


def test_history_seeded_before_the_first_live_bar():
    engine = AlertEngine([rule("volume-spike", 2.0)])  # N = 20 by default
    assert engine._armed["a1"].rule.text == "volume-spike 2,20"
    engine.seed([bar(i * 60_000, 100.0) for i in range(21)])  # 20 closed and the current one
    assert fired(engine, [bar(20 * 60_000, 199.0), bar(20 * 60_000, 200.0)]) == [
        (20 * 60_000, "a1", 10.0)]


def test_history_seeded_after_the_first_live_bars_goes_before_them():
    engine = AlertEngine([rule("volume-spike", 2.0, bars=3)])
    live = 10 * 60_000
    assert fired(engine, [bar(live, 100.0), bar(live + 60_000, 250.0)]) == []  # 1 closed: wait
    engine.seed([bar(i * 60_000, 100.0) for i in range(9, 11)])  # 9 older; 10 is already live
    # closed now 100 (seeded 9), 100 (live 10): still two; a third closes at the next bar
    assert fired(engine, [bar(live + 60_000, 300.0)]) == []
    assert fired(engine, [bar(live + 120_000, 0.0), bar(live + 120_000, 600.0)]) == [
        (live + 120_000, "a1", 10.0)]  # average (100 + 100 + 300) / 3 = 166.7: 2× is 333.3


def test_a_symbols_book_is_followed_even_while_only_price_rules_watch_it():
    engine = AlertEngine([rule("above", 1.0), rule("spread-ticks", 1.0, "a2", symbol="HK:00005")])
    assert fired(engine, [book(0, *ladder(99.99, 100.50))]) == []  # no book rule on US:AAPL
    assert [c.value for c in engine.channels] == ["quote", "trade", "depth"]
