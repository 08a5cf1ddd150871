"""The query-count cases of the accountability module's public pages (the overview, a body's and a region's
figures, the ranking, the items list and their downloads) and of its API lists, registered into `PAGE_CASES`
and `API_CASES` on import. Rows are varied: different bodies and regions, answered and not, so that a query per
body, region or item cannot hide behind one shared row. `LIST_PAGES` and `NOT_LISTS` say the same for the
module's pages, for `test_every_page_declares_whether_it_lists_rows` to take in."""

import datetime

from django.urls import reverse
from django.utils import timezone

from azamat.registry.models import GovernmentBody
from tests.queries.support import SERIALS, api_case, other_region, page_case


def _officer(body):
    from azamat.accounts.models import PlatformRole
    from azamat.testing.factories import PlatformRoleFactory, UserFactory

    user = UserFactory()
    PlatformRoleFactory(user=user, role=PlatformRole.Role.GOVERNMENT_OFFICER, body=body)
    return user


def _body(serial: int, **extra) -> GovernmentBody:
    return GovernmentBody.objects.create(
        code=f"acc-body-{serial}",
        name_kk=f"Орган {serial}",
        name_ru=f"Орган {serial}",
        name_en=f"Body {serial}",
        kind="akimat",
        level="regional",
        region=other_region(serial),
        **extra,
    )


def items_of(k: int, *, body=None, region=None) -> list:
    """k public items, each of its own body (unless `body`) and region (unless `region`): every other one
    answered (on time or late), the others unanswered, sent over the last months."""
    from azamat.accountability import services

    today = timezone.localdate()
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        to = body or _body(serial)
        sent_on = today - datetime.timedelta(days=40 + serial % 200)
        item = services.item_send(
            kind="appeal",
            rule="appeal",
            body=to,
            title=f"Обращение номер {serial}",
            text="Просим ответить.",
            sent_on=sent_on,
            region=region or other_region(serial + 1),
            quiet=True,
        )
        if serial % 2:
            services.item_answer(
                item=item,
                by=_officer(to),
                outcome="accepted" if serial % 4 == 1 else "rejected",
                text="Ответ",
                answered_on=min(today, sent_on + datetime.timedelta(days=serial % 40)),
            )
        rows.append(item)
    return rows


@page_case("accountability overview", persona=None, url=lambda ctx: reverse("accountability:overview"))
def _overview(k, ctx):
    return [item.region.name_en for item in items_of(k)]  # the regions' table


@page_case(
    "a body's accountability figures",
    persona=None,
    url=lambda ctx: reverse("accountability:body", args=["mci-civil-society"]),
)
def _body_figures(k, ctx):
    items_of(k, body=GovernmentBody.objects.get(code="mci-civil-society"))
    return []  # figures and charts, not rows


@page_case(
    "a region's accountability figures",
    persona=None,
    url=lambda ctx: reverse("accountability:region", args=["750000000"]),
)
def _region_figures(k, ctx):
    from azamat.registry.models import Region

    almaty = Region.objects.get(kato="750000000")
    return [item.body.name_en for item in items_of(k, region=almaty)]  # the bodies' table


@page_case(
    "ranking of bodies", persona=None, url=lambda ctx: reverse("accountability:ranking") + "?min_items=1"
)
def _ranking(k, ctx):
    return [item.body.name_en for item in items_of(k)]


@page_case("accountability items", persona=None, url=lambda ctx: reverse("accountability:items"))
def _items(k, ctx):
    return [item.number for item in items_of(k)]


@page_case(
    "accountability items as CSV",
    persona=None,
    url=lambda ctx: reverse("accountability:items_download", args=["csv"]),
)
def _items_csv(k, ctx):
    return [item.number for item in items_of(k)]


@page_case(
    "ranking of bodies as CSV",
    persona=None,
    url=lambda ctx: reverse("accountability:ranking_download", args=["csv"]) + "?min_items=1",
)
def _ranking_csv(k, ctx):
    return [item.body.code for item in items_of(k)]


@page_case("feed of overdue items", persona=None, url=lambda ctx: reverse("accountability:feed_overdue"))
def _feed_overdue(k, ctx):
    return [item.number for item in items_of(k) if not item.outcome]  # sent 40 days ago or more: overdue


@page_case("feed of answered items", persona=None, url=lambda ctx: reverse("accountability:feed_answered"))
def _feed_answered(k, ctx):
    return [item.number for item in items_of(k) if item.outcome]


def _api_registered() -> bool:
    from azamat.api.urls import API_MODULES

    return "azamat.accountability.api" in API_MODULES


if _api_registered():  # once azamat/api/urls.py lists the module

    @api_case("accountability-item")
    def _api_items(k):
        return [(item, item.number) for item in items_of(k)]

    @api_case("accountability-body-statistics")
    def _api_body_statistics(k):
        return [(item.body, item.body.code) for item in items_of(k)]


LIST_PAGES = {
    "accountability:overview": "accountability overview",
    "accountability:body": "a body's accountability figures",
    "accountability:region": "a region's accountability figures",
    "accountability:ranking": "ranking of bodies",
    "accountability:items": "accountability items",
    "accountability:items_download": "accountability items as CSV",
    "accountability:ranking_download": "ranking of bodies as CSV",
    "accountability:feed_overdue": "feed of overdue items",
    "accountability:feed_answered": "feed of answered items",
}
NOT_LISTS = {
    "accountability:body_follow": "a form or an action: it shows no list of records",
    "accountability:region_follow": "a form or an action: it shows no list of records",
    "accountability:body_feed_overdue": "the national feed's query for one body (measured there)",
    "accountability:body_feed_answered": "the national feed's query for one body (measured there)",
}
