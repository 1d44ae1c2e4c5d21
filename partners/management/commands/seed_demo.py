from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from partners.demo import DEMO_PASSWORD, demo_world_build


class Command(BaseCommand):
    help = "Build the demo world (idempotent): departments, people, curricula, progress, partner."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (never in production)."
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo refuses to run with DEBUG off; pass --force to insist.")
        counts = demo_world_build()
        summary = ", ".join(f"{value} {name}" for name, value in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {summary}."))
        self.stdout.write(f"Demo accounts (password {DEMO_PASSWORD}): admin@, liaison@, officer@,")
        self.stdout.write("liaison2@, officer2@, facilitator@, partner@repair.test")
