"""The query-count case of the surveys' form part: the form page, whose list of versions grows with every edit
of a form that has responses, registered into `PAGE_CASES` on import. `LIST_PAGES` and `NOT_LISTS` declare the
part's pages."""

from django.urls import reverse

from tests.queries.support import page_case

FORM_OR_ACTION = "a form or an action: it shows no list of records"


def _survey(ctx):
    from azamat.testing import surveys_factories as sf

    if "forms_survey" not in ctx:
        ctx["forms_survey"] = sf.survey(by=ctx["alice"], organisation=ctx["ngo"])
    return ctx["forms_survey"]


@page_case(
    "a survey's form and its versions",
    persona="alice",
    url=lambda ctx: reverse("surveys:form", args=[_survey(ctx).pk]),
)
def _versions(k, ctx):
    """k more versions of the form, each answered once (so each is kept); each row is its link's query."""
    from azamat.surveys.models import SurveyVersion
    from azamat.testing import surveys_factories as sf

    survey = _survey(ctx)
    rows = []
    for _ in range(k):
        current = survey.current_version()
        version = SurveyVersion.objects.create(
            survey=survey, number=current.number + 1, definition=current.definition, created_by=ctx["alice"]
        )
        sf.response(survey)
        rows.append(f"?version={version.number}")  # its download link
    return rows


LIST_PAGES = {"surveys:form": "a survey's form and its versions"}
NOT_LISTS = {
    "surveys:form_upload": FORM_OR_ACTION,
    "surveys:form_xlsform": "a file: the XLSForm of one version",
    "surveys:form_template": "a file: the starter XLSForm",
    "surveys:form_preview": "one page of the form as respondents see it, bounded by the form",
    "surveys:question_add": FORM_OR_ACTION,
    "surveys:question_edit": FORM_OR_ACTION + " (one question of the form)",
    "surveys:question_delete": FORM_OR_ACTION,
    "surveys:question_move": FORM_OR_ACTION,
    "surveys:choices": "one choice list of the form, bounded by the form (a JSON document, not rows)",
}
