"""A protocol-faithful fake 脉动数据 server (``shared/vendors/maidong.md`` section 6) on 127.0.0.1.

HTTP (GET, gzip when asked): ``getQuote.php`` (``{"code":200,"msg":"success","data":{"body":…}}``,
10 depth levels), ``redis.php`` (a bare array, newest first, ``[ms, o, h, l, c, "UTC+8 text",
v]``, rows capped at 600/300/100), ``getCategory.php`` (string ids 1 2 3 4 7) and
``getSymbolList.php`` (paged, ``total`` a number). The documented rates are enforced: 3 quote
and 5 K-line requests a second per product, 2 list requests a second; more gets HTTP 429.

WebSocket at ``/ws``: no greeting, no acknowledgement; ``{"Key": "a,b"}`` adds codes (a code
sent twice on one connection is noted in ``refusals``: the vendor asks for each product once),
``{"ping": n}`` → ``{"pong": n}``, one ``{"body": …}`` per update with 5 depth levels as
one-entry numbered objects, string ``LastTime``, UTC+8 ``Time``, prints with direction
1 = sell / 2 = buy. Subscriptions die with the connection; at most 6 connections per IP.

Authorisation is by client IP (``allowed_ips``, loopback by default). An unauthorised client
gets, per ``unauthorised_mode`` (the real answer is undocumented): ``"close"`` (hang up
without answering), ``"status"`` (HTTP 403, and 403 on the WebSocket handshake) or ``"body"``
(HTTP 200 with ``{"code":403,"msg":"IP未授权"}``). Fault switches as the other fakes:
``drop_after``, ``flap``, ``silent``, ``mute_pushes``, ``muted`` (symbols whose pushes are
withheld), :meth:`inject`, :meth:`drop_all`,
``fail_next_http``, ``pong_mode`` (``"echo"``, ``"wrong"``, ``"none"``), ``hostile`` (issue 17's
impossible values between good pushes, ``tests/fakes/hostile.py``) and ``hostile_history`` (one
impossible bar in every K-line answer). Symbol-list switches: ``page_cap`` (the largest page
served whatever ``pageSize`` asks), ``list_total`` (a wrong ``total``), ``ignore_paging`` (page 1
for every page) and ``endless_list`` (new codes on every page, a huge total);
:meth:`request_times` gives the server-side arrival times of one path.

Run by hand: ``python -m tests.fakes.maidong --port 8767``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import json
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request

from app.core.periods import Period
from app.core.types import Book, Channel, Event, Instrument, Quote, Side, Trade
from app.feeds.sim.universe import BY_SYMBOL, SimSpec
from tests.fakes import hostile
from tests.fakes.base import FakeVendorServer
from tests.fakes.loopback import HttpRequest, HttpResponse

BEIJING = timedelta(hours=8)
CATEGORIES = [("1", "外汇"), ("2", "国际期货"), ("3", "国内期货"), ("4", "数字货币"), ("7", "国际股指期货")]
_TIME_CODES = {"1m": Period.M1, "5m": Period.M5, "15m": Period.M15, "30m": Period.M30,
               "1h": Period.H1, "1d": Period.D1, "1M": Period.MN1}
_ROW_LIMITS = {Period.M1: 600, Period.MN1: 100}
MAX_CONNECTIONS = 6


def _future(code: str, name: str, price: float, tick: float, decimals: int, category: str,
            vol: float = 0.25, rate: float = 4.0) -> tuple[str, SimSpec, str]:
    inst = Instrument(symbol=f"MD:{code}", name=name, name_zh=name, tick_size=tick,
                      price_decimals=decimals, size_decimals=0, category=category)
    return code, SimSpec(inst, price, vol, rate, 10, 3.0), category


def _listed(symbol: str, code: str, category: str) -> tuple[str, SimSpec, str]:
    return code, BY_SYMBOL[symbol], category


# (vendor code, simulated instrument, category id). Category 7 holds the documented 8 codes and
# 17 more (25, the documented total); codes are case-sensitive (``DCE_i``).
PRODUCTS: list[tuple[str, SimSpec, str]] = [
    _listed("FX:EURUSD", "fx_seurusd", "1"), _listed("FX:GBPUSD", "fx_sgbpusd", "1"),
    _listed("FX:USDJPY", "fx_susdjpy", "1"), _listed("FX:AUDUSD", "fx_saudusd", "1"),
    _listed("FX:USDCNH", "fx_susdcnh", "1"), _listed("CMDTY:XAUUSD", "fx_sxauusd", "1"),
    _listed("CMDTY:XAGUSD", "fx_sxagusd", "1"),
    _future("CMX_GC", "纽约黄金", 2660.0, 0.1, 1, "2"), _future("CMX_SI", "纽约白银", 31.2, 0.005, 3, "2"),
    _future("NY_CL", "美原油", 70.5, 0.01, 2, "2"), _future("CMX_HG", "纽约铜", 4.2, 0.0005, 4, "2"),
    _future("LME_CA", "伦铜", 9050.0, 0.5, 1, "2"), _future("CBOT_ZS", "美黄豆", 1000.0, 0.25, 2, "2"),
    _future("SHFE_AU", "沪金2602", 618.0, 0.02, 2, "3"), _future("SHFE_RB", "螺纹钢2601", 3300.0, 1.0, 0, "3"),
    _future("DCE_i", "铁矿石2601", 780.0, 0.5, 1, "3"), _future("CZCE_SR", "白糖2601", 5800.0, 1.0, 0, "3"),
    _future("INE_SC", "原油2601", 520.0, 0.1, 1, "3"), _future("SHFE_CU", "沪铜2601", 75000.0, 10.0, 0, "3"),
    _listed("CRYPTO:BTCUSDT", "btcusdt", "4"), _listed("CRYPTO:ETHUSDT", "ethusdt", "4"),
    _listed("CRYPTO:XRPUSDT", "xrpusdt", "4"), _listed("CRYPTO:SOLUSDT", "solusdt", "4"),
    _listed("CRYPTO:BNBUSDT", "bnbusdt", "4"), _listed("CRYPTO:DOGEUSDT", "dogeusdt", "4"),
    _future("HX_HSI", "恒指2512", 19500.0, 1.0, 0, "7"), _future("ZY_DAX", "德指", 19500.0, 0.5, 1, "7"),
    _future("HX_MHI", "小恒指2512", 19500.0, 1.0, 0, "7"), _future("HX_CN", "富时A50", 13500.0, 1.0, 0, "7"),
    _future("HX_NQ", "小纳指", 21000.0, 0.25, 2, "7"), _future("HX_ES", "小标普", 5900.0, 0.25, 2, "7"),
    _future("ZY_YM", "小道指", 43000.0, 1.0, 0, "7"), _future("TW_TXF", "台指期2512【日】", 22500.0, 1.0, 0, "7"),
    _future("HX_HHI", "国企指数2512", 6900.0, 1.0, 0, "7"), _future("HX_HTI", "恒生科技2512", 4300.0, 1.0, 0, "7"),
    _future("HX_MCH", "小国企2512", 6900.0, 1.0, 0, "7"), _future("ZY_FTSE", "富时100", 8100.0, 0.5, 1, "7"),
    _future("ZY_CAC", "法国CAC40", 7300.0, 0.5, 1, "7"), _future("ZY_STOXX", "欧洲斯托克50", 4900.0, 1.0, 0, "7"),
    _future("ZY_SMI", "瑞士SMI", 11800.0, 1.0, 0, "7"), _future("ZY_IBEX", "西班牙IBEX35", 11700.0, 1.0, 0, "7"),
    _future("JP_NK", "日经225", 38500.0, 5.0, 0, "7"), _future("JP_MNK", "小日经", 38500.0, 5.0, 0, "7"),
    _future("SG_TW", "摩台指", 1000.0, 0.1, 1, "7"), _future("SG_IN", "印度Nifty50", 24000.0, 0.5, 1, "7"),
    _future("KR_KS", "韩国KOSPI200", 330.0, 0.05, 2, "7"), _future("AU_AP", "澳洲标普200", 8200.0, 1.0, 0, "7"),
    _future("HX_RTY", "小罗素2000", 2300.0, 0.1, 1, "7"), _future("ZY_AEX", "荷兰AEX", 900.0, 0.05, 2, "7"),
    _future("ZY_OMX", "瑞典OMX30", 2500.0, 0.25, 2, "7"),
]
# Chinese futures carry the documented ``Info`` members a futures quote has.
INFO_CATEGORIES = {"3"}


@dataclass
class Connection:
    ws: ServerConnection
    opened: float
    subs: set[str] = field(default_factory=set)
    keys: list[list[str]] = field(default_factory=list)  # each Key message's codes
    pings: list[object] = field(default_factory=list)
    messages: list[dict] = field(default_factory=list)
    outbox: asyncio.Queue[str | bytes] = field(default_factory=lambda: asyncio.Queue(10_000))
    sent: int = 0
    last_ping: float = 0.0


def beijing_text(ts_ms: int, fmt: str = "%Y-%m-%d %H:%M:%S") -> str:
    return (datetime.fromtimestamp(ts_ms / 1000, UTC) + BEIJING).strftime(fmt)


class FakeMaidongServer(FakeVendorServer):
    ws_path = "/ws"

    def __init__(self, *, seed: int = 7, ping_cutoff: float | None = None,
                 max_connections: int = MAX_CONNECTIONS, default_page_size: int = 20) -> None:
        super().__init__(seed=seed, specs=[spec for _code, spec, _cat in PRODUCTS])
        self.ping_cutoff = ping_cutoff
        self.max_connections = max_connections
        self.default_page_size = default_page_size
        self.page_cap = 100  # getSymbolList.php serves at most this many per page
        self.list_total: int | None = None  # a ``total`` that lies
        self.ignore_paging = False  # every page is page 1
        self.endless_list = False  # every page brings new codes; ``total`` is huge
        self.allowed_ips: set[str] = {"127.0.0.1"}
        self.unauthorised_mode = "status"
        self.pong_mode = "echo"
        self.rate_limits = {"quote": 3, "kline": 5, "list": 2}  # per second
        self.connections: list[Connection] = []
        self.handshakes: list[float] = []
        self.http_log: list[tuple[str, dict[str, str], float, int]] = []
        self.gzipped = 0
        self._calls: defaultdict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._code_of = {spec.instrument.symbol: code for code, spec, _cat in PRODUCTS}
        self._symbol_of = {code: spec.instrument.symbol for code, spec, _cat in PRODUCTS}
        self._category_of = {code: cat for code, _spec, cat in PRODUCTS}
        self._decimals = {code: spec.instrument.price_decimals for code, spec, _cat in PRODUCTS}
        self._prints: defaultdict[str, deque[Trade]] = defaultdict(lambda: deque(maxlen=4))
        self._simulated: set[str] = set()
        self._last_body: dict[str, dict] = {}  # code → the body last pushed (hostile ones copy it)

    async def start(self, port: int = 0) -> None:
        await self._listen(port, self._http_handler, self._ws_handler, self._check_handshake)
        if self.ping_cutoff is not None:
            self._spawn(self._ping_watch())

    async def _simulate(self, codes: list[str]) -> None:
        """Prices of a product move once someone asks for it."""
        fresh = [self._symbol_of[c] for c in codes if c in self._symbol_of and c not in self._simulated]
        if fresh:
            self._simulated.update(self._code_of[s] for s in fresh)
            await self._sim.subscribe(fresh, [Channel.QUOTE, Channel.TRADE, Channel.DEPTH])

    # -- the body --------------------------------------------------------------------------

    def _body(self, code: str, levels: int) -> dict:
        market = self._sim.markets[self._symbol_of[code]]
        d = self._decimals[code]
        quote: Quote = market.quote()
        book: Book = market.book(market.last_ts)
        ts = quote.ts

        def r(x: float | None) -> float | None:
            return None if x is None else round(x, d)

        last, open_ = r(quote.last), r(quote.open)
        diff = round((last or 0) - (open_ or 0), d) if last is not None and open_ else 0.0
        bids, asks = book.bids[:levels], book.asks[:levels]
        body = {
            "StockCode": code, "Price": last, "Open": open_,
            "LastClose": last,  # as in both documented examples: the last price again
            "High": r(quote.high), "Low": r(quote.low),
            "Time": beijing_text(ts), "LastTime": str(ts // 1000),
            "BP1": r(bids[0][0]) if bids else 0, "BV1": bids[0][1] if bids else 0,
            "SP1": r(asks[0][0]) if asks else 0, "SV1": asks[0][1] if asks else 0,
            "TotalVol": 0 if code.startswith("fx_s") else quote.volume,
            "Depth": {
                "Buy": [{f"BP{i}": r(p), f"BV{i}": v} for i, (p, v) in enumerate(bids, 1)],
                "Sell": [{f"SP{i}": r(p), f"SV{i}": v} for i, (p, v) in enumerate(asks, 1)],
            },
            "BS": [{"time": beijing_text(t.ts, "%H:%M:%S"), "price": r(t.price), "size": t.size,
                    "direction": 1 if t.side is Side.SELL else 2} for t in self._prints[code]],
            "Info": [],
            "lastSize": self._prints[code][-1].size if self._prints[code] else 0,
            "Diff": diff, "DiffRate": round(diff / open_ * 100, 2) if open_ else 0.0,
        }
        if self._category_of[code] in INFO_CATEGORIES and quote.prev_close:
            settle = quote.prev_close
            body["Info"] = {"TotalAmount": round((quote.volume or 0) * (last or 0), 2),
                            "LimitUp": round(settle * 1.07, d), "LimitDown": round(settle * 0.93, d),
                            "QRR": 1.12}
        return body

    def _on_sim_event(self, event: Event) -> None:
        symbol = getattr(event, "symbol", None)
        code = self._code_of.get(symbol or "")
        if code is None:
            return
        if type(event) is Trade:
            self._prints[code].append(event)
            return
        if type(event) is not Book or self.silent or self.mute_pushes or symbol in self.muted:
            return
        frame = None
        for conn in self.live:
            if code in conn.subs:
                if frame is None:
                    self._last_body[code] = body = self._body(code, 5)
                    frame = json.dumps({"body": body}, ensure_ascii=False, separators=(",", ":"))
                with contextlib.suppress(asyncio.QueueFull):
                    conn.outbox.put_nowait(frame)
                    self._interleave(conn, code)

    def hostile_frames(self, subject: str) -> list:
        return hostile.maidong_frames(self._last_body[subject], subject)

    # -- HTTP ------------------------------------------------------------------------------

    async def _http_handler(self, request: HttpRequest) -> HttpResponse | None:
        now = time.monotonic()
        response = await self._answer(request, now)
        self.http_log.append((request.path, dict(request.query), now,
                              response.status if response is not None else 0))
        self._notify()
        if response is not None and "gzip" in request.headers.get("accept-encoding", ""):
            response.body = gzip.compress(response.body)
            response.headers["Content-Encoding"] = "gzip"
            self.gzipped += 1
        return response

    def _over_rate(self, kind: str, product: str, now: float) -> bool:
        calls = self._calls[(kind, product)]
        while calls and now - calls[0] >= 1.0:
            calls.popleft()
        if len(calls) >= self.rate_limits[kind]:
            self.refusals.append(f"rate {kind} {product}")
            return True
        calls.append(now)
        return False

    async def _answer(self, request: HttpRequest, now: float) -> HttpResponse | None:
        if self.fail_next_http:
            status, headers = self.fail_next_http.popleft()
            return HttpResponse.json({"code": status, "msg": "busy"}, status, **headers)
        if request.client not in self.allowed_ips:
            self.refusals.append(f"unauthorised ip (http {self.unauthorised_mode})")
            if self.unauthorised_mode == "close":
                return None
            if self.unauthorised_mode == "status":
                return HttpResponse(403, "IP未授权\n".encode(), {"Content-Type": "text/plain; charset=utf-8"})
            return HttpResponse.json({"code": 403, "msg": "IP未授权", "data": []})
        if request.method != "GET":
            return HttpResponse.json({"code": 405, "msg": "method not allowed", "data": None}, 405)
        q = request.query
        path = request.path.strip("/")
        if path == "getQuote.php":
            code = q.get("code", "")
            if self._over_rate("quote", code, now):
                return HttpResponse.json({"code": 429, "msg": "请求过于频繁"}, 429)
            if code not in self._symbol_of:
                return HttpResponse.json({"code": 404, "msg": "产品不存在", "data": None})
            await self._simulate([code])
            return HttpResponse.json({"code": 200, "msg": "success",
                                      "data": {"body": self._body(code, 10)}})
        if path == "redis.php":
            code = q.get("code", "")
            if self._over_rate("kline", code, now):
                return HttpResponse.json({"code": 429, "msg": "请求过于频繁"}, 429)
            return HttpResponse.json(await self._klines(code, q.get("time", ""), q.get("rows", "")))
        if path in ("getCategory.php", "getSymbolList.php"):
            if self._over_rate("list", "", now):
                return HttpResponse.json({"code": 429, "msg": "请求过于频繁"}, 429)
            if path == "getCategory.php":
                return HttpResponse.json({"code": 200, "msg": "success", "data": {
                    "list": [{"id": i, "name": n} for i, n in CATEGORIES]}})
            return HttpResponse.json(self._symbol_list(q))
        return HttpResponse(404, b"not found\n")

    async def _klines(self, code: str, time_code: str, rows_text: str) -> list:
        period = _TIME_CODES.get(time_code)
        if code not in self._symbol_of or period is None:
            return []
        try:
            rows = max(1, int(rows_text or 1))
        except ValueError:
            return []
        rows = min(rows, _ROW_LIMITS.get(period, 300))
        await self._simulate([code])
        bars = await self._sim.klines(self._symbol_of[code], period, rows)
        d = self._decimals[code]
        forex = code.startswith("fx_s")
        out = [[b.ts, round(b.open, d), round(b.high, d), round(b.low, d), round(b.close, d),
                beijing_text(b.ts), 0 if forex else round(b.volume or 0.0, 4)]
               for b in reversed(bars)]
        if self.hostile_history and out:
            out[-1] = hostile.maidong_bad_row(out[-1])  # the oldest row: high 90 < low 110
        return out

    def _symbol_list(self, q: dict[str, str]) -> dict:
        try:
            page = max(1, int(q.get("page") or 1))
            size = max(1, min(self.page_cap, int(q.get("pageSize") or self.default_page_size)))
        except ValueError:
            return {"code": 400, "msg": "参数错误", "data": None}
        if self.ignore_paging:
            page = 1
        if self.endless_list:
            codes = [{"code": f"HX_N{n}", "name": f"无尽{n}"} for n in range((page - 1) * size, page * size)]
            return {"code": 200, "msg": "success", "data": {"total": 10**9, "list": codes}}
        listed = [(c, s) for c, s, cat in PRODUCTS if cat == q.get("category")]
        chunk = listed[(page - 1) * size: page * size]
        total = len(listed) if self.list_total is None else self.list_total
        return {"code": 200, "msg": "success", "data": {
            "total": total, "list": [{"code": c, "name": s.instrument.name_zh} for c, s in chunk]}}

    def request_times(self, *paths: str) -> list[float]:
        """When the server received each request for these paths (monotonic seconds)."""
        return [t for p, _q, t, _s in self.http_log if p in paths]

    # -- WebSocket -------------------------------------------------------------------------

    def _check_handshake(self, connection: ServerConnection, request: Request):
        self.handshakes.append(time.monotonic())
        self._notify()
        if request.path.split("?")[0] != "/ws":
            return connection.respond(404, "not found\n")
        client = connection.remote_address[0] if connection.remote_address else ""
        if client not in self.allowed_ips and self.unauthorised_mode == "status":
            self.refusals.append("unauthorised ip (ws)")
            return connection.respond(403, "IP未授权\n")
        if len(self.live) >= self.max_connections:
            self.refusals.append("too many connections")
            return connection.respond(429, "too many connections\n")
        return None

    async def _ws_handler(self, ws: ServerConnection) -> None:
        client = ws.remote_address[0] if ws.remote_address else ""
        if self.flap or client not in self.allowed_ips:
            if client not in self.allowed_ips:
                self.refusals.append("unauthorised ip (ws)")
            ws.transport.abort()
            return
        conn = Connection(ws, time.monotonic(), last_ping=time.monotonic())
        self.connections.append(conn)
        self._notify()
        writer = self._start_writer(conn)
        try:
            async for raw in ws:
                if not self.silent:
                    await self._message(conn, raw)
        except ConnectionClosed:
            pass
        finally:
            conn.subs.clear()  # no subscription survives its connection
            await asyncio.sleep(0)
            writer.cancel()
            self._notify()

    async def _message(self, conn: Connection, raw: str | bytes) -> None:
        try:
            msg = json.loads(raw)
        except ValueError:
            return  # no error strings are documented: the vendor says nothing
        if not isinstance(msg, dict):
            return
        conn.messages.append(msg)
        if "Key" in msg:
            codes = [c.strip() for c in str(msg["Key"]).split(",") if c.strip()]
            if conn.subs & set(codes) or len(set(codes)) != len(codes):
                self.refusals.append("repeated code")
            conn.keys.append(codes)
            conn.subs.update(c for c in codes if c in self._symbol_of)
            await self._simulate(codes)
        elif "ping" in msg:
            conn.last_ping = time.monotonic()
            conn.pings.append(msg["ping"])
            if self.pong_mode == "echo":
                conn.outbox.put_nowait(json.dumps({"pong": msg["ping"]}))
            elif self.pong_mode == "wrong":
                conn.outbox.put_nowait(json.dumps({"pong": 1}))
        self._notify()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8767)
    args = parser.parse_args()
    FakeMaidongServer().run_by_hand(args.port, "fake 脉动数据 on {http}  (WebSocket {ws})")


if __name__ == "__main__":
    main()
