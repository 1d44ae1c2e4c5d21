"""Any OB 3.0 verifier: the credential and its revocation checked by an independent
implementation (Digital Bazaar's vc library for Node.js, eddsa-rdfc-2022 and Bitstring Status
List; tests/integrations/verifier/, installed by `make counterparts`), given exactly what a
verifier fetches from the portal: the pinned contexts, /verify/issuer.json and the status list."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from curriculum.services.certificates import certificate_revoke
from integrations.openbadges.proof import _CONTEXT_DIR, _CONTEXT_FILES
from tests.integrations.conftest import SITE

VERIFIER = Path(__file__).parent / "verifier"
MISSING = (
    None
    if shutil.which("node") and (VERIFIER / "node_modules" / "@digitalbazaar" / "vc").exists()
    else "the Node.js verifier is not installed: run `make counterparts`"
)
pytestmark = [
    pytest.mark.skipif(MISSING is not None, reason=MISSING or ""),
    pytest.mark.counterpart,
    pytest.mark.usefixtures("ob_signing"),
]


def _verify(client, credential: dict) -> dict:
    documents = {
        url: json.loads((_CONTEXT_DIR / name).read_text()) for url, name in _CONTEXT_FILES.items()
    }
    documents[f"{SITE}/verify/issuer.json"] = client.get("/verify/issuer.json").json()
    documents[f"{SITE}/verify/status/1.json"] = client.get("/verify/status/1.json").json()
    done = subprocess.run(
        ["node", "verify.mjs"],
        cwd=VERIFIER,
        input=json.dumps({"credential": credential, "documents": documents}),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)


def test_an_independent_verifier_accepts_the_credential_then_sees_it_revoked(
    client,
    certificate,
    staff_user,
):
    credential = client.get(f"/verify/{certificate.code}/credential.json").json()

    before = _verify(client, credential)
    certificate_revoke(certificate=certificate, acting_user=staff_user, reason="Issued in error")
    after = _verify(client, credential)

    assert before == {
        "verified": True,
        "proofVerified": True,
        "statusVerified": True,
        "revoked": False,
        "errors": [],
    }
    assert after == {
        "verified": False,
        "proofVerified": True,
        "statusVerified": True,
        "revoked": True,
        "errors": [],
    }


def test_the_independent_verifier_rejects_a_tampered_credential(client, certificate):
    credential = client.get(f"/verify/{certificate.code}/credential.json").json()
    credential["credentialSubject"]["achievement"]["creditsAvailable"] = 80.0

    result = _verify(client, credential)

    assert (result["verified"], result["proofVerified"]) == (False, False)
