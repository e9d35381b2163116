"""Indicators against values worked out by hand and against a loop that transcribes TA-Lib's C
code step by step (the vectorised blocks must agree with it to rounding)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from app.core import indicators as ind

NAN = math.nan


def close(a, b, tol=1e-9):
    np.testing.assert_allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=tol, atol=tol,
                               equal_nan=True)


# -- references: TA-Lib's loops, one value at a time ---------------------------------------------

def ref_ema(x, n, seed_at=None):
    seed_at = n - 1 if seed_at is None else seed_at
    out = [NAN] * len(x)
    if len(x) <= seed_at:
        return out
    k = 2 / (n + 1)
    prev = sum(x[seed_at - n + 1:seed_at + 1]) / n
    out[seed_at] = prev
    for i in range(seed_at + 1, len(x)):
        prev = (x[i] - prev) * k + prev
        out[i] = prev
    return out


def ref_rsi(x, n):
    out = [NAN] * len(x)
    if len(x) <= n:
        return out
    gain = loss = 0.0
    for i in range(1, n + 1):
        d = x[i] - x[i - 1]
        gain += max(d, 0)
        loss += max(-d, 0)
    gain /= n
    loss /= n
    out[n] = 100 * gain / (gain + loss) if gain + loss else 0.0
    for i in range(n + 1, len(x)):
        d = x[i] - x[i - 1]
        gain = (gain * (n - 1) + max(d, 0)) / n
        loss = (loss * (n - 1) + max(-d, 0)) / n
        out[i] = 100 * gain / (gain + loss) if gain + loss else 0.0
    return out


def walk(n, seed=7, start=100.0):
    rng = np.random.default_rng(seed)
    return start * np.exp(np.cumsum(rng.normal(0, 0.01, n)))


# -- by hand ----------------------------------------------------------------------------------

def test_sma_by_hand():
    close(ind.sma(np.array([1.0, 2, 3, 4, 5]), 3), [NAN, NAN, 2, 3, 4])


def test_ema_by_hand_is_seeded_with_the_sma():
    # n=3: alpha 0.5; seed mean(1,2,3)=2; then 2+0.5(4−2)=3; 3+0.5(8−3)=5.5
    close(ind.ema(np.array([1.0, 2, 3, 4, 8]), 3), [NAN, NAN, 2, 3, 5.5])


def test_bollinger_by_hand_uses_population_deviation():
    mid, up, low = ind.bollinger(np.array([2.0, 4, 4, 4, 5, 5, 7, 9]), n=8, k=2)
    # the textbook series: mean 5, population σ 2
    close(mid[-1], 5)
    close(up[-1], 9)
    close(low[-1], 1)
    assert np.isnan(mid[:7]).all() and np.isnan(up[:7]).all()


def test_rsi_by_hand():
    # n=2 over 1,2,3,2: changes +1,+1,−1 → seed gain 1, loss 0 → RSI 100 at index 2;
    # then gain (1·1+0)/2=0.5, loss (0+1)/2=0.5 → 50
    close(ind.rsi(np.array([1.0, 2, 3, 2]), 2), [NAN, NAN, 100, 50])


def test_macd_by_hand_aligns_the_fast_ema_with_the_slow_one():
    x = np.array([1.0, 2, 3, 4, 5, 6])
    line, sig, hist = ind.macd(x, fast=2, slow=3, signal=2)
    # slow EMA(3) from index 2: 2, 3, 4, 5 (alpha .5, seed mean 1..3 = 2)
    # fast EMA(2) seeded at index 2 with mean(2,3)=2.5, alpha 2/3: 2.5, 3.5, 4.5, 5.5
    # line from index 2: .5 .5 .5 .5; signal EMA(2) seeded at index 3 with mean(.5,.5)
    close(line, [NAN, NAN, NAN, 0.5, 0.5, 0.5])
    close(sig, [NAN, NAN, NAN, 0.5, 0.5, 0.5])
    close(hist, [NAN, NAN, NAN, 0, 0, 0])


def test_macd_chinese_convention_doubles_the_histogram():
    x = walk(200)
    dif, dea, bars = ind.macd_cn(x)
    line, sig, hist = ind.macd(x)
    close(dif, line)
    close(dea, sig)
    close(bars, 2 * hist)


# -- against TA-Lib's loops on long series ---------------------------------------------------

@pytest.mark.parametrize("n", [1, 2, 5, 12, 26, 200])
def test_ema_matches_the_loop(n):
    x = walk(5000)
    close(ind.ema(x, n), ref_ema(list(x), n), tol=1e-9)


@pytest.mark.parametrize("n", [2, 6, 14, 30])
def test_rsi_matches_the_loop(n):
    x = walk(4000, seed=3)
    close(ind.rsi(x, n), ref_rsi(list(x), n), tol=1e-8)


def test_macd_matches_the_loop():
    x = list(walk(3000, seed=11))
    slow = ref_ema(x, 26)
    fast = ref_ema(x, 12, seed_at=25)
    line = [f - s for f, s in zip(fast, slow, strict=True)]
    sig = [NAN] * 25 + ref_ema(line[25:], 9)
    first = 26 + 9 - 2
    want_line = [NAN] * first + line[first:]
    got_line, got_sig, got_hist = ind.macd(np.array(x))
    close(got_line, want_line)
    close(got_sig, sig)
    close(got_hist, np.array(want_line) - np.array(sig))
    assert np.isnan(got_line[:first]).all() and not np.isnan(got_line[first:]).any()


def test_sma_and_bollinger_match_windows_on_large_prices():
    x = walk(3000, start=90_000.0)
    n = 20
    mid, up, low = ind.bollinger(x, n, 2.5)
    for i in (n - 1, 500, 2999):
        window = x[i - n + 1:i + 1]
        close(mid[i], window.mean(), tol=1e-9)
        close(up[i] - mid[i], 2.5 * window.std(), tol=1e-7)
        close(mid[i] - low[i], 2.5 * window.std(), tol=1e-7)


def test_a_million_values_stay_exact_and_fast_enough():
    x = walk(1_000_000, seed=5)
    got = ind.ema(x, 12)
    close(got[:5000], ref_ema(list(x[:5000]), 12))
    # the tail continues the same recurrence: check the last values from a loop started late
    k = 2 / 13
    prev = got[-1001]
    for i in range(len(x) - 1000, len(x)):
        prev = (x[i] - prev) * k + prev
    close(got[-1], prev, tol=1e-9)


# -- edge cases -------------------------------------------------------------------------------

@pytest.mark.parametrize("fn", [
    lambda x: ind.sma(x, 5), lambda x: ind.ema(x, 5), lambda x: ind.rsi(x, 5),
    lambda x: ind.bollinger(x, 5)[0], lambda x: ind.macd(x, 3, 5, 2)[0],
])
def test_short_input_is_all_nan_of_the_same_length(fn):
    for n in (0, 1, 4):
        out = fn(np.arange(n, dtype=float))
        assert len(out) == n and np.isnan(out).all()


def test_constant_series():
    x = np.full(50, 7.0)
    close(ind.sma(x, 10)[9:], 7)
    close(ind.ema(x, 10)[9:], 7)
    mid, up, low = ind.bollinger(x, 10)
    close(up[9:], 7)
    close(low[9:], 7)
    close(ind.rsi(x, 14)[14:], 0)  # TA-Lib: no movement at all gives 0
    line, sig, hist = ind.macd(x)
    close(line[33:], 0)
    close(hist[33:], 0)


def test_nan_values_are_skipped_not_spread():
    x = np.array([1.0, 2, NAN, 3, 4, NAN, 5])
    close(ind.sma(x, 2), [NAN, 1.5, NAN, 2.5, 3.5, NAN, 4.5])
    close(ind.ema(x, 2), [NAN] + list(np.array(ref_ema([1, 2, 3, 4, 5], 2))[[1]]) + [NAN]
          + ref_ema([1, 2, 3, 4, 5], 2)[2:4] + [NAN] + ref_ema([1, 2, 3, 4, 5], 2)[4:])
    leading = np.array([NAN, NAN, 1.0, 2, 3])
    close(ind.sma(leading, 2), [NAN, NAN, NAN, 1.5, 2.5])


def test_sma_many_writes_into_given_arrays_including_around_nan():
    x = np.array([1.0, 2, NAN, 3, 4, 5])
    bufs = [np.full(8, -1.0), np.full(8, -1.0)]
    got = ind.sma_many(x, [2, 3], out=[b[:6] for b in bufs])
    close(bufs[0][:6], [NAN, 1.5, NAN, 2.5, 3.5, 4.5])
    close(bufs[1][:6], [NAN, NAN, NAN, 2, 3, 4])
    assert np.shares_memory(got[0], bufs[0]) and (bufs[0][6:] == -1).all()  # nothing past the view
    with pytest.raises(ValueError, match="one array shaped like x"):
        ind.sma_many(x, [2, 3], out=[np.empty(6)])


def test_a_bad_period_is_refused_in_words():
    with pytest.raises(ValueError, match="whole number"):
        ind.sma(np.ones(5), 0)
    with pytest.raises(ValueError, match="whole number"):
        ind.ema(np.ones(5), 2.5)
