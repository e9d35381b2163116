"""A key the vendor quotes back never reaches stderr, stdout or the log (issue 17, point 5):
the command line in-process against fakes that echo the wrong key in their refusals."""

from __future__ import annotations

import logging

import pytest

from app.cli import main
from tests.fakes.itick import FakeItickServer
from tests.fakes.qos import FakeQosServer
from tests.support.threaded import serving_in_thread

WRONG = "WRONGSECRET987654"
VENDORS = {"qos": (FakeQosServer, "QOS_API_KEY"), "itick": (FakeItickServer, "ITICK_TOKEN")}
COMMANDS = {
    "stream": ["stream", "--symbols", "US:AAPL", "--count", "5"],
    "klines": ["klines", "--symbol", "US:AAPL", "--period", "1d"],
}


def quotes_the_key(text: str) -> bool:
    """The whole key or any run of 8 of its characters."""
    return any(WRONG[i:i + 8] in text for i in range(len(WRONG) - 7))


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("vendor", sorted(VENDORS))
def test_a_key_the_vendor_echoes_is_masked_on_stderr_stdout_and_in_the_log(
        vendor, command, monkeypatch, capsys, caplog):
    fake_class, variable = VENDORS[vendor]
    fake = fake_class()
    fake.echo_key = True
    monkeypatch.setenv(variable, WRONG)
    caplog.set_level(logging.DEBUG)
    with serving_in_thread(fake):
        code = main([*COMMANDS[command][:1], "--vendor", vendor, "--base-url", fake.http_url,
                     "--ws-url", fake.ws_url, *COMMANDS[command][1:]])
    out = capsys.readouterr()
    assert code == 3, out.err
    assert "***" in out.err  # the vendor's words are shown, with the key masked
    for text in (out.err, out.out, caplog.text):
        assert not quotes_the_key(text), text
