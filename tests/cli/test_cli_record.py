"""``record`` and ``stream --vendor replay`` run as a user runs them (subprocesses): a recording
replays as the very lines recorded, a recorder killed with SIGKILL loses at most its last
second, ``--speed 1`` takes the recorded time, mistakes are said in words (exit 2)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from app.cli import main
from app.core.types import Trade, encode_event
from app.storage.recording import RecordingReader, RecordingWriter
from tests.cli.test_cli import REPO, lines
from tests.support.recordings import T0

SYMBOLS = "US:AAPL,CRYPTO:BTCUSDT,FX:EURUSD,HK:00700"


def test_record_then_replay_prints_the_recorded_events_in_order(tmp_path, capsys):
    out = tmp_path / "sim.qtrec"
    assert main(["record", "--vendor", "sim", "--sim-always-open", "--symbols", SYMBOLS, "--out", str(out),
                 "--count", "150"]) == 0  # in-process (quicker); the SIGKILL test runs it as a process
    said = capsys.readouterr().err
    assert "recorded 150 events of 4 symbols" in said and str(out) in said
    recorded = list(RecordingReader(out).events())
    assert len(recorded) == 150 and {type(e).__name__ for e in recorded} >= {"Quote", "Trade", "Book", "Bar"}
    assert main(["stream", "--vendor", "replay", "--from", str(out), "--speed", "max"]) == 0  # in-process: quicker
    assert lines(capsys.readouterr().out) == [json.loads(encode_event(e)) for e in recorded]  # no status lines
    reader = RecordingReader(out)
    middle = reader.event_at(75)[0]
    start = datetime.fromtimestamp(middle / 1000, UTC).isoformat(timespec="milliseconds")
    assert main(["stream", "--vendor", "replay", "--from", str(out), "--speed", "max", "--start", start]) == 0
    assert lines(capsys.readouterr().out) == [json.loads(encode_event(e)) for e in recorded[reader.seek_index(middle):]]


def test_a_recorder_killed_with_sigkill_loses_at_most_its_last_second(tmp_path):
    out = tmp_path / "killed.qtrec"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-m", "app", "record", "--vendor", "sim", "--sim-always-open",
                             "--symbols", SYMBOLS, "--out", str(out)], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # until a block is on disk (a condition, polled)
            if out.exists() and out.stat().st_size > 0 and RecordingReader(out).blocks >= 1:
                break
            time.sleep(0.05)
        time.sleep(0.6)  # killed in the middle of gathering the next block
        killed_ms = time.time() * 1000
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=5)
    finally:
        if proc.poll() is None:
            proc.kill()
    reader = RecordingReader(out)
    assert reader.damage is None and reader.blocks >= 1
    assert reader.end_ms >= killed_ms - 1000 - 150  # the last second at most (plus a sim step)
    times = [t for t, _e in reader.timed()]
    assert times == sorted(times) and len(times) == reader.count == len(list(reader.events()))


def test_speed_one_takes_the_recorded_time(tmp_path):
    path = tmp_path / "second.qtrec"
    span_ms = 1000
    with RecordingWriter(path) as writer:
        for i, t in enumerate(range(T0, T0 + span_ms + 1, 20)):
            writer.write(Trade("sim", "US:AAPL", t, 100.0 + i % 5, 1.0), t)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-m", "app", "stream", "--vendor", "replay", "--from", str(path),
                             "--speed", "1"], cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
    arrived = [time.monotonic() for _line in proc.stdout]
    assert proc.wait(timeout=10) == 0
    assert len(arrived) == span_ms // 20 + 1
    assert abs((arrived[-1] - arrived[0]) - span_ms / 1000) <= 0.02 * span_ms / 1000


def test_mistakes_are_said_in_words_with_exit_two(tmp_path, capsys):
    assert main(["stream", "--vendor", "replay"]) == 2
    assert "needs --from FILE" in capsys.readouterr().err
    bad = tmp_path / "bad.qtrec"
    bad.write_bytes(b"PK\x03\x04 a zip, not a recording")
    assert main(["stream", "--vendor", "replay", "--from", str(bad)]) == 2
    assert "is not a Quote Terminal recording" in capsys.readouterr().err
    assert main(["stream", "--vendor", "replay", "--from", str(tmp_path / "none.qtrec")]) == 2
    assert "cannot read" in capsys.readouterr().err
    try:
        main(["stream", "--vendor", "replay", "--from", str(bad), "--speed", "0.1"])
    except SystemExit as exc:  # argparse's own refusal
        assert exc.code == 2
    assert "0.25 to 100" in capsys.readouterr().err
    assert main(["stream", "--vendor", "sim"]) == 2
    assert "--symbols" in capsys.readouterr().err
    assert main(["record", "--vendor", "sim", "--symbols", "US:AAPL", "--out", str(tmp_path / "no" / "dir.qtrec"),
                 "--count", "1"]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_a_quiet_feed_reaches_the_file_within_a_second_while_recording(tmp_path):
    """The recorder's timer writes what a quiet feed sent, without waiting for more."""
    import argparse
    import threading

    from app.cli_record import run_record
    from tests.support.hand_feed import HandFeed

    class Quiet(HandFeed):
        async def subscribe(self, symbols, channels, period=None):
            await super().subscribe(symbols, channels)
            self.emit(Trade("qos", "US:AAPL", int(time.time() * 1000), 1.0, 1.0))  # then nothing

    out = tmp_path / "quiet.qtrec"
    args = argparse.Namespace(symbols="US:AAPL", channels="trade", period="1m", out=out, count=None, seconds=1.8)
    done: list[int] = []
    recording = threading.Thread(target=lambda: done.append(run_record(args, lambda _a: Quiet("qos"))))
    recording.start()
    seen = None
    while recording.is_alive() and seen is None:
        if out.exists() and RecordingReader(out).count == 1:
            seen = time.monotonic()
        time.sleep(0.02)
    recording.join(5)
    assert seen is not None and done == [0]  # on disk while the recorder was still running
