from __future__ import annotations

from django.core.management.base import BaseCommand

from accounts.audit import audit_checkpoint_write


class Command(BaseCommand):
    help = "Append the audit chain's head (id, hash, count) to the checkpoint file and the log."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", help="default: REPAIR_AUDIT_CHECKPOINT_FILE")

    def handle(self, *args, file: str | None = None, **options) -> None:
        checkpoint = audit_checkpoint_write(path=file)
        self.stdout.write(f"checkpoint: {checkpoint['count']} events, head {checkpoint['head_id']}")
