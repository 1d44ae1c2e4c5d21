from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.audit import audit_chain_first_broken, audit_checkpoints_problems
from accounts.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Check the audit trail's keyed hash chain, and with --checkpoints the published "
        "checkpoints (truncation, rows cut off the end); exit 1 naming what is wrong."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--checkpoints",
            metavar="FILE",
            help="the checkpoint file (REPAIR_AUDIT_CHECKPOINT_FILE) or a copy of it",
        )

    def handle(self, *args, checkpoints: str | None = None, **options) -> None:
        broken = audit_chain_first_broken()
        if broken is not None:
            raise CommandError(
                f"audit chain broken at event {broken.pk} "
                f"({broken.occurred_at.isoformat()} {broken.action})",
                returncode=1,
            )
        if checkpoints:
            try:
                lines = Path(checkpoints).read_text(encoding="utf-8").splitlines()
            except OSError as error:
                raise CommandError(f"cannot read {checkpoints}: {error}", returncode=2) from error
            problems = audit_checkpoints_problems(lines=lines)
            if problems:
                raise CommandError("audit trail lost events: " + "; ".join(problems), returncode=1)
            self.stdout.write(f"{len([x for x in lines if x.strip()])} checkpoints hold")
        self.stdout.write(f"audit chain intact ({AuditEvent.objects.count()} events)")
