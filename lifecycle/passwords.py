"""Passwords: the product's rule for an acceptable one, and argon2 hashing (argon2-cffi).

Only the argon2 hash is stored. A session remembers a short digest of the
hash (``session_key``), so changing a password ends every other session.
"""
from __future__ import annotations

import hashlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from lifecycle.errors import InvalidInput

MIN_LENGTH = 10   # product rule: long rather than complex (NCSC password guidance)
MAX_LENGTH = 200

_hasher = PasswordHasher()
# Verified against when the user is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("no such user, no such password")


def check_password(password: str | None, field: str = "password") -> str:
    """The password if it is acceptable; else ``InvalidInput`` naming ``field`` and the rule."""
    if not password:
        raise InvalidInput(f"{field} is required", {field: ["Enter a password."]})
    if len(password) < MIN_LENGTH:
        raise InvalidInput(f"{field} is too short", {
            field: [f"Password must be at least {MIN_LENGTH} characters."]})
    if len(password) > MAX_LENGTH:
        raise InvalidInput(f"{field} is too long", {
            field: [f"Password must be at most {MAX_LENGTH} characters."]})
    return password


def hash_password(password: str) -> str:
    """The argon2 hash to store."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; an unknown user (no hash) costs the same time and fails."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def session_key(password_hash: str | None) -> str:
    """A digest of the stored hash: sessions made before a password change no longer match."""
    return hashlib.sha256((password_hash or "").encode()).hexdigest()[:16]
