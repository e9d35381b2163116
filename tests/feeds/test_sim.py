"""The simulator behaves like a market and like a vendor adapter."""

from __future__ import annotations

import asyncio
import math
import statistics
from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.core.bars import bar_start
from app.core.periods import Period
from app.core.sessions import calendar_for
from app.core.symbols import Market, market_of, normalize
from app.core.ticks import round_to_tick, tick_for
from app.core.types import Bar, Book, Channel, ConnectionState, Quote, Status, Trade
from app.core.validate import MIN_TS
from app.feeds.base import UnknownSymbolError
from app.feeds.sim import SimFeed
from app.feeds.sim.universe import CATEGORIES, SPECS

UTC = ZoneInfo("UTC")
SATURDAY_NOON_UTC = int(datetime(2025, 3, 8, 12, 0, tzinfo=UTC).timestamp() * 1000)
TUESDAY_HK_MORNING = int(datetime(2025, 3, 11, 10, 15, tzinfo=ZoneInfo("Asia/Hong_Kong")).timestamp() * 1000)


class FakeClock:
    def __init__(self, now_ms: int) -> None:
        self.now = now_ms

    def __call__(self) -> int:
        return self.now


def run(coro):
    return asyncio.run(coro)


async def started(clock: FakeClock, **kwargs) -> tuple[SimFeed, list]:
    feed = SimFeed(clock=clock, step_ms=3_600_000, **kwargs)  # the loop never steps on its own
    events: list = []
    feed.set_sink(events.append)
    await feed.start()
    return feed, events


def test_universe_is_broad_and_well_formed():
    markets = Counter(market_of(s.instrument.symbol) for s in SPECS)
    assert len(SPECS) >= 40
    for market in (Market.US, Market.HK, Market.SH, Market.SZ, Market.CRYPTO, Market.PERP,
                   Market.FX, Market.CMDTY, Market.IDX):
        assert markets[market] >= 1, market
    category_ids = {c.id for c in CATEGORIES}
    for spec in SPECS:
        inst = spec.instrument
        assert normalize(inst.symbol) == inst.symbol
        assert inst.name and inst.name_zh and inst.currency
        assert inst.category in category_ids
        assert inst.lot_size > 0
        assert round_to_tick(spec.ref_price, tick_for(inst, spec.ref_price)) > 0
    hk = next(s for s in SPECS if s.instrument.symbol == "HK:00700").instrument
    assert tick_for(hk, 420.0) == 0.2 and hk.lot_size == 100
    assert tick_for(next(s for s in SPECS if s.instrument.symbol == "SH:600519").instrument, 1500) == 0.01


def test_connects_and_answers_reference_data():
    async def scenario():
        feed, events = await started(FakeClock(SATURDAY_NOON_UTC))
        cats = await feed.categories()
        insts = await feed.instruments("hk")
        await feed.aclose()
        return events, cats, insts

    events, cats, insts = run(scenario())
    states = [e.state for e in events if isinstance(e, Status)]
    assert states == [ConnectionState.CONNECTING, ConnectionState.CONNECTED, ConnectionState.DISCONNECTED]
    assert {c.id for c in cats} >= {"us", "hk", "cn", "crypto"}
    assert insts and all(i.symbol.startswith("HK:") for i in insts)


def test_closed_market_answers_with_its_last_snapshot():
    async def scenario():
        feed, events = await started(FakeClock(SATURDAY_NOON_UTC))
        await feed.subscribe(["HK:00700"], [Channel.QUOTE, Channel.DEPTH])
        feed.advance(SATURDAY_NOON_UTC, SATURDAY_NOON_UTC + 60_000)  # a closed market stays still
        await feed.aclose()
        return events

    events = run(scenario())
    quotes = [e for e in events if isinstance(e, Quote)]
    books = [e for e in events if isinstance(e, Book)]
    assert len(quotes) == 1 and len(books) == 1
    q = quotes[0]
    friday_close = int(datetime(2025, 3, 7, 16, 0, tzinfo=ZoneInfo("Asia/Hong_Kong")).timestamp() * 1000)
    assert friday_close - 60_000 <= q.ts < friday_close
    assert None not in (q.last, q.prev_close, q.open, q.high, q.low, q.volume)
    assert q.low <= q.last <= q.high


def test_live_market_trades_quotes_and_uncrossed_books():
    async def scenario():
        clock = FakeClock(TUESDAY_HK_MORNING)
        feed, events = await started(clock)
        await feed.subscribe(["HK:00700", "CRYPTO:BTCUSDT"], [Channel.QUOTE, Channel.TRADE, Channel.DEPTH])
        for _ in range(400):
            feed.advance(clock.now, clock.now + 250)
            clock.now += 250
        await feed.aclose()
        return events

    events = run(scenario())
    trades = [e for e in events if isinstance(e, Trade)]
    books = [e for e in events if isinstance(e, Book)]
    assert len([t for t in trades if t.symbol == "HK:00700"]) > 50
    for book in books:
        assert 5 <= len(book.bids) <= 20 and 5 <= len(book.asks) <= 20
        assert book.bids[0][0] < book.asks[0][0], "crossed book"
        assert all(a[0] > b[0] for a, b in zip(book.bids, book.bids[1:]))
        assert all(a[0] < b[0] for a, b in zip(book.asks, book.asks[1:]))
    tk = [t for t in trades if t.symbol == "HK:00700"]
    assert {t.side.value for t in tk} == {"buy", "sell"}
    assert all(t.size % 100 == 0 for t in tk), "HK trades come in board lots"
    assert all(abs(round_to_tick(t.price, 0.2) - t.price) < 1e-9 for t in tk), "off the HK tick grid"
    assert all(b.ts <= a.ts for b, a in zip(tk, tk[1:]))
    quotes = [e for e in events if isinstance(e, Quote) and e.symbol == "HK:00700"]
    assert quotes[-1].volume > quotes[0].volume
    assert quotes[-1].last == tk[-1].price


def test_markets_tick_only_in_session_unless_kept_open():
    async def scenario(always_open: bool):
        clock = FakeClock(SATURDAY_NOON_UTC)
        feed, events = await started(clock, always_open=always_open)
        await feed.subscribe(["US:AAPL"], [Channel.TRADE])
        for _ in range(100):
            feed.advance(clock.now, clock.now + 250)
            clock.now += 250
        await feed.aclose()
        return [e for e in events if isinstance(e, Trade)]

    assert run(scenario(False)) == []
    assert len(run(scenario(True))) > 10


def test_unknown_symbol_is_refused_in_words():
    async def scenario():
        feed, _ = await started(FakeClock(SATURDAY_NOON_UTC))
        try:
            await feed.subscribe(["US:NOPE"], [Channel.QUOTE])
        finally:
            await feed.aclose()

    with pytest.raises(UnknownSymbolError, match="US:NOPE"):
        run(scenario())


def test_history_is_deterministic_and_skips_closed_days():
    async def scenario():
        a, _ = await started(FakeClock(SATURDAY_NOON_UTC))
        b, _ = await started(FakeClock(SATURDAY_NOON_UTC))
        one = await a.klines("SH:600519", Period.D1, 100)
        two = await b.klines("SH:600519", Period.D1, 100)
        short = await a.klines("SH:600519", Period.D1, 10)
        await a.aclose()
        await b.aclose()
        return one, two, short

    one, two, short = run(scenario())
    assert one == two and len(one) == 100
    assert short == one[-10:], "fewer bars are a suffix of more"
    sha = ZoneInfo("Asia/Shanghai")
    for bar in one:
        day = datetime.fromtimestamp(bar.ts / 1000, sha)
        assert day.weekday() < 5 and (day.hour, day.minute) == (0, 0)
        assert bar.low <= min(bar.open, bar.close) <= max(bar.open, bar.close) <= bar.high
    assert [b.ts for b in one] == sorted(b.ts for b in one)
    assert datetime.fromtimestamp(one[-1].ts / 1000, sha).date() == datetime(2025, 3, 7).date()


def test_intraday_history_has_no_bars_while_closed():
    async def scenario():
        feed, _ = await started(FakeClock(TUESDAY_HK_MORNING))
        bars = await feed.klines("HK:00700", Period.M1, 600)
        await feed.aclose()
        return bars

    bars = run(scenario())
    hk = calendar_for(Market.HK)
    assert len(bars) == 600
    assert all(hk.is_open(b.ts) for b in bars)
    assert bars[-1].ts == bar_start(TUESDAY_HK_MORNING, Period.M1, hk)


def test_history_ends_where_live_begins_and_continues_live():
    async def scenario():
        clock = FakeClock(TUESDAY_HK_MORNING)
        feed, events = await started(clock)
        await feed.subscribe(["HK:00700"], [Channel.QUOTE, Channel.BAR], Period.M1)
        first_quote = next(e for e in events if isinstance(e, Quote))
        before = await feed.klines("HK:00700", Period.M1, 5)
        for _ in range(10 * 60):  # two and a half minutes of trading
            feed.advance(clock.now, clock.now + 250)
            clock.now += 250
        after = await feed.klines("HK:00700", Period.M1, 5)
        five = await feed.klines("HK:00700", Period.M5, 3)
        live_bars = [e for e in events if isinstance(e, Bar)]
        last_quote = [e for e in events if isinstance(e, Quote)][-1]
        await feed.aclose()
        return first_quote, before, after, five, live_bars, last_quote

    first_quote, before, after, five, live_bars, last_quote = run(scenario())
    assert before[-1].close == first_quote.last
    assert after[-1].close == last_quote.last
    assert after[-1].ts == before[-1].ts + 2 * 60_000
    assert after[0].ts == before[2].ts and after[0].open == before[2].open
    assert live_bars[-1].ts == after[-1].ts and live_bars[-1].close == after[-1].close
    assert five[-1].close == last_quote.last
    assert five[-1].high >= max(b.high for b in after if b.ts >= five[-1].ts)


def test_every_period_serves_history():
    async def scenario():
        feed, _ = await started(FakeClock(TUESDAY_HK_MORNING))
        out = {p: await feed.klines("US:AAPL", p, 50) for p in Period}
        deep = {p: await feed.klines(s, p, 2_000) for p in (Period.W1, Period.MN1, Period.Y1)
                for s in ("US:AAPL", "HK:00700")}
        await feed.aclose()
        return out, deep, dict(feed.dropped)

    out, deep, dropped = run(scenario())
    for period, bars in out.items():
        # fifty years back would start in 1976: the simulator lays no bar before 2000
        assert len(bars) == (2025 - 2000 + 1 if period is Period.Y1 else 50), period
        assert all(b.period == period.value for b in bars)
    assert all(bars and bars[0].ts >= MIN_TS for bars in deep.values())
    assert dropped == {}, "the simulator's own history is never refused by the validator"


def test_klines_ending_in_closed_time_hold_no_bar_not_yet_traded():
    """Closed time (a weekend, a night) belongs to the next trading day: its bar has not traded
    yet at that end, so it is not served (a Saturday's end gave Monday's bar)."""
    async def scenario():
        feed, _ = await started(FakeClock(TUESDAY_HK_MORNING))
        saturday = datetime.fromtimestamp(SATURDAY_NOON_UTC / 1000, UTC) - timedelta(days=7)
        before_open = datetime(2025, 3, 4, 9, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))
        out = [await feed.klines(s, p, 3, end) for s in ("HK:00700", "US:AAPL")
               for p in (Period.D1, Period.W1) for end in (saturday, before_open)]
        await feed.aclose()
        return out, (saturday, before_open)

    out, ends = run(scenario())
    us_daily_saturday = out[4]
    checked = [*zip(out[:4], ends * 2, strict=True), (us_daily_saturday, ends[0])]
    for bars, end in checked:
        assert bars and all(b.ts < end.timestamp() * 1000 for b in bars)
    hk_daily_saturday, hk_daily_before_open = out[0], out[1]
    friday, monday = datetime(2025, 2, 28).date(), datetime(2025, 3, 3).date()
    hk = ZoneInfo("Asia/Hong_Kong")
    assert datetime.fromtimestamp(hk_daily_saturday[-1].ts / 1000, hk).date() == friday
    assert datetime.fromtimestamp(hk_daily_before_open[-1].ts / 1000, hk).date() == monday


def test_klines_end_in_the_past():
    async def scenario():
        feed, _ = await started(FakeClock(SATURDAY_NOON_UTC))
        full = await feed.klines("CRYPTO:BTCUSDT", Period.H1, 200)
        end = datetime.fromtimestamp(full[-50].ts / 1000, UTC) + timedelta(minutes=10)
        older = await feed.klines("CRYPTO:BTCUSDT", Period.H1, 20, end)
        await feed.aclose()
        return full, older

    full, older = run(scenario())
    assert older == full[-69:-49]


def test_the_feed_says_which_calendar_governs_a_symbol():
    real, kept = SimFeed(), SimFeed(always_open=True)
    hk = calendar_for(Market.HK)
    assert real.calendar("HK:00700") == hk
    assert real.calendar("IDX:SPX") == calendar_for(Market.IDX, "US_REGULAR")  # the index's own hours
    assert real.calendar("IDX:HSI", "HK") == hk
    open_hk = kept.calendar("HK:00700")
    assert open_hk.zone == hk.zone
    assert open_hk.is_open(SATURDAY_NOON_UTC) and not hk.is_open(SATURDAY_NOON_UTC)
    assert open_hk.trading_day(TUESDAY_HK_MORNING) == hk.trading_day(TUESDAY_HK_MORNING)
    us, open_us = calendar_for(Market.US), kept.calendar("US:AAPL")
    sunday_evening = int(datetime(2025, 3, 9, 20, 30, tzinfo=ZoneInfo("America/New_York")).timestamp() * 1000)
    assert open_us.trading_day(sunday_evening) == us.trading_day(sunday_evening)  # the 20:00 roll kept


def test_kept_open_history_runs_up_to_live_trading_without_a_gap():
    async def scenario():
        clock = FakeClock(SATURDAY_NOON_UTC)
        feed, events = await started(clock, always_open=True)
        await feed.subscribe(["HK:00700"], [Channel.QUOTE])
        bars = await feed.klines("HK:00700", Period.M1, 30)
        await feed.aclose()
        return bars, next(e for e in events if isinstance(e, Quote))

    bars, first = run(scenario())
    assert [b.ts for b in bars] == [bar_start(SATURDAY_NOON_UTC, Period.M1, calendar_for(Market.HK))
                                    - (29 - i) * 60_000 for i in range(30)]
    assert bars[-1].close == first.last


def test_indices_keep_ticking_while_their_calendar_is_open():
    async def scenario():
        clock = FakeClock(TUESDAY_HK_MORNING)
        feed, events = await started(clock)
        await feed.subscribe(["IDX:HSI", "IDX:SPX"], [Channel.QUOTE, Channel.BAR], Period.M1)
        for _ in range(4 * 60):  # a minute
            feed.advance(clock.now, clock.now + 250)
            clock.now += 250
        await feed.aclose()
        return events

    events = run(scenario())
    hsi = [e for e in events if isinstance(e, Quote) and e.symbol == "IDX:HSI"]
    spx = [e for e in events if isinstance(e, Quote) and e.symbol == "IDX:SPX"]
    assert len(hsi) >= 30, "an index in session updates every few seconds at least"
    assert len({q.last for q in hsi}) > 5 and all(a.ts <= b.ts for a, b in zip(hsi, hsi[1:]))
    assert hsi[-1].ts >= TUESDAY_HK_MORNING + 50_000
    assert len(spx) == 1, "New York is closed at 10:15 in Hong Kong: the snapshot only"
    assert not any(isinstance(e, (Trade, Book)) for e in events), "an index has no prints or book"
    bars = [e for e in events if isinstance(e, Bar) and e.symbol == "IDX:HSI"]
    assert len(bars) > 10 and bars[-1].ts == bar_start(hsi[-1].ts, Period.M1, calendar_for(Market.HK))
    assert bars[-1].close == hsi[-1].last


@pytest.mark.parametrize("symbol", ["HK:00700", "CRYPTO:BTCUSDT", "SH:600519", "IDX:HSI"])
def test_live_minutes_come_from_the_same_distribution_as_history(symbol):
    """A chart's generated minutes and the live minutes after them trade and move alike: no
    volume cliff, no change of temper where history ends (at the GUI's 50 ms step)."""
    spec = next(s for s in SPECS if s.instrument.symbol == symbol)

    async def scenario():
        clock = FakeClock(TUESDAY_HK_MORNING - 45 * 60_000)  # 09:30 in Hong Kong and Shanghai
        feed, _ = await started(clock, specs=[spec])
        history = await feed.klines(symbol, Period.M1, 240)
        for _ in range(40 * 60 * 20):  # forty minutes of trading on the simulator's own clock
            feed.advance(clock.now, clock.now + 50)
            clock.now += 50
        live = await feed.klines(symbol, Period.M1, 41)
        await feed.aclose()
        return history[:-1], live[1:-1]  # whole minutes only: not the ones cut by the start or now

    history, live = run(scenario())
    assert len(live) == 39 and live[0].ts > history[-1].ts
    if spec.depth_levels:  # (an index has no volume)
        mean_history = sum(b.volume for b in history) / len(history)
        mean_live = sum(b.volume for b in live) / len(live)
        assert 0.8 < mean_live / mean_history < 1.25, (mean_live, mean_history)

    def minute_volatility(bars):
        return statistics.pstdev(math.log(b.close / a.close) for a, b in zip(bars, bars[1:]))

    ratio = minute_volatility(live) / minute_volatility(history)
    assert 0.7 < ratio < 1.4, ratio


def _coin_pairs() -> list[tuple[str, str]]:
    spots = {s.instrument.symbol for s in SPECS if market_of(s.instrument.symbol) is Market.CRYPTO}
    return [(f"CRYPTO:{s.instrument.symbol.split(':')[1]}", s.instrument.symbol) for s in SPECS
            if market_of(s.instrument.symbol) is Market.PERP
            and f"CRYPTO:{s.instrument.symbol.split(':')[1]}" in spots]


def test_every_simulated_perpetual_has_its_spot():
    assert {p for _s, p in _coin_pairs()} == {s.instrument.symbol for s in SPECS
                                              if market_of(s.instrument.symbol) is Market.PERP}


@pytest.mark.parametrize(("spot", "perp"), _coin_pairs())
def test_spot_and_perpetual_of_one_coin_move_together(spot, perp):
    """One coin, one price: a perpetual trades a few basis points from its spot, in history and
    live, and both show the same day's change."""

    async def scenario():
        clock = FakeClock(TUESDAY_HK_MORNING)
        feed, events = await started(clock, specs=[s for s in SPECS if s.instrument.symbol in (spot, perp)])
        history = {p: {s: await feed.klines(s, p, 500) for s in (spot, perp)} for p in (Period.M1, Period.D1)}
        await feed.subscribe([spot, perp], [Channel.QUOTE])
        pairs = []
        for _ in range(5 * 60 * 4):  # five minutes
            feed.advance(clock.now, clock.now + 250)
            clock.now += 250
            quotes = {q.symbol: q for q in events if isinstance(q, Quote)}
            pairs.append((quotes[spot], quotes[perp]))
        await feed.aclose()
        return history, pairs

    history, pairs = run(scenario())
    for period, bars in history.items():
        assert [b.ts for b in bars[spot]] == [b.ts for b in bars[perp]], period
        for s_bar, p_bar in zip(bars[spot], bars[perp]):
            for field in ("open", "high", "low", "close"):
                basis = getattr(p_bar, field) / getattr(s_bar, field) - 1
                assert -5e-4 < basis < 1e-3, (period, field, s_bar.ts, basis)
    for s_quote, p_quote in pairs:
        assert -5e-4 < p_quote.last / s_quote.last - 1 < 1e-3, (s_quote, p_quote)
        assert abs(p_quote.prev_close / s_quote.prev_close - p_quote.last / s_quote.last) < 5e-4
        assert abs(p_quote.change_pct - s_quote.change_pct) < 0.05  # percentage points


def test_a_stocks_regular_day_trades_about_its_typical_volume():
    """Moutai trades ~3M shares a day, ICBC ~300M: the simulator's regular session agrees within
    a third (its day volume was 102M for Moutai), and extended hours add only a little."""
    async def scenario():
        feed, _ = await started(FakeClock(TUESDAY_HK_MORNING))
        days = {s.instrument.symbol: (await feed.klines(s.instrument.symbol, Period.D1, 12))[:-1]
                for s in SPECS if s.adv}
        await feed.aclose()
        return days

    for symbol, bars in run(scenario()).items():
        spec = next(s for s in SPECS if s.instrument.symbol == symbol)
        typical = statistics.median(b.volume for b in bars)
        extended = 1.0 + (0.06 * 10 + 0.02 * 7.83) / 6.5 if symbol.startswith("US:") else 1.0
        assert 0.67 < typical / (spec.adv * extended) < 1.5, (symbol, typical, spec.adv)


def test_us_pre_market_trades_a_few_percent_of_the_regular_rate():
    async def scenario():
        ny = ZoneInfo("America/New_York")
        pre = int(datetime(2025, 3, 11, 7, 0, tzinfo=ny).timestamp() * 1000)
        regular = int(datetime(2025, 3, 11, 11, 0, tzinfo=ny).timestamp() * 1000)
        counts = []
        for start in (pre, regular):
            clock = FakeClock(start)
            feed, events = await started(clock)
            await feed.subscribe(["US:NVDA"], [Channel.TRADE])
            for _ in range(10 * 60 * 4):  # ten minutes at 250 ms steps
                feed.advance(clock.now, clock.now + 250)
                clock.now += 250
            await feed.aclose()
            counts.append(sum(1 for e in events if isinstance(e, Trade) and e.ts > start))
        return counts

    pre, regular = run(scenario())
    assert regular > 5_000 and 0.02 < pre / regular < 0.15, (pre, regular)
