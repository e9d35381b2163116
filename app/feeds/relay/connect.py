"""One connection to NATS, as the relay and the terminals open it.

Credentials (:class:`NatsAuth`) come from the keyring or the environment (``NATS_USER``,
``NATS_PASSWORD``, ``NATS_TOKEN``), read by the entry point and handed in: they are registered
with :mod:`app.core.secrets` so no text or log line shows them, and nothing here writes them
anywhere. ``tls://`` addresses are encrypted with the system's certificates. The connection
reconnects for ever (every half second); callers learn of a loss and a return by callback.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from app.core.secrets import register
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.feeds.base import AuthError, FeedError, UnreachableError

log = logging.getLogger(__name__)

SCHEMES = ("nats", "tls", "ws", "wss")
CONNECT_TIMEOUT = 2.0  # seconds for one attempt
RECONNECT_WAIT = 0.5  # seconds between reconnection attempts
PENDING_BYTES = 8 * 1024 * 1024  # what is buffered while reconnecting (then publishes fail)
FLUSH_TIMEOUT = 2.0  # seconds a full buffer may wait for the socket before a publish fails

Callback = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class NatsAuth:
    """NATS credentials: a user and password, or a token (or none: an open server)."""

    user: str | None = None
    password: str | None = None
    token: str | None = None

    def __post_init__(self) -> None:
        register(self.password)
        register(self.token)

    def __repr__(self) -> str:  # never the secrets, even in a traceback's locals
        return f"NatsAuth(user={self.user!r}, password={'***' if self.password else None}, " \
               f"token={'***' if self.token else None})"


async def bounded(awaitable, seconds: float):
    """``awaitable`` within ``seconds`` (a :class:`TimeoutError` after): ``asyncio.timeout``,
    which never swallows a cancellation from outside (3.11's ``wait_for`` may, when the two meet)."""
    async with asyncio.timeout(seconds):
        return await awaitable


def url_problem(url: str) -> str | None:
    """Why ``url`` is no NATS address (None: it is one). Credentials in it are refused: they
    would show in every list of arguments."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        return f"'{url}' is not a NATS address: give nats://host:port (or tls://host:port)"
    if not parts.hostname:
        return f"'{url}' names no host: give nats://host:port"
    if parts.username or parts.password:
        return "put no credentials in the NATS address: use NATS_USER/NATS_PASSWORD or NATS_TOKEN"
    try:
        parts.port
    except ValueError:
        return f"'{url}' has a bad port"
    return None


def _nats():
    try:
        import nats
    except ImportError:
        raise FeedError(Text(QT_TRANSLATE_NOOP(
            "Feed", "the relay needs nats-py: pip install -e \".[relay]\" (the relay extra)"))) from None
    return nats


async def connect(url: str, auth: NatsAuth | None, *, name: str, disconnected: Callback | None = None,
                  reconnected: Callback | None = None, timeout: float = CONNECT_TIMEOUT):
    """A connected ``nats.aio.client.Client`` (one attempt, ``timeout`` s), reconnecting for
    ever afterwards. A refused login is an :class:`AuthError`, no answer an
    :class:`UnreachableError`, both in words naming the address (never the secrets)."""
    nats = _nats()
    from nats import errors

    auth = auth or NatsAuth()

    async def quiet(exc: Exception) -> None:
        log.debug("nats %s: %s", url, exc)

    async def nothing() -> None:
        return None

    options: dict = dict(
        servers=[url], name=name, connect_timeout=timeout, allow_reconnect=False,  # one first attempt
        max_reconnect_attempts=1, reconnect_time_wait=RECONNECT_WAIT, error_cb=quiet,  # (first: twice)
        disconnected_cb=disconnected or nothing, reconnected_cb=reconnected or nothing,
        pending_size=PENDING_BYTES, flush_timeout=FLUSH_TIMEOUT, ping_interval=5, max_outstanding_pings=2,
    )
    if auth.token:
        options["token"] = auth.token
    elif auth.user:
        options["user"], options["password"] = auth.user, auth.password or ""
    try:
        async with asyncio.timeout(timeout * 2 + 1):
            client = await nats.connect(**options)
    except errors.AuthorizationError:
        raise AuthError(Text(QT_TRANSLATE_NOOP(
            "Feed", "NATS at %1 refused our credentials (NATS_USER/NATS_PASSWORD or NATS_TOKEN)"), url)) from None
    except (errors.NoServersError, OSError, TimeoutError, errors.Error) as exc:
        if "authorization" in str(exc).lower():
            raise AuthError(Text(QT_TRANSLATE_NOOP(
                "Feed", "NATS at %1 refused our credentials (NATS_USER/NATS_PASSWORD or NATS_TOKEN)"), url)) from None
        raise UnreachableError(Text(QT_TRANSLATE_NOOP("Feed", "NATS at %1 is unreachable (%2)"),
                                    url, type(exc).__name__)) from None
    client.options["allow_reconnect"] = True  # read at each loss: from now on, reconnect for ever
    client.options["max_reconnect_attempts"] = -1
    return client
