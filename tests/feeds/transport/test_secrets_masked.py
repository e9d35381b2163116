"""A key the vendor quotes back is masked in the status line's detail and the feed's error,
for every keyed vendor (issue 17, point 5); 脉动数据 authorises by IP and holds no key."""

from __future__ import annotations

import logging

import pytest

from app.core.types import Channel, ConnectionState
from app.feeds.base import AuthError
from app.feeds.itick import ItickFeed, ItickTimings
from app.feeds.qos import QosFeed, QosTimings
from app.feeds.transport.backoff import ReconnectPolicy
from tests.fakes.itick import FakeItickServer
from tests.fakes.qos import FakeQosServer
from tests.support.events import Sink, run_against

WRONG = "WRONGSECRET987654"
FAST = ReconnectPolicy().scaled(0.01)


def quotes_the_key(text: str) -> bool:
    return any(WRONG[i:i + 8] in text for i in range(len(WRONG) - 7))


def qos(fake):
    return QosFeed(api_key=WRONG, base_url=fake.http_url, ws_url=fake.ws_url,
                   timings=QosTimings(policy=FAST, first_connect_timeout=3.0, http_backoff=0.01))


def itick(fake):
    return ItickFeed(api_key=WRONG, base_url=fake.http_url, ws_url=fake.ws_url,
                     timings=ItickTimings(policy=FAST, heartbeat=0.1, auth_wait=0.2,
                                          first_connect_timeout=3.0, http_backoff=0.01))


@pytest.mark.parametrize("vendor, fake_class, make, mode", [
    ("qos", FakeQosServer, qos, "http"),  # 401 on the handshake, the key in its body
    ("qos", FakeQosServer, qos, "close"),  # a refusal message on the socket, then close
    ("itick", FakeItickServer, itick, "message"),  # "auth failed: <key>" on the socket
    ("itick", FakeItickServer, itick, "http"),
])
def test_the_status_detail_and_the_error_never_carry_an_echoed_key(vendor, fake_class, make, mode, caplog):
    caplog.set_level(logging.DEBUG)

    async def scenario(fake):
        fake.echo_key = True
        fake.bad_key_mode = mode
        feed = make(fake)
        sink = Sink()
        feed.set_sink(sink)
        await feed.start()
        try:
            with pytest.raises(AuthError) as raised:
                await feed.subscribe(["US:AAPL"], [Channel.QUOTE])
                await sink.wait_for(lambda: feed.failure is not None)
                raise feed.failure
        finally:
            await feed.aclose()
        return sink, raised.value

    from app.core.secrets import install_log_filter

    install_log_filter()  # as the command line and the window do at start
    sink, error = run_against(fake_class(), scenario)
    errors = sink.statuses(ConnectionState.ERROR)
    assert "***" in str(error) or any("***" in e.detail for e in errors)
    for text in [str(error), *(e.detail for e in sink.events if hasattr(e, "detail")),
                 caplog.text]:
        assert not quotes_the_key(text), text
    rendered = [e.detail.render(lambda c, s: s) for e in errors if hasattr(e.detail, "render")]
    assert not any(quotes_the_key(r) for r in rendered)
