"""The transport's building blocks, on controlled clocks."""

from __future__ import annotations

import asyncio
import logging
import random

import httpx
import pytest

from app.feeds.base import UnreachableError
from app.feeds.transport.backoff import Backoff, ReconnectPolicy
from app.feeds.transport.badmessages import BadMessageLog, excerpt
from app.feeds.transport.http import HttpClient, RateLimited, retry_after
from app.feeds.transport.ratelimit import SlidingWindowLimiter
from app.feeds.transport.subscriptions import SubscriptionBook


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_backoff_grows_to_the_cap_with_jitter_and_resets_only_after_a_stable_connection():
    backoff = Backoff(ReconnectPolicy(), random.Random(1))
    delays = [backoff.next_delay() for _ in range(12)]
    nominal = [min(2.0 * 1.5**i, 30.0) for i in range(12)]
    for got, base in zip(delays, nominal):
        assert base * 0.8 <= got <= base * 1.2
    assert delays[-1] > 20
    backoff.connection_lasted(9.9)  # a short-lived connection does not reset
    assert backoff.next_delay() > 20
    backoff.connection_lasted(10.0)
    assert backoff.next_delay() <= 2.4


def test_sliding_window_limiter_waits_for_the_oldest_call_to_leave_the_window():
    clock = Clock()
    limiter = SlidingWindowLimiter(10, 60.0, clock)
    for i in range(10):
        clock.now = i
        assert limiter.delay() == 0
        limiter._calls.append([clock.now])
    clock.now = 30.0
    assert limiter.delay() == pytest.approx(30.0)  # the call at t=0 leaves at t=60
    clock.now = 60.0
    assert limiter.delay() == 0


def test_limiter_acquire_really_waits():
    async def scenario():
        limiter = SlidingWindowLimiter(2, 0.2)
        loop = asyncio.get_running_loop()
        start = loop.time()
        for _ in range(5):
            await limiter.acquire()
        return loop.time() - start, limiter.waited

    elapsed, waited = asyncio.run(scenario())
    assert elapsed >= 0.38 and waited > 0.3  # calls 3-4 wait one window, call 5 a second


def test_bad_message_log_counts_everything_and_logs_each_kind_once_per_interval(caplog):
    clock = Clock()
    bad = BadMessageLog(logging.getLogger("t"), interval=10.0, clock=clock)
    with caplog.at_level(logging.WARNING, "t"):
        for _ in range(50):
            bad.record("malformed", b"x" * 1000, "broken")
        bad.record("push", b"{}", "missing field")
        clock.now = 11.0
        bad.record("malformed", b"y", "broken")
    assert bad.counts == {"malformed": 51, "push": 1}
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 3 and "+49 more" in lines[2]
    assert all(len(line) < 400 for line in lines)  # never the whole message
    assert excerpt(b"a" * 300).endswith("(300 bytes)")


def test_book_keeps_order_and_reports_changes():
    book = SubscriptionBook()
    assert book.want("US:AAPL", [("S", None)]) == {("S", None)}
    assert book.want("HK:700", [("S", None)]) == {("S", None)}
    assert book.want("SH:600519", [("S", None)]) == {("S", None)}
    assert book.want("US:AAPL", [("K", 1)]) == {("S", None), ("K", 1)}  # none carried yet
    assert book.unwant("HK:700", [("S", None)]) is True  # no longer wanted at all
    assert book.unwant("XX", [("S", None)]) is False
    assert book.unwant("US:AAPL", [("K", 1)]) is False  # still wanted for quotes
    assert list(book.wanted) == ["US:AAPL", "SH:600519"]  # the order they were first wanted
    assert book.keys(("S", None)) == ["US:AAPL", "SH:600519"] and book.keys(("K", 1)) == []


def test_book_delta_is_what_the_wire_lacks_and_extra_is_what_it_should_drop():
    book = SubscriptionBook()
    book.want("AAPL$US", {"quote", "tick"})
    book.carry(["AAPL$US"])
    assert book.delta() == {} and not book.extra()
    assert book.want("AAPL$US", {"depth"}) == {"depth"}  # only the new type goes out
    assert book.delta() == {"AAPL$US": {"depth"}}
    book.unwant("AAPL$US", {"tick"})
    assert book.extra() and book.stale()  # carried, no longer wanted: a vendor without unsubscribe prunes
    assert not book.stale(whole_list=True)  # the same codes: a complete-list vendor keeps its connection
    book.want("TSLA$US", {"quote"})
    assert book.stale(whole_list=True)  # a code the connection was not given
    book.lost()
    assert book.delta() == {"AAPL$US": {"quote", "depth"}, "TSLA$US": {"quote"}} and not book.extra()


def test_book_prunes_once_per_burst():
    async def scenario():
        book = SubscriptionBook()
        fired = asyncio.Event()
        calls = []

        def prune():
            calls.append(1)
            fired.set()

        for _ in range(5):
            book.prune_later(0.05, prune)
        await asyncio.wait_for(fired.wait(), 2)
        book.prune_later(0.01, prune)
        book.cancel_prune()
        await asyncio.sleep(0.05)
        return calls

    assert asyncio.run(scenario()) == [1]


def test_retry_after_reads_seconds_and_dates_and_caps():
    response = httpx.Response(429, headers={"Retry-After": "7"})
    assert retry_after(response, 1.0, 30.0) == 7.0
    assert retry_after(httpx.Response(429, headers={"Retry-After": "120"}), 1.0, 30.0) == 30.0
    assert retry_after(httpx.Response(503), 2.0, 30.0) == 2.0
    past = httpx.Response(503, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})
    assert retry_after(past, 2.0, 30.0) == 0.0


def _client(handler, **kwargs) -> HttpClient:
    return HttpClient("http://vendor.test", name="V", transport=httpx.MockTransport(handler),
                      backoff=0.01, **kwargs)


def test_http_retries_5xx_and_429_then_succeeds():
    calls = []

    def handler(request):
        calls.append(request)
        if len(calls) == 1:
            return httpx.Response(503)
        if len(calls) == 2:
            return httpx.Response(429, headers={"Retry-After": "0.05"})
        return httpx.Response(200, json={"msg": "OK"})

    async def scenario():
        client = _client(handler)
        try:
            return await client.post_json("/snapshot", {"codes": []})
        finally:
            await client.aclose()

    assert asyncio.run(scenario()).json() == {"msg": "OK"}
    assert len(calls) == 3


def test_http_gives_words_when_429_persists_or_the_host_is_down():
    async def scenario(handler):
        client = _client(handler, retries=2)
        try:
            await client.get("/x")
        finally:
            await client.aclose()

    with pytest.raises(RateLimited, match="429"):
        asyncio.run(scenario(lambda r: httpx.Response(429, headers={"Retry-After": "0"})))

    def down(request):
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(UnreachableError, match="could not be reached at vendor.test after 3 attempts"):
        asyncio.run(scenario(down))


def test_limiter_hold_delays_every_call_as_the_server_asked():
    clock = Clock()
    limiter = SlidingWindowLimiter(10, 60.0, clock)
    limiter.hold(5.0)
    assert limiter.delay() == pytest.approx(5.0)
    clock.now = 5.0
    assert limiter.delay() == 0


def test_limiter_throttle_keeps_to_what_the_server_accepted_and_forgets_the_refused_call():
    clock = Clock()
    limiter = SlidingWindowLimiter(60, 60.0, clock)
    stamps = [[float(i)] for i in range(6)]
    limiter._calls.extend(stamps)  # 5 accepted, the 6th refused with HTTP 429
    clock.now = 6.0
    limiter.throttle(stamps[-1])
    assert limiter.max_calls == 5
    assert limiter.delay() == pytest.approx(54.0)  # until the first accepted call leaves
    clock.now = 61.0  # two accepted calls left the window; a refusal now means fewer
    limiter.throttle()
    assert limiter.max_calls == 3
