"""The project's documentation stands on its own: everything a user needs is in README.md and
docs/, every setting read from the environment is in README's table, and `make run` builds
links for the address it serves."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_docs_point_only_inside_the_project():
    for doc in DOCS:
        text = doc.read_text()
        assert "../shared" not in text and "DESIGN.md" not in text, doc.name
    assert "docs/design.md" in (ROOT / "README.md").read_text()
    design = (ROOT / "docs" / "design.md").read_text()
    for words in ("R-11", "Overdue", "/verify/<code>/", "seed_demo", "liaison"):
        assert words in design


def test_every_environment_variable_is_in_the_readme_table():
    settings_source = (ROOT / "repair" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]+)"', settings_source))
    table = {
        name
        for line in (ROOT / "README.md").read_text().splitlines()
        if line.startswith("| `")
        for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", line.split(" | ")[0])
    }

    assert "REPAIR_MIN_LESSON_TIME_SHARE" in read
    assert sorted(read - table) == []
    assert (
        "`PORT`" in (ROOT / "README.md").read_text() or "PORT=" in (ROOT / "README.md").read_text()
    )


def _site_url_under_make_run(environment: dict[str, str], *make_args: str) -> list[str]:
    """The REPAIR_SITE_URL that `make run`'s commands get, from make's own dry run, each
    command's environment prefix evaluated by the shell."""
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", *make_args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    ).stdout
    commands = [
        line
        for line in dry_run.splitlines()
        if "manage.py seed_demo" in line or "manage.py runserver" in line
    ]
    assert len(commands) == 2
    urls = []
    for command in commands:
        prefix = command.split(" .venv/bin/python", 1)[0].split(" $(PY)", 1)[0]
        urls.append(
            subprocess.run(
                ["sh", "-c", f"{prefix} sh -c 'printf %s \"$REPAIR_SITE_URL\"'"],
                capture_output=True,
                text=True,
                check=True,
                env=environment,
            ).stdout
        )
    return urls


def test_make_run_links_follow_host_and_port():
    environment = {k: v for k, v in os.environ.items() if k != "REPAIR_SITE_URL"}

    assert _site_url_under_make_run(environment, "PORT=8101") == ["http://127.0.0.1:8101"] * 2
    assert (
        _site_url_under_make_run(environment, "HOST=10.0.0.5", "PORT=9000")
        == ["http://10.0.0.5:9000"] * 2
    )
    assert (
        _site_url_under_make_run(
            {**environment, "REPAIR_SITE_URL": "https://repair.example.org"}, "PORT=8101"
        )
        == ["https://repair.example.org"] * 2
    )


def test_make_compiles_the_catalogue_only_when_it_changed():
    mo = "locale/es/LC_MESSAGES/django.mo"
    po = "locale/es/LC_MESSAGES/django.po"

    def dry_run(*args: str) -> str:
        return subprocess.run(
            ["make", "--no-print-directory", "-n", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    assert "compilemessages" not in dry_run("setup")
    assert f"msgfmt --check-format -o {mo} {po}" in dry_run("-W", po, mo)
    subprocess.run(["make", "-s", mo], cwd=ROOT, check=True)
    assert "msgfmt" not in dry_run(mo)
