"""Open Badges 3.0: a certificate's credential validates against 1EdTech's published JSON schema
(vendored in data/, see data/SOURCES.md), its eddsa-rdfc-2022 proof verifies over the
canonicalized JSON-LD, and it stops verifying once the certificate is revoked (status list)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft201909Validator, FormatChecker

from accounts.models import AuditEvent
from curriculum.services.certificates import certificate_revoke
from integrations.models import STATUS_LIST_SIZE, BadgeCredential
from integrations.openbadges import credentials as ob
from integrations.openbadges.keys import new_seed
from repair import clock
from tests.integrations.conftest import SITE

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "ob_v3p0_achievementcredential_schema.json").read_text()
)
pytestmark = pytest.mark.usefixtures("ob_signing")


def _fetch(client, certificate) -> dict:
    response = client.get(f"/verify/{certificate.code}/credential.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    return response.json()


def _status_list(client) -> dict:
    return client.get("/verify/status/1.json").json()


def test_the_schema_check_is_live():
    """Guards the test below: the date-time format really is checked (rfc3339-validator)."""
    assert not FormatChecker().conforms("last Tuesday", "date-time")
    assert list(Draft201909Validator(SCHEMA).iter_errors({"type": ["VerifiableCredential"]}))


def test_credential_validates_against_the_ob3_schema_and_its_proof_verifies(client, certificate):
    credential = _fetch(client, certificate)

    errors = list(
        Draft201909Validator(SCHEMA, format_checker=FormatChecker()).iter_errors(credential)
    )
    assert errors == []
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["creditsAvailable"] == 8.0
    assert achievement["version"] == ob.achievement_version(certificate)
    assert achievement["version"].startswith(certificate.enrollment.curriculum.slug + "@")
    # Dates on the department's clock: the completion instant with the department's offset.
    completed = clock.local_datetime(
        certificate.enrollment.completed_at, certificate.enrollment.department
    )
    assert credential["validFrom"] == completed.replace(microsecond=0).isoformat()
    assert credential["validFrom"][-6:] in ("-05:00", "-04:00")  # America/New_York
    assert credential["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
    assert credential["proof"][0]["verificationMethod"] == f"{SITE}/verify/issuer.json#k2026"
    result = ob.badge_credential_verify(credential, status_list=_status_list(client))
    assert (result.proof_valid, result.revoked, result.valid) == (True, False, True)


def test_holder_is_a_salted_hash_of_the_email_never_a_name(client, certificate):
    credential = _fetch(client, certificate)

    text = json.dumps(credential)
    assert certificate.holder_name not in text
    assert certificate.enrollment.officer.email not in text
    identity = credential["credentialSubject"]["identifier"][0]
    assert identity["hashed"] is True and identity["identityHash"].startswith("sha256$")


@pytest.mark.parametrize(
    "tamper",
    [
        lambda c: c["credentialSubject"]["achievement"].update(creditsAvailable=80.0),
        lambda c: c.update(validFrom="2020-01-01T00:00:00Z"),
        lambda c: c["credentialStatus"].update(statusListIndex="0"),
    ],
)
def test_any_change_to_the_credential_breaks_its_proof(client, certificate, tamper):
    credential = _fetch(client, certificate)
    tampered = copy.deepcopy(credential)
    tamper(tampered)

    result = ob.badge_credential_verify(tampered, status_list=_status_list(client))

    assert result.proof_valid is False
    assert result.valid is False


def test_a_revoked_certificate_fails_verification_through_the_status_list(
    client, certificate, staff_user
):
    credential = _fetch(client, certificate)
    assert ob.badge_credential_verify(credential, status_list=_status_list(client)).valid

    certificate_revoke(certificate=certificate, acting_user=staff_user, reason="Issued in error")
    status_list = _status_list(client)
    result = ob.badge_credential_verify(credential, status_list=status_list)

    assert (result.proof_valid, result.revoked, result.valid) == (True, True, False)
    assert status_list["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    # The list itself is signed: a forged list that un-revokes is rejected.
    forged = copy.deepcopy(status_list)
    forged["credentialSubject"]["encodedList"] = ob._encoded_list([])
    assert ob.badge_credential_verify(credential, status_list=forged).valid is False


def test_status_list_has_the_minimum_length_and_sets_only_revoked_bits(
    client, certificate, staff_user
):
    index = (
        BadgeCredential.objects.get(certificate=certificate).status_index
        if _fetch(client, certificate)
        else None
    )
    certificate_revoke(certificate=certificate, acting_user=staff_user)

    encoded = _status_list(client)["credentialSubject"]["encodedList"]

    import base64
    import gzip

    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(bits) * 8 == STATUS_LIST_SIZE
    assert sum(bin(byte).count("1") for byte in bits) == 1
    assert ob._bit(encoded, index) is True


def test_the_credential_is_issued_once_and_stays_the_same(client, certificate):
    first = _fetch(client, certificate)
    second = _fetch(client, certificate)

    assert first == second
    assert BadgeCredential.objects.count() == 1
    assert AuditEvent.objects.filter(action="badge.issued").count() == 1


def test_credentials_signed_before_a_key_rotation_still_verify(client, certificate, settings):
    credential = _fetch(client, certificate)
    old = settings.REPAIR_OB_SIGNING_KEYS[0]

    settings.REPAIR_OB_SIGNING_KEYS = [f"k2027:{new_seed()}", old]
    issuer = client.get("/verify/issuer.json").json()

    assert [m["id"].rpartition("#")[2] for m in issuer["assertionMethod"]] == ["k2027", "k2026"]
    assert ob.badge_credential_verify(credential, status_list=_status_list(client)).valid
    assert _status_list(client)["proof"][0]["verificationMethod"].endswith("#k2027")
    settings.REPAIR_OB_SIGNING_KEYS = [f"k2027:{new_seed()}"]
    assert not ob.badge_credential_verify(credential, status_list=_status_list(client)).valid


def test_officer_downloads_the_credential_as_a_file(client, certificate):
    client.force_login(certificate.enrollment.officer)
    page = client.get(f"/learn/{certificate.enrollment_id}/")
    link = f"/verify/{certificate.code}/credential.json?download=1"
    assert link in page.content.decode()

    response = client.get(link)

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="repair-credential-{certificate.code}.json"'
    )


def test_unknown_code_is_404_and_no_key_in_production_is_503(client, certificate, settings):
    assert client.get("/verify/AAAA-BBBB-CCCC-DDDD/credential.json").status_code == 404
    settings.REPAIR_OB_SIGNING_KEYS = []
    settings.DEBUG = False

    response = client.get(f"/verify/{certificate.code}/credential.json")

    assert response.status_code == 503
    assert not BadgeCredential.objects.exists()


def test_a_key_made_by_the_command_signs_and_the_deploy_check_wants_one(settings, capsys):
    from django.core.management import call_command

    from integrations.checks import open_badges_key_check
    from integrations.openbadges.keys import current_signing_key

    call_command("ob_signing_key", "--key-id", "ob-202612")
    entry = capsys.readouterr().out.strip()
    settings.REPAIR_OB_SIGNING_KEYS = [entry]

    assert current_signing_key().key_id == "ob-202612"
    assert open_badges_key_check(None) == []
    settings.REPAIR_OB_SIGNING_KEYS = []
    assert [w.id for w in open_badges_key_check(None)] == ["integrations.W001"]
