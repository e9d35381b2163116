"""A vendor's own calendar (QOS /market-calendar, iTick holidays) merged into the holiday
table, over real sockets against the fake servers; a switch to a vendor without one goes back
to exchange-calendars' table."""

from __future__ import annotations

import asyncio
import json
from datetime import date

import pytest

from app.core import holidays
from app.core.exchange_table import build_table
from app.core.sessions import CALENDARS, calendar_for, install_table
from app.core.symbols import Market
from app.services.calendars import CalendarLoader
from tests.fakes.itick import FakeItickServer
from tests.fakes.qos import FakeQosServer
from tests.support.events import run_against, running_feed
from tests.support.feed_cases import QOS_PACE as PACE
from tests.support.feed_cases import itick_feed as make_itick
from tests.support.feed_cases import qos_feed as make_qos

pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated")
TYPHOON, HALF, CHRISTMAS = date(2026, 12, 7), date(2026, 12, 9), date(2026, 12, 25)


@pytest.fixture(scope="module")
def base():
    table = build_table(first_year=2026, last_year=2027)
    yield table
    install_table(None)


class QosWithItsCalendar(FakeQosServer):
    """December 2026 as a vendor might list it: HK closed for a typhoon on the 7th, a half day
    on the 9th; Christmas listed as trading (a vendor's mistake)."""

    def _calendar(self, markets):
        days = [date(2026, 12, d) for d in range(1, 32)]
        hk = [f"{d:%Y%m%d},{'H' if d == HALF else 'F'}" for d in days if d.weekday() < 5 and d != TYPHOON]
        us = [f"{d:%Y%m%d},F" for d in days if d.weekday() < 5]
        return {"HK": hk, "US": us}


class ItickWithItsHolidays(FakeItickServer):
    async def _rest(self, path, q):
        if path.strip("/").startswith("symbol") and "holidays" in path:
            return {"code": 0, "msg": "ok", "data": [{
                "c": "US", "r": "United States", "tz": -5, "et": "09:30 - 16:00", "ey": "2026",
                "vr": None, "v": json.dumps(["2026-01-01", "2026-12-07", "2026-12-25"])}]}
        return await super()._rest(path, q)


async def merged(loader: CalendarLoader, feed) -> int:
    loader.use_vendor(feed)
    return await loader._merging


def test_qos_calendar_adds_a_closure_and_a_half_day(qapp, base):
    async def scenario(fake):
        loader = CalendarLoader(load=lambda: base)
        assert await loader.load()
        async with running_feed(make_qos(fake)) as (feed, _sink):
            assert await merged(loader, feed) == 2
        hk = calendar_for(Market.HK)
        assert not hk.is_trading_day(TYPHOON) and hk.is_trading_day(date(2026, 12, 8))
        assert [(s.start, s.end) for s in hk.day_sessions(HALF)] == [(570, 720)]
        assert not hk.is_trading_day(CHRISTMAS)  # never reopened by a vendor
        assert calendar_for(Market.US).is_trading_day(TYPHOON)
        assert any(path == "/market-calendar" for path, _t in fake.http_log)
        # a vendor without a calendar: back to exchange-calendars' table
        loader.use_vendor(object())
        await asyncio.wait_for(loader._merging, 5)
        assert holidays.installed() is base and hk.is_trading_day(TYPHOON)

    run_against(QosWithItsCalendar(min_interval=PACE, http_limit=(10, 0.5)), scenario)


def test_itick_holidays_close_those_days(qapp, base):
    async def scenario(fake):
        loader = CalendarLoader(load=lambda: base)
        assert await loader.load()
        async with running_feed(make_itick(fake)) as (feed, _sink):
            assert await merged(loader, feed) == 1
        us = CALENDARS["US"]
        assert not us.is_trading_day(TYPHOON) and us.session_bounds(TYPHOON) == []
        assert us.trading_day_begin(date(2026, 12, 8)) == us.trading_day_end(date(2026, 12, 4))

    run_against(ItickWithItsHolidays(), scenario)


def test_a_vendor_that_refuses_leaves_the_table(qapp, base):
    async def scenario(fake):
        loader = CalendarLoader(load=lambda: base)
        assert await loader.load()
        feed, _sink = make_qos(fake, key="wrong")
        assert await merged(loader, feed) == 0  # not started: said in the log, table kept
        assert holidays.installed() is base

    run_against(FakeQosServer(min_interval=PACE), scenario)
