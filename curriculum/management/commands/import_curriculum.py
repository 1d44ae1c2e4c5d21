from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from curriculum.packages import PackageInvalid, package_parse, package_read
from curriculum.services.versions import version_import, version_publish


class Command(BaseCommand):
    help = (
        "Import a course package (a folder or a zip) as a new draft version of its curriculum; "
        "with --publish, publish it too. Problems are listed as file:line: message."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The package folder or zip file.")
        parser.add_argument("--publish", action="store_true", help="Publish the new version.")
        parser.add_argument(
            "--change-note",
            default="",
            help="What changed (required to publish version 2 and later, or a credit override).",
        )

    def handle(self, *args, path: str, publish: bool, change_note: str, **options):
        try:
            content = package_parse(package_read(path))
            version = version_import(content=content, acting_user=None, source=path)
            if publish:
                version = version_publish(
                    version=version, acting_user=None, change_note=change_note
                )
        except PackageInvalid as error:
            raise CommandError(f"{path} was not imported:\n{error}") from None
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from None
        state = "published" if publish else "imported as a draft"
        self.stdout.write(
            self.style.SUCCESS(f"{content['slug']} version {version.number} {state}.")
        )
