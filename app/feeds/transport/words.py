"""Text for messages users read: a vendor's own words from a refusal, and where a server is
(host, port and path, never a query, which may carry a key)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from urllib.parse import parse_qsl, urlsplit

from app.core.secrets import mask, register
from app.feeds.transport.badmessages import excerpt

# Header and query names whose values are keys (registered for masking wherever they are used).
SECRET_NAMES = frozenset({"key", "token", "apikey", "api_key", "api-key", "x-api-key",
                          "authorization", "access_token", "secret"})


def vendor_words(body: bytes, limit: int = 200) -> str:
    """The vendor's own message in a refusal body (a JSON ``msg``/``message``/``error``, else
    the text), short enough for a status line; a key the vendor quotes back is masked."""
    return mask(_words(body, limit))


def _words(body: bytes, limit: int) -> str:
    text = body.decode("utf-8", "replace").strip()
    try:
        data = json.loads(text)
    except ValueError:
        return excerpt(text, limit)
    if isinstance(data, dict):
        for key in ("msg", "message", "error"):
            if isinstance(data.get(key), str):
                return excerpt(data[key], limit)
    return excerpt(text, limit)


def where(url: str) -> str:
    """Host, port and path of an address, never its query."""
    parts = urlsplit(url)
    return f"{parts.hostname or ''}{':' + str(parts.port) if parts.port else ''}{parts.path}"


def register_secrets(headers: Mapping[str, str] | None = None, url: str = "") -> None:
    """Register the keys a connection carries (secret-named headers, query parameters) for
    masking, so that no text or log line shows them, even as a vendor quotes them."""
    for name, value in (headers or {}).items():
        if name.lower() in SECRET_NAMES:
            register(value.removeprefix("Bearer ").strip())
    for name, value in parse_qsl(urlsplit(url).query):
        if name.lower() in SECRET_NAMES:
            register(value)
