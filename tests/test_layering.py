"""Import direction between modules (issue 20, row 20): no two modules import each other, and the
apps import downward only (the import-linter contracts in pyproject.toml, docs/design.md)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_outbox_and_the_notification_tasks_do_not_import_each_other():
    tasks = _imports(ROOT / "worker" / "tasks" / "notifications.py")
    outbox = _imports(ROOT / "worker" / "outbox.py")

    assert "worker.outbox" not in tasks
    assert "worker.tasks.notifications" in outbox  # the one direction


def test_the_apps_keep_their_import_contracts(capsys, monkeypatch):
    """accounts imports no app above it (roles and cache invalidation come through
    accounts.roles and signals), no app imports the worker's task modules, nothing imports
    another app's api/. Imports inside functions count."""
    monkeypatch.setattr(sys, "path", [str(ROOT), *sys.path])

    exit_code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)

    assert exit_code == 0, capsys.readouterr().out
