"""The query-count cases of the councils module's pages (the registry, a council's members and meetings, upcoming
meetings, a meeting's decisions, the secretary's pages), registered into `PAGE_CASES` on import."""

import datetime

from django.urls import reverse
from django.utils import timezone

from azamat.core.working_days import add_working_days
from azamat.testing.councils_factories import (
    CommitteeFactory,
    CouncilFactory,
    CouncilSecretaryFactory,
    GovernmentBodyFactory,
    MeetingFactory,
    MemberFactory,
)
from azamat.testing.factories import OrganisationFactory
from tests.queries.support import SERIALS, other_region, page_case


def shared_council(ctx):
    """The council a page's address names, made before its rows; alice keeps it as its secretary."""
    if "council" not in ctx:
        ctx["council"] = CouncilFactory(name_en="Queries council")
        CouncilSecretaryFactory(council=ctx["council"], user=ctx["alice"])
    return ctx["council"]


def shared_meeting(ctx):
    """A held meeting of the shared council whose minutes are published."""
    if "council_meeting" not in ctx:
        ctx["council_meeting"] = MeetingFactory(
            council=shared_council(ctx),
            starts_at=timezone.now() - datetime.timedelta(days=2),
            minutes="Протокол заседания.",
            minutes_published_at=timezone.now() - datetime.timedelta(days=1),
        )
    return ctx["council_meeting"]


@page_case("councils", persona=None, url=lambda ctx: reverse("councils:list"))
def _councils(k, ctx):
    rows = []
    for _n in range(k):
        serial = next(SERIALS)
        council = CouncilFactory(
            name_en=f"Council {serial}", region=other_region(serial), body=GovernmentBodyFactory()
        )
        MemberFactory(council=council)
        rows.append(council.name_en)
    return rows


def _members(k, ctx):
    council = shared_council(ctx)
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        member = MemberFactory(
            council=council,
            full_name=f"Member Number{serial}",
            represents="ngo",
            organisation=OrganisationFactory(),
        )
        member.committees.set(
            [CommitteeFactory(council=council, name_kk=f"Комитет {serial}", name_ru=f"Committee {serial}")]
        )
        MemberFactory(council=council, full_name=f"Former Number{serial}", left_on=timezone.localdate())
        rows.append(member.full_name)
    return rows


page_case(
    "a council's members",
    persona=None,
    url=lambda ctx: reverse("councils:detail", args=[shared_council(ctx).pk]),
)(_members)
page_case(
    "a council's management",
    persona="alice",
    url=lambda ctx: reverse("councils:manage", args=[shared_council(ctx).pk]),
)(_members)


@page_case(
    "a council's meetings",
    persona=None,
    url=lambda ctx: reverse("councils:detail", args=[shared_council(ctx).pk]),
)
def _council_meetings(k, ctx):
    return [
        MeetingFactory(council=shared_council(ctx), place=f"Hall {next(SERIALS)}").place for _ in range(k)
    ]


@page_case("upcoming council meetings", persona=None, url=lambda ctx: reverse("councils:meetings"))
def _upcoming(k, ctx):
    rows = []
    for _ in range(k):
        council = CouncilFactory(name_en=f"Meeting council {next(SERIALS)}", body=GovernmentBodyFactory())
        MeetingFactory(council=council)
        rows.append(council.name_en)
    return rows


@page_case("councils kept by a secretary", persona="alice", url=lambda ctx: reverse("councils:mine"))
def _mine(k, ctx):
    rows = []
    for _ in range(k):
        council = CouncilFactory(name_en=f"Kept council {next(SERIALS)}", body=GovernmentBodyFactory())
        CouncilSecretaryFactory(council=council, user=ctx["alice"])
        rows.append(council.name_en)
    return rows


def _decisions(k, ctx):
    """Recommendations (each with its accountability items), agenda items and attendance of the meeting."""
    from azamat.accountability.services import item_send
    from azamat.councils.models import AgendaItem, Attendance, Decision

    meeting = shared_meeting(ctx)
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        item = AgendaItem.objects.create(meeting=meeting, position=serial % 30000, title=f"Question {serial}")
        body = GovernmentBodyFactory()
        decision = Decision.objects.create(
            meeting=meeting,
            agenda_item=item,
            position=serial % 30000,
            kind="recommendation",
            title=f"Recommendation {serial}",
            text="Рекомендовать.",
            due_on=add_working_days(timezone.localdate(), 20),
        )
        decision.addressees.set([body])
        item_send(
            kind="recommendation",
            rule="council_recommendation",
            body=body,
            title=decision.title,
            text=decision.text,
            source=decision,
            due_on=decision.due_on,
            quiet=True,
        )
        member = MemberFactory(council=meeting.council, full_name=f"Attendee {serial}")
        Attendance.objects.create(meeting=meeting, member=member, status="present")
        rows.append(decision.title)
    return rows


page_case(
    "a council meeting's decisions",
    persona=None,
    url=lambda ctx: shared_meeting(ctx).get_absolute_url(),
)(_decisions)


@page_case(
    "a council meeting's record",
    persona="alice",
    url=lambda ctx: reverse(
        "councils:meeting_manage",
        args=[
            shared_council(ctx).pk,
            MeetingFactory(council=shared_council(ctx), starts_at=timezone.now()).pk,
        ],
    ),
)
def _meeting_record(k, ctx):
    """Members marked on the attendance form of a meeting being recorded."""
    return [
        MemberFactory(council=shared_council(ctx), full_name=f"Seated {next(SERIALS)}").full_name
        for _ in range(k)
    ]


@page_case(
    "a council's proposed recommendations",
    persona="alice",
    url=lambda ctx: reverse("councils:proposals", args=[shared_council(ctx).pk]),
)
def _proposals(k, ctx):
    """Members' proposals waiting for the secretary (alice), every other one declined with its reason."""
    from azamat.councils.models import Proposal

    council = shared_council(ctx)
    rows = []
    for n in range(k):
        serial = next(SERIALS)
        member = MemberFactory(council=council, full_name=f"Proposer {serial}")
        proposal = Proposal.objects.create(
            council=council, member=member, title=f"Proposal {serial}", text="Текст.", body=council.body
        )
        if n % 2:
            Proposal.objects.filter(pk=proposal.pk).update(
                status=Proposal.Status.DECLINED, reason=f"Reason {serial}"
            )
            rows.append(f"Reason {serial}")
        rows += [proposal.title, member.full_name]
    return rows


ONE_RECORD = "one record and its own bounded parts, not a list of records"
FORM_OR_ACTION = "a form or an action: it shows no list of records"
LIST_PAGES = {
    "councils:list": "councils",
    "councils:detail": ("a council's members", "a council's meetings"),
    "councils:manage": "a council's management",
    "councils:meetings": "upcoming council meetings",
    "councils:mine": "councils kept by a secretary",
    "councils:meeting": "a council meeting's decisions",
    "councils:meeting_manage": "a council meeting's record",
    "councils:proposals": "a council's proposed recommendations",
}
NOT_LISTS = {
    "councils:calendar": "the iCalendar feed: its upcoming meetings are read in one query with their councils",
    "councils:council_calendar": "one council's iCalendar feed: one query for its meetings",
    "councils:document": "one file, sent after the permission check",
    "councils:report_pdf": "one council's annual report as a PDF",
    "councils:candidate": "one candidate and their declared relations",
    **dict.fromkeys(
        [
            "councils:create",
            "councils:proposal_submit",
            "councils:proposal_agenda",
            "councils:proposal_decline",
            "councils:proposal_withdraw",
            "councils:publish",
            "councils:member_add",
            "councils:member_edit",
            "councils:member_leave",
            "councils:committee_add",
            "councils:secretary_add",
            "councils:document_add",
            "councils:meeting_schedule",
            "councils:agenda_add",
            "councils:attendance",
            "councils:decision_add",
            "councils:minutes_save",
            "councils:minutes_publish",
            "councils:meeting_cancel",
            "councils:meeting_document_add",
            "councils:candidate_list_open",
            "councils:candidate_add",
            "councils:candidate_list_freeze",
            "councils:candidate_relation_add",
            "councils:candidate_declaration",
        ],
        FORM_OR_ACTION,
    ),
}
