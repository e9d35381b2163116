"""The key mask: whole keys, their URL spellings and quoted runs; Text and log records."""

from __future__ import annotations

import logging

import pytest

from app.core import secrets
from app.core.text import QT_TRANSLATE_NOOP, Text

KEY = "Zq8+v/K3=tr7LmW2pX9"


@pytest.fixture(autouse=True)
def registered():
    secrets.register(KEY)  # registered for the rest of the run, as a user's key would be


@pytest.mark.parametrize("shown", [
    f"invalid key {KEY} for account",
    "token=Zq8%2Bv%2FK3%3Dtr7LmW2pX9&x=1",  # URL-encoded, as in a query
    "token=Zq8%2Bv%2FK3%3Dtr7LmW2pX9".replace("%2B", "+"),  # half-decoded: a run still masked
    "key Zq8+v/K3=t… rejected",  # a prefix the vendor cut
    "…=tr7LmW2pX9 rejected",  # a suffix
])
def test_the_key_and_its_spellings_are_masked(shown):
    masked = secrets.mask(shown)
    assert secrets.MASK in masked
    assert not any(KEY[i:i + secrets.MIN_PART] in masked for i in range(len(KEY) - 7))


def test_ordinary_words_are_left_alone():
    text = "QOS refused the request /kline: “request frequency exceeded”"
    assert secrets.mask(text) is text
    secrets.register("abc")  # too short to be a key: never masks ordinary words
    assert secrets.mask("abc def") == "abc def"


def test_a_text_masks_its_arguments_in_english_and_when_rendered():
    text = Text(QT_TRANSLATE_NOOP("Feed", "%1 refused %2: “%3”"), "QOS", "/kline",
                f"invalid key {KEY}")
    assert KEY not in text and secrets.MASK in text
    assert KEY not in text.render(lambda context, source: source.upper())


def test_the_log_filter_masks_messages_arguments_and_tracebacks():
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    logger = logging.getLogger("test.secrets")
    handler = Keep()
    logger.addHandler(handler)
    logger.propagate = False
    secrets.install_log_filter(logger)
    try:
        logger.warning("refused: %s", f"invalid key {KEY}")
        try:
            raise ValueError(f"GET /x?token={KEY}")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    assert len(records) == 2
    assert all(KEY not in r and "tr7LmW2p" not in r for r in records)
    assert secrets.MASK in records[0] and "ValueError" in records[1]
