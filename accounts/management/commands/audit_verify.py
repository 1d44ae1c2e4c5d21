from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from accounts.audit import audit_chain_first_broken
from accounts.models import AuditEvent


class Command(BaseCommand):
    help = "Check the audit trail's hash chain; exit 1 naming the first broken event."

    def handle(self, *args, **options) -> None:
        broken = audit_chain_first_broken()
        if broken is not None:
            raise CommandError(
                f"audit chain broken at event {broken.pk} "
                f"({broken.occurred_at.isoformat()} {broken.action})",
                returncode=1,
            )
        self.stdout.write(f"audit chain intact ({AuditEvent.objects.count()} events)")
