"""Keys never shown: the secrets in use, and a mask for every text that leaves the program.

A vendor's refusal may quote our key back ("invalid key ABC… for account"); its words reach
the status line, the command line's stderr and the logs. Each key in use is registered here
once (when the feed that holds it is made), and :func:`mask` replaces it in any text: the
whole key, its URL-encoded spellings, and any run of at least :data:`MIN_PART` of its
characters (a vendor that echoes part of a key). :class:`~app.core.text.Text` masks its
arguments as it is made; :class:`SecretFilter` masks log records.
"""

from __future__ import annotations

import logging
import re
import threading
from urllib.parse import quote, quote_plus

MASK = "***"
MIN_SECRET = 6  # shorter values are no keys (and masking them would garble ordinary words)
MIN_PART = 8  # a quoted run of this many characters of a key is masked too

_lock = threading.Lock()
_secrets: set[str] = set()
# The pattern and its runs (a run of MIN_PART characters → where in which key), swapped in as one
# pair: mask() runs on worker threads too and must never see one without the other.
_masker: tuple[re.Pattern[str], dict[str, list[tuple[str, int]]]] | None = None


def register(secret: str | None) -> None:
    """Mask ``secret`` from now on in every text (idempotent; ``None`` or short: ignored)."""
    secret = (secret or "").strip()
    if len(secret) < MIN_SECRET:
        return
    with _lock:
        if secret not in _secrets:
            _secrets.add(secret)
            _compile()


def mask(text: str) -> str:
    """``text`` with every registered secret (and its spellings and runs) as :data:`MASK`."""
    masker = _masker
    if masker is None or not text:
        return text
    pattern, grams = masker
    out: list[str] = []
    pos = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        if start < pos:
            continue  # inside a run already masked
        for secret, index in grams.get(match.group(), ()):
            j, k = end, index + (end - start)
            while k < len(secret) and j < len(text) and text[j] == secret[k]:
                j, k = j + 1, k + 1
            end = max(end, j)  # the whole run of the key that the text quotes
        out += (text[pos:start], MASK)
        pos = end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _compile() -> None:
    global _masker
    spellings: set[str] = set()
    grams: dict[str, list[tuple[str, int]]] = {}
    for secret in _secrets:
        spellings |= {secret, quote(secret, safe=""), quote_plus(secret, safe="")}
        part = min(MIN_PART, len(secret))
        for i in range(len(secret) - part + 1):
            grams.setdefault(secret[i:i + part], []).append((secret, i))
    ordered = sorted(spellings | set(grams), key=len, reverse=True)  # the longest wins
    _masker = (re.compile("|".join(re.escape(s) for s in ordered)), grams)


class SecretFilter(logging.Filter):
    """Masks secrets in a record's message and traceback (a handler filter: it sees every
    record that handler writes, whichever logger made it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _masker is None:
            return True
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True


def install_log_filter(logger: logging.Logger | None = None) -> SecretFilter:
    """Put the mask on every handler of ``logger`` (default: the root logger) and on
    logging's last-resort handler; idempotent. Call after the handlers are set up."""
    logger = logger or logging.getLogger()
    handlers = list(logger.handlers)
    if logging.lastResort is not None:
        handlers.append(logging.lastResort)
    existing = next((f for h in handlers for f in h.filters if isinstance(f, SecretFilter)), None)
    secret_filter = existing or SecretFilter()
    for handler in handlers:
        if not any(isinstance(f, SecretFilter) for f in handler.filters):
            handler.addFilter(secret_filter)
    return secret_filter
