"""The team's raw responses: the list with filters (status, review, flags, interviewer, region, dates), paged;
one response with its answers in the chosen language, flags, review and corrections."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from azamat.core import edits
from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require
from azamat.registry.selectors import region_choices
from azamat.surveys import collect_selectors as selectors
from azamat.surveys import collect_services as services
from azamat.surveys import decimals, engine
from azamat.surveys import definition as form
from azamat.surveys.collect_forms import ResponseFilterForm, ReviewForm
from azamat.surveys.collect_views import _default_language, _languages, _see_other
from azamat.surveys.models import Response, Survey
from azamat.surveys.permissions import can_review_responses, can_view_responses

PAGE_SIZE = 50


@require_http_methods(["GET"])
def responses(request, pk: int):
    survey = get_object_or_404(Survey, pk=pk)
    require(can_view_responses(request.user, survey))
    filters = ResponseFilterForm(request.GET or None, interviewers=selectors.interviewer_choices(survey))
    # A value the form refuses (an old bookmark, a typed code) drops that filter alone, with its error shown.
    cleaned = {}
    if filters.is_bound:
        filters.is_valid()
        cleaned = filters.cleaned_data
    rows = selectors.responses_filtered(survey, cleaned)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    regions = _region_names()
    page.object_list = list(page.object_list)
    for row in page.object_list:
        row.region_name = _region_name(row.region_code, regions)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"survey": survey, "filters": filters, "page": page, "query": query.urlencode()}
    return render(request, "surveys/collect/responses.html", context)


def latest_pk(decision) -> int:
    """The hidden `seen_decision` of the review form: the last decision the page shows, 0 for none."""
    return decision.pk if decision is not None else 0


def _region_names() -> dict[str, str]:
    """A region's name by its KATO prefix (two digits), in the page's language."""
    return {kato[:2]: name for kato, name in region_choices()}


def _region_name(code: str, regions: dict[str, str]) -> str:
    """The region a response's KATO code (a region's or a district's) lies in; the code itself if none."""
    return regions.get(code[:2], code) if code else ""


def _choice_shown(definition: dict, node: dict, value: str, language: str) -> str:
    """A choice as the page names it; the "other" choice or_other adds has no label in the list, so it is named in
    the answers' language (as the respondent saw it), not by its code."""
    label = form.choice_label(definition, node.get("list", ""), value, language)
    if value == form.OTHER and node.get("or_other") and label == value:
        with translation.override(
            language if language in dict(settings.LANGUAGES) else translation.get_language()
        ):
            return _("Other")
    return label


def _answer_rows(definition: dict, answers: dict, language: str) -> list[dict]:
    langs = definition.get("languages")
    rows = []
    for node in form.questions(definition, into_repeats=False):
        name = node["name"]
        if name not in answers:
            continue
        value = answers[name]
        if node["type"] in form.CHOICE_TYPES:
            values = value if isinstance(value, list) else [value]
            shown = ", ".join(_choice_shown(definition, node, str(v), language) for v in values)
            if answers.get(f"{name}_other"):
                shown += f" ({answers[f'{name}_other']})"
        elif node["type"] == "decimal":
            shown = decimals.shown(value)  # 1 234,50 as typed, in the page's language
        else:
            shown = str(value)
        rows.append(
            {
                "name": name,
                "label": form.text(node.get("label"), language, langs) or name,
                "value": shown,
                "personal": bool(node.get("personal")),
            }
        )
    for node in definition.get("children", []):
        if node["type"] == "repeat" and answers.get(node["name"]):
            rows.append(
                {
                    "name": node["name"],
                    "label": form.text(node.get("label"), language, langs) or node["name"],
                    "value": "; ".join(
                        ", ".join(f"{k}: {v}" for k, v in item.items()) for item in answers[node["name"]]
                    ),
                    "personal": False,
                }
            )
    return rows


@require_http_methods(["GET", "POST"])
def response(request, pk: int, response: int):
    survey = get_object_or_404(Survey, pk=pk)
    require(can_view_responses(request.user, survey))
    try:
        item = selectors.response_detail(survey, response)
    except Response.DoesNotExist as exc:
        raise Http404(_("No such response.")) from exc
    definition = item.version.definition
    language = request.GET.get("language") or request.POST.get("language") or _default_language(definition)
    if language not in (definition.get("languages") or [language]):
        language = _default_language(definition)
    latest = selectors.latest_review(item)
    review_form = ReviewForm(
        initial={
            "review": item.review or None,
            "reason": item.review_reason,
            "seen_decision": latest_pk(latest),
        }
    )
    answers = services.answers_of(item)
    errors, status, correcting = {}, 200, request.GET.get("correct") == "1"
    if request.method == "POST":
        require(can_review_responses(request.user, survey))
        if request.POST.get("action") == "correct":
            correcting = True
            changes, errors = services.response_correct(
                response=item,
                posted=request.POST,
                language=language,
                by=request.user,
                reason=request.POST.get("reason", ""),
            )
            if not errors:
                if changes:
                    messages.success(request, _("%(count)s answers corrected.") % {"count": len(changes)})
                else:
                    messages.info(request, _("Nothing changed."))
                return _see_other(request.path + f"?language={language}")
            status = 400
        else:
            review_form = ReviewForm(request.POST)
            if review_form.is_valid():
                try:
                    services.response_review(response=item, by=request.user, **review_form.cleaned_data)
                except DomainError as error:
                    if error.code == edits.CHANGED_MEANWHILE:
                        # What was chosen and typed stays; sent again, having been told, it replaces the other.
                        posted = request.POST.copy()
                        posted["seen_decision"] = str(latest_pk(selectors.latest_review(item)))
                        review_form = ReviewForm(posted)
                        review_form.is_valid()
                        status = 409
                    form_error(review_form, error)
                else:
                    messages.success(request, _("Review saved."))
                    return _see_other(request.path + f"?language={language}")
            status = status if status == 409 else 400
    sections = []
    if correcting:
        sections = [
            {
                "index": i,
                "fields": engine.page_fields(
                    definition, i, answers, errors, language, posted=request.POST if errors else None
                ),
            }
            for i in range(len(form.pages(definition)))
        ]
    context = {
        "survey": survey,
        "item": item,
        "region_name": _region_name(item.region_code, _region_names()),
        "rows": _answer_rows(definition, services.answers_of(item), language),
        "review_form": review_form,
        "decisions": list(item.decisions.all()),
        "languages": _languages(definition),
        "language": language,
        "sections": sections,
        "errors": errors,
        "correcting": correcting,
        "can_review": bool(can_review_responses(request.user, survey)),
    }
    return render(request, "surveys/collect/response.html", context, status=status)
