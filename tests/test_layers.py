"""Layer rules import-linter cannot express: the service layer may use QtCore only."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"


def imported_modules(package: str) -> set[str]:
    found = set()
    for path in (APP / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return found


def test_services_use_only_qtcore():
    qt = {m for m in imported_modules("services") if m.startswith("PySide6")}
    assert qt <= {"PySide6.QtCore"}, qt
