"""API token keys: `rp_` + 43 random URL-safe characters; only the SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets

KEY_PREFIX = "rp_"
PREFIX_LENGTH = 12


def token_key_generate() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def token_key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_key_prefix(key: str) -> str:
    return key[:PREFIX_LENGTH]
