"""Data Integrity proofs, cryptosuite `eddsa-rdfc-2022` (W3C VC Data Integrity EdDSA), over
JSON-LD canonicalized by pyld (RDFC-1.0, formerly URDNA2015) and signed with Ed25519.

The JSON-LD contexts are pinned files shipped in contexts/ and served by a loader that refuses
any other URL: a context fetched from the network could change what a signature covers.
"""

from __future__ import annotations

import copy
import hashlib
import json
from functools import cache
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyld import jsonld

from integrations.openbadges.keys import SigningKey
from integrations.openbadges.multibase import base58btc_decode, base58btc_encode

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
CRYPTOSUITE = "eddsa-rdfc-2022"
_CONTEXT_FILES = {
    VC_V2: "credentials-v2.json",
    OB_V3: "ob-v3p0-context-3.0.3.json",
    MULTIKEY_V1: "security-multikey-v1.json",
}
_CONTEXT_DIR = Path(__file__).resolve().parent / "contexts"


class ProofError(Exception):
    pass


@cache
def _context_document(url: str) -> str:
    return (_CONTEXT_DIR / _CONTEXT_FILES[url]).read_text()


def document_loader(url: str, options=None) -> dict:
    if url not in _CONTEXT_FILES:
        raise jsonld.JsonLdError(
            f"Context {url} is not one of the pinned contexts.", "jsonld.LoadDocumentError"
        )
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads(_context_document(url)),
    }


def canonical_hash(document: dict) -> bytes:
    nquads = jsonld.normalize(
        document,
        {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "documentLoader": document_loader,
            "safe": True,
        },
    )
    return hashlib.sha256(nquads.encode()).digest()


def _hash_data(unsigned: dict, proof_config: dict) -> bytes:
    return canonical_hash(proof_config) + canonical_hash(unsigned)


def proof_add(document: dict, *, key: SigningKey, verification_method: str, created: str) -> dict:
    """A copy of `document` with a DataIntegrityProof made with `key` appended to `proof`."""
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    config = {"@context": unsigned["@context"], **proof}
    signature = key.private.sign(_hash_data(unsigned, config))
    signed = copy.deepcopy(unsigned)
    signed["proof"] = [{**proof, "proofValue": base58btc_encode(signature)}]
    return signed


def proof_verify(document: dict, *, public_key: Ed25519PublicKey) -> dict:
    """Check the document's single eddsa-rdfc-2022 proof; returns it, or raises ProofError."""
    proofs = document.get("proof")
    proofs = proofs if isinstance(proofs, list) else [proofs]
    if len(proofs) != 1 or not isinstance(proofs[0], dict):
        raise ProofError("expected exactly one proof")
    proof = proofs[0]
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError("unsupported proof type")
    if proof.get("proofPurpose") != "assertionMethod":
        raise ProofError("wrong proof purpose")
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    config = {"@context": unsigned["@context"]}
    config.update({k: v for k, v in proof.items() if k != "proofValue"})
    try:
        signature = base58btc_decode(proof["proofValue"])
        public_key.verify(signature, _hash_data(unsigned, config))
    except (InvalidSignature, KeyError, ValueError) as exc:
        raise ProofError("the signature does not match the document") from exc
    return proof
