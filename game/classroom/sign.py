"""The teacher's signature on session settings and on pause / release commands (Ed25519, from ``cryptography``).

Why signatures and not a shared secret: every lab PC can read the shared results folder, so a key that students'
games use to *check* a command must be one they can read — and with an HMAC key, whoever can check can also forge.
With Ed25519 the students' games hold only the public key, pinned when they join; only the teacher's PC holds the
private key, and it keeps it encrypted under the teacher's PIN (game.classroom.pin). A command line that a student
appends to control.jsonl by hand has no valid signature and is ignored by every student and by the teacher view.
"""

from __future__ import annotations

import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_HEX = 64   # a public key: 32 bytes
SIG_HEX = 128  # a signature: 64 bytes


def canonical(payload: dict[str, Any]) -> bytes:
    """The bytes that are signed: sorted keys, no spaces, ASCII only, so a reader rebuilds them exactly."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                      allow_nan=False).encode("ascii")


class TeacherKey:
    """The private key of one teacher PC, in memory only while the teacher's menu or view is open."""

    def __init__(self, private: Ed25519PrivateKey) -> None:
        self._private = private
        self.public = private.public_key().public_bytes_raw().hex()

    @staticmethod
    def new() -> "TeacherKey":
        return TeacherKey(Ed25519PrivateKey.generate())

    @staticmethod
    def from_raw(raw: bytes) -> "TeacherKey":
        return TeacherKey(Ed25519PrivateKey.from_private_bytes(raw))

    def raw(self) -> bytes:
        return self._private.private_bytes_raw()

    def sign(self, payload: dict[str, Any]) -> dict[str, Any]:
        """``payload`` with its signature under "sig" (the payload itself must not have one)."""
        return {**payload, "sig": self._private.sign(canonical(payload)).hex()}


def verify(public_hex: str, signed: dict[str, Any]) -> bool:
    """True when ``signed`` carries a valid signature by ``public_hex`` over everything else in it. Never raises."""
    sig = signed.get("sig")
    if not (isinstance(public_hex, str) and len(public_hex) == KEY_HEX and isinstance(sig, str)
            and len(sig) == SIG_HEX):
        return False
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        key.verify(bytes.fromhex(sig), canonical({k: v for k, v in signed.items() if k != "sig"}))
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True
