"""The question asked when the user picks another language: the window's texts are built once,
so the new language applies from the next start; offer to start again now. Asked in the running
language and in the chosen one, so that a reader of either can answer it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.ui.kit import i18n

_LANGUAGE = QT_TRANSLATE_NOOP("MainWindow", "Language")
_RESTART_QUESTION = QT_TRANSLATE_NOOP("MainWindow", "The new language applies when Quote Terminal starts again. "
                                      "Restart now? Watchlists, workspace and settings are saved first.")
_RESTART_NOW = QT_TRANSLATE_NOOP("MainWindow", "Restart now")
_LATER = QT_TRANSLATE_NOOP("MainWindow", "Later")


def ask_restart(parent: QWidget, target: str, restart: Callable[[], None]) -> QMessageBox:
    """A non-modal question (``open()``); ``restart`` runs if the user says now."""

    def both(source: str, separator: str = " · ") -> str:
        here = QCoreApplication.translate("MainWindow", source)
        there = i18n.translate_in(target, "MainWindow", source)
        return here if there == here else f"{here}{separator}{there}"

    box = QMessageBox(QMessageBox.Icon.Question, both(_LANGUAGE), both(_RESTART_QUESTION, "\n\n"), parent=parent)
    now = box.addButton(both(_RESTART_NOW), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(both(_LATER), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(now)
    box.buttonClicked.connect(lambda button: restart() if button is now else None)
    box.finished.connect(box.deleteLater)
    box.open()
    return box
