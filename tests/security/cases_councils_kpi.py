"""The rows of members' KPIs, the annual report and candidates in the authorisation matrix, and their objects.

Built after `cases_councils.build` (it uses `w.council`, kept by the secretary persona, `w.other_council` and
`w.draft_council`). The monitor persona is the designated assessor of `w.kpi_period`; the citizen persona holds a
seat on `w.council`, so reads their own scores before publication. Empty POSTs by those allowed come back as the
form with its errors (400) or, for a step with nothing to type, a redirect (302).
"""

from django.utils import timezone

from tests.security.matrix import POST_ONLY, PUBLIC, SIGNED, Case, allow, table
from tests.security.world import World

MANAGERS = ("secretary", "platform_admin")
ADMIN = ("platform_admin",)
ASSESSORS = ("monitor",)


def build(w: World) -> None:
    from azamat.councils.candidate_models import Candidate, CandidateList
    from azamat.councils.kpi_models import PeriodAssessor
    from azamat.councils.services.kpi import period_open
    from azamat.testing.councils_factories import MemberFactory

    today = timezone.localdate()
    admin = w.people["platform_admin"]
    w.kpi_seat = MemberFactory(
        council=w.council, full_name="Член Со Своими Баллами", user=w.people["citizen"]
    )
    # The seat's proposed recommendations (their rows are in `cases_councils`): one for the secretary to take up,
    # one its author may withdraw.
    from azamat.councils.services.proposals import proposal_submit

    w.council_proposal, w.council_proposal_to_withdraw = (
        proposal_submit(
            council=w.council, title=title, text="Рекомендовать.", body=w.body, by=w.people["citizen"]
        )
        for title in ("Предложение члена совета", "Предложение, которое отзовут")
    )
    w.kpi_period = period_open(
        council=w.council, name="Период оценки", starts_on=w.council.term_starts_on, ends_on=today, by=admin
    )
    PeriodAssessor.objects.create(period=w.kpi_period, user=w.people["monitor"])
    w.kpi_criterion = w.kpi_period.criteria.get(code="transparency")
    w.kpi_published = period_open(
        council=w.council,
        name="Опубликованный период",
        starts_on=w.council.term_starts_on,
        ends_on=today,
        by=admin,
    )
    w.kpi_published.published_at = timezone.now()
    w.kpi_published.save()
    w.kpi_other_period = period_open(
        council=w.other_council,
        name="Чужой период",
        starts_on=w.other_council.term_starts_on,
        ends_on=today,
        by=admin,
    )
    w.kpi_other_criterion = w.kpi_other_period.criteria.get(code="transparency")
    w.candidate_list = CandidateList.objects.create(council=w.council, kind=CandidateList.Kind.ROTATION)
    w.candidate = Candidate.objects.create(
        candidate_list=w.candidate_list, full_name="Кандидат Своего", represents="citizen", motivation="Да."
    )
    w.other_candidate_list = CandidateList.objects.create(
        council=w.other_council, kind=CandidateList.Kind.ROTATION
    )
    w.other_candidate = Candidate.objects.create(
        candidate_list=w.other_candidate_list,
        full_name="Кандидат Чужого",
        represents="citizen",
        motivation="Да.",
    )


def _council(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


def _period(council, period, **extra):
    return lambda w: {"pk": getattr(w, council).pk, "period_pk": getattr(w, period).pk, **extra}


def _criterion(council, period, criterion):
    return lambda w: {
        "pk": getattr(w, council).pk,
        "period_pk": getattr(w, period).pk,
        "criterion_pk": getattr(w, criterion).pk,
    }


def _list(council, candidate_list):
    return lambda w: {"pk": getattr(w, council).pk, "list_pk": getattr(w, candidate_list).pk}


def _candidate(council, candidate_list, candidate):
    return lambda w: {
        "pk": getattr(w, council).pk,
        "list_pk": getattr(w, candidate_list).pk,
        "candidate_pk": getattr(w, candidate).pk,
    }


def _year(council):
    return lambda w: {"pk": getattr(w, council).pk, "year": timezone.localdate().year}


OWN_PERIOD = _period("council", "kpi_period")
OTHER_PERIOD = _period("other_council", "kpi_other_period")
OWN_LIST = _list("council", "candidate_list")
OTHER_LIST = _list("other_council", "other_candidate_list")
OWN_CANDIDATE = _candidate("council", "candidate_list", "candidate")
OTHER_CANDIDATE = _candidate("other_council", "other_candidate_list", "other_candidate")
# An unpublished period: its council's managers and its assessors (a refusal is a 403 page, even when signed out).
UNPUBLISHED = table("403", secretary="200", platform_admin="200", monitor="200")
OTHER_UNPUBLISHED = table("403", platform_admin="200")


def _managed(own, other, get=None, post=None):
    """A page or step for the council's managers: its secretary and the administrator; the other council's only
    the administrator."""
    return [
        Case("own", own, get or allow(MANAGERS), post and allow(MANAGERS, post), MANAGERS if post else ()),
        Case("other", other, get or allow(ADMIN), post and allow(ADMIN, post), ADMIN if post else ()),
    ]


def _managed_post(own, other, code):
    return _managed(own, other, get=POST_ONLY, post=code)


CASES: dict[str, list] = {
    # Members' KPIs: public once published.
    "councils:kpi_mine": [Case("", lambda w: {}, SIGNED)],
    "councils:kpi_level": [Case("", lambda w: {"level": "central"}, PUBLIC)],
    "councils:kpi": [
        Case("published council", _council("council"), PUBLIC),
        Case("unpublished council", _council("draft_council"), table("404", platform_admin="200")),
    ],
    "councils:kpi_period": [
        Case("unpublished", OWN_PERIOD, UNPUBLISHED),
        Case("published", _period("council", "kpi_published"), PUBLIC),
        Case("other council's", OTHER_PERIOD, OTHER_UNPUBLISHED),
    ],
    "councils:kpi_export": [
        Case("unpublished", _period("council", "kpi_period", fmt="csv"), UNPUBLISHED),
        Case("published", _period("council", "kpi_published", fmt="xlsx"), PUBLIC),
    ],
    "councils:kpi_member": [
        Case(
            "own seat, unpublished",
            lambda w: {"pk": w.council.pk, "period_pk": w.kpi_period.pk, "member_pk": w.kpi_seat.pk},
            table("403", citizen="200", secretary="200", platform_admin="200", monitor="200"),
        ),
        Case(
            "published",
            lambda w: {"pk": w.council.pk, "period_pk": w.kpi_published.pk, "member_pk": w.kpi_seat.pk},
            PUBLIC,
        ),
    ],
    "councils:kpi_period_open": _managed_post(_council("council"), _council("other_council"), "400"),
    "councils:kpi_period_manage": _managed(OWN_PERIOD, OTHER_PERIOD),
    "councils:kpi_criterion_add": _managed_post(OWN_PERIOD, OTHER_PERIOD, "400"),
    "councils:kpi_criterion_change": _managed(
        _criterion("council", "kpi_period", "kpi_criterion"),
        _criterion("other_council", "kpi_other_period", "kpi_other_criterion"),
        post="400",
    ),
    "councils:kpi_assessor_add": _managed_post(OWN_PERIOD, OTHER_PERIOD, "400"),
    "councils:kpi_publish": _managed_post(OWN_PERIOD, OTHER_PERIOD, "302"),
    # Only the period's designated assessors score (the administrator designates, and is not one by right).
    "councils:kpi_score": [
        Case("assessed", OWN_PERIOD, allow(ASSESSORS), allow(ASSESSORS, "400"), ASSESSORS),
        Case("not assessed", OTHER_PERIOD, allow(()), allow(()), ()),
    ],
    # The annual report: public for a published council.
    "councils:report": [
        Case("published", _year("council"), PUBLIC),
        Case("unpublished", _year("draft_council"), table("404", platform_admin="200")),
    ],
    "councils:report_pdf": [
        Case("published", _year("council"), PUBLIC),
        Case("unpublished", _year("draft_council"), table("404", platform_admin="200")),
    ],
    # Candidates: kept by the council's managers only.
    "councils:candidates": _managed(_council("council"), _council("other_council")),
    "councils:candidate_list_open": _managed_post(_council("council"), _council("other_council"), "400"),
    "councils:candidate_list": _managed(OWN_LIST, OTHER_LIST),
    "councils:candidate_add": _managed_post(OWN_LIST, OTHER_LIST, "400"),
    "councils:candidate_list_freeze": _managed_post(OWN_LIST, OTHER_LIST, "400"),
    "councils:candidate": _managed(OWN_CANDIDATE, OTHER_CANDIDATE),
    "councils:candidate_relation_add": _managed_post(OWN_CANDIDATE, OTHER_CANDIDATE, "400"),
    "councils:candidate_declaration": _managed_post(OWN_CANDIDATE, OTHER_CANDIDATE, "302"),
}
