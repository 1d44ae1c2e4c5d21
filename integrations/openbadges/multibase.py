"""base58btc as Multibase writes it (the `z` prefix), for Ed25519 keys and Data Integrity proofs.

Ten lines of a fixed, published alphabet (draft-msporny-base58); no library is needed for it.
"""

from __future__ import annotations

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {c: i for i, c in enumerate(_ALPHABET)}


def base58btc_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rem = divmod(number, 58)
        out = _ALPHABET[rem] + out
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "z" + "1" * zeros + out


def base58btc_decode(text: str) -> bytes:
    if not text.startswith("z"):
        raise ValueError("not base58btc multibase")
    body = text[1:]
    number = 0
    for char in body:
        number = number * 58 + _INDEX[char]
    zeros = len(body) - len(body.lstrip("1"))
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + raw
