"""File dialogs for exports and imports: opened with ``open()`` (never ``exec()``: the feeds run
on the same event loop), starting in the folder the user last chose, which the settings keep.

The window binds the settings once (:func:`remember_in`); until then (a chart in a test) the
folder is remembered for the session only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from app.storage.settings import Settings

_session = Settings()  # the folder until a window binds its settings
_settings: Settings = _session

PICTURES = QStandardPaths.StandardLocation.PicturesLocation
DOCUMENTS = QStandardPaths.StandardLocation.DocumentsLocation


def remember_in(settings: Settings) -> None:
    """Keep the last folder in these settings (saved with them at quit)."""
    global _settings
    _settings = settings


def start_folder(where: QStandardPaths.StandardLocation) -> Path:
    """The folder last chosen, if it is still there; else the user's Pictures or Documents
    folder; else home."""
    last = Path(_settings.export_folder) if _settings.export_folder else None
    if last is not None and last.is_dir():
        return last
    standard = QStandardPaths.writableLocation(where)
    return Path(standard) if standard and Path(standard).is_dir() else Path.home()


def _chosen(on_chosen: Callable[[Path], None]) -> Callable[[str], None]:
    def take(name: str) -> None:
        path = Path(name)
        _settings.export_folder = str(path.parent)
        on_chosen(path)
    return take


def ask_save(parent: QWidget, title: str, name: str, filters: list[str], where: QStandardPaths.StandardLocation,
             on_chosen: Callable[[Path], None]) -> QFileDialog:
    """A save dialog proposing ``name`` (its suffix the default) in the start folder; the path
    chosen goes to ``on_chosen``. Returns the dialog (open, non-blocking)."""
    dialog = QFileDialog(parent, title, str(start_folder(where) / name), ";;".join(filters))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    suffix = Path(name).suffix.lstrip(".")
    if suffix:
        dialog.setDefaultSuffix(suffix)
    dialog.selectFile(name)
    dialog.filterSelected.connect(lambda chosen: dialog.setDefaultSuffix(_suffix_of(chosen) or suffix))
    return _open(dialog, on_chosen)


def _suffix_of(name_filter: str) -> str:
    """"Text (*.txt)" → "txt": a filter picked in the dialog names the file's kind."""
    _, _, rest = name_filter.partition("(*.")
    return rest.split(")")[0].split()[0] if rest else ""


def ask_open(parent: QWidget, title: str, filters: list[str], on_chosen: Callable[[Path], None]) -> QFileDialog:
    """An open dialog for one existing file in the start folder (Documents the first time)."""
    dialog = QFileDialog(parent, title, str(start_folder(DOCUMENTS)), ";;".join(filters))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _open(dialog, on_chosen)


def _open(dialog: QFileDialog, on_chosen: Callable[[Path], None]) -> QFileDialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(_chosen(on_chosen))
    dialog.open()
    return dialog
