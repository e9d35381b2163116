"""Messages from the layers below Qt, in the interface's language.

Feeds and storage write :class:`~app.core.text.Text` (English, with its template kept); this
renders one through the installed translators, so a refusal reads in Chinese on a Chinese
desktop and in English on the command line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.secrets import mask
from app.core.text import render


def words(message: object) -> str:
    """A message, an exception carrying one, or anything else, as the user should read it
    (with any key masked, even in a message that is no :class:`~app.core.text.Text`)."""
    return mask(render(message, QCoreApplication.translate))
