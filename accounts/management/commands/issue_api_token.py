from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a user and print its key once (only its hash is stored)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="command line")
        parser.add_argument("--days", type=int, default=None, help="expire after D days")

    def handle(self, *args, email: str, name: str, days: int | None, **options) -> None:
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active user with the email address {email}.")
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        token, key = api_token_create(user=user, name=name, days=days, acting_user=user)
        expiry = token.expires_at.isoformat() if token.expires_at else "never"
        self.stderr.write(f"Token {token.name!r} for {user.email}, expires {expiry}.")
        self.stdout.write(key)
