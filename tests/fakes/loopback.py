"""Shared plumbing for fake vendor servers: one loopback port for HTTP and WebSocket.

Real vendors serve REST and WebSocket on one host; ``websockets`` only speaks the upgrade
(GET). The front door here reads each request's head: a WebSocket upgrade is piped byte for
byte to an internal ``websockets`` server, anything else goes to the fake's HTTP handler.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit


@dataclass
class HttpRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    body: bytes
    client: str = ""  # the peer's IP address (allow-lists)


@dataclass
class HttpResponse:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, payload: object, status: int = 200, **headers: str) -> HttpResponse:
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        return cls(status, data, {"Content-Type": "application/json", **headers})


HttpHandler = Callable[[HttpRequest], Awaitable[HttpResponse | None]]  # None: hang up unanswered
_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
            405: "Method Not Allowed", 429: "Too Many Requests", 500: "Internal Server Error",
            503: "Service Unavailable"}


class FrontDoor:
    """Listens on 127.0.0.1:``port`` (0: a free one) and routes as described above."""

    def __init__(self, http: HttpHandler, ws_port: int, ws_path: str = "/ws") -> None:
        self._http = http
        self._ws_port = ws_port
        self._ws_path = ws_path
        self._server: asyncio.Server | None = None
        self._pipes: dict[asyncio.Task[None], asyncio.StreamWriter] = {}
        self.port = 0

    async def start(self, port: int = 0) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def aclose(self) -> None:
        if self._server is not None:
            self._server.close()
            for writer in list(self._pipes.values()):
                writer.transport.abort()  # ends each connection's task without cancelling it
            await asyncio.gather(*self._pipes, return_exceptions=True)
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._pipes[task] = writer
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                request_line, *header_lines = head.decode("latin-1").split("\r\n")
                method, target, _version = request_line.split(" ", 2)
                headers = {}
                for line in header_lines:
                    if ":" in line:
                        name, value = line.split(":", 1)
                        headers[name.strip().lower()] = value.strip()
                if headers.get("upgrade", "").lower() == "websocket":
                    await self._pipe_websocket(head, reader, writer)
                    return
                length = int(headers.get("content-length", "0") or 0)
                body = await reader.readexactly(length) if length else b""
                parts = urlsplit(target)
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                peer = writer.get_extra_info("peername") or ("",)
                response = await self._http(
                    HttpRequest(method, parts.path, query, headers, body, str(peer[0])))
                if response is None:
                    return  # the connection closes with nothing sent
                reason = _REASONS.get(response.status, "Status")
                lines = [f"HTTP/1.1 {response.status} {reason}",
                         f"Content-Length: {len(response.body)}"]
                lines += [f"{k}: {v}" for k, v in response.headers.items()]
                writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + response.body)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            self._pipes.pop(task, None)
            writer.close()

    async def _pipe_websocket(self, head: bytes, reader: asyncio.StreamReader,
                              writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self._ws_port)
        up_writer.write(head)

        async def pump(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            try:
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            except (ConnectionError, asyncio.IncompleteReadError):
                pass
            finally:
                with contextlib.suppress(Exception):
                    dst.close()

        try:
            await asyncio.gather(pump(reader, up_writer), pump(up_reader, writer))
        finally:
            up_writer.close()
