"""Secrets kept at rest, such as a board's webhook signing secret, encrypted with Fernet
(``cryptography``: AES-128-CBC with an HMAC-SHA256) under ``CYPP_SECRETS_KEY``.

``CYPP_SECRETS_KEY`` is one Fernet key (32 url-safe base64 bytes), or several separated by
commas to rotate: the first encrypts, any of them decrypts. Without it the service refuses
to store a secret rather than keep it readable by anyone with a copy of the database, and
a webhook whose secret cannot be read fails its delivery with a message naming the variable.
A stored secret is ``fernet:<token>``.
"""
from __future__ import annotations

import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from lifecycle.errors import InvalidInput

ENV = "CYPP_SECRETS_KEY"
PREFIX = "fernet:"
MAKE_ONE = ('python -c "from cryptography.fernet import Fernet; '
            'print(Fernet.generate_key().decode())"')


class SecretsKeyMissing(InvalidInput):
    """No ``CYPP_SECRETS_KEY``: a secret can be neither stored nor read."""

    code = "secrets_key_missing"


class SecretUnreadable(Exception):
    """A stored secret that none of the configured keys decrypts."""


def _cipher(environ=None) -> MultiFernet | None:
    raw = (environ if environ is not None else os.environ).get(ENV, "").strip()
    if not raw:
        return None
    try:
        return MultiFernet([Fernet(key.strip()) for key in raw.split(",") if key.strip()])
    except ValueError:
        raise ValueError(f"{ENV} must be Fernet keys (32 url-safe base64-encoded bytes each, "
                         f"separated by commas); make one with {MAKE_ONE}") from None


def is_sealed(stored: str | None) -> bool:
    """Whether ``stored`` is an encrypted secret (not plain text from before encryption)."""
    return bool(stored) and stored.startswith(PREFIX)


def seal(secret: str, environ=None) -> str:
    """``secret`` encrypted for storage; ``SecretsKeyMissing`` without a key."""
    cipher = _cipher(environ)
    if cipher is None:
        raise SecretsKeyMissing(
            f"secrets are stored encrypted and {ENV} is not set; set it to a key made with "
            f"{MAKE_ONE} and restart", {"webhook_secret": [f"{ENV} is not set."]})
    return PREFIX + cipher.encrypt(secret.encode()).decode()


def unseal(stored: str, environ=None) -> str:
    """The secret in ``stored``; ``SecretsKeyMissing`` or ``SecretUnreadable`` if it cannot be."""
    if not is_sealed(stored):
        return stored
    cipher = _cipher(environ)
    if cipher is None:
        raise SecretsKeyMissing(f"a stored secret needs {ENV} to be read, and it is not set")
    try:
        return cipher.decrypt(stored[len(PREFIX):].encode()).decode()
    except InvalidToken:
        raise SecretUnreadable(f"no key in {ENV} decrypts the stored secret (was the key "
                               f"changed without keeping the old one after a comma?)") from None
