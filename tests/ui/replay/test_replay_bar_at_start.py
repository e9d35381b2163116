"""The rolling recording behind a hidden replay bar is not read at start-up (issue 24: reading
every kept segment delayed the first frame); shown from the View menu, the bar then shows the
recording's span and activity at once."""

from __future__ import annotations

from app.ui.replay.install import ReplayController
from tests.support.windows import window_on_sim
from tests.ui.replay.support import window_settings


def test_hidden_bar_reads_nothing_until_shown(qtbot, qloop, monkeypatch):
    shown_spans: list[object] = []
    show_span = ReplayController._show_span

    def spy(self, reader=None):
        shown_spans.append(reader)
        show_span(self, reader)

    monkeypatch.setattr(ReplayController, "_show_span", spy)
    with window_on_sim(qtbot, window_settings(2)) as window:
        replay = window.replay
        assert replay.recording.rolling is not None  # the rolling recording runs from the start
        qtbot.waitUntil(lambda: (span := replay._rolling_span()) is not None and span[1] - span[0] >= 1000,
                        timeout=8000)
        assert replay.toolbar.isHidden()
        assert shown_spans == []  # nothing read for a bar nobody sees

        replay.toolbar.toggleViewAction().trigger()  # View ▸ Replay bar
        assert replay.toolbar.isVisible() and shown_spans
        start, end = replay._rolling_span()
        timeline = replay.bar.timeline
        assert timeline.start_ms == start and end - 1000 <= timeline.end_ms <= end
        assert sum(timeline.activity) > 0  # what was recorded, drawn under the slider
