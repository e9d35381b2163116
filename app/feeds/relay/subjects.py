"""The relay's subjects on NATS, its key-value buckets, and the wire encoding of events.

Scheme (``<v>`` the vendor id, ``<s>`` a symbol token, see :func:`token`)::

    qt.<v>.s.<s>.quote   .trade   .depth   .bar.<period>   live events of symbol <s>
    qt.<v>.status      the relay's upstream state, a Status, at every change and every second
    qt.<v>.hello       a relay became active: terminals renew their leases at once
    qt.<v>.demand      request: a terminal's lease (what it wants, for how long)
    qt.<v>.req.<what>  request/reply: klines, symbols, categories, page, describe, snapshot
    qt.relays          request: every active relay answers with its vendor (discovery)

Buckets: ``qt_<v>_last`` (keys ``quote.<s>`` and ``depth.<s>``: the latest of each symbol, for
a terminal that joins) and ``qt_<v>_lock`` (key ``active``: which relay holds the vendor).

One symbol's events share the prefix ``qt.<v>.s.<s>.``: a terminal subscribes ``qt.<v>.s.<s>.>``
once per symbol and gets its quotes, trades, books and bars in the order the relay published them
(NATS keeps order per subscription, not across several).

A NATS token may not hold ``.``, ``*``, ``>`` or spaces, and a key-value key only
``[-/_=.A-Za-z0-9]``: a symbol's ``:`` and any other character become ``=XX`` (its UTF-8 bytes in
hex), ``=`` itself included, so the token reads back to the symbol exactly.
"""

from __future__ import annotations

import re

import msgspec

from app.core.text import Template, Text, plain
from app.core.types import Bar, Book, Channel, Event, Quote, Status, Trade

ROOT = "qt"
DISCOVERY = f"{ROOT}.relays"
_SAFE = re.compile(r"[A-Za-z0-9_-]")
_SAFE_TOKEN = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPED = re.compile(r"=([0-9A-F]{2})")


def token(symbol: str) -> str:
    """``US:AAPL`` → ``US=3AAAPL``; reversible by :func:`symbol_of`."""
    if _SAFE_TOKEN.fullmatch(symbol):
        return symbol
    return "".join(c if _SAFE.fullmatch(c) else "".join(f"={b:02X}" for b in c.encode()) for c in symbol)


def symbol_of(tok: str) -> str:
    """The symbol a :func:`token` spells."""
    if "=" not in tok:
        return tok
    out = bytearray()
    i = 0
    while i < len(tok):
        if _ESCAPED.match(tok, i):
            out.append(int(tok[i + 1:i + 3], 16))
            i += 3
        else:
            out += tok[i].encode()
            i += 1
    return out.decode("utf-8", "replace")


class Subjects:
    """Every subject and bucket of one vendor's relay."""

    def __init__(self, vendor: str) -> None:
        self.vendor = vendor
        base = f"{ROOT}.{vendor}"
        self.base = base
        self.status = f"{base}.status"
        self.hello = f"{base}.hello"
        self.demand = f"{base}.demand"
        self.requests = f"{base}.req"
        self.last_bucket = f"{ROOT}_{vendor}_last"
        self.lock_bucket = f"{ROOT}_{vendor}_lock"
        self._cache: dict[tuple[str, str], str] = {}

    def request(self, what: str) -> str:
        return f"{self.requests}.{what}"

    def data(self, channel: Channel | str, symbol: str, period: str | None = None) -> str:
        """The subject of ``symbol``'s events on ``channel`` (a bar's: of its ``period``)."""
        key = (f"bar.{period}" if channel == Channel.BAR else str(channel), symbol)
        subject = self._cache.get(key)
        if subject is None:
            subject = self._cache[key] = f"{self.base}.s.{token(symbol)}.{key[0]}"
        return subject

    def of_symbol(self, symbol: str) -> str:
        """The wildcard subject of every event of ``symbol``."""
        return f"{self.base}.s.{token(symbol)}.>"

    def of_event(self, event: Event) -> str:
        kind = type(event)
        if kind is Bar:
            return self.data(Channel.BAR, event.symbol, event.period)
        return self.data(_CHANNEL_OF[kind], event.symbol)  # type: ignore[union-attr]

    @staticmethod
    def last_key(channel: Channel | str, symbol: str) -> str:
        """The key of ``symbol``'s latest quote or book in the ``last`` bucket."""
        return f"{channel}.{token(symbol)}"


_CHANNEL_OF: dict[type, str] = {Quote: "quote", Trade: "trade", Book: "depth"}

# Events travel as msgpack of the canonical structs (their tag says which): smaller and faster
# than JSON, and decoded straight back into the same types.
_encoder = msgspec.msgpack.Encoder(enc_hook=plain)
encode = _encoder.encode
_event_decoder = msgspec.msgpack.Decoder(Quote | Trade | Book | Bar | Status)
decode_event = _event_decoder.decode


def encode_value(value: object) -> bytes:
    """A request's or reply's body (plain values or structs) as msgpack."""
    return _encoder.encode(value)


def decode_value(data: bytes, kind: type | None = None) -> object:
    return msgspec.msgpack.decode(data, type=kind) if kind is not None else msgspec.msgpack.decode(data)


def words_out(message: object) -> object:
    """A message for the wire: a :class:`Text` as its template, context and arguments, so that
    the terminal shows it in its user's language; anything else as its words."""
    if isinstance(message, Text):
        return {"t": str(message.template), "c": message.template.context,
                "a": [words_out(a) for a in message.args]}
    return str(message)


def words_in(value: object) -> str:
    """The message :func:`words_out` sent, a :class:`Text` again when it was one."""
    if isinstance(value, dict) and "t" in value:
        return Text(Template(str(value.get("c", "")), str(value["t"])),
                    *(words_in(a) for a in value.get("a") or ()))
    return "" if value is None else str(value)
