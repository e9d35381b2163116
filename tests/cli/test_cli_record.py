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
from pathlib import Path

from app.cli import main
from app.core.types import Trade, encode_event
from app.storage.recording import RecordingReader, RecordingWriter
from tests.cli.test_cli import REPO, lines, qt
from tests.support.recordings import T0

SYMBOLS = "US:AAPL,CRYPTO:BTCUSDT,FX:EURUSD,HK:00700"


def test_record_then_replay_prints_the_recorded_events_in_order(tmp_path, capsys):
    out = tmp_path / "sim.qtrec"
    r = qt("record", "--vendor", "sim", "--sim-always-open", "--symbols", SYMBOLS, "--out", str(out),
           "--count", "150")
    assert r.returncode == 0, r.stderr
    assert f"recorded 150 events of 4 symbols" in r.stderr and str(out) in r.stderr
    recorded = list(RecordingReader(out).events())
    assert len(recorded) == 150 and {type(e).__name__ for e in recorded} >= {"Quote", "Trade", "Book", "Bar"}
    assert main(["stream", "--vendor", "replay", "--from", str(out), "--speed", "max"]) == 0  # in-process: quicker
    assert lines(capsys.readouterr().out) == [json.loads(encode_event(e)) for e in recorded]  # no status lines


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
