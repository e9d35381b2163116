import pytest

from app.core.ticks import decimals_for_tick, hk_tick, round_to_tick, us_tick


@pytest.mark.parametrize(
    "price, tick",
    [(0.2, 0.001), (0.3, 0.005), (5.0, 0.01), (15.0, 0.02), (50.0, 0.05), (150.0, 0.1),
     (420.0, 0.2), (600.0, 0.5), (1500.0, 1.0), (3000.0, 2.0), (6000.0, 5.0)],
)
def test_hk_spread_table(price, tick):
    assert hk_tick(price) == tick


def test_us_sub_penny():
    assert us_tick(0.5) == 0.0001 and us_tick(1.0) == 0.01


def test_round_to_tick_is_clean():
    assert round_to_tick(420.33, 0.2) == 420.4
    assert round_to_tick(420.39, 0.2, down=True) == 420.2
    assert round_to_tick(1.234567, 0.00001) == 1.23457
    assert decimals_for_tick(0.005) == 3 and decimals_for_tick(1.0) == 0
