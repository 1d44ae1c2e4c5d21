"""The program's Ed25519 signing keys for Open Badges credentials.

`REPAIR_OB_SIGNING_KEYS` lists `key-id:seed` pairs, the seed being 32 random bytes in base64url
(`python manage.py ob_signing_key` makes one). The first key signs new credentials; every listed
key stays published in the issuer's document so credentials signed before a rotation still
verify. Rotation: put the new key first, keep the old ones after it for as long as credentials
they signed are in use (docs/integrations.md). With no key configured, a development key is
derived from SECRET_KEY when DEBUG is on; with DEBUG off, credentials are not issued.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from integrations.openbadges.multibase import base58btc_decode, base58btc_encode

# Multicodec prefix of an Ed25519 public key (0xed, varint-encoded) in a Multikey.
_ED25519_PUB = b"\xed\x01"
DEV_KEY_ID = "dev-key"


class SigningUnavailable(Exception):
    """No signing key is configured (DEBUG off): credentials cannot be issued."""


@dataclass(frozen=True)
class SigningKey:
    key_id: str
    private: Ed25519PrivateKey

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    @property
    def public_multibase(self) -> str:
        raw = self.public.public_bytes(Encoding.Raw, PublicFormat.Raw)
        return base58btc_encode(_ED25519_PUB + raw)


def _seed(text: str) -> bytes:
    seed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if len(seed) != 32:
        raise ImproperlyConfigured("An Open Badges signing key seed must be 32 bytes (base64url).")
    return seed


def _parse(entry: str) -> SigningKey:
    key_id, sep, seed = entry.strip().partition(":")
    if not sep or not key_id or not key_id.replace("-", "").replace("_", "").isalnum():
        raise ImproperlyConfigured(
            "REPAIR_OB_SIGNING_KEYS entries are key-id:seed (letters, digits, - and _ in the id)."
        )
    return SigningKey(key_id=key_id, private=Ed25519PrivateKey.from_private_bytes(_seed(seed)))


@lru_cache(maxsize=4)
def _keys(entries: tuple[str, ...], secret: str, debug: bool) -> tuple[SigningKey, ...]:
    if entries:
        return tuple(_parse(entry) for entry in entries)
    if not debug:
        return ()
    seed = hashlib.sha256(b"repair-ob-dev-key:" + secret.encode()).digest()
    return (SigningKey(key_id=DEV_KEY_ID, private=Ed25519PrivateKey.from_private_bytes(seed)),)


def signing_keys() -> tuple[SigningKey, ...]:
    """Every published key, the signing one first (empty: issuance is off)."""
    return _keys(tuple(settings.REPAIR_OB_SIGNING_KEYS), settings.SECRET_KEY, bool(settings.DEBUG))


def current_signing_key() -> SigningKey:
    keys = signing_keys()
    if not keys:
        raise SigningUnavailable
    return keys[0]


def public_key_for(key_id: str) -> Ed25519PublicKey | None:
    return next((k.public for k in signing_keys() if k.key_id == key_id), None)


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    raw = base58btc_decode(value)
    if not raw.startswith(_ED25519_PUB) or len(raw) != 34:
        raise ValueError("not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def new_seed() -> str:
    import secrets

    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")
