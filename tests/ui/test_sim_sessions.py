"""With ``--sim-always-open`` the screen agrees with the feed: while prints arrive, the
watchlist's Status column says "open" and the ladder says nothing about a closed market, even
where the exchange's own calendar is closed at this moment."""

from __future__ import annotations

import dataclasses
import time

import msgspec
import pytest

from app.core.sessions import CALENDARS, Phase, calendar_for, market_phase
from app.core.symbols import market_of
from app.core.types import Channel
from app.feeds.sim import SimFeed
from app.feeds.sim.universe import BY_SYMBOL, SPECS
from app.services.market_data import MarketDataService
from app.ui.kit.theme import RED_UP
from app.ui.orderbook.view import LadderWidget
from app.ui.watchlist.model import WatchlistColumn, WatchlistModel
from tests.support.qt_loop import run_task


def _closed_now(spec) -> bool:
    inst = spec.instrument
    phase = market_phase(calendar_for(market_of(inst.symbol), inst.calendar), int(time.time() * 1000))
    return phase is not Phase.OPEN


@pytest.fixture
def service(qloop, qtbot, request):
    make_specs = getattr(request, "param", None)  # evaluated now, not at collection
    feed = SimFeed(always_open=True, step_ms=20, specs=make_specs() if make_specs else None)
    svc = MarketDataService(feed)
    run_task(qtbot, svc.start())
    yield svc
    run_task(qtbot, svc.aclose())


def test_the_status_column_says_open_while_the_always_open_simulator_trades(service, qtbot):
    # Whatever the hour, some of these exchanges are shut on their real calendars (HK and
    # Shanghai trade while New York's regular session is shut, and all are shut at weekends).
    closed = [s.instrument.symbol for s in SPECS if _closed_now(s)]
    assert closed, "no market closed now: the test would prove nothing"
    model = WatchlistModel(service, RED_UP)
    model.set_symbols(closed)
    printing = [s for s in closed if BY_SYMBOL[s].depth_levels]  # (indices: tests/feeds/test_sim.py)
    first = {s: None for s in printing}

    def all_ticked() -> bool:
        quotes = {s: model.quote(s) for s in printing}
        for s, q in quotes.items():
            if q is not None and first[s] is None:
                first[s] = q.ts
        return all(q is not None and q.ts != first[s] for s, q in quotes.items())

    qtbot.waitUntil(all_ticked, timeout=10_000)  # prints arrive on every row that has them
    statuses = {model.symbol_at(r): model.index(r, WatchlistColumn.STATUS).data() for r in range(model.rowCount())}
    assert statuses == {s: "open" for s in closed}


def _spec_on_a_closed_calendar():
    """Tencent's book, on the hours of an exchange that is closed right now."""
    now = int(time.time() * 1000)
    name = next(n for n in ("HK", "CN", "US_REGULAR", "JP")
                if market_phase(CALENDARS[n], now) is not Phase.OPEN)
    spec = BY_SYMBOL["HK:00700"]
    return dataclasses.replace(spec, instrument=msgspec.structs.replace(spec.instrument, calendar=name))


@pytest.mark.parametrize("service", [lambda: [_spec_on_a_closed_calendar()]], indirect=True)
def test_the_ladder_never_says_closed_while_the_always_open_simulator_prints(service, qtbot):
    ladder = LadderWidget(service, RED_UP)
    qtbot.addWidget(ladder)
    ladder.resize(420, 500)
    ladder.show()
    ladder.set_symbol("HK:00700")
    service.acquire(["HK:00700"], [Channel.TRADE])
    prints: list = []
    service.sig_trades.connect(lambda batch: prints.extend(batch.get("HK:00700", [])))
    qtbot.waitUntil(lambda: len(prints) >= 3 and ladder.model.book is not None, timeout=10_000)
    ladder.check_book()
    assert "closed" not in ladder.warning.text().lower()
    assert not ladder.warning.isVisible()
    service.release(["HK:00700"], [Channel.TRADE])
