"""Make a new LTI signing key; the one it replaces stays published until the next rotation."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from integrations.lti.tool import tool_key_rotate


class Command(BaseCommand):
    help = "Rotate the LTI tool's signing key (docs/integrations.md)."

    def handle(self, *args, **options) -> None:
        key = tool_key_rotate()
        self.stdout.write(f"New LTI signing key {key.kid}; the previous key stays published.")
