"""The team's analysis pages: frequencies of every question (charts, 95% intervals, numeric summaries, group by,
filters, weighted or not), the crosstab of any two questions, the open-text answers, and the weights."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from azamat.core.permissions import require
from azamat.surveys import analysis, charts, weighting
from azamat.surveys import definition as form
from azamat.surveys.analysis_forms import (
    CrosstabForm,
    FiltersForm,
    SharesPasteForm,
    WeightQuestionsForm,
)
from azamat.surveys.models import Survey
from azamat.surveys.permissions import can_manage_survey, can_view_responses, is_manager

OPEN_PAGE_SIZE = 50


def _survey(request, pk) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("organisation", "council", "body"), pk=pk)
    require(can_view_responses(request.user, survey))
    return survey


def _definition(survey: Survey) -> dict:
    version = survey.current_version()
    return version.definition if version else {"children": [], "choices": {}}


def _labelled(definition: dict, nodes: list[dict]) -> list[tuple[str, str]]:
    language = get_language()
    return [
        (node["name"], form.text(node.get("label"), language, definition.get("languages")) or node["name"])
        for node in nodes
    ]


def _query_without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _keep(request, *names: str) -> list[tuple[str, str]]:
    """The page's own parameters, carried through the filters form."""
    return [(name, request.GET[name]) for name in names if request.GET.get(name)]


def decorate(sections: list[dict]) -> list[dict]:
    """Add each section's chart."""
    for section in sections:
        if section["kind"] == "choices":
            section["chart"] = charts.bars(section["frequencies"]["rows"], title=section["label"])
        if section.get("crosstab"):
            x = section["crosstab"]
            section["group_rows"] = [
                {"label": row["label"], "cells": x["cells"][i]} for i, row in enumerate(x["rows"])
            ]
    return sections


@require_http_methods(["GET", "HEAD"])
def analysis_page(request, pk):
    survey = _survey(request, pk)
    definition = _definition(survey)
    filters_form = FiltersForm(request.GET or None, survey=survey)
    filters = filters_form.filters()
    weighted = request.GET.get("weighted") == "1"
    choice_questions = [node for node in analysis.analysable(definition) if node["type"] in form.CHOICE_TYPES]
    group = request.GET.get("group", "")
    if group and group not in {node["name"] for node in choice_questions}:
        messages.error(request, _("Group by a question with choices."))
        group = ""
    sections = decorate(analysis.summary(survey, filters=filters, weighted=weighted, group=group or None))
    context = {
        "survey": survey,
        "filters_form": filters_form,
        "filters": filters,
        "weighted": weighted,
        "group": group,
        "group_choices": _labelled(definition, choice_questions),
        "sections": sections,
        "total": analysis.responses(survey, filters).count(),
        "query": request.GET.urlencode(),
        "query_unweighted": _query_without(request, "weighted"),
        "has_weights": survey.population_shares.exists(),
        "keep": _keep(request, "group", "weighted"),
    }
    return render(request, "surveys/analysis/analysis.html", context)


@require_http_methods(["GET", "HEAD"])
def crosstab_page(request, pk):
    survey = _survey(request, pk)
    definition = _definition(survey)
    nodes = [
        node
        for node in analysis.analysable(definition, text=False)
        if node["type"] in (*form.CHOICE_TYPES, "integer")
    ]
    choices = _labelled(definition, nodes)
    filters_form = FiltersForm(request.GET or None, survey=survey)
    filters = filters_form.filters()
    weighted = request.GET.get("weighted") == "1"
    picked = "row" in request.GET or "column" in request.GET
    crosstab_form = CrosstabForm(request.GET if picked else None, choices=choices)
    result, status = None, 200
    if picked:
        if crosstab_form.is_valid():
            try:
                result = analysis.crosstab(
                    survey,
                    crosstab_form.cleaned_data["row"],
                    crosstab_form.cleaned_data["column"],
                    filters=filters,
                    weighted=weighted,
                )
            except analysis.AnalysisError as error:
                crosstab_form.add_error(None, str(error))
                status = 400
        else:
            status = 400
    if result:
        result["table"] = [
            {
                "label": row["label"],
                "cells": result["cells"][i],
                "total": result["row_totals"][i],
                "total_share": result["row_total_shares"][i],
            }
            for i, row in enumerate(result["rows"])
        ]
        result["footer"] = list(zip(result["column_totals"], result["column_total_shares"], strict=True))
        labels = dict(choices)
        result["title"] = f"{labels[result['row']['name']]} × {labels[result['column']['name']]}"
    context = {
        "survey": survey,
        "filters_form": filters_form,
        "crosstab_form": crosstab_form,
        "weighted": weighted,
        "result": result,
        "query_unweighted": _query_without(request, "weighted"),
        "query": request.GET.urlencode(),
        "keep": _keep(request, "row", "column", "weighted"),
    }
    return render(request, "surveys/analysis/crosstab.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def open_answers_page(request, pk, name):
    survey = _survey(request, pk)
    definition = _definition(survey)
    filters_form = FiltersForm(request.GET or None, survey=survey)
    search = request.GET.get("q", "").strip()[:200]
    try:
        node = analysis.question(survey, name, definition=definition)
        if node["type"] not in ("text", "calculate") or node.get("personal"):
            raise analysis.AnalysisError(_("This question has no open answers to list."))
    except analysis.AnalysisError as error:
        return render(
            request, "surveys/analysis/open_answers.html", {"survey": survey, "error": str(error)}, status=404
        )
    answers = analysis.open_answers(
        survey, name, filters=filters_form.filters(), search=search, definition=definition
    )
    page = Paginator(answers, OPEN_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "survey": survey,
        "node": node,
        "label": form.text(node.get("label"), get_language(), definition.get("languages")) or name,
        "search": search,
        "page": page,
        "filters_form": filters_form,
        "query_without_page": _query_without(request, "page"),
    }
    return render(request, "surveys/analysis/open_answers.html", context)


@require_http_methods(["GET", "POST"])
def weights_page(request, pk):
    survey = _survey(request, pk)
    definition = _definition(survey)
    choices = _labelled(definition, weighting.weighting_questions(definition))
    manager = is_manager(request.user, survey)
    questions_form = WeightQuestionsForm(initial={"questions": survey.weight_questions}, choices=choices)
    paste_form = SharesPasteForm()
    result, status = None, 200
    if request.method == "POST":
        require(can_manage_survey(request.user, survey))
        action = request.POST.get("action", "")
        try:
            if action == "questions":
                questions_form = WeightQuestionsForm(request.POST, choices=choices)
                if not questions_form.is_valid():
                    raise weighting.WeightError(_("Choose among the listed questions."))
                weighting.weight_questions_set(
                    survey=survey, names=questions_form.cleaned_data["questions"], by=request.user
                )
                messages.success(request, _("Weighting questions saved. Now enter the population shares."))
            elif action == "paste":
                paste_form = SharesPasteForm(request.POST)
                if not paste_form.is_valid():
                    raise weighting.WeightError(_("Paste the table of shares."))
                shares = weighting.parse_table(survey, paste_form.cleaned_data["table"])
                weighting.population_shares_set(survey=survey, shares=shares, by=request.user)
                messages.success(request, _("Population shares saved."))
            elif action == "cells":
                shares = _cell_shares(request.POST, weighting.all_cells(survey))
                weighting.population_shares_set(survey=survey, shares=shares, by=request.user)
                messages.success(request, _("Population shares saved."))
            elif action == "compute":
                result = weighting.weights_compute(survey=survey, by=request.user)
                messages.success(
                    request,
                    _("Weights computed for %(count)s responses.") % {"count": result.weighted},
                )
            elif action == "reset":
                weighting.weights_reset(survey=survey, by=request.user)
                messages.success(request, _("Every weight is 1 again."))
            else:
                raise weighting.WeightError(_("Unknown action."))
        except weighting.WeightError as error:
            messages.error(request, str(error))
            status = 400
        if status == 200 and result is None:
            return redirect(reverse("surveys:weights", args=[survey.pk]))
        survey.refresh_from_db()
    shares = {
        tuple(str(share.cell.get(n, "")) for n in survey.weight_questions): share.share
        for share in survey.population_shares.all()
    }
    language = get_language()
    cells = []
    for index, cell in enumerate(weighting.all_cells(survey)):
        key = tuple(cell[n] for n in survey.weight_questions)
        labels = []
        for name, value in cell.items():
            node = form.find(definition, name) or {}
            labels.append(form.choice_label(definition, node.get("list", ""), value, language))
        posted = request.POST.get(f"share_{index}") if request.method == "POST" else None
        cells.append(
            {
                "index": index,
                "labels": " × ".join(labels),
                "codes": " × ".join(key),
                "value": posted
                if posted is not None
                else (f"{shares[key]:f}".rstrip("0").rstrip(".") if key in shares else ""),
            }
        )
    context = {
        "survey": survey,
        "manager": manager,
        "questions_form": questions_form,
        "paste_form": paste_form,
        "cells": cells,
        "shares_total": sum(shares.values()) if shares else None,
        "result": result,
    }
    return render(request, "surveys/analysis/weights.html", context, status=status)


def _cell_shares(post: QueryDict, cells: list[dict]):
    from azamat.core.numbers import NumberError, parse_decimal

    shares = []
    for index, cell in enumerate(cells):
        raw = (post.get(f"share_{index}") or "").strip()
        if not raw:
            continue
        percent = raw.endswith("%")
        try:
            value = parse_decimal(raw.rstrip("%"))
        except NumberError as exc:
            raise weighting.WeightError(
                _("“%(value)s” is not a number (%(cell)s).")
                % {"value": raw[:30], "cell": " × ".join(cell.values())}
            ) from exc
        if value is None:
            continue
        shares.append((cell, value / 100 if percent else value))
    if not shares:
        raise weighting.WeightError(_("Enter at least one share."))
    return shares
