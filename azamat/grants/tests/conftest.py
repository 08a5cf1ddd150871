"""Personas shared by the grants tests (the project-wide ones are in the root conftest.py)."""

import pytest

from azamat.testing.factories import PlatformRoleFactory, UserFactory


@pytest.fixture
def operator(db):
    user = UserFactory(email="operator@example.kz")
    PlatformRoleFactory(user=user, role="grant_operator")
    return user
