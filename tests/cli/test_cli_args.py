"""Bad command-line arguments: each exits 2 with words on stderr, never a traceback, never
accepted as something else (issue 17, point 8). Most cases run ``app.cli.main`` in-process (fast);
a few run the real program, as a user's script would."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import UTC, datetime

import keyring
import pytest
from keyring.backend import KeyringBackend

from app import cli_args
from app.cli import main
from tests.cli.test_cli import REPO, qt

K = ["klines", "--symbol", "US:AAPL", "--period", "1d"]
S = ["stream", "--symbols", "US:AAPL"]

# (arguments, a word stderr must contain: the option or the thing at fault)
BAD = [
    # measured in issue 17: tracebacks
    (K + ["--end", "99999999999999999999"], "--end"),
    (K + ["--end", "²"], "--end"),
    (K + ["--base-url", "http://[::1"], "--base-url"),
    (K + ["--vendor", "qos", "--base-url", "http://127.0.0.1:99999"], "--base-url"),
    # measured: accepted nonsense
    (S + ["--seconds", "nan"], "--seconds"),
    (S + ["--seconds", "-1"], "--seconds"),
    (S + ["--seconds", "0"], "--seconds"),
    (["--screenshot", "x.png", "--after", "nan"], "--after"),
    (K + ["--end", "١٢٣"], "--end"),
    (K + ["--vendor", "qos", "--base-url", "not a url"], "--base-url"),
    # our own: empty strings, huge numbers, other scripts' digits, negatives, control characters
    (K + ["--end", ""], "--end"),
    (K + ["--end", "   "], "--end"),
    (K + ["--end", "123"], "--end"),  # 1970: out of range, not a bar from the epoch's first minutes
    (K + ["--end", "-1741350600"], "--end"),
    (K + ["--end", "1e9"], "--end"),
    (K + ["--end", "9999-12-31"], "--end"),
    (K + ["--end", "0001-01-01T00:00:00+01:00"], "--end"),
    (K + ["--end", "2025-13-01"], "--end"),
    (K + ["--end", "2025-03-07T12:30:00+25:00"], "--end"),
    (K + ["--end", "１７４１３５０６００"], "--end"),  # full-width digits
    (K + ["--end", "17413\x0050600"], "--end"),
    (K + ["--count", "0"], "--count"),
    (K + ["--count", "-5"], "--count"),
    (K + ["--count", ""], "--count"),
    (K + ["--count", "nan"], "--count"),
    (K + ["--count", "1e3"], "--count"),
    (K + ["--count", "١٠"], "--count"),
    (K + ["--count", "1_000"], "--count"),
    (K + ["--count", "9" * 40], "--count"),
    (S + ["--count", "0"], "--count"),
    (S + ["--count", "-1"], "--count"),
    (S + ["--seconds", "inf"], "--seconds"),
    (S + ["--seconds", "-inf"], "--seconds"),
    (S + ["--seconds", "1e999"], "--seconds"),
    (S + ["--seconds", ""], "--seconds"),
    (S + ["--seconds", "five"], "--seconds"),
    (S + ["--seconds", "\x1b[31m"], "--seconds"),
    (["--screenshot", "x.png", "--after", "-1"], "--after"),
    (["--screenshot", "x.png", "--after", "inf"], "--after"),
    (["--base-url", "not a url"], "--base-url"),
    (K + ["--base-url", ""], "--base-url"),
    (K + ["--base-url", "ftp://127.0.0.1/"], "--base-url"),
    (K + ["--base-url", "http://"], "--base-url"),
    (K + ["--base-url", "http://127.0.0.1:0"], "--base-url"),
    (K + ["--base-url", "http://127.0.0.1:-80"], "--base-url"),
    (K + ["--base-url", "http://127.0.0.1:8080\n"], "--base-url"),
    (K + ["--base-url", "http://exa mple.com"], "--base-url"),
    (K + ["--ws-url", "http://127.0.0.1:1234/ws"], "--ws-url"),
    (K + ["--ws-url", "ws://[::1/ws"], "--ws-url"),
    (K + ["--ws-url", "wss://127.0.0.1:70000"], "--ws-url"),
    (K + ["--vendor", ""], "--vendor"),
    (["klines", "--symbol", "", "--period", "1d"], "symbol"),
    (["klines", "--symbol", "US:\x00AAPL", "--period", "1d"], "ticker"),
    (["klines", "--symbol", "US:AAPL", "--period", ""], "period"),
    (["stream", "--symbols", ""], "--symbols"),
    (["stream", "--symbols", ",,,"], "--symbols"),
    (S + ["--channels", ""], "--channels"),
    (S + ["--channels", "quote\x07"], "channel"),
]


def run_main(argv: list[str]) -> int:
    """``main(argv)``'s exit code, whether it returns it or argparse raises SystemExit."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code  # type: ignore[return-value]


@pytest.mark.timeout(20)
@pytest.mark.parametrize("argv, word", BAD, ids=[repr(a[-1])[:40] for a, _ in BAD])
def test_bad_argument_exits_2_with_words(argv, word, capsys):
    code = run_main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    assert word in err, err


@pytest.mark.parametrize("argv", [
    K + ["--end", "²"],
    K + ["--base-url", "http://[::1"],
    S + ["--seconds", "nan"],
    K + ["--end", "١٢٣"],
])
def test_bad_argument_through_the_real_program(argv):
    r = qt(*argv, timeout=30)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and "error: argument" in r.stderr
    assert r.stdout == ""


def test_end_reads_ascii_epochs_and_iso_within_the_range():
    now = datetime(2026, 12, 1, tzinfo=UTC)
    expected = datetime(2025, 3, 7, 12, 30, tzinfo=UTC)
    for text in ("1741350600", "1741350600000", "2025-03-07T12:30:00Z", "2025-03-07T20:30:00+08:00",
                 "2025-03-07T12:30:00"):
        assert cli_args.end_time(text, now=now) == expected
    assert cli_args.end_time("2000-01-01", now=now) == cli_args.EARLIEST_END
    assert cli_args.end_time("2027-12-01T23:59:59Z", now=now)  # a year ahead: accepted
    with pytest.raises(Exception, match="2027-12-02"):
        cli_args.end_time("2027-12-03", now=now)
    with pytest.raises(Exception, match="out of range"):
        cli_args.end_time("1999-12-31T23:59:59Z", now=now)


def test_good_values_still_parse():
    args = cli_args
    assert args.positive_seconds("0.25") == 0.25 and args.seconds_or_zero("0") == 0.0
    assert args.positive_count(" 100 ") == 100
    assert args.http_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080"
    assert args.http_url("https://api.qos.hk") == "https://api.qos.hk"
    assert args.http_url("http://[::1]:9000/api") == "http://[::1]:9000/api"
    assert args.ws_url("wss://api.qos.hk/ws") == "wss://api.qos.hk/ws"


def test_stream_seconds_is_honoured_with_a_fraction(capsys):
    """A small positive --seconds still ends the stream (validation did not break the good case)."""
    assert run_main(S + ["--seconds", "0.3", "--sim-always-open"]) == 0


# -- key set: read back ----------------------------------------------------------------------

class _MemoryKeyring(KeyringBackend):
    """A keyring that keeps what it is given (the well-behaved OS keyring)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


def test_key_set_with_a_keyring_that_drops_keys_says_so():
    """The null backend accepts a key and keeps nothing: "stored" was a lie (point 8)."""
    r = subprocess.run(
        [sys.executable, "-m", "app", "key", "set", "qos"], input="secret-KEY-4242\n",
        capture_output=True, text=True, timeout=30, cwd=REPO,
        env=dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring"),
    )
    assert r.returncode == 2, r.stderr
    assert "stored" not in r.stderr and "Traceback" not in r.stderr
    assert "did not keep the key" in r.stderr and "QOS_API_KEY" in r.stderr
    assert "secret-KEY-4242" not in r.stderr + r.stdout


def test_key_set_with_a_keyring_that_keeps_keys_says_stored(monkeypatch, capsys):
    memory = _MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    try:
        monkeypatch.setattr(sys, "stdin", io.StringIO("secret-KEY-4242\n"))
        assert run_main(["key", "set", "itick"]) == 0
    finally:
        keyring.set_keyring(previous)
    err = capsys.readouterr().err
    assert "itick: key stored" in err and "secret-KEY-4242" not in err
    assert memory.store == {("quote-terminal", "itick"): "secret-KEY-4242"}
