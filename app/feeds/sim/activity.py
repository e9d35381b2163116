"""How busy a simulated market is: trade arrivals, bursts and trade sizes, and their means.

Live trading draws from these; history sizes its bars' volume from their means, so a chart's
generated minutes and the live minutes that follow them come from one distribution (no volume
cliff where history ends).
"""

from __future__ import annotations

import functools
import math
import random

from app.core.sessions import SessionKind
from app.core.symbols import Market, market_of
from app.feeds.sim.universe import SimSpec

BURST_EVERY_S = 90.0  # mean quiet time between two bursts of activity
BURST_MS = (2_000, 8_000)  # a burst lasts a uniform draw from this range
BURST_RATE = 5.0  # trades arrive this many times faster during a burst
BURST_VOL = 3.0  # prices move this many times faster (in volatility) during a burst
SIZE_SIGMA = 0.9  # log-spread of a trade's size around the instrument's median lot count
_EXACT_LOTS = 400  # lot counts summed one by one; beyond, the lognormal's closed form
_YEAR_SECONDS = {  # trading seconds in a year, over which ``SimSpec.vol`` is quoted
    Market.CRYPTO: 365 * 86400,
    Market.PERP: 365 * 86400,
    Market.FX: 260 * 86400,
    Market.CMDTY: 260 * 86400,
}
_EQUITY_YEAR_SECONDS = 252 * 6.5 * 3600
# How busy a session is against the regular one: US pre-market and after-hours trade a few
# percent of a day's volume, the overnight session less (trades arrive this much less often).
SESSION_ACTIVITY = {SessionKind.REGULAR: 1.0, SessionKind.PRE: 0.06, SessionKind.AFTER: 0.06,
                    SessionKind.NIGHT: 0.02}


def session_activity(kind: SessionKind | None) -> float:
    """The share of the regular session's trading rate a session trades at (1 outside any)."""
    return SESSION_ACTIVITY.get(kind, 1.0) if kind is not None else 1.0


def trade_lots(rng: random.Random, median_lots: float) -> int:
    """Lots in one trade: whole lots, at least one, lognormal around ``median_lots``."""
    return max(1, int(rng.lognormvariate(math.log(median_lots), SIZE_SIGMA)))


def burst_fraction() -> float:
    """Share of trading time spent in a burst, on average."""
    mean_burst = sum(BURST_MS) / 2 / 1000
    return mean_burst / (BURST_EVERY_S + mean_burst)


def sigma_per_sqrt_second(spec: SimSpec) -> float:
    """Volatility of the price per square root of a second of trading, outside bursts."""
    return spec.vol / math.sqrt(_YEAR_SECONDS.get(market_of(spec.instrument.symbol), _EQUITY_YEAR_SECONDS))


def mean_variance_factor() -> float:
    """How much more a price varies on average than outside bursts (variance, not volatility)."""
    return 1.0 + (BURST_VOL ** 2 - 1.0) * burst_fraction()


def mean_trades_per_second(spec: SimSpec) -> float:
    return spec.rate * (1.0 + (BURST_RATE - 1.0) * burst_fraction())


@functools.lru_cache(maxsize=256)
def mean_lots(median_lots: float) -> float:
    """E[max(1, floor X)] for X lognormal(ln median, SIZE_SIGMA): what :func:`trade_lots`
    returns on average (1 + the sum over k ≥ 2 of P(X ≥ k))."""
    mu, s = math.log(median_lots), SIZE_SIGMA

    def above(x: float) -> float:  # P(X >= x)
        return 0.5 * math.erfc((math.log(x) - mu) / (s * math.sqrt(2)))

    total = 1.0 + sum(above(k) for k in range(2, _EXACT_LOTS + 1))
    # the rest, k > _EXACT_LOTS, as the integral of P(X >= x) from _EXACT_LOTS + 0.5: E[(X - c)+]
    c = _EXACT_LOTS + 0.5
    d1 = (mu + s * s - math.log(c)) / s
    tail = math.exp(mu + s * s / 2) * _phi(d1) - c * _phi(d1 - s)
    return total + max(tail, 0.0)


def mean_volume_per_second(spec: SimSpec) -> float:
    """Mean traded size per second of trading (0 for an index, which has no prints)."""
    if spec.depth_levels == 0:
        return 0.0
    return mean_trades_per_second(spec) * mean_lots(spec.trade_lots) * spec.instrument.lot_size


def _phi(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2))
