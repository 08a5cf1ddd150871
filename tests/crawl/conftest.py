"""The crawl's data: the project's own generator at a small scale, made once for the module, with a user
for each persona.

The seeded data lives in a transaction opened for the module and rolled back after it, so each test's
own transaction is a savepoint inside it and the rest of the suite still starts from an empty database.
"""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings

from .personas import PERSONAS, persona_user, seed

# Argon2 costs most of a second per password checked on a busy machine; the crawl checks pages, not
# hashing, so the seeded people get a fast hash (Argon2 still verifies any hash it made).
FAST_HASHING = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The seeded database for the whole module, rolled back at its end; persona name -> user."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHING):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            seed()
            users = {persona: persona_user(persona) for persona in PERSONAS}
            missing = [p for p, u in users.items() if p != "anonymous" and u is None]
            assert not missing, f"the generator made no user for {missing}"
            yield users
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
