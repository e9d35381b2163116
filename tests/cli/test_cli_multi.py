"""``--base-url``/``--ws-url`` for commands reading several vendors: ``V=URL`` points vendor V, a
bare URL the primary; a bad vendor or address is refused at parse time (exit 2, in words)."""

from __future__ import annotations

import argparse

import pytest

from app.cli import build_parser
from app.cli_multi import url_for, vendor_http_url, vendor_ws_url


def test_named_and_bare_urls_go_to_their_vendor():
    args = build_parser().parse_args([
        "stream", "--vendor", "maidong", "--failover", "itick", "--symbols", "FX:GBPUSD",
        "--base-url", "http://primary:1", "--base-url", "itick=http://backup:2",
        "--ws-url", "maidong=ws://primary:1/ws"])
    assert url_for(args.base_url, "maidong", "maidong") == "http://primary:1"
    assert url_for(args.base_url, "itick", "maidong") == "http://backup:2"
    assert url_for(args.ws_url, "maidong", "maidong") == "ws://primary:1/ws"
    assert url_for(args.ws_url, "itick", "maidong") is None  # the vendor's own host
    assert url_for(None, "itick", "maidong") is None
    assert url_for("http://top:1", "maidong", "maidong") == "http://top:1"  # given before the subcommand
    assert url_for("http://top:1", "itick", "maidong") is None


def test_a_bad_vendor_or_address_is_refused():
    with pytest.raises(argparse.ArgumentTypeError, match="not a vendor"):
        vendor_http_url("nobody=http://x:1")
    with pytest.raises(argparse.ArgumentTypeError):
        vendor_ws_url("itick=http://x:1")  # not a WebSocket address
    assert vendor_http_url("http://x:1/a?b=c") == (None, "http://x:1/a?b=c")  # '=' in a query is not a vendor
