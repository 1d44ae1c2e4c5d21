from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from curriculum.content import version_content
from curriculum.models import CurriculumVersion
from curriculum.packages import package_files, package_write_dir, package_zip


class Command(BaseCommand):
    help = (
        "Write a version of a curriculum as a course package: a folder, or a zip when the "
        "output ends in .zip. Importing it again gives the same content, byte for byte."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("version", type=int)
        parser.add_argument(
            "--output", "-o", help="Folder or .zip to write (default: ./<slug>-v<version>/)."
        )

    def handle(self, *args, slug: str, version: int, output: str | None, **options):
        found = (
            CurriculumVersion.objects.select_related("curriculum")
            .filter(curriculum__slug=slug, number=version)
            .first()
        )
        if found is None:
            raise CommandError(f"No version {version} of a curriculum {slug!r}.")
        files = package_files(version_content(found))
        target = Path(output or f"{slug}-v{version}")
        if target.suffix == ".zip":
            target.write_bytes(package_zip(files, folder=slug))
        else:
            if target.exists() and any(target.iterdir()):
                raise CommandError(f"{target} is not empty; choose a new folder.")
            package_write_dir(files, target)
        self.stdout.write(self.style.SUCCESS(f"Wrote {slug} version {version} to {target}."))
