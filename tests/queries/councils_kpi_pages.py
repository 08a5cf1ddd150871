"""The query-count cases of members' KPIs, the annual report and candidates (a council's periods, a ranking, the
ranking across a level, a person's own results, a period's assessors, an assessor's scores, the annual report,
the lists of candidates and a list's candidates), registered into `PAGE_CASES` on import."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from azamat.core.working_days import add_working_days
from azamat.testing.councils_factories import (
    CommitteeFactory,
    CouncilFactory,
    GovernmentBodyFactory,
    MeetingFactory,
    MemberFactory,
)
from azamat.testing.factories import OrganisationFactory, UserFactory
from tests.queries.councils_pages import shared_council
from tests.queries.support import SERIALS, page_case


def _period(ctx, key: str, *, published: bool, council=None):
    if key not in ctx:
        from azamat.councils.services.kpi import period_open

        council = council or shared_council(ctx)
        period = period_open(
            council=council,
            name=f"Queries period {key}",
            starts_on=council.term_starts_on,
            ends_on=timezone.localdate(),
            by=ctx["alice"],
            check_permission=False,
        )
        if published:
            period.published_at = timezone.now()
            period.save()
        ctx[key] = period
    return ctx[key]


def _shared_meeting(ctx):
    if "kpi_meeting" not in ctx:
        ctx["kpi_meeting"] = MeetingFactory(
            council=shared_council(ctx), starts_at=timezone.now() - datetime.timedelta(days=1)
        )
    return ctx["kpi_meeting"]


@page_case(
    "a council's KPI periods",
    persona=None,
    url=lambda ctx: reverse("councils:kpi", args=[shared_council(ctx).pk]),
)
def _periods(k, ctx):
    from azamat.councils.kpi_models import AssessmentPeriod

    council = shared_council(ctx)
    return [
        AssessmentPeriod.objects.create(
            council=council,
            name=f"Period {next(SERIALS)}",
            starts_on=council.term_starts_on,
            ends_on=timezone.localdate(),
            published_at=timezone.now(),
        ).name
        for _ in range(k)
    ]


def _ranked_member(ctx, period):
    """A member with an account, present at a meeting, on a committee, scored by an assessor, with an implemented
    recommendation of their own: every criterion has data."""
    from azamat.accountability.models import Item
    from azamat.accountability.services import item_send
    from azamat.councils.kpi_models import Score
    from azamat.councils.models import Attendance

    serial = next(SERIALS)
    council = period.council
    member = MemberFactory(council=council, full_name=f"Ranked Number{serial}", user=UserFactory())
    member.committees.set(
        [
            CommitteeFactory(
                council=council, name_kk=f"KPI комиссиясы {serial}", name_ru=f"KPI committee {serial}"
            )
        ]
    )
    Attendance.objects.create(meeting=_shared_meeting(ctx), member=member, status="present")
    Score.objects.create(
        criterion=period.criteria.get(code="transparency"),
        member=member,
        assessor=ctx["alice"],
        value=Decimal(serial % 10),
        justification="Обосновано.",
    )
    item = item_send(
        kind="recommendation",
        rule="council_recommendation",
        body=GovernmentBodyFactory(),
        title=f"Recommendation {serial}",
        text="Рекомендовать.",
        author=member.user,
        due_on=add_working_days(timezone.localdate(), 20),
        quiet=True,
    )
    Item.objects.filter(pk=item.pk).update(outcome="accepted", implemented_on=timezone.localdate())
    return member.full_name


@page_case(
    "a KPI ranking",
    persona=None,
    url=lambda ctx: reverse(
        "councils:kpi_period", args=[shared_council(ctx).pk, _period(ctx, "kpi_published", published=True).pk]
    ),
)
def _ranking(k, ctx):
    period = _period(ctx, "kpi_published", published=True)
    return [_ranked_member(ctx, period) for _ in range(k)]


@page_case(
    "KPI ranking across a level",
    persona=None,
    url=lambda ctx: reverse("councils:kpi_level", args=["central"]) + f"?year={timezone.localdate().year}",
)
def _level(k, ctx):
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        council = CouncilFactory(name_en=f"Level council {serial}", body=GovernmentBodyFactory())
        member = MemberFactory(council=council, full_name=f"Level Member{serial}")
        _period(ctx, f"level-{serial}", published=True, council=council)
        rows.append(member.full_name)
    return rows


@page_case("my KPI results", persona="alice", url=lambda ctx: reverse("councils:kpi_mine"))
def _mine(k, ctx):
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        council = CouncilFactory(name_en=f"Seat council {serial}", body=GovernmentBodyFactory())
        MemberFactory(council=council, user=ctx["alice"], full_name="Alice")
        rows.append(_period(ctx, f"mine-{serial}", published=serial % 2 == 0, council=council).name)
    return rows


@page_case(
    "a KPI period's assessors",
    persona="alice",
    url=lambda ctx: reverse(
        "councils:kpi_period_manage",
        args=[shared_council(ctx).pk, _period(ctx, "kpi_open", published=False).pk],
    ),
)
def _assessors(k, ctx):
    from azamat.councils.kpi_models import PeriodAssessor

    period = _period(ctx, "kpi_open", published=False)
    rows = []
    for _ in range(k):
        user = UserFactory(full_name=f"Assessor Number{next(SERIALS)}")
        PeriodAssessor.objects.create(period=period, user=user)
        rows.append(user.full_name)
    return rows


def _scoring_period(ctx):
    from azamat.councils.kpi_models import PeriodAssessor

    period = _period(ctx, "kpi_open", published=False)
    PeriodAssessor.objects.get_or_create(period=period, user=ctx["alice"])
    return period


@page_case(
    "an assessor's scores",
    persona="alice",
    url=lambda ctx: reverse("councils:kpi_score", args=[shared_council(ctx).pk, _scoring_period(ctx).pk]),
)
def _scores(k, ctx):
    from azamat.councils.kpi_models import Score

    period = _scoring_period(ctx)
    rows = []
    for _ in range(k):
        member = MemberFactory(council=period.council, full_name=f"Scored Number{next(SERIALS)}")
        Score.objects.create(
            criterion=period.criteria.get(code="publicity"),
            member=member,
            assessor=ctx["alice"],
            value=Decimal(5),
            justification="Выступал в СМИ.",
        )
        rows.append(member.full_name)
    return rows


@page_case(
    "a council's annual report",
    persona=None,
    url=lambda ctx: reverse("councils:report", args=[shared_council(ctx).pk, timezone.localdate().year]),
)
def _report(k, ctx):
    """Meetings of the year with published minutes, each with a recommendation sent to its own body."""
    from azamat.accountability.services import item_send
    from azamat.councils.models import Decision

    council = shared_council(ctx)
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        meeting = MeetingFactory(
            council=council,
            starts_at=timezone.now() - datetime.timedelta(minutes=serial % 600 + 1),
            place=f"Hall {serial}",
            minutes="Протокол.",
            minutes_published_at=timezone.now(),
        )
        body = GovernmentBodyFactory()
        decision = Decision.objects.create(
            meeting=meeting,
            position=1,
            kind="recommendation",
            title=f"Report recommendation {serial}",
            text="Да.",
        )
        decision.addressees.set([body])
        item_send(
            kind="recommendation",
            rule="council_recommendation",
            body=body,
            title=decision.title,
            text=decision.text,
            source=decision,
            due_on=add_working_days(timezone.localdate(), 20),
            quiet=True,
        )
        rows.append(decision.title)
    return rows


@page_case(
    "a council's lists of candidates",
    persona="alice",
    url=lambda ctx: reverse("councils:candidates", args=[shared_council(ctx).pk]),
)
def _candidate_lists(k, ctx):
    from azamat.councils.candidate_models import CandidateList

    council = shared_council(ctx)
    rows = []
    for _ in range(k):
        candidate_list = CandidateList.objects.create(
            council=council,
            kind="rotation",
            opened_by=ctx["alice"],
            frozen_on=timezone.localdate(),
            frozen_at=timezone.now(),
            frozen_by=ctx["alice"],
        )
        rows.append(reverse("councils:candidate_list", args=[council.pk, candidate_list.pk]))
    return rows


def _open_list(ctx):
    from azamat.councils.candidate_models import CandidateList

    if "candidate_list" not in ctx:
        ctx["candidate_list"] = CandidateList.objects.create(council=shared_council(ctx), kind="rotation")
    return ctx["candidate_list"]


@page_case(
    "a list's candidates",
    persona="alice",
    url=lambda ctx: reverse("councils:candidate_list", args=[shared_council(ctx).pk, _open_list(ctx).pk]),
)
def _candidates(k, ctx):
    from azamat.councils.candidate_models import Candidate, Relation

    candidate_list = _open_list(ctx)
    rows = []
    for n in range(k):
        serial = next(SERIALS)
        candidate = Candidate.objects.create(
            candidate_list=candidate_list,
            full_name=f"Candidate Number{serial}",
            represents="ngo",
            organisation=OrganisationFactory(),
            motivation="Да.",
            declared_at=timezone.now(),
        )
        if n % 2:
            Relation.objects.create(
                candidate=candidate,
                kind="kin",
                relation="brother",
                official_name=f"Official {serial}",
                official_position="head",
                body=candidate_list.council.body,
            )
        rows.append(candidate.full_name)
    return rows


# What tests/queries/test_list_queries.py declares for these pages (the lead adds them to its tables).
LIST_PAGES = {
    "councils:kpi": "a council's KPI periods",
    "councils:kpi_period": "a KPI ranking",
    "councils:kpi_level": "KPI ranking across a level",
    "councils:kpi_mine": "my KPI results",
    "councils:kpi_period_manage": "a KPI period's assessors",
    "councils:kpi_score": "an assessor's scores",
    "councils:report": "a council's annual report",
    "councils:candidates": "a council's lists of candidates",
    "councils:candidate_list": "a list's candidates",
}
NOT_LISTS = {
    "councils:kpi_period_open": "a form or an action: it shows no list of records",
    "councils:kpi_export": "a file download",
    "councils:kpi_member": "one record and its own bounded parts: a member's seven or so criteria",
    "councils:kpi_criterion_add": "a form or an action: it shows no list of records",
    "councils:kpi_criterion_change": "a form or an action: it shows no list of records",
    "councils:kpi_assessor_add": "a form or an action: it shows no list of records",
    "councils:kpi_publish": "a form or an action: it shows no list of records",
    "councils:report_pdf": "a file download",
    "councils:candidate_list_open": "a form or an action: it shows no list of records",
    "councils:candidate_add": "a form or an action: it shows no list of records",
    "councils:candidate_list_freeze": "a form or an action: it shows no list of records",
    "councils:candidate": "one record and its own bounded parts: a candidate's few declared relations",
    "councils:candidate_relation_add": "a form or an action: it shows no list of records",
    "councils:candidate_declaration": "a form or an action: it shows no list of records",
}
