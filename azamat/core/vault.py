"""The vault: fields that can identify a person (a victim's name, a witness's phone, a source's account) stored
encrypted with keys that are not in the database, and searched only through keyed hashes.

Keys come from `settings.VAULT_KEYS` (Fernet keys, newest first: the first encrypts, every one decrypts) and
`settings.VAULT_INDEX_KEY` (the key of the blind index). Both are read from the environment
(`AZAMAT_VAULT_KEYS`, `AZAMAT_VAULT_INDEX_KEY`) or, for the demo and development, from a file generated on first
run under var/ (never in the database, never in a dump of it). Rotation: put a new key first in
`AZAMAT_VAULT_KEYS`, keep the old ones after it, run `azamat vault_rotate` (every sealed value re-encrypted with
the new key), then drop the old keys. docs/operations/vault.md says it step by step.

A `VaultField` reads and writes plain text in Python and stores a Fernet token; it cannot be filtered, ordered or
searched in SQL. `blind_tokens(text)` gives the keyed digests of a text's words (lower-cased, ё as е, punctuation
dropped): a record keeps them in a `search_index` column so that "Ахметов" finds a person without the column
holding the name. Equal words give equal digests (what a blind index is); nothing gives the word back.
"""

import base64
import hashlib
import hmac
import re
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

TOKEN_LENGTH = 16  # hex characters of a word's digest kept in an index: 64 bits, enough to tell words apart
_WORD = re.compile(r"[\w'-]+", re.UNICODE)


class VaultError(Exception):
    """A sealed value that none of the keys opens: the keys given are not the ones it was sealed with."""


@cache
def _fernet() -> MultiFernet:
    keys = [k for k in settings.VAULT_KEYS if k]
    if not keys:
        raise VaultError("No vault key: set AZAMAT_VAULT_KEYS.")
    return MultiFernet([Fernet(key.encode() if isinstance(key, str) else key) for key in keys])


@cache
def _index_key() -> bytes:
    return hashlib.sha256(b"azamat-vault-index:" + settings.VAULT_INDEX_KEY.encode()).digest()


def reset() -> None:
    """Forget the keys read (after the settings change: tests, rotation)."""
    _fernet.cache_clear()
    _index_key.cache_clear()


def new_key() -> str:
    return Fernet.generate_key().decode("ascii")


def seal(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode("ascii") if text else ""


def unseal(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode()
    except InvalidToken as error:
        raise VaultError("A sealed value that none of the vault keys opens.") from error


def rotate(token: str) -> str:
    """The same value sealed again with the first key (MultiFernet.rotate); empty stays empty."""
    return _fernet().rotate(token.encode("ascii")).decode("ascii") if token else ""


def normalise(word: str) -> str:
    return word.casefold().replace("ё", "е").strip("'-")


def words(text: str) -> list[str]:
    return [w for w in (normalise(m) for m in _WORD.findall(text or "")) if len(w) >= 2]


def blind_token(word: str) -> str:
    return hmac.new(_index_key(), normalise(word).encode(), hashlib.sha256).hexdigest()[:TOKEN_LENGTH]


def blind_tokens(*texts: str) -> str:
    """The index column's value: each distinct word's digest, space-separated and padded with spaces, so that a
    search for one word is `search_index__contains=f" {blind_token(word)} "`."""
    tokens = sorted({blind_token(w) for text in texts for w in words(text)})
    return f" {' '.join(tokens)} " if tokens else ""


def query_tokens(query: str) -> list[str]:
    """A search's words as the index keeps them: every one must be found."""
    return [f" {blind_token(w)} " for w in dict.fromkeys(words(query))]


class VaultField(models.TextField):
    """Text stored encrypted with the vault's keys; Python code reads and writes it in the clear."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return unseal(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return seal(value) if value else value

    def formfield(self, **kwargs):
        kwargs.setdefault("max_length", self.max_length or 20000)
        return super().formfield(**kwargs)


def encrypt_bytes(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt_bytes(data: bytes) -> bytes:
    try:
        return _fernet().decrypt(data)
    except InvalidToken as error:
        raise VaultError("A sealed file that none of the vault keys opens.") from error


def rotate_bytes(data: bytes) -> bytes:
    return _fernet().rotate(data)


def file_key_digest() -> str:
    """A short fingerprint of the current key (shown to administrators to tell keys apart; reveals nothing)."""
    first = settings.VAULT_KEYS[0].encode()
    return base64.b32encode(hashlib.sha256(first).digest()[:5]).decode("ascii")
