"""The shareable results: public, by its link (?t=token) or for the team, as a page and as a PDF. Never a
personal question; open text only when the team chose it."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from azamat.core.permissions import require
from azamat.core.public_cache import public_page, topics_bump
from azamat.surveys import analysis
from azamat.surveys import definition as form
from azamat.surveys.analysis_forms import ReportQuestionsForm
from azamat.surveys.analysis_views import decorate
from azamat.surveys.models import Survey
from azamat.surveys.permissions import can_manage_survey, can_view_report, is_team

TEXT_SHOWN = 30


def _survey(request, pk) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("organisation", "council", "body"), pk=pk)
    require(can_view_report(request.user, survey, request.GET.get("t", "")))
    return survey


def report_sections(survey: Survey, *, weighted: bool = False, language: str | None = None) -> list[dict]:
    """The report's sections: its questions' numbers (weighted when the survey has weights and it is asked), with
    at most TEXT_SHOWN answers of an open question the team chose."""
    version = survey.current_version()
    definition = version.definition if version else {"children": []}
    names = analysis.report_questions(survey, definition)
    sections = analysis.summary(survey, names=names, weighted=weighted, include_text=True, language=language)
    for section in sections:
        if section["kind"] == "text":
            section["answers"] = [
                row["answer"] for row in analysis.open_answers(survey, section["name"])[:TEXT_SHOWN]
            ]
    return decorate(sections)


def _question_choices(survey: Survey) -> list[tuple[str, str]]:
    version = survey.current_version()
    definition = version.definition if version else {"children": []}
    language = get_language()
    return [
        (node["name"], form.text(node.get("label"), language, definition.get("languages")) or node["name"])
        for node in form.questions(definition)
        if not node.get("personal")
    ]


def report_topics(request, pk) -> list[str]:
    """The public report's cache topic: bump `survey:<pk>:report` when its results or visibility change (the page
    is at most PUBLIC_CACHE_SECONDS old otherwise)."""
    return [f"survey:{pk}:report"]


@require_http_methods(["GET", "POST"])
@public_page(topics=report_topics)
def report(request, pk):
    survey = _survey(request, pk)
    if request.method == "POST":
        require(can_manage_survey(request.user, survey))
        questions_form = ReportQuestionsForm(request.POST, choices=_question_choices(survey))
        if not questions_form.is_valid():
            messages.error(request, _("Choose among the listed questions."))
            return redirect(reverse("surveys:report", args=[survey.pk]))
        survey.report_questions = questions_form.cleaned_data["questions"]
        survey.save(update_fields=["report_questions", "updated_at"])
        topics_bump(f"survey:{survey.pk}:report")
        messages.success(request, _("The report's questions are saved."))
        return redirect(reverse("surveys:report", args=[survey.pk]))
    weighted = survey.population_shares.exists()
    team = is_team(request.user, survey)
    token = request.GET.get("t", "")
    context = {
        "survey": survey,
        "sections": report_sections(survey, weighted=weighted),
        "weighted": weighted,
        "total": analysis.responses(survey).count(),
        "team": team,
        "manager": bool(can_manage_survey(request.user, survey)),
        "questions_form": ReportQuestionsForm(
            initial={"questions": survey.report_questions}, choices=_question_choices(survey)
        )
        if team
        else None,
        "share_link": request.build_absolute_uri(reverse("surveys:report", args=[survey.pk]))
        + f"?t={survey.report_token}"
        if team and survey.results == Survey.Results.LINK
        else "",
        "token": token if token == survey.report_token else "",
    }
    response = render(request, "surveys/analysis/report.html", context)
    if survey.results != Survey.Results.PUBLIC or team:
        response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD"])
def report_pdf(request, pk):
    from azamat.surveys.report_pdf import report_pdf as build

    survey = _survey(request, pk)
    weighted = survey.population_shares.exists()
    content = build(
        survey,
        report_sections(survey, weighted=weighted),
        total=analysis.responses(survey).count(),
        weighted=weighted,
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-report.pdf"'
    if survey.results != Survey.Results.PUBLIC:
        response["Cache-Control"] = "private, no-store"
    return response
