"""Whether a text can be a vendor's address, said in words before anything connects to it.

A command-line ``--base-url`` and a host typed into settings.json both end up in an HTTP or
WebSocket client; a text with no host, a port past 65535 or an unclosed ``[::1`` made those
clients raise deep inside a connection (a traceback), and a text with no scheme was silently
replaced by the vendor's own host. One check here serves the command line and the settings.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from app.core.text import QT_TRANSLATE_NOOP, Text

HTTP_SCHEMES = ("http", "https")
WS_SCHEMES = ("ws", "wss")


def shown(text: str) -> str:
    """``text`` as it can be printed: control characters escaped (``\\x00``, ``\\n``)."""
    return text if text.isprintable() else text.encode("unicode_escape").decode("ascii")


def url_problem(text: str, schemes: tuple[str, ...] = HTTP_SCHEMES) -> Text | None:
    """None when ``text`` is a ``scheme://host[:port][/path]`` address with one of ``schemes``,
    a host and a port in 1…65535; else what is wrong with it, in words."""
    example = f"{schemes[0]}://host[:port]"
    if not text or not text.isprintable() or any(c.isspace() for c in text):
        return Text(QT_TRANSLATE_NOOP("Core", "'%1' is not an address like %2"), shown(text), example)
    try:
        parts = urlsplit(text)  # raises ValueError on an unclosed "[::1"
    except ValueError as exc:
        return Text(QT_TRANSLATE_NOOP("Core", "'%1' is not a valid address (%2)"), shown(text), exc)
    if parts.scheme.lower() not in schemes or not parts.hostname:
        return Text(QT_TRANSLATE_NOOP("Core", "'%1' is not an address like %2"), shown(text), example)
    try:
        port = parts.port  # raises ValueError past 65535 or when not a number
    except ValueError:
        port = 0
    if port == 0:
        return Text(QT_TRANSLATE_NOOP("Core", "'%1' has no valid port: a port is 1 to 65535"), shown(text))
    return None
