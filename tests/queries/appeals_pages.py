"""The query-count cases of appeals and court actions: the list of one's appeals (sent ones with their items'
status) and a court case's hearings, registered into `PAGE_CASES` on import. Rows vary: different bodies,
campaigns, sent and unsent. `LIST_PAGES` and `NOT_LISTS` declare the module's pages."""

from django.urls import reverse
from django.utils import timezone

from tests.queries.support import SERIALS, other_region, page_case


def _body(serial: int):
    from azamat.registry.models import GovernmentBody

    return GovernmentBody.objects.create(
        code=f"appeals-body-{serial}",
        name_kk=f"Орган {serial}",
        name_ru=f"Орган {serial}",
        name_en=f"Body {serial}",
        kind="ministry",
        region=other_region(serial),
    )


@page_case("appeals", persona="alice", url=lambda ctx: reverse("campaigns:appeals"))
def _appeals(k, ctx):
    """Alice's organisation's appeals, each to its own body from its own campaign; every other one sent."""
    from azamat.campaigns.appeal_services import appeal_sent
    from azamat.testing import campaigns_factories as cf

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        campaign = cf.campaign(by=ctx["alice"], organisation=ctx["ngo"], title=f"Кампания {serial}")
        appeal = cf.appeal(campaign=campaign, body=_body(serial), subject=f"Обращение {serial}")
        if serial % 2:
            item = appeal_sent(appeal=appeal, by=ctx["alice"], sent_on=timezone.localdate(), channel="post")
            rows.append(item.body.name_en)
        rows += [appeal.subject, campaign.title]
    return rows


def _court(ctx):
    from azamat.testing import campaigns_factories as cf

    if "court_for_page" not in ctx:
        campaign = cf.campaign(by=ctx["alice"], organisation=ctx["ngo"])
        ctx["court_for_page"] = cf.court_action(campaign, case_number="7527-26-00-4/1")
    return ctx["court_for_page"]


@page_case(
    "a court case",
    persona="alice",
    url=lambda ctx: reverse("campaigns:court_case", args=[_court(ctx).campaign_id, _court(ctx).pk]),
)
def _court_case(k, ctx):
    from azamat.campaigns.court_services import hearing_add

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        hearing_add(
            action=_court(ctx), by=ctx["alice"], held_on=timezone.localdate(), notes=f"Заседание {serial}"
        )
        rows.append(f"Заседание {serial}")
    return rows


LIST_PAGES = {
    "campaigns:appeals": "appeals",
    "campaigns:court_case": "a court case",
}
NOT_LISTS = {
    "campaigns:appeal": "one appeal and the single item it was sent as",
    "campaigns:appeal_new": "a form (the template reads the campaign's needs and objectives once each)",
    "campaigns:appeal_new_free": "a form or an action: it shows no list of records",
    "campaigns:appeal_edit": "a form or an action: it shows no list of records",
    "campaigns:appeal_download": "a file download",
    "campaigns:appeal_sent": "a form or an action: it shows no list of records",
    "campaigns:court_edit": "a form or an action: it shows no list of records",
    "campaigns:hearing_add": "a form or an action: it shows no list of records",
}
