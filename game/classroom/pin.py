"""The teacher's PIN, and the teacher's signing key that it unlocks (teacher.json in the user-data folder).

The PIN is not compared with a stored hash: it is the key to the teacher's private signing key (game.classroom.sign),
kept encrypted (AES-GCM under PBKDF2 of the PIN). A PIN is right when it decrypts the key. So a teacher.json a
student made by hand, with a hash of a PIN of their own, opens nothing that matters: at best a new key, which no
student who joined the teacher's class trusts. A file that is missing, damaged, from an older version, or whose
iteration count is outside a fixed range is treated as missing: the game asks for a new PIN (and makes a new key)
before the teacher's menu opens — never opens it without one.

Wrong tries make the next try wait longer (stored in the same file, so quitting the game does not reset it): the
first three are free, then 1, 2, 4 … seconds, at most 5 minutes. Forgotten PIN: delete teacher.json and choose a new
one; sessions started with the old key are then finished (docs/classroom.md).
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from game.classroom.sign import TeacherKey
from game.save import SaveError, atomic_write_json

PIN_FILE = "teacher.json"
ITERATIONS = 120_000  # about a tenth of a second on an old lab PC: slow for guessing, unnoticed by a teacher
# A stored count outside this range is damage or a trap: 0 or -5 would fail the KDF, 1e9 would hang the PIN screen.
MIN_ITERATIONS, MAX_ITERATIONS = 50_000, 2_000_000
MIN_DIGITS, MAX_DIGITS = 4, 8
FREE_TRIES = 3
MAX_WAIT = 300.0
MAX_FILE = 4096
_AAD = b"small-acts teacher key v2"


def valid_pin(pin: str) -> bool:
    return pin.isdigit() and pin.isascii() and MIN_DIGITS <= len(pin) <= MAX_DIGITS


@dataclass(frozen=True, slots=True)
class _Stored:
    salt: bytes
    iterations: int
    nonce: bytes
    sealed: bytes
    public: str
    failures: int
    wait_until: float


@dataclass(frozen=True, slots=True)
class Unlock:
    """What typing a PIN gave: the key (right PIN), or how long to wait before the next try (0: try again now)."""
    key: TeacherKey | None
    wait: float = 0.0


def has_pin(data_dir: Path) -> bool:
    return _read(data_dir) is not None


def public_key(data_dir: Path) -> str:
    """This PC's teacher public key ("" when no PIN is set)."""
    stored = _read(data_dir)
    return stored.public if stored else ""


def set_pin(data_dir: Path, pin: str, key: TeacherKey | None = None) -> TeacherKey | None:
    """Store a new PIN guarding ``key`` (a new key when None, as on first use or after teacher.json was lost). The key,
    or None if the folder refused (the teacher is told; the game goes on)."""
    if not valid_pin(pin):
        raise ValueError("a PIN has 4 to 8 digits")
    key = key or TeacherKey.new()
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    sealed = AESGCM(_derive(pin, salt, ITERATIONS)).encrypt(nonce, key.raw(), _AAD)
    if not _write(data_dir, _Stored(salt, ITERATIONS, nonce, sealed, key.public, 0, 0.0)):
        return None
    return key


def unlock(data_dir: Path, pin: str, now: float | None = None) -> Unlock:
    """Try a PIN. A wrong one (or one typed while the wait is not over) counts and makes the next wait longer."""
    now = time.time() if now is None else now
    stored = _read(data_dir, now)
    if stored is None:
        return Unlock(None)
    if now < stored.wait_until:
        return Unlock(None, stored.wait_until - now)
    if valid_pin(pin):
        try:
            raw = AESGCM(_derive(pin, stored.salt, stored.iterations)).decrypt(stored.nonce, stored.sealed, _AAD)
            key = TeacherKey.from_raw(raw)
        except (InvalidTag, ValueError):
            key = None
        if key is not None and key.public == stored.public:
            if stored.failures:
                _write(data_dir, _replace(stored, 0, 0.0))
            return Unlock(key)
    failures = stored.failures + 1
    wait = 0.0 if failures < FREE_TRIES else min(MAX_WAIT, 2.0 ** (failures - FREE_TRIES))
    _write(data_dir, _replace(stored, failures, now + wait))
    return Unlock(None, wait)


def check_pin(data_dir: Path, pin: str) -> bool:
    return unlock(data_dir, pin).key is not None


def _derive(pin: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations, dklen=32)


def _replace(s: _Stored, failures: int, wait_until: float) -> _Stored:
    return _Stored(s.salt, s.iterations, s.nonce, s.sealed, s.public, failures, wait_until)


def _write(data_dir: Path, s: _Stored) -> bool:
    try:
        atomic_write_json(Path(data_dir) / PIN_FILE, {
            "format": 2, "salt": s.salt.hex(), "iterations": s.iterations, "nonce": s.nonce.hex(),
            "key": s.sealed.hex(), "public": s.public, "failures": s.failures, "wait_until": s.wait_until})
    except SaveError:
        return False
    return True


def _read(data_dir: Path, now: float | None = None) -> _Stored | None:
    """The stored PIN, or None for anything that is not a valid teacher.json of this version."""
    now = time.time() if now is None else now
    try:
        path = Path(data_dir) / PIN_FILE
        if path.stat().st_size > MAX_FILE:
            return None
        raw = json.loads(path.read_text("utf-8"))
        if not isinstance(raw, dict) or raw.get("format") != 2:
            return None
        iterations, failures, wait_until = raw["iterations"], raw.get("failures", 0), raw.get("wait_until", 0.0)
        if type(iterations) is not int or not MIN_ITERATIONS <= iterations <= MAX_ITERATIONS:
            return None
        if type(failures) is not int or not 0 <= failures <= 1_000_000:
            failures = FREE_TRIES  # a damaged counter counts as spent free tries, never as a fresh start
        if isinstance(wait_until, bool) or not isinstance(wait_until, (int, float)) or wait_until != wait_until:
            wait_until = now + MAX_WAIT
        wait_until = min(float(wait_until), now + MAX_WAIT)  # a wait far in the future is capped, not a lock
        salt, nonce, sealed = (bytes.fromhex(raw[k]) for k in ("salt", "nonce", "key"))
        public = raw["public"]
        if len(salt) != 16 or len(nonce) != 12 or len(sealed) != 48 or not isinstance(public, str) or \
                len(public) != 64:
            return None
        bytes.fromhex(public)
        return _Stored(salt, iterations, nonce, sealed, public, failures, wait_until)
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
