"""What the window shows passes the key mask too, a plain message included (issue 17, point 5)."""

from __future__ import annotations

from app.core import secrets
from app.core.types import ConnectionState, Status
from app.services.words import words

KEY = "PlainTextKey-4417-XYZ"


def test_the_windows_words_never_carry_a_registered_key(qapp):
    secrets.register(KEY)
    shown = [words(ConnectionError(f"closed: invalid token {KEY}")),
             words(Status("itick", ConnectionState.ERROR, f"auth failed: {KEY[:10]}…").detail)]
    assert all(secrets.MASK in s for s in shown)
    assert not any(KEY[i:i + 8] in s for s in shown for i in range(len(KEY) - 7))
