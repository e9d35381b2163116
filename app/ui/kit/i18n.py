"""The interface's language: English as written, or Simplified Chinese from the compiled
catalogue in ``app/ui`` (``translations/quote_terminal_zh_CN.qm``, built from
``resources/i18n/quote_terminal_zh_CN.ts``), with Qt's own dialogs in the same language.

The choice is ``Settings.language``: ``auto`` follows the system's locale, else ``en`` or
``zh_CN``; it applies from the next start (the panes build their texts once)."""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

CATALOGUES = Path(__file__).resolve().parents[1] / "translations"  # app/ui/translations


def choose(setting: str | None, system: QLocale | None = None) -> str:
    """``en`` or ``zh_CN`` for a setting (``auto`` follows the system's language)."""
    if setting in ("en", "zh_CN"):
        return setting
    system = system or QLocale.system()
    return "zh_CN" if system.language() == QLocale.Language.Chinese else "en"


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the catalogues for ``language`` (the translators belong to ``app``) and make
    it the default locale, which also picks red-up for a Chinese reader. A missing catalogue
    leaves the English texts (and says so in the log), never a crash."""
    if language != "zh_CN":
        QLocale.setDefault(QLocale("en_US"))
        return []
    QLocale.setDefault(QLocale("zh_CN"))
    installed = []
    for name, folder in (("quote_terminal_zh_CN", CATALOGUES),
                         ("qtbase_zh_CN", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))):
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.info("no %s catalogue in %s", name, folder)
    return installed


def translate_in(language: str, context: str, source: str) -> str:
    """``source`` in ``language`` whatever the running one: a question about switching
    languages is asked in both, so a reader of either can answer it."""
    translator = _catalogue(language)
    return (translator.translate(context, source) or source) if translator is not None else source


@functools.cache
def _catalogue(language: str) -> QTranslator | None:
    """Our catalogue for ``language``, loaded once, not installed (None for English or when missing)."""
    translator = QTranslator()
    if language != "zh_CN" or not translator.load("quote_terminal_zh_CN", str(CATALOGUES)):
        return None
    return translator


def uninstall(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
