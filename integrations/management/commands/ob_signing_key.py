"""Print a new Open Badges signing key entry for REPAIR_OB_SIGNING_KEYS (shown once)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from integrations.openbadges.keys import new_seed


class Command(BaseCommand):
    help = "Print a new Ed25519 key entry `key-id:seed` for REPAIR_OB_SIGNING_KEYS."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--key-id", default="", help="Defaults to ob-<year><month>.")

    def handle(self, *args, key_id: str, **options) -> None:
        key_id = key_id or f"ob-{timezone.now():%Y%m}"
        self.stdout.write(f"{key_id}:{new_seed()}")
        self.stderr.write(
            "Put it first in REPAIR_OB_SIGNING_KEYS and keep the older entries after it "
            "(docs/integrations.md)."
        )
