"""Open Badges 3.0: each certificate is also an OpenBadgeCredential (a W3C Verifiable Credential),
signed by the program with a Data Integrity proof (eddsa-rdfc-2022), revocable through a
Bitstring Status List.

- Issued once per certificate, on first request (the officer's download or the public
  /verify/<code>/credential.json), and frozen: the stored JSON is what the proof covers.
- The holder is identified by a salted SHA-256 of their email, never by name (officer privacy).
- The achievement carries the curriculum's version and credit hours (`achievement_version`).
- Revocation is the certificate's (curriculum.services.certificates.certificate_revoke): the
  status list built on each request sets the bit of every revoked certificate's credential.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.audit import audit_record
from curriculum.models import Certificate
from integrations.models import STATUS_LIST_SIZE, BadgeCredential
from integrations.openbadges.keys import current_signing_key, public_key_for, signing_keys
from integrations.openbadges.proof import (
    MULTIKEY_V1,
    OB_V3,
    VC_V2,
    ProofError,
    proof_add,
    proof_verify,
)
from repair import clock

STATUS_LIST_ID = "1"
DID_V1 = "https://www.w3.org/ns/did/v1"
SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)


def _iso(instant) -> str:
    return instant.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _local_iso(instant, department) -> str:
    """The instant on the department's clock (repair.clock): its offset shows the local date."""
    return clock.local_datetime(instant, department).replace(microsecond=0).isoformat()


def _completed_at(certificate: Certificate):
    """When the course was completed: the enrollment's instant, else the start of the
    certificate's completion day on the department's calendar (records kept without one)."""
    enrollment = certificate.enrollment
    if enrollment.completed_at is not None:
        return enrollment.completed_at
    return clock.day_start(certificate.completed_on, enrollment.department)


def issuer_id() -> str:
    return settings.SITE_URL + reverse("verify_issuer")


def verification_method(key_id: str) -> str:
    return f"{issuer_id()}#{key_id}"


def status_list_url() -> str:
    return settings.SITE_URL + reverse("verify_status_list", args=[STATUS_LIST_ID])


def issuer_profile() -> dict:
    """The issuer's controller document: every published key as an assertion method.

    Shaped as a DID-core controller document (the DID v1 context first, then Multikey), the
    form Data Integrity verifiers read without framing; the issuer's name and URL travel in
    each credential's embedded `issuer` Profile.
    """
    issuer = issuer_id()
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": issuer,
        "assertionMethod": [
            {
                "id": verification_method(key.key_id),
                "type": "Multikey",
                "controller": issuer,
                "publicKeyMultibase": key.public_multibase,
            }
            for key in signing_keys()
        ],
    }


def achievement_version(certificate: Certificate) -> str:
    """The version of the curriculum the officer completed.

    Seam for CurriculumVersion (issue 16): until enrollments record their version, the
    curriculum's slug and the time of its last change when the credential is issued.
    """
    curriculum = certificate.enrollment.curriculum
    return f"{curriculum.slug}@{curriculum.updated_at:%Y-%m-%dT%H:%M:%SZ}"


def _achievement(certificate: Certificate) -> dict:
    curriculum = certificate.enrollment.curriculum
    version = achievement_version(certificate)
    return {
        "id": f"urn:repair:achievement:{version}",
        "type": ["Achievement"],
        "achievementType": "CertificateOfCompletion",
        "name": certificate.curriculum_title,
        "description": curriculum.summary or certificate.curriculum_title,
        "criteria": {
            "narrative": "Completed every module of the curriculum, its lessons and knowledge "
            "checks, and passed its post-test at the pass mark."
        },
        "creditsAvailable": float(certificate.credit_hours),
        "fieldOfStudy": curriculum.thematic_area,
        "inLanguage": curriculum.language,
        "version": version,
    }


def _subject(certificate: Certificate) -> dict:
    enrollment = certificate.enrollment
    salt = secrets.token_hex(8)
    email = enrollment.officer.email.strip().lower()
    return {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": "sha256$" + hashlib.sha256((email + salt).encode()).hexdigest(),
                "identityType": "emailAddress",
                "hashed": True,
                "salt": salt,
            }
        ],
        "achievement": _achievement(certificate),
        "creditsEarned": float(certificate.credit_hours),
        "activityEndDate": _local_iso(_completed_at(certificate), enrollment.department),
    }


def credential_document(*, certificate: Certificate, badge: BadgeCredential) -> dict:
    """The unsigned OpenBadgeCredential of a certificate."""
    completed_at = _completed_at(certificate)
    department = certificate.enrollment.department
    return {
        "@context": [VC_V2, OB_V3],
        "id": f"urn:uuid:{badge.credential_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.curriculum_title,
        "issuer": {
            "id": issuer_id(),
            "type": ["Profile"],
            "name": settings.REPAIR_OB_ISSUER_NAME,
            "url": settings.SITE_URL + "/",
        },
        "validFrom": _local_iso(completed_at, department),
        "awardedDate": _local_iso(completed_at, department),
        "credentialSubject": _subject(certificate),
        "credentialStatus": {
            "id": f"{status_list_url()}#{badge.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(badge.status_index),
            "statusListCredential": status_list_url(),
        },
    }


def _free_status_index() -> int:
    # Random positions: a list's bits reveal nothing about the order of issue.
    return secrets.randbelow(STATUS_LIST_SIZE)


def badge_credential_issue(*, certificate: Certificate) -> BadgeCredential:
    """The certificate's signed credential, issued now if it has none (idempotent)."""
    existing = BadgeCredential.objects.filter(certificate=certificate).first()
    if existing is not None:
        return existing
    key = current_signing_key()
    for _attempt in range(20):
        badge = BadgeCredential(certificate=certificate, status_index=_free_status_index())
        badge.key_id = key.key_id
        unsigned = credential_document(certificate=certificate, badge=badge)
        badge.document = proof_add(
            unsigned,
            key=key,
            verification_method=verification_method(key.key_id),
            created=_iso(timezone.now()),
        )
        try:
            with transaction.atomic():
                badge.save(force_insert=True)
                audit_record(
                    action="badge.issued",
                    obj=badge,
                    department=certificate.enrollment.department,
                    data={"code": certificate.code, "key_id": key.key_id},
                )
            return badge
        except IntegrityError:
            existing = BadgeCredential.objects.filter(certificate=certificate).first()
            if existing is not None:
                return existing
    raise RuntimeError("No free position in the status list.")


# Status list ------------------------------------------------------------------------------


def _encoded_list(revoked_indexes) -> str:
    bits = bytearray(STATUS_LIST_SIZE // 8)
    for index in revoked_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)  # index 0 is the first, leftmost bit
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def _bit(encoded: str, index: int) -> bool:
    body = encoded[1:] if encoded.startswith("u") else encoded
    bits = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_credential() -> dict:
    """The signed BitstringStatusListCredential: bit i is 1 when credential i is revoked."""
    revoked = BadgeCredential.objects.filter(certificate__revoked_at__isnull=False).values_list(
        "status_index", flat=True
    )
    url = status_list_url()
    key = current_signing_key()
    unsigned = {
        "@context": [VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": _iso(timezone.now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": _encoded_list(revoked),
        },
    }
    return proof_add(
        unsigned,
        key=key,
        verification_method=verification_method(key.key_id),
        created=_iso(timezone.now()),
    )


# Verification -----------------------------------------------------------------------------


@dataclass
class Verification:
    proof_valid: bool = False
    revoked: bool | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.proof_valid and self.revoked is False


def _verify_proof(document: dict) -> None:
    proofs = document.get("proof") or [{}]
    method = (proofs[0] if isinstance(proofs, list) else proofs).get("verificationMethod", "")
    prefix = issuer_id() + "#"
    public_key = public_key_for(method[len(prefix) :]) if method.startswith(prefix) else None
    if public_key is None:
        raise ProofError("signed with a key this issuer does not publish")
    proof_verify(document, public_key=public_key)


def badge_credential_verify(document: dict, *, status_list: dict | None = None) -> Verification:
    """Verify a credential this portal issued: its proof, then its status in the status list
    (`status_list`: the list credential as fetched; built here when not given)."""
    result = Verification()
    try:
        _verify_proof(document)
        result.proof_valid = True
    except ProofError as exc:
        result.errors.append(str(exc))
        return result
    status = document.get("credentialStatus") or {}
    status_list = status_list if status_list is not None else status_list_credential()
    try:
        _verify_proof(status_list)
        if status_list.get("id") != status.get("statusListCredential"):
            raise ProofError("the status list is not the credential's")
        subject = status_list["credentialSubject"]
        result.revoked = _bit(subject["encodedList"], int(status["statusListIndex"]))
    except (ProofError, KeyError, ValueError, OSError) as exc:
        result.errors.append(f"status: {exc}")
    if result.revoked:
        result.errors.append("revoked")
    return result
