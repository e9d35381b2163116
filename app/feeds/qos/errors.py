"""The QOS adapter's name and its key hint.

Shared by :mod:`app.feeds.qos.feed` and its parts, which cannot import ``feed.py`` (it imports them).
"""

from __future__ import annotations

from app.core.text import QT_TRANSLATE_NOOP, Text

NAME = "QOS"
KEY_HINT = Text(QT_TRANSLATE_NOOP("Feed", "check the key with `quote-terminal key set qos` or QOS_API_KEY"))
