"""The query-count cases of the surveys' analysis part: the open answers of a question, the exports (the audit
list) and the API's list of surveys, registered into `PAGE_CASES` and `API_CASES` on import. `LIST_PAGES` and
`NOT_LISTS` declare the part's pages."""

from django.urls import reverse

from tests.queries.support import SERIALS, api_case, page_case

FORM_OR_ACTION = "a form or an action: it shows no list of records"
AGGREGATES = "aggregates: a fixed number of GROUP BY queries per question of the form, whatever the number of responses"


def _survey(ctx):
    from azamat.testing import surveys_factories as sf

    if "survey_for_page" not in ctx:
        ctx["survey_for_page"] = sf.survey(by=ctx["alice"], organisation=ctx["ngo"])
    return ctx["survey_for_page"]


@page_case(
    "a survey question's open answers",
    persona="alice",
    url=lambda ctx: reverse("surveys:open_answers", args=[_survey(ctx).pk, "why"]),
)
def _open_answers(k, ctx):
    from azamat.testing import surveys_factories as sf

    rows = []
    for _ in range(k):
        text = f"Ответ номер {next(SERIALS)}"
        sf.response(_survey(ctx), {"region": "751000000", "sex": "f", "why": text})
        rows.append(text)
    return rows


@page_case(
    "a survey's exports", persona="alice", url=lambda ctx: reverse("surveys:exports", args=[_survey(ctx).pk])
)
def _exports(k, ctx):
    from azamat.surveys.models import ExportJob, SurveyMember
    from azamat.testing.factories import UserFactory

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        person = UserFactory(email=f"exporter{serial}@example.kz", full_name=f"Аналитик {serial}")
        SurveyMember.objects.create(survey=_survey(ctx), user=person, role=SurveyMember.Role.ANALYST)
        ExportJob.objects.create(
            survey=_survey(ctx), requested_by=person, filters={"region_code": f"99{serial}"}
        )
        # The filters in words; an unknown code as it was given. "99…": no region's KATO code begins so, where a
        # small serial ("75") run alone named Almaty instead.
        rows.append(f": 99{serial}</td>")
    return rows


@api_case("survey")
def _api_surveys(k):
    from azamat.surveys.models import Survey
    from azamat.testing import surveys_factories as sf

    rows = []
    for _ in range(k):
        made = sf.survey(title=f"Открытый опрос {next(SERIALS)}", results=Survey.Results.PUBLIC)
        rows.append((made, made.title))
    return rows


LIST_PAGES = {
    "surveys:open_answers": "a survey question's open answers",
    "surveys:exports": "a survey's exports",
}
NOT_LISTS = {
    "surveys:analysis": AGGREGATES,
    "surveys:crosstab": AGGREGATES,
    "surveys:report": AGGREGATES,
    "surveys:report_pdf": AGGREGATES,
    "surveys:weights": "the weighting cells come from the form's choices, the shares in one query",
    "surveys:export": "one export's progress",
    "surveys:export_download": "a file download",
}
