"""The leases' bookkeeping on its own: ref-counted across terminals, a renewal replaces a lease,
an unrenewed lease ends at its ttl, the cap counts distinct symbols (a symbol another terminal
holds costs nothing), a vendor's refusal is said to whoever asks for that symbol later."""

from __future__ import annotations

from app.feeds.relay.demand import DemandBook, Want


def wants(*symbols: str, channel: str = "quote") -> set[Want]:
    return {Want(s, channel) for s in symbols}


def test_ref_counted_across_terminals_and_let_go_with_the_last_lease():
    book = DemandBook("qos")
    book.lease("a", wants("US:AAPL", "HK:00700"), ttl=10, now=0)
    book.lease("b", wants("US:AAPL"), ttl=10, now=0)
    assert book.symbols() == {"US:AAPL", "HK:00700"} and book.counts[Want("US:AAPL", "quote")] == 2
    book.lease("a", wants("US:AAPL"), ttl=10, now=1)  # a renewal replaces the lease: 700 goes
    assert book.symbols() == {"US:AAPL"}
    book.release("a")
    assert book.symbols() == {"US:AAPL"}  # b still wants it
    assert book.expire(now=10.5) == ["b"] and book.symbols() == set()


def test_the_cap_counts_symbols_and_says_which_are_refused():
    book = DemandBook("qos", cap=2)
    assert not book.lease("a", wants("US:AAPL", "HK:00700"), ttl=10, now=0).refused
    assert not book.lease("b", wants("US:AAPL") | wants("US:AAPL", channel="trade"), ttl=10, now=0).refused
    refused = book.lease("b", wants("US:AAPL", "SH:600519"), ttl=10, now=0).refused
    assert list(refused) == ["SH:600519"] and "2 symbols of qos at once" in refused["SH:600519"]
    assert book.symbols() == {"US:AAPL", "HK:00700"}
    book.release("a")  # room again
    assert not book.lease("b", wants("US:AAPL", "SH:600519"), ttl=10, now=1).refused


def test_a_vendor_refusal_is_said_to_later_askers():
    book = DemandBook("qos")
    book.lease("a", wants("US:NOPE", "US:AAPL"), ttl=10, now=0)
    book.refuse(["US:NOPE"], "unknown symbol US:NOPE")
    assert book.symbols() == {"US:AAPL"}
    assert book.lease("b", wants("US:NOPE"), ttl=10, now=0).refused == {"US:NOPE": "unknown symbol US:NOPE"}
