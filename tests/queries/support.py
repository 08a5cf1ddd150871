"""What the query-count tests share: counting a request's queries, the flat-count assertion, and the builders of
rows (each API list's, reused by the pages that show the same rows)."""

import itertools

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.models import Application
from azamat.registry.models import ActivityArea, GovernmentBody, Region
from azamat.testing.factories import OrganisationFactory

N = 3
SERIALS = itertools.count(1)


def count_queries(client, url: str) -> tuple[int, str]:
    cache.clear()  # a cached fragment must not make the second count smaller
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), response.content.decode()


def assert_flat(client, url: str, build, marker) -> None:
    """Build N rows, count; build N more, count; equal. `marker(row)` is text the list shows for a row."""
    first = build(N)
    client.get(url)  # warm up what is loaded once per process (content types, translations)
    with_n, page = count_queries(client, url)
    assert all(marker(row) in page for row in first)
    second = build(N)
    with_2n, page = count_queries(client, url)
    assert all(marker(row) in page for row in second), "the rows built second are listed too"
    assert with_2n == with_n, f"{url}: {with_n} queries for {N} rows, {with_2n} for {2 * N}"


def regions(k: int) -> list[Region]:
    return [
        Region.objects.create(
            kato=f"99{next(SERIALS):07d}", name_kk=f"Облыс {n}", name_ru=f"Область {n}", name_en=f"Region {n}"
        )
        for n in range(k)
    ]


def other_region(n: int) -> Region:
    return Region.objects.order_by("kato")[n % 17]


# --- The API -----------------------------------------------------------------------------------------------------

API_CASES = {}


def api_case(basename: str):
    def register(build):
        API_CASES[basename] = build
        return build

    return register


@api_case("region")
def _api_regions(k):
    return [(r, r.kato) for r in regions(k)]


@api_case("area")
def _api_areas(k):
    return [
        (a, a.code)
        for a in (
            ActivityArea.objects.create(
                code=f"area-{next(SERIALS)}", name_kk="Сала", name_ru="Сфера", name_en="Area"
            )
            for _ in range(k)
        )
    ]


@api_case("government-body")
def _api_bodies(k):
    parent = GovernmentBody.objects.get(code="mci")
    bodies = []
    for _n in range(k):
        serial = next(SERIALS)
        body = GovernmentBody.objects.create(
            code=f"body-{serial}",
            name_kk="Комитет",
            name_ru="Комитет",
            kind="committee",
            level="regional",
            region=other_region(serial),
            parent=parent,
        )
        bodies.append((body, body.code))
    return bodies


@api_case("organisation")
def _api_organisations(k):
    areas = list(ActivityArea.objects.order_by("code")[:3])
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        organisation = OrganisationFactory(region=other_region(serial), about_ru=f"Описание {serial}")
        organisation.areas.set(areas[: 1 + serial % 3])
        rows.append((organisation, organisation.bin))
    return rows


@api_case("call")
def _api_calls(k):
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        call = CallFactory(code=f"api-call-{serial}", grant_type=grant_type_for(serial))
        DirectionFactory(call=call, region=other_region(serial))
        DirectionFactory(call=call, position=2)
        rows.append((call, call.code))
    return rows


@api_case("direction")
def _api_directions(k):
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        direction = DirectionFactory(call=CallFactory(code=f"api-dir-{serial}"), region=other_region(serial))
        rows.append((direction, direction.call.code))
    return rows


@api_case("awarded-grant")
def _api_awarded(k):
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        call = CallFactory(
            code=f"api-award-{serial}",
            results_published=True,
            customer=GovernmentBody.objects.filter(kind="ministry").order_by("code")[serial % 3],
        )
        application = ApplicationFactory(
            direction=DirectionFactory(call=call, region=other_region(serial) if serial % 2 else None),
            call=call,
            organisation=OrganisationFactory(region=other_region(serial + 1)),
            status=Application.Status.AWARDED,
            number=f"KZ-2026-{serial:05d}",
        )
        rows.append((application, application.number))
    return rows


def grant_type_for(serial: int):
    from azamat.grants.models import GrantType

    return GrantType.objects.order_by("code")[serial % GrantType.objects.count()]


# --- The pages ---------------------------------------------------------------------------------------------------
# Each case: (persona, url, build). `build(k, ctx)` makes k more rows of the list and returns the text each row
# shows; ctx holds the personas and what a case made once (a call shared by its rows).

PAGE_CASES = {}


def page_case(name: str, *, persona: str | None, url):
    def register(build):
        PAGE_CASES[name] = (persona, url, build)
        return build

    return register


def make_operator():
    from azamat.testing.factories import PlatformRoleFactory, UserFactory

    user = UserFactory(email="queries-operator@example.kz")
    PlatformRoleFactory(user=user, role="grant_operator")
    return user


def shared_call(ctx, **extra):
    if "call" not in ctx:
        ctx["call"] = CallFactory(code="queries-call", **extra)
    return ctx["call"]


def application_of(call, status, serial, **extra):
    return ApplicationFactory(
        direction=DirectionFactory(call=call, region=other_region(serial) if serial % 2 else None),
        call=call,
        organisation=OrganisationFactory(region=other_region(serial)),
        status=status,
        number=f"KZ-2026-q-{serial:05d}",
        submitted_at=timezone.now(),
        **extra,
    )
