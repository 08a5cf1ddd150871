"""Quotas: the list with a form to add one (answers ticked per question), edit or delete one, a grid (one quota
per combination of chosen questions' choices) and the live board, which works without JavaScript."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require
from azamat.surveys import definition as form
from azamat.surveys import quota_services as services
from azamat.surveys.collect_forms import GridForm, QuotaForm
from azamat.surveys.collect_views import _default_language, _see_other
from azamat.surveys.models import Quota, Survey
from azamat.surveys.permissions import can_manage_survey, can_view_responses, can_view_survey


def _choice_questions(survey: Survey, language: str, *, select_one_only: bool = False) -> list[dict]:
    version = survey.current_version()
    definition = version.definition if version else {}
    langs = definition.get("languages")
    result = []
    for node in form.questions(definition):
        if node["type"] not in form.CHOICE_TYPES or (select_one_only and node["type"] != "select_one"):
            continue
        choices = [
            {"name": c["name"], "label": form.text(c.get("label"), language, langs) or c["name"]}
            for c in definition.get("choices", {}).get(node.get("list"), [])
        ]
        result.append(
            {
                "name": node["name"],
                "label": form.text(node.get("label"), language, langs) or node["name"],
                "choices": choices,
            }
        )
    return result


def _posted_conditions(request, questions: list[dict]) -> dict:
    return {
        q["name"]: request.POST.getlist(f"c-{q['name']}")
        for q in questions
        if request.POST.getlist(f"c-{q['name']}")
    }


def _language(survey: Survey) -> str:
    version = survey.current_version()
    return _default_language(version.definition if version else {})


@require_http_methods(["GET", "POST"])
def quotas(request, pk: int):
    survey = get_object_or_404(Survey, pk=pk)
    require(can_view_responses(request.user, survey))
    language = _language(survey)
    questions = _choice_questions(survey, language)
    quota_form, conditions, status = QuotaForm(), {}, 200
    if request.method == "POST" and request.POST.get("action") == "targets":
        require(can_manage_survey(request.user, survey))
        targets = {
            key.removeprefix("target-"): value.strip()
            for key, value in request.POST.items()
            if key.startswith("target-") and key.removeprefix("target-").isdigit()
        }
        try:
            changed = services.quota_targets(survey=survey, targets=targets)
        except DomainError as error:
            messages.error(request, str(error))
            status = 400
        else:
            messages.success(request, _("%(count)s targets changed.") % {"count": changed})
            return _see_other(request.path)
    elif request.method == "POST":
        require(can_manage_survey(request.user, survey))
        quota_form = QuotaForm(request.POST)
        conditions = _posted_conditions(request, questions)
        if quota_form.is_valid():
            try:
                services.quota_create(
                    survey=survey, conditions=conditions, language=language, **quota_form.cleaned_data
                )
            except DomainError as error:
                form_error(quota_form, error)
            else:
                messages.success(request, _("Quota added."))
                return _see_other(request.path)
        status = 400
    rows = list(survey.quotas.all())
    for row in rows:  # a refused change of targets shows back what was typed
        row.shown_target = (
            request.POST.get(f"target-{row.pk}", row.target) if request.method == "POST" else row.target
        )
    context = {
        "survey": survey,
        "quotas": rows,
        "form": quota_form,
        "questions": questions,
        "conditions": conditions,
        "manage": bool(can_manage_survey(request.user, survey)),
    }
    return render(request, "surveys/collect/quotas.html", context, status=status)


@require_http_methods(["GET", "POST"])
def quota(request, pk: int, quota: int):
    survey = get_object_or_404(Survey, pk=pk)
    require(can_manage_survey(request.user, survey))
    item = Quota.objects.filter(pk=quota, survey=survey).first()
    if item is None:
        if request.method == "POST" and request.POST.get("action") == "delete":
            # Deleted twice (a second press, another tab, a colleague): the quotas, told so, not "page not found".
            messages.info(request, _("This quota is deleted already."))
            return _see_other(reverse("surveys:quotas", args=[survey.pk]))
        raise Http404
    language = _language(survey)
    questions = _choice_questions(survey, language)
    quota_form = QuotaForm(initial={"label": item.label, "target": item.target})
    conditions, status = item.conditions, 200
    if request.method == "POST":
        if request.POST.get("action") == "delete":
            services.quota_delete(quota=item)
            messages.success(request, _("Quota deleted."))
            return _see_other(reverse("surveys:quotas", args=[survey.pk]))
        quota_form = QuotaForm(request.POST)
        conditions = _posted_conditions(request, questions)
        if quota_form.is_valid():
            try:
                services.quota_update(
                    quota=item, conditions=conditions, language=language, **quota_form.cleaned_data
                )
            except DomainError as error:
                form_error(quota_form, error)
            else:
                messages.success(request, _("Quota saved."))
                return _see_other(reverse("surveys:quotas", args=[survey.pk]))
        status = 400
    context = {
        "survey": survey,
        "item": item,
        "form": quota_form,
        "questions": questions,
        "conditions": conditions,
    }
    return render(request, "surveys/collect/quota.html", context, status=status)


@require_http_methods(["GET", "POST"])
def quota_grid(request, pk: int):
    survey = get_object_or_404(Survey, pk=pk)
    require(can_manage_survey(request.user, survey))
    language = _language(survey)
    questions = _choice_questions(survey, language, select_one_only=True)
    choices = [(q["name"], q["label"]) for q in questions]
    grid_form, status = GridForm(questions=choices), 200
    if request.method == "POST":
        grid_form = GridForm(request.POST, questions=choices)
        if grid_form.is_valid():
            try:
                made = services.quota_grid(survey=survey, language=language, **grid_form.cleaned_data)
            except DomainError as error:
                form_error(grid_form, error)
            else:
                messages.success(request, _("%(count)s quotas made.") % {"count": len(made)})
                return _see_other(reverse("surveys:quotas", args=[survey.pk]))
        status = 400
    return render(
        request, "surveys/collect/quota_grid.html", {"survey": survey, "form": grid_form}, status=status
    )


@require_http_methods(["GET"])
def quota_board(request, pk: int):
    survey = get_object_or_404(Survey, pk=pk)
    require(can_view_survey(request.user, survey))
    board = services.board(survey)
    if not can_view_responses(request.user, survey):
        board["interviewers"] = [r for r in board["interviewers"] if r["interviewer_id"] == request.user.pk]
    for q in board["quotas"]:
        q.percent = min(100, int(100 * q.completed / q.target)) if q.target else 100
    template = (
        "surveys/collect/_board.html"
        if request.headers.get("HX-Request")
        else "surveys/collect/quota_board.html"
    )
    return render(request, template, {"survey": survey, "board": board})
