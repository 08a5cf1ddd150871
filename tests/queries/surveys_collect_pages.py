"""The query-count cases of the surveys' collection part: the team's raw responses, the invitations, the
interviewers' assignments, the quotas and their board, and an interviewer's own page, registered into
`PAGE_CASES` on import. `LIST_PAGES` and `NOT_LISTS` declare the part's pages."""

from django.urls import reverse

from tests.queries.support import SERIALS, page_case

FORM_OR_ACTION = "a form or an action: it shows no list of records"
ONE_RECORD = "one record and its own bounded parts, not a list of records"


def _survey(ctx):
    from azamat.testing import surveys_factories as sf

    if "collect_survey" not in ctx:
        ctx["collect_survey"] = sf.survey(by=ctx["alice"], organisation=ctx["ngo"])
    return ctx["collect_survey"]


def _interviewer(serial: int):
    from azamat.testing.factories import UserFactory

    return UserFactory(email=f"interviewer{serial}@example.kz", full_name=f"Интервьюер {serial}")


@page_case(
    "a survey's responses",
    persona="alice",
    url=lambda ctx: reverse("surveys:responses", args=[_survey(ctx).pk]),
)
def _responses(k, ctx):
    """Responses by k more interviewers on their assignments, some flagged and reviewed."""
    from azamat.testing import surveys_factories as sf

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        person = _interviewer(serial)
        work = sf.assignment(_survey(ctx), person, area=f"Участок {serial}")
        sf.response(
            _survey(ctx), interviewer=person, assignment=work, too_fast=serial % 2 == 0, review="approved"
        )
        rows.append(f"Участок {serial}")
    return rows


@page_case(
    "a survey's invitations",
    persona="alice",
    url=lambda ctx: reverse("surveys:invitations", args=[_survey(ctx).pk]),
)
def _invitations(k, ctx):
    from azamat.surveys.models import Invitation
    from azamat.testing import surveys_factories as sf

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        invitation = Invitation.objects.create(
            survey=_survey(ctx), email=f"invited{serial}@example.kz", email_key=f"key{serial}"
        )
        if serial % 2:
            sf.response(_survey(ctx), invitation=invitation, mode="invitation")
        rows.append(f"invited{serial}@example.kz")
    return rows


@page_case(
    "a survey's interviewers",
    persona="alice",
    url=lambda ctx: reverse("surveys:assignments", args=[_survey(ctx).pk]),
)
def _assignments(k, ctx):
    from azamat.testing import surveys_factories as sf

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        person = _interviewer(serial)
        work = sf.assignment(_survey(ctx), person, area=f"Маршрут {serial}")
        sf.response(_survey(ctx), interviewer=person, assignment=work)
        rows.append(f"Маршрут {serial}")
    return rows


@page_case(
    "a survey's quotas", persona="alice", url=lambda ctx: reverse("surveys:quotas", args=[_survey(ctx).pk])
)
def _quotas(k, ctx):
    from azamat.testing import surveys_factories as sf

    rows = []
    for _ in range(k):
        label = f"Квота {next(SERIALS)}"
        sf.quota(_survey(ctx), label=label)
        rows.append(label)
    return rows


@page_case(
    "a survey's quota board",
    persona="alice",
    url=lambda ctx: reverse("surveys:quota_board", args=[_survey(ctx).pk]),
)
def _board(k, ctx):
    from azamat.testing import surveys_factories as sf

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        sf.quota(_survey(ctx), label=f"Ячейка {serial}")
        person = _interviewer(serial)
        sf.response(_survey(ctx), interviewer=person, assignment=sf.assignment(_survey(ctx), person))
        rows.append(f"Ячейка {serial}")
        rows.append(f"Интервьюер {serial}")
    return rows


@page_case("an interviewer's interviews", persona="carol", url=lambda ctx: reverse("surveys:interviews"))
def _interviews(k, ctx):
    """k more surveys the interviewer works on, each with an assignment, a quota and an interview."""
    from azamat.testing import surveys_factories as sf

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        made = sf.survey(by=ctx["alice"], organisation=ctx["ngo"], title=f"Опрос {serial}")
        work = sf.assignment(made, ctx["carol"], area=f"Район {serial}")
        sf.quota(made, label=f"Полная {serial}", target=0)
        sf.response(made, interviewer=ctx["carol"], assignment=work)
        rows.extend([f"Район {serial}", f"Полная {serial}"])
    return rows


LIST_PAGES = {
    "surveys:responses": "a survey's responses",
    "surveys:invitations": "a survey's invitations",
    "surveys:assignments": "a survey's interviewers",
    "surveys:quotas": "a survey's quotas",
    "surveys:quota_board": "a survey's quota board",
    "surveys:interviews": "an interviewer's interviews",
}
NOT_LISTS = {
    "surveys:respond": FORM_OR_ACTION,
    "surveys:invitation": FORM_OR_ACTION,
    "surveys:page": "one page of the form: its questions, bounded by the form",
    "surveys:done": "a message",
    "surveys:assignment": FORM_OR_ACTION,
    "surveys:interview_start": FORM_OR_ACTION,
    "surveys:paper": "the whole form for typing in one questionnaire, bounded by the form",
    "surveys:quota": FORM_OR_ACTION,
    "surveys:quota_grid": FORM_OR_ACTION,
    "surveys:response": ONE_RECORD + " (its answers, bounded by the form, and its review decisions)",
}
