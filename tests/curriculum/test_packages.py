"""Course packages: byte-for-byte round trips, per-line errors, commands, admin upload."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import AuditEvent
from curriculum.content import content_hash, version_content
from curriculum.models import Curriculum, CurriculumVersion
from curriculum.packages import (
    DEMO_PACKAGES,
    PackageInvalid,
    package_files,
    package_parse,
    package_read,
    package_read_zip,
    package_zip,
)
from curriculum.services.versions import version_import, version_publish

pytestmark = pytest.mark.django_db
DEMO = sorted(p.name for p in DEMO_PACKAGES.iterdir() if (p / "manifest.yaml").exists())


def _tree(path: Path) -> dict[str, bytes]:
    return {
        f.relative_to(path).as_posix(): f.read_bytes()
        for f in sorted(path.rglob("*"))
        if f.is_file()
    }


def test_the_demo_curricula_are_the_five_packages():
    assert DEMO == [
        "repair-leadership",
        "repair-officer",
        "repair-officer-es",
        "repair-trauma",
        "training-of-trainers",
    ]


@pytest.mark.parametrize("slug", DEMO)
def test_a_package_round_trips_byte_for_byte_through_import_and_export(slug, staff_user, tmp_path):
    original = _tree(DEMO_PACKAGES / slug)

    call_command("import_curriculum", str(DEMO_PACKAGES / slug), "--publish", stdout=io.StringIO())
    call_command(
        "export_curriculum", slug, "1", "--output", str(tmp_path / slug), stdout=io.StringIO()
    )

    assert _tree(tmp_path / slug) == original
    version = CurriculumVersion.objects.get(curriculum__slug=slug)
    assert version.content_hash == content_hash(package_parse(original))


def test_a_zip_round_trips_byte_for_byte(staff_user, tmp_path):
    files = package_read(DEMO_PACKAGES / "repair-trauma")
    archive = package_zip(files, folder="repair-trauma")
    (tmp_path / "trauma.zip").write_bytes(archive)

    call_command("import_curriculum", str(tmp_path / "trauma.zip"), stdout=io.StringIO())
    version = CurriculumVersion.objects.get(curriculum__slug="repair-trauma")
    again = package_zip(package_files(version_content(version)), folder="repair-trauma")

    assert again == archive
    assert package_read_zip(archive) == files


MANIFEST = """\
format: repair-course-package/1
slug: broken-course
title: A broken course
language: en
thematic_area: Human rights
post_test:
  title: Post-test
  pass_mark: 70
  questions: pre_test
modules:
  - title: First module
    lessons:
      - title: A lesson
        kind: text
        minutes: 20
        body: lessons/m01-l01.md
        colour: blue
      - title: A lesson without its file
        kind: text
        minutes: 200000
        body: lessons/missing.md
    knowledge_check:
      title: Check
      pass_mark: 70
      questions:
        - text: Which two?
          kind: single
          choices:
            - text: This one
              correct: true
            - text: That one
              correct: true
"""


def _problems(files: dict[str, bytes]) -> list[str]:
    with pytest.raises(PackageInvalid) as invalid:
        package_parse(files)
    return [str(problem) for problem in invalid.value.problems]


def test_validation_names_every_problem_with_its_file_and_line():
    files = {
        "manifest.yaml": MANIFEST.encode(),
        "lessons/m01-l01.md": b"# Hello\n",
        "lessons/stray.md": b"not used",
    }

    assert _problems(files) == [
        "manifest.yaml:9: post_test, questions: asks the pre-test's items, but there is no "
        "pre_test",
        "manifest.yaml:17: module 1, lesson 1, colour: unknown key `colour` (known: body, "
        "captions, kind, minutes, source, title, transcript, video)",
        "manifest.yaml:18: module 1, lesson 2: needs a body (or a transcript)",
        "manifest.yaml:20: module 1, lesson 2, minutes: must be a whole number from 1 to 600",
        "manifest.yaml:21: module 1, lesson 2, body: lessons/missing.md: no such file in the "
        "package",
        "manifest.yaml:29: module 1, knowledge_check, question 1, choices: a single question "
        "needs exactly one correct choice (has 2)",
        "lessons/stray.md: not referenced by the manifest",
    ]


def test_broken_yaml_names_its_line():
    files = {"manifest.yaml": b"format: repair-course-package/1\nslug: [unclosed\ntitle: x\n"}

    assert _problems(files) == ["manifest.yaml:3: not valid YAML: expected ',' or ']', but got ':'"]


def test_a_json_manifest_is_read_too():
    files = package_read(DEMO_PACKAGES / "repair-trauma")
    import json

    import yaml

    data = yaml.safe_load(files.pop("manifest.yaml"))
    files["manifest.json"] = json.dumps(data, indent=2).encode()

    assert package_parse(files) == package_parse(package_read(DEMO_PACKAGES / "repair-trauma"))


def test_a_package_with_path_tricks_reads_only_its_own_files():
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("course/manifest.yaml", "format: x\n")
        archive.writestr("../../etc/evil.md", "evil")
        archive.writestr("/abs.md", "evil")

    assert package_read_zip(buffer.getvalue()) == {"manifest.yaml": b"format: x\n"}


def test_import_command_refuses_an_invalid_package_and_writes_nothing(tmp_path):
    (tmp_path / "manifest.yaml").write_text(MANIFEST)

    with pytest.raises(CommandError, match=r"manifest\.yaml:17: .*colour"):
        call_command("import_curriculum", str(tmp_path))

    assert Curriculum.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_export_command_names_an_unknown_version():
    with pytest.raises(CommandError, match="No version 3"):
        call_command("export_curriculum", "repair-officer", "3")


def test_staff_upload_a_package_in_the_admin_as_a_new_draft(client, staff_user):
    content = package_parse(package_read(DEMO_PACKAGES / "repair-officer"))
    version_publish(
        version=version_import(content=content, acting_user=staff_user), acting_user=staff_user
    )
    changed = package_files({**content, "title": "REPAIR for Officers (2027 edition)"})
    upload = SimpleUploadedFile(
        "officer.zip", package_zip(changed, folder="repair-officer"), "application/zip"
    )
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:curriculum_curriculumversion_upload"), {"package": upload}
    )

    draft = CurriculumVersion.objects.get(curriculum__slug="repair-officer", number=2)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:curriculum_curriculumversion_change", args=[draft.pk]
    )
    assert draft.published_at is None
    assert draft.title == "REPAIR for Officers (2027 edition)"
    assert Curriculum.objects.get(slug="repair-officer").current_version.number == 1
    event = AuditEvent.objects.get(action="curriculum.version_imported", data__version=2)
    assert (event.actor_id, event.data["source"]) == (staff_user.pk, "officer.zip")


def test_an_invalid_upload_shows_its_lines_and_creates_nothing(client, staff_user):
    files = {"manifest.yaml": MANIFEST.encode(), "lessons/m01-l01.md": b"# Hello\n"}
    upload = SimpleUploadedFile(
        "broken.zip", package_zip(files, folder="broken"), "application/zip"
    )
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:curriculum_curriculumversion_upload"), {"package": upload}
    )

    assert response.status_code == 200
    assert "manifest.yaml:17: module 1, lesson 1, colour" in response.content.decode()
    assert CurriculumVersion.objects.count() == 0
