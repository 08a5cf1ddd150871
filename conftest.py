"""Named personas every test can ask for: alice runs an NGO, bob is its member, carol is a stranger,
dana administers the platform."""

import pytest

from azamat.accounts.models import PlatformRole
from azamat.registry.models import Membership
from azamat.testing.factories import MembershipFactory, OrganisationFactory, PlatformRoleFactory, UserFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: what one test cached must not answer the next one's database."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def ngo(db):
    return OrganisationFactory(
        name_ru="Общественное объединение «Жарқын болашақ»", name_kk="«Жарқын болашақ» қоғамдық бірлестігі"
    )


@pytest.fixture
def alice(ngo):
    user = UserFactory(email="alice@example.kz", full_name="Алия Нурланова")
    MembershipFactory(user=user, organisation=ngo, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def bob(ngo):
    user = UserFactory(email="bob@example.kz", full_name="Бауыржан Ахметов")
    MembershipFactory(user=user, organisation=ngo, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def carol(db):
    return UserFactory(email="carol@example.kz", full_name="Камила Омарова")


@pytest.fixture
def dana(db):
    user = UserFactory(email="dana@example.kz", full_name="Динара Сейтказиева", is_staff=True)
    PlatformRoleFactory(user=user, role=PlatformRole.Role.PLATFORM_ADMIN)
    return user
