"""Text for messages users read: a vendor's own words from a refusal, and where a server is
(host, port and path, never a query, which may carry a key)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from app.feeds.transport.badmessages import excerpt


def vendor_words(body: bytes, limit: int = 200) -> str:
    """The vendor's own message in a refusal body (a JSON ``msg``/``message``/``error``, else
    the text), short enough for a status line."""
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
