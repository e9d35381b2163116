"""An HTTP client for vendor REST APIs: timeouts, explicit retries, and the plan's rate limit.

httpx retries neither 429 nor 5xx by itself, and logs full URLs (keys included, for vendors
that take one in the query) at INFO. Here 429 and 5xx are retried with the server's
``Retry-After`` honoured, connection failures are retried with backoff, every request first
passes the vendor's rate limiter, and log lines carry the path only.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import logging
import time
from collections.abc import Mapping
from typing import Any

import httpx

from app.core.text import QT_TRANSLATE_NOOP, Text
from app.feeds.base import FeedError, UnreachableError
from app.feeds.transport.ratelimit import SlidingWindowLimiter
from app.feeds.transport.words import register_secrets, where

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class RateLimited(FeedError):
    """The vendor kept answering 429 after our retries."""


class HungUpError(UnreachableError):
    """The server accepted the connection and closed it without answering, every time: for
    vendors that allow-list client IPs this is how a refusal can look."""


class HttpClient:
    """One vendor's REST endpoint. Returns response bodies; the adapter decodes them."""

    def __init__(
        self,
        base_url: str,
        *,
        name: str,
        headers: Mapping[str, str] | None = None,
        limiter: SlidingWindowLimiter | None = None,
        retries: int = 3,
        backoff: float = 1.0,
        max_retry_wait: float = 30.0,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.name = name
        self.limiter = limiter
        self.retries = retries
        self.backoff = backoff
        self.max_retry_wait = max_retry_wait
        self.requests = 0
        register_secrets(headers, base_url)
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers=dict(headers or {}),
            timeout=timeout,
            transport=transport,
            follow_redirects=False,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def post_json(self, path: str, body: Any) -> httpx.Response:
        return await self.request("POST", path, json=body)

    async def get(
        self, path: str, params: Mapping[str, Any] | None = None, *,
        limiter: SlidingWindowLimiter | None = None,
    ) -> httpx.Response:
        return await self.request("GET", path, params=params, limiter=limiter)

    async def request(
        self, method: str, path: str, *, limiter: SlidingWindowLimiter | None = None, **kwargs: Any
    ) -> httpx.Response:
        """Send with retries; returns the final response whatever its status (the adapter
        decides what a 4xx means), raising :class:`UnreachableError` when the network fails
        and :class:`RateLimited` when 429 persists. ``limiter`` replaces the client's own for
        this request (vendors that limit per endpoint or per product)."""
        limiter = limiter or self.limiter
        attempt = 0
        while True:
            self.requests += 1
            try:
                async with limiter.slot() if limiter else contextlib.nullcontext() as slot:
                    response = await self._client.request(method, path, **kwargs)
            except httpx.TransportError as exc:
                if attempt >= self.retries:
                    error = HungUpError if isinstance(exc, httpx.RemoteProtocolError) else UnreachableError
                    raise error(Text(
                        QT_TRANSLATE_NOOP("Feed", "%1 could not be reached at %2 after %3 attempts (%4)"),
                        self.name, self._where(), attempt + 1, _describe(exc),
                    )) from None
                delay = self.backoff * (2**attempt)
                log.info("%s %s failed (%s); retrying in %.1f s", method, path, _describe(exc), delay)
            else:
                if response.status_code not in RETRY_STATUSES:
                    return response
                if attempt >= self.retries:
                    if response.status_code == 429:
                        raise RateLimited(Text(QT_TRANSLATE_NOOP(
                            "Feed", "%1 is limiting our requests (HTTP 429) and kept doing so after "
                            "our retries; wait a minute or check the plan's request rate"), self.name))
                    return response
                delay = retry_after(response, self.backoff * (2**attempt), self.max_retry_wait)
                if response.status_code == 429 and limiter is not None:
                    # Every queued request waits, not only this one: for as long as the server
                    # asked, or, when it did not say, at the rate it actually accepts.
                    if "Retry-After" in response.headers:
                        limiter.hold(delay)
                    else:
                        limiter.throttle(slot)
                        log.info("%s: HTTP 429; now at most %d requests per %.0f s", self.name,
                                 limiter.max_calls, limiter.period)
                log.info("%s %s answered %d; retrying in %.1f s",
                         method, path, response.status_code, delay)
            attempt += 1
            await asyncio.sleep(delay)

    def _where(self) -> str:
        return where(str(self._client.base_url)).rstrip("/")


def retry_after(response: httpx.Response, default: float, maximum: float) -> float:
    """Seconds to wait as the server asks (delta seconds or an HTTP date), capped."""
    value = response.headers.get("Retry-After")
    if value is None:
        return min(default, maximum)
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return min(default, maximum)
        seconds = moment.timestamp() - time.time()
    return min(max(seconds, 0.0), maximum)


def _describe(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return Text(QT_TRANSLATE_NOOP("Feed", "timed out"))
    if isinstance(exc, httpx.ConnectError):
        return Text(QT_TRANSLATE_NOOP("Feed", "connection refused or host not found"))
    if isinstance(exc, httpx.RemoteProtocolError):
        return Text(QT_TRANSLATE_NOOP("Feed", "the server closed the connection without answering"))
    return type(exc).__name__
