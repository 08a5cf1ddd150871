"""Sensitive text kept sealed in the database (a petition signer's email): encrypted with a key derived from
SECRET_KEY (or AZAMAT_SEAL_KEY when set, so the key can be rotated apart from sessions), read back only by the
code that needs it. `keyed_digest` gives a stable, non-reversible key for uniqueness (one signature per email)
without keeping the text readable."""

import base64
import hashlib
import hmac
import os
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models


@cache
def _secret() -> bytes:
    return (os.environ.get("AZAMAT_SEAL_KEY") or settings.SECRET_KEY).encode()


@cache
def _fernet() -> Fernet:
    key = hashlib.sha256(b"azamat-seal:" + _secret()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode("ascii") if text else ""


def unseal(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode()
    except InvalidToken:
        return ""


def keyed_digest(purpose: str, text: str) -> str:
    """HMAC-SHA256 of `text` under a key for `purpose`: equal texts give equal digests, nothing gives the text."""
    key = hashlib.sha256(purpose.encode() + b":" + _secret()).digest()
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


class SealedTextField(models.TextField):
    """A text column stored encrypted; Python code reads and writes plain text. Cannot be searched or ordered."""

    def from_db_value(self, value, expression, connection):
        return unseal(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return seal(value) if value else value
