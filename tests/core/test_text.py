"""Messages written below Qt: English as plain strings, rendered again in another language
through whatever translator the interface passes."""

from __future__ import annotations

import functools

import pytest

from app.core.periods import Period, PeriodError
from app.core.symbols import Symbol, SymbolError
from app.core.text import QT_TRANSLATE_NOOP, Text, fill, joined, render
from app.core.types import ConnectionState, Status, encode_event
from app.feeds.base import AuthError

GREETING = QT_TRANSLATE_NOOP("Test", "%1 refused %2: %3")
REASON = QT_TRANSLATE_NOOP("Test", "the key (%1)")
CHINESE = {("Test", "%1 refused %2: %3"): "%1 拒绝了%2：%3", ("Test", "the key (%1)"): "密钥（%1）",
           ("Core", "%1; %2"): "%1；%2"}


def chinese(context: str, source: str) -> str:
    return CHINESE.get((context, source), source)


def test_a_text_is_its_english_sentence():
    text = Text(GREETING, "QOS", Text(REASON, "expired"), "check it")
    assert text == "QOS refused the key (expired): check it"
    assert isinstance(text, str) and f"[{text}]" == "[QOS refused the key (expired): check it]"
    assert text.template.context == "Test" and text.args[0] == "QOS"


def test_rendering_translates_the_template_and_every_argument_within():
    text = Text(GREETING, "QOS", Text(REASON, "expired"), 42)
    assert text.render(chinese) == "QOS 拒绝了密钥（expired）：42"
    assert render(text, chinese) == "QOS 拒绝了密钥（expired）：42"
    assert render("plain words", chinese) == "plain words"  # a vendor's own words stay as sent


def test_an_exception_carrying_a_text_renders_it():
    error = AuthError(Text(GREETING, "iTick", "the token", "wrong"))
    assert str(error) == "iTick refused the token: wrong"
    assert render(error, chinese) == "iTick 拒绝了the token：wrong"
    assert error.text is error.args[0]
    assert render(OSError(28, "No space left on device"), chinese) == "[Errno 28] No space left on device"


def test_placeholders_fill_once_and_missing_ones_stay():
    assert fill("%1 and %2", ["%2", "b"]) == "%2 and b"  # an argument's own %2 is not filled again
    assert fill("%1 then %3", ["a"]) == "a then %3"
    assert fill("100% of %1", ["x"]) == "100% of x"


def test_several_messages_join_on_one_line():
    line = functools.reduce(joined, ["a", Text(REASON, "b"), "c"])
    assert line == "a; the key (b); c"
    assert line.render(chinese) == "a；密钥（b）；c"


def test_a_status_text_is_written_as_english_json():
    status = Status("qos", ConnectionState.ERROR, Text(GREETING, "QOS", "the key", "no"))
    assert encode_event(status) == b'{"type":"status","vendor":"qos","state":"error","detail":"QOS refused the key: no"}'


@pytest.mark.parametrize("call", [lambda: Symbol.parse("HK:ABC"), lambda: Period.parse("7m")])
def test_input_errors_keep_their_english_and_carry_a_template(call):
    with pytest.raises((SymbolError, PeriodError)) as caught:
        call()
    message = caught.value.args[0]
    assert isinstance(message, Text) and message.template.context == "Core"
    assert str(caught.value) == message and message.render(lambda c, s: s) == message
