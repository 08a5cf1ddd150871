"""Named personas every test can ask for: alice runs an NGO, bob is its member, carol is a stranger,
dana administers the platform."""

import os

import pytest

from azamat.accounts.models import PlatformRole
from azamat.registry.models import Membership
from azamat.testing.factories import MembershipFactory, OrganisationFactory, PlatformRoleFactory, UserFactory

# Tests marked `postgresql` need PostgreSQL's row locks (concurrent submissions, sittings closing at once). On a
# developer's SQLite run they are deselected, with the reason printed at the end; in CI (CI=1 or
# AZAMAT_REQUIRE_SERVICES=1) they always run, and on any other database they fail saying so.
REQUIRED = any(
    os.environ.get(name, "").lower() in {"1", "true", "yes"} for name in ("CI", "AZAMAT_REQUIRE_SERVICES")
)
_not_on_postgresql: list[str] = []


def _on_postgresql() -> bool:
    from django.conf import settings

    return "postgresql" in settings.DATABASES["default"]["ENGINE"]


def pytest_collection_modifyitems(config, items):
    if REQUIRED or _on_postgresql():
        return
    keep, drop = [], []
    for item in items:
        (drop if item.get_closest_marker("postgresql") else keep).append(item)
    if drop:
        _not_on_postgresql.extend(item.nodeid for item in drop)
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_runtest_setup(item):
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
        # A transactional test ends by emptying the database; without serialized_rollback the reference data
        # (regions, activity areas, content types) is gone for every test after it, which then fails far away.
        pytest.fail(
            "Mark it django_db(transaction=True, serialized_rollback=True): the tests after it need the data."
        )
    if item.get_closest_marker("postgresql") and not _on_postgresql():
        pytest.fail("This test needs PostgreSQL (row locks): set DATABASE_URL to a PostgreSQL database.")


def pytest_terminal_summary(terminalreporter):
    if _not_on_postgresql:
        terminalreporter.section("tests not run on SQLite (they need PostgreSQL; CI runs them)")
        for nodeid in _not_on_postgresql:
            terminalreporter.write_line(nodeid)


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
