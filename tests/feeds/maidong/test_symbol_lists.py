"""脉动数据's symbol lists over real loopback sockets: paged by what the server returns (its page
cap may be below the asked ``pageSize``), bounded against servers that lie about ``total`` or
ignore paging, and paced to the documented 2 list requests a second (seed 004: "每秒最大支持请求
2次" on getCategory.php and getSymbolList.php), measured on the server's own clock."""

from __future__ import annotations

import asyncio

from app.feeds.maidong import MaidongFeed, MaidongTimings
from app.feeds.maidong.feed import MaidongLimits
from tests.fakes.maidong import PRODUCTS, FakeMaidongServer
from tests.support.events import Sink, run_against, running_feed

LISTS = ("/getCategory.php", "/getSymbolList.php")
# Category 7 of the fake in the server's order (25 codes, the documented total).
FUTURES = [spec.instrument.symbol for _code, spec, cat in PRODUCTS if cat == "7"]


def make_feed(fake: FakeMaidongServer, *, lists_per_second: int = 2, **timing) -> tuple[MaidongFeed, Sink]:
    feed = MaidongFeed(base_url=fake.http_url, ws_url=fake.ws_url,
                       timings=MaidongTimings(http_backoff=0.01, **timing),
                       limits=MaidongLimits(lists_per_second=lists_per_second))
    sink = Sink()
    feed.set_sink(sink)
    return feed, sink


def quick(fake: FakeMaidongServer) -> tuple[MaidongFeed, Sink]:
    """Tests about paging, not pacing, list faster than the vendor allows (the fake agrees)."""
    fake.rate_limits["list"] = 50
    return make_feed(fake, lists_per_second=50)


def category_pages(fake: FakeMaidongServer, category: str) -> list[tuple[str, str]]:
    return [(q["page"], q["pageSize"]) for p, q, _t, _s in fake.http_log
            if p == "/getSymbolList.php" and q.get("category") == category]


def test_a_capped_server_is_paged_to_its_total_at_two_requests_a_second():
    """pageSize=100 against a server that serves 20 a page: all 25 come back; three categories
    listed at once still reach the server at least 0.5 s apart."""
    async def scenario(fake):
        fake.page_cap = 20
        async with running_feed(make_feed(fake)) as (feed, _sink):
            return await asyncio.gather(feed.instruments("7"), feed.instruments("4"), feed.instruments("1"))

    fake = FakeMaidongServer()
    futures, crypto, forex = run_against(fake, scenario)
    assert [i.symbol for i in futures] == FUTURES
    assert len(crypto) == 6 and len(forex) == 7
    assert category_pages(fake, "7") == [("1", "100"), ("2", "20")]  # then at the cap it found
    times = fake.request_times(*LISTS)
    assert len(times) == 5  # the categories once, 3 + 1 pages
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 0.5, gaps
    assert fake.refusals == []


def test_the_browser_pages_right_under_a_smaller_server_cap():
    """The browser asks 20 a page; a server capped at 8 gives 8: page 1 is still the first 20
    in the server's order, page 2 the last 5, and nothing is asked twice."""
    async def scenario(fake):
        fake.page_cap = 8
        async with running_feed(quick(fake)) as (feed, _sink):
            first = await feed.instruments_page("7", 1, 20)
            second = await feed.instruments_page("7", 2, 20)
            again = await feed.instruments_page("7", 1, 20)
            everything = await feed.instruments("7")
        return first, second, again, everything

    fake = FakeMaidongServer()
    first, second, again, everything = run_against(fake, scenario)
    assert [i.symbol for i in first.items] == FUTURES[:20]
    assert first.total == 25 and first.has_more
    assert [i.symbol for i in second.items] == FUTURES[20:]
    assert second.total == 25 and not second.has_more
    assert again.items == first.items
    assert [i.symbol for i in everything] == FUTURES
    assert category_pages(fake, "7") == [("1", "20"), ("2", "8"), ("3", "8"), ("4", "8")]


def test_a_later_page_first_learns_the_cap_from_page_one():
    """Asked for page 2 first, a capped server's page 2 is not the asked page 2: page 1 tells
    the cap first."""
    async def scenario(fake):
        fake.page_cap = 10
        async with running_feed(quick(fake)) as (feed, _sink):
            return await feed.instruments_page("7", 2, 20)

    fake = FakeMaidongServer()
    second = run_against(fake, scenario)
    assert [i.symbol for i in second.items] == FUTURES[20:]
    assert not second.has_more


def test_a_wrong_total_or_empty_pages_end_the_list():
    async def scenario(fake):
        fake.page_cap = 10
        fake.list_total = 1000  # 25 exist
        async with running_feed(quick(fake)) as (feed, _sink):
            listed = await feed.instruments("7")
            page = await feed.instruments_page("7", 3, 10)
        return listed, page

    fake = FakeMaidongServer()
    listed, page = run_against(fake, scenario)
    assert [i.symbol for i in listed] == FUTURES
    assert len(page.items) == 5 and page.total == 25 and not page.has_more  # the end it found
    assert [p for p, _s in category_pages(fake, "7")] == ["1", "2", "3"]  # the 3rd came back short


def test_a_total_too_small_still_keeps_what_came():
    async def scenario(fake):
        fake.list_total = 3
        async with running_feed(quick(fake)) as (feed, _sink):
            return await feed.instruments("7")

    fake = FakeMaidongServer()
    assert [i.symbol for i in run_against(fake, scenario)] == FUTURES
    assert len(category_pages(fake, "7")) == 1


def test_without_a_total_a_short_first_page_may_be_a_cap():
    async def scenario(fake):
        fake.page_cap = 10
        fake.list_total = 0  # "total" says nothing
        async with running_feed(quick(fake)) as (feed, _sink):
            capped = await feed.instruments("7")
            fake.page_cap = 100
            whole = await feed.instruments("4")  # 6 at once, and an empty page 2 to be sure
        return capped, whole

    fake = FakeMaidongServer()
    capped, whole = run_against(fake, scenario)
    assert [i.symbol for i in capped] == FUTURES
    assert [p for p, _s in category_pages(fake, "7")] == ["1", "2", "3"]
    assert len(whole) == 6 and category_pages(fake, "4") == [("1", "100"), ("2", "6")]


def test_a_server_that_ignores_paging_is_asked_once_more_only():
    async def scenario(fake):
        fake.page_cap = 10
        fake.ignore_paging = True
        async with running_feed(quick(fake)) as (feed, _sink):
            listed = await feed.instruments("7")
            beyond = await feed.instruments_page("7", 2, 10)
        return listed, beyond

    fake = FakeMaidongServer()
    listed, beyond = run_against(fake, scenario)
    assert [i.symbol for i in listed] == FUTURES[:10]
    assert beyond.items == [] and not beyond.has_more
    assert [p for p, _s in category_pages(fake, "7")] == ["1", "2"]


def test_an_endless_list_stops_at_the_page_bound():
    async def scenario(fake):
        fake.page_cap = 5
        fake.endless_list = True
        async with running_feed(quick(fake)) as (feed, _sink):
            feed.max_list_pages = 4
            listed = await feed.instruments("7")
            await feed.instruments("7")  # read as far as it will be: not asked again
        return listed

    fake = FakeMaidongServer()
    listed = run_against(fake, scenario)
    assert len(listed) == 20
    assert len(category_pages(fake, "7")) == 4


def test_two_readers_of_one_category_share_its_pages():
    """The browser's page and a full list wanted at once: each page is asked once."""
    async def scenario(fake):
        fake.page_cap = 8
        async with running_feed(quick(fake)) as (feed, _sink):
            return await asyncio.gather(feed.instruments_page("7", 1, 20), feed.instruments("7"))

    fake = FakeMaidongServer()
    first, everything = run_against(fake, scenario)
    assert [i.symbol for i in first.items] == FUTURES[:20] and [i.symbol for i in everything] == FUTURES
    assert len(category_pages(fake, "7")) == 4  # 25 at 8 a page, the cap learnt on the first
