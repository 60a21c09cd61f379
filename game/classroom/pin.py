"""The teacher's PIN: set on first use, kept only as a salted, slow hash in the user-data folder (teacher.json).

It keeps curious students out of the teacher's menu on a shared PC; it is not a password to protect data (there is
no personal data to protect). Forgotten? Delete teacher.json and set a new one (docs/classroom.md)."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from pathlib import Path

from game.save import SaveError, atomic_write_json

PIN_FILE = "teacher.json"
ITERATIONS = 120_000  # about a tenth of a second on an old lab PC: slow for guessing, unnoticed by a teacher
MIN_DIGITS, MAX_DIGITS = 4, 8


def valid_pin(pin: str) -> bool:
    return pin.isdigit() and pin.isascii() and MIN_DIGITS <= len(pin) <= MAX_DIGITS


def has_pin(data_dir: Path) -> bool:
    return _read(data_dir) is not None


def set_pin(data_dir: Path, pin: str) -> bool:
    """Store a new PIN; False if the folder refused (the teacher is told, the game goes on)."""
    if not valid_pin(pin):
        raise ValueError("a PIN has 4 to 8 digits")
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, ITERATIONS)
    try:
        atomic_write_json(Path(data_dir) / PIN_FILE, {"format": 1, "salt": salt.hex(), "hash": digest.hex(),
                                                     "iterations": ITERATIONS})
    except SaveError:
        return False
    return True


def check_pin(data_dir: Path, pin: str) -> bool:
    stored = _read(data_dir)
    if stored is None or not valid_pin(pin):
        return False
    salt, digest, iterations = stored
    return hmac.compare_digest(hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations), digest)


def _read(data_dir: Path) -> tuple[bytes, bytes, int] | None:
    try:
        raw = json.loads((Path(data_dir) / PIN_FILE).read_text("utf-8"))
        return bytes.fromhex(raw["salt"]), bytes.fromhex(raw["hash"]), int(raw["iterations"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
