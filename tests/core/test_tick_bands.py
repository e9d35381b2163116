"""Tick counts and decimals against the rule texts, not against our own table.

HKEX Rules of the Exchange, Third Schedule, spread table (Part A), as published:
    from 0.01 to 0.25: 0.001          over 100.00 to 200.00: 0.100
    over 0.25 to 0.50: 0.005          over 200.00 to 500.00: 0.200
    over 0.50 to 10.00: 0.010         over 500.00 to 1,000.00: 0.500
    over 10.00 to 20.00: 0.020        over 1,000.00 to 2,000.00: 1.000
    over 20.00 to 100.00: 0.050       over 2,000.00 to 5,000.00: 2.000
                                      over 5,000.00 to 9,995.00: 5.000
Reg NMS Rule 612 (sub-penny rule): quotes in increments of $0.01, or $0.0001 below $1.00.

The valid prices are enumerated here from those texts with exact decimals; a count of ticks is
then the number of valid prices stepped over, which is what a trader counts on a ladder.
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.ticks import decimals_at, hk_tick, ticks_between, us_tick
from app.core.types import Instrument

# (from, to, spread) as the rule text writes them; "from" is included only in the first band.
HKEX_PART_A = [
    ("0.01", "0.25", "0.001"), ("0.25", "0.50", "0.005"), ("0.50", "10.00", "0.010"),
    ("10.00", "20.00", "0.020"), ("20.00", "100.00", "0.050"), ("100.00", "200.00", "0.100"),
    ("200.00", "500.00", "0.200"), ("500.00", "1000.00", "0.500"), ("1000.00", "2000.00", "1.000"),
    ("2000.00", "5000.00", "2.000"), ("5000.00", "9995.00", "5.000"),
]
US_RULE_612 = [("0.0001", "1.00", "0.0001"), ("1.00", "20.00", "0.01")]  # up to $20 is enough here

HK = Instrument("HK:00001", "a stock", tick_table="HK", price_decimals=3)  # as instruments.py gives HK
US = Instrument("US:XYZ", "a stock", tick_table="US")


def grid(table: list[tuple[str, str, str]]) -> tuple[list[Decimal], list[Decimal]]:
    """Every valid price in order, and the spread of the band each belongs to (upper bound
    inclusive: 0.25 belongs to the 0.001 band)."""
    prices, spreads = [Decimal(table[0][0])], [Decimal(table[0][2])]
    for low, high, spread in table:
        step, price = Decimal(spread), Decimal(low)
        while price < Decimal(high):
            price += step
            prices.append(price)
            spreads.append(step)
    return prices, spreads


HK_PRICES, HK_SPREADS = grid(HKEX_PART_A)
US_PRICES, US_SPREADS = grid(US_RULE_612)


def test_the_hkex_grid_is_the_rule_texts():
    assert HK_PRICES[0] == Decimal("0.01") and HK_PRICES[-1] == Decimal("9995")
    assert HK_PRICES[HK_PRICES.index(Decimal("0.25")) + 1] == Decimal("0.255")
    assert len(HK_PRICES) == len(set(HK_PRICES)) == 10_340


def test_the_example_across_the_025_edge():
    assert ticks_between(HK, 0.246, 0.255) == 5  # 4 × 0.001 to 0.250, 1 × 0.005 to 0.255
    assert ticks_between(HK, 0.255, 0.246) == -5
    assert ticks_between(US, 0.9990, 1.02) == 12  # 10 × 0.0001, then 2 × 0.01


def test_every_step_up_is_the_next_valid_price():
    for prices, tick in ((HK_PRICES, hk_tick), (US_PRICES, us_tick)):
        for here, there in zip(prices, prices[1:]):
            assert Decimal(str(tick(float(here)))) == there - here, here


def pairs(prices: list[Decimal]):
    """Index pairs anywhere on the grid, and pairs within a few ticks of a band edge."""
    anywhere = st.tuples(st.integers(0, len(prices) - 1), st.integers(0, len(prices) - 1))
    near = st.integers(0, len(prices) - 1).flatmap(
        lambda i: st.tuples(st.just(i), st.integers(max(0, i - 12), min(len(prices) - 1, i + 12))))
    return st.one_of(anywhere, near)


@settings(max_examples=400, deadline=None)
@given(pairs(HK_PRICES))
def test_hk_ticks_between_counts_the_valid_prices_stepped(pair):
    i, j = pair
    assert ticks_between(HK, float(HK_PRICES[i]), float(HK_PRICES[j])) == j - i


@settings(max_examples=300, deadline=None)
@given(pairs(US_PRICES))
def test_us_ticks_between_counts_the_valid_prices_stepped(pair):
    i, j = pair
    assert ticks_between(US, float(US_PRICES[i]), float(US_PRICES[j])) == j - i


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(HKEX_PART_A), st.data())
def test_ticks_within_one_band(band, data):
    low, high = Decimal(band[0]), Decimal(band[1])
    start, stop = bisect_left(HK_PRICES, low), bisect_left(HK_PRICES, high)
    i = data.draw(st.integers(start, stop))
    j = data.draw(st.integers(start, stop))
    assert ticks_between(HK, float(HK_PRICES[i]), float(HK_PRICES[j])) == j - i


def test_every_valid_price_shows_exactly_and_no_finer_than_its_band():
    """No finer than the band's tick, or than the market's usual decimals (HK's 3: 414.400)."""
    for prices, spreads, inst in ((HK_PRICES, HK_SPREADS, HK), (US_PRICES, US_SPREADS, US)):
        for price, spread in zip(prices, spreads, strict=True):
            d = decimals_at(inst, float(price))
            assert Decimal(f"{float(price):.{d}f}") == price, price  # shown exactly
            assert d <= max(inst.price_decimals, -spread.normalize().as_tuple().exponent), price


def test_decimals_follow_the_tick():
    assert decimals_at(US, 0.5123) == 4 and decimals_at(US, 12.34) == 2
    assert decimals_at(HK, 0.246) == 3 and decimals_at(HK, 5.12) == 3 and decimals_at(HK, 380.2) == 3
    fixed = Instrument("MD:HX_NQ", "小纳指", tick_size=0.25, price_decimals=2)
    assert decimals_at(fixed, 21000.25) == 2 and decimals_at(None, 1.0) == 2
