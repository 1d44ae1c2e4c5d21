"""The console email backend for development and explicit opt-in (REPAIR_ALLOW_CONSOLE_EMAIL):
it prints each message's headers and decoded text parts with the secret in every link redacted
(password reset, email confirmation, invitation keys; repair.logging.scrub), so a message
printed to a log never lets the log's reader take over an account. The parts are decoded first:
a quoted-printable or base64 body would otherwise hide a link from the scrubbing."""

from __future__ import annotations

from django.core.mail.backends.console import EmailBackend

from repair.logging import scrub


class RedactingConsoleEmailBackend(EmailBackend):
    def write_message(self, message):
        msg = message.message()
        lines = [f"{name}: {value}" for name, value in msg.items()]
        for part in msg.walk():
            if part.get_content_maintype() != "text":
                continue
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset() or "utf-8"
            lines += ["", f"[{part.get_content_type()}]", payload.decode(charset, "replace")]
        self.stream.write(scrub("\n".join(lines)) + "\n" + "-" * 79 + "\n")
