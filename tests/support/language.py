"""A test's interface language: the fixture ``language`` runs a test once in English and once in
Chinese, with the catalogue installed as the program installs it, and English again afterwards."""

from __future__ import annotations

import pytest

from app.ui.kit import i18n


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    translators = i18n.install(qapp, request.param)
    yield request.param
    i18n.uninstall(qapp, translators)
    i18n.install(qapp, "en")
