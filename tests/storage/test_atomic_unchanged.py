"""An atomic write of what the file holds already leaves it as it is (no copy, no fsync): the
settings and the workspace are saved at every exit, most often unchanged (issue 24)."""

from __future__ import annotations

import os

from app.storage import atomic


def test_the_same_bytes_again_touch_nothing_and_new_bytes_are_written(tmp_path, monkeypatch):
    path = tmp_path / "settings.json"
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: synced.append(fd) or real(fd))
    atomic.write_atomic(path, b'{"theme": "dark"}')
    assert len(synced) == 2 and path.read_bytes() == b'{"theme": "dark"}'
    inode, mtime = path.stat().st_ino, path.stat().st_mtime_ns

    atomic.write_atomic(path, b'{"theme": "dark"}')
    assert len(synced) == 2  # nothing synced again
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (inode, mtime)  # the very file, untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]  # no copy left behind

    atomic.write_atomic(path, b'{"theme": "lite"}')  # same length, other bytes
    assert len(synced) == 4 and path.read_bytes() == b'{"theme": "lite"}'
    assert path.stat().st_ino != inode  # the copy renamed over it, as any write
