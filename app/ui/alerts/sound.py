"""The alert's sound: a short bundled chime through ``QSoundEffect`` where Qt Multimedia is
installed (``pip install -e ".[sound]"``: PySide6-Addons, which must match PySide6-Essentials'
version, and on Linux the PulseAudio client library ``libpulse0``), else the desktop's own beep
(``QApplication.beep``), as also when Qt Multimedia finds no audio device to play on. Qt
Multimedia is imported on the first alert, never at start.

The chime is made by :func:`write_chime` (stdlib ``wave``), so the bundled file can be made
again and checked: two short tones, 0.18 s, 16 kHz mono.
"""

from __future__ import annotations

import logging
import math
import struct
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

CHIME = Path(__file__).resolve().parent / "sounds" / "alert.wav"
RATE = 16000


def chime_frames() -> bytes:
    """Two tones (1320 Hz then 990 Hz) with soft edges, as 16-bit samples."""
    n = int(0.18 * RATE)
    out = bytearray()
    for i in range(n):
        tone = 1320 if i < n // 2 else 990
        envelope = min(1.0, i / 160, (n - i) / 800)
        out += struct.pack("<h", int(9000 * envelope * math.sin(2 * math.pi * tone * i / RATE)))
    return bytes(out)


def write_chime(path: Path) -> None:
    import wave  # a build step, never the program's start

    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(chime_frames())


class AlertSound(QObject):
    """Plays the chime, or beeps. ``backend`` says which: "effect" or "beep" (once tried)."""

    def __init__(self, parent: QObject | None = None, source: Path = CHIME) -> None:
        super().__init__(parent)
        self._source = source
        self._effect = None
        self.backend: str | None = None

    def play(self) -> None:
        if self.backend is None:
            self._load()
        effect = self._effect
        if effect is not None and effect.status() != effect.Status.Error:
            effect.play()
        else:  # no Qt Multimedia, or no audio device it can play on (a server, a container)
            QApplication.beep()

    def _load(self) -> None:
        try:  # an optional extra: missing, or its libraries missing (libpulse), on many machines
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError as exc:
            log.info("no Qt Multimedia (%s): alerts beep", exc)
            self.backend = "beep"
            return
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(self._source)))
        effect.setVolume(0.6)
        self._effect = effect
        self.backend = "effect"
