from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from partners import periods
from partners.demo import DEMO_PASSWORD, demo_world_build
from partners.models import PartnerOrganization
from partners.services import partner_check_period, partner_release_build

# The archive a newcomer sees under `make run` (which runs no beat): the last closed months.
DEMO_REPORT_MONTHS = 3


class Command(BaseCommand):
    help = "Build the demo world (idempotent): departments, people, curricula, progress, partner."
    # The system checks ran in `migrate` just before and run again in `runserver` just after
    # (`make run`); here they only cost a second or two (importing every URLconf and view).
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (never in production)."
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo refuses to run with DEBUG off; pass --force to insist.")
        counts = demo_world_build()
        counts["partner reports"] = demo_reports_build()
        summary = ", ".join(f"{value} {name}" for name, value in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {summary}."))
        self.stdout.write(f"Demo accounts (password {DEMO_PASSWORD}): admin@, liaison@, officer@,")
        self.stdout.write("liaison2@, officer2@, facilitator@, partner@repair.test")


def demo_reports_build(months: int = DEMO_REPORT_MONTHS) -> int:
    """Build the reports of the last `months` closed months, oldest first, as the beat would
    have (without emailing anyone); months already built are kept as they are."""
    period = periods.last_closed_month()
    wanted = [period]
    for _ in range(months - 1):
        period = periods.month_before(period[0])
        wanted.insert(0, period)
    partners = list(PartnerOrganization.objects.order_by("pk"))
    for period_start, period_end in wanted:
        ready = []
        for partner in partners:
            try:
                partner_check_period(
                    partner=partner, period_start=period_start, period_end=period_end
                )
            except ValueError:
                continue  # already built, or a later report exists
            ready.append(partner)
        if ready:
            partner_release_build(period_start=period_start, period_end=period_end, partners=ready)
    return sum(partner.reports.count() for partner in partners)
