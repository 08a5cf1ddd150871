"""The query-count cases of the public-control pages (the list of checks, a check's recommendations and team),
registered into `PAGE_CASES` on import; `LIST_PAGES` and `NOT_LISTS` name every page of the checks for
test_list_queries.py's declaration test."""

import datetime

from django.urls import reverse
from django.utils import timezone

from azamat.registry.models import GovernmentBody
from azamat.testing import control_factories as make
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.queries.support import SERIALS, other_region, page_case


def _body(serial: int) -> GovernmentBody:
    return GovernmentBody.objects.order_by("pk")[serial % GovernmentBody.objects.count()]


def _runner(serial: int):
    """A person leading a check for an NGO of their own, in a region of its own."""
    person = UserFactory(full_name=f"Бақылаушы Номер{serial}")
    organisation = OrganisationFactory(region=other_region(serial))
    MembershipFactory(user=person, organisation=organisation)
    return person, organisation


@page_case("public-control checks", persona=None, url=lambda ctx: reverse("accountability:control_checks"))
def _checks(k, ctx):
    rows = []
    today = timezone.localdate()
    for n in range(k):
        serial = next(SERIALS)
        person, organisation = _runner(serial)
        check = make.check(
            by=person,
            organisation=organisation,
            body=_body(serial),
            subject=f"Қоғамдық мониторинг {serial}",
            method=["monitoring", "hearing", "expertise"][n % 3],
            starts_on=today - datetime.timedelta(days=10 + serial),
        )
        if n % 2:  # some sent recommendations, some completed: each row's tags differ
            make.with_findings(check, by=person)
            make.draft(check, by=person, body=_body(serial + 1))
            from azamat.accountability.control import recommendations_send

            recommendations_send(check=check, by=person, quiet=True)
            make.completed(check, by=person, document=False)
        rows.append(check.subject)
    return rows


def _shared_check(ctx):
    """The check whose page the next case counts: made when its address is first asked for."""
    if "control_check" not in ctx:
        person, organisation = _runner(next(SERIALS))
        ctx["control_check"] = make.check(by=person, organisation=organisation, body=_body(0))
        ctx["control_person"] = person
        make.with_findings(ctx["control_check"], by=person)
    return ctx["control_check"]


@page_case(
    "a check's team and recommendations",
    persona=None,
    url=lambda ctx: reverse("accountability:control_check", args=[_shared_check(ctx).pk]),
)
def _check_recommendations(k, ctx):
    from azamat.accountability import control
    from azamat.accountability.models import Item

    check, person = ctx["control_check"], ctx["control_person"]
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        teammate = UserFactory(full_name=f"Команда Мүшесі{serial}")
        control.check_member_add(check=check, by=person, email=teammate.email)
        rows.append(teammate.full_name)
        # Items of this check as if sent in several rounds (the service sends one round per check).
        item = Item.objects.create(
            kind="recommendation",
            rule_id=_rule_id(),
            title=f"Ұсыным {serial}",
            text="Мәтін",
            body=_body(serial),
            sent_on=timezone.localdate(),
            due_on=timezone.localdate() + datetime.timedelta(days=30),
            long_overdue_on=timezone.localdate() + datetime.timedelta(days=60),
            source_type=_content_type(),
            source_id=check.pk,
            number=f"R-q-{serial:06d}",
        )
        rows.append(item.title)
    return rows


def _rule_id() -> int:
    from azamat.accountability.models import DeadlineRule

    return DeadlineRule.objects.get(code="public_control").pk


def _content_type():
    from django.contrib.contenttypes.models import ContentType

    from azamat.accountability.models import Check

    return ContentType.objects.get_for_model(Check)


# For test_list_queries.py: every page of the checks, as a list with its case or as no list with why.
LIST_PAGES = {
    "accountability:control_checks": "public-control checks",
    "accountability:control_check": "a check's team and recommendations",
}
_ONE_RECORD = "one record and its own bounded parts (sections, a handful of lines), not a list of records"
_FORM_OR_ACTION = "a form or an action: it shows no list of records"
NOT_LISTS = {
    "accountability:control_check_create": _FORM_OR_ACTION,
    "accountability:control_check_edit": _ONE_RECORD + " (the check's team: a handful of people)",
    "accountability:control_check_team_add": _FORM_OR_ACTION,
    "accountability:control_check_team_remove": _FORM_OR_ACTION,
    "accountability:control_check_results": _ONE_RECORD,
    "accountability:control_check_document_upload": _FORM_OR_ACTION,
    "accountability:control_check_document": "a file download",
    "accountability:control_check_complete": _FORM_OR_ACTION,
    "accountability:control_check_recommendations": _ONE_RECORD
    + " (the check's drafts, prefetched with bodies)",
    "accountability:control_recommendation_remove": _FORM_OR_ACTION,
    "accountability:control_recommendations_send": _ONE_RECORD + " (the drafts to confirm, prefetched)",
}
