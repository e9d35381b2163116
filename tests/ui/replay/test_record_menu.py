"""File → Record in the window on the simulator: the status bar counts while it records, and
the file holds exactly the events the window received meanwhile (statuses aside), in order."""

from __future__ import annotations

import msgspec

from app.core.types import Bar, Status
from app.storage.recording import RecordingReader
from tests.support.windows import window_on_sim
from tests.ui.replay.support import window_settings


def test_record_writes_what_the_window_received(qtbot, qloop, tmp_path):
    settings = window_settings()
    with window_on_sim(qtbot, settings) as window:
        replay = window.replay
        received: list[object] = []
        recording = [False]
        window.service.listen(lambda event: recording[0] and received.append(_as_received(event)))
        qtbot.waitUntil(lambda: window.tape.model.rowCount() > 0, timeout=5000)
        file_menu = window.menuBar().actions()[0].menu()
        assert replay.record.record_action in file_menu.actions()
        recording[0] = True
        replay.record.record_action.trigger()  # (checks it, as a click in the menu does)
        assert replay.record.record_action.isChecked() and replay.recording.recording
        path = replay.recording.path
        assert path is not None and path.parent == replay.folder / "recordings" and path.suffix == ".qtrec"
        qtbot.waitUntil(lambda: replay.recording.count >= 50, timeout=5000)
        assert replay.record.label.isVisible()
        assert replay.record.label.text().startswith("● Recording " + path.name) and "events)" in replay.record.label.text()
        replay.record.record_action.trigger()  # unchecked: stops
        recording[0] = False
        assert not replay.record.record_action.isChecked() and not replay.record.label.isVisible()
        assert "Recorded" in window.statusBar().currentMessage()
    wanted = [event for event in received if type(event) is not Status]
    assert len(wanted) >= 50
    read = list(RecordingReader(path).events())
    assert read == wanted  # a live bar with the prices it had when it arrived


def _as_received(event: object) -> object:
    """The event as it was when it arrived: the simulator goes on changing the live bar it
    emitted (its builder's own object), so a bar is copied here, as the recorder copies it."""
    return msgspec.structs.replace(event) if type(event) is Bar else event
