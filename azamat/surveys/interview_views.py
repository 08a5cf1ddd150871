"""Interviewers' work: managers assign interviewers to areas, routes and regions with targets; an interviewer sees
their own assignments, counts and the quota board, and starts a face-to-face interview (told first which quota
cells are full)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require
from azamat.surveys import collect_services as services
from azamat.surveys.collect_forms import AssignmentForm
from azamat.surveys.collect_selectors import full_cells_for
from azamat.surveys.collect_views import _closed, _default_language, _remember, _see_other
from azamat.surveys.models import Assignment, Response, Survey
from azamat.surveys.permissions import can_interview, can_manage_survey


def _counts(assignments) -> dict[int, dict]:
    rows = (
        Response.objects.filter(assignment__in=assignments)
        .values("assignment_id")
        .annotate(
            completed=Count("pk", filter=Q(status=Response.Status.COMPLETED)),
            in_progress=Count("pk", filter=Q(status=Response.Status.IN_PROGRESS)),
            screened_out=Count("pk", filter=Q(status=Response.Status.SCREENED_OUT)),
        )
    )
    return {row["assignment_id"]: row for row in rows}


@require_http_methods(["GET", "POST"])
def assignments(request, pk: int):
    survey = get_object_or_404(Survey, pk=pk)
    require(can_manage_survey(request.user, survey))
    form = AssignmentForm(initial={"active": True})
    status = 200
    if request.method == "POST":
        form = AssignmentForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.assignment_save(survey=survey, **data)
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, _("Interviewer assigned."))
                return _see_other(request.path)
        status = 400
    rows = list(survey.assignments.select_related("interviewer", "region").order_by("area", "pk"))
    counts = _counts(rows)
    context = {
        "survey": survey,
        "form": form,
        "rows": [{"assignment": a, "counts": counts.get(a.pk, {})} for a in rows],
        "mode_on": Survey.Mode.INTERVIEWER in (survey.modes or []),
    }
    return render(request, "surveys/collect/assignments.html", context, status=status)


@require_http_methods(["GET", "POST"])
def assignment(request, pk: int, assignment: int):
    survey = get_object_or_404(Survey, pk=pk)
    require(can_manage_survey(request.user, survey))
    item = get_object_or_404(Assignment.objects.select_related("interviewer"), pk=assignment, survey=survey)
    initial = {
        "email": item.interviewer.email,
        "area": item.area,
        "region": item.region_id,
        "route": item.route,
        "target": item.target,
        "active": item.active,
    }
    form = AssignmentForm(initial=initial)
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "deactivate":
            item.active = False
            item.save(update_fields=["active"])
            messages.success(request, _("Assignment deactivated."))
            return _see_other(reverse("surveys:assignments", args=[survey.pk]))
        form = AssignmentForm(request.POST)
        if form.is_valid():
            try:
                services.assignment_save(survey=survey, assignment=item, **form.cleaned_data)
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, _("Assignment saved."))
                return _see_other(reverse("surveys:assignments", args=[survey.pk]))
        status = 400
    return render(
        request,
        "surveys/collect/assignment.html",
        {"survey": survey, "item": item, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET"])
def interviews(request):
    """The interviewer's own assignments with their counts, their latest interviews and each survey's quota
    board (full cells first)."""
    mine = list(
        Assignment.objects.filter(interviewer=request.user, active=True)
        .select_related("survey", "region")
        .prefetch_related("survey__quotas")
        .order_by("survey_id", "area", "pk")
    )
    counts = _counts(mine)
    surveys: dict[int, dict] = {}
    for item in mine:
        entry = surveys.setdefault(
            item.survey_id,
            {
                "survey": item.survey,
                "assignments": [],
                "can_start": bool(can_interview(request.user, item.survey)),
                "quotas": list(item.survey.quotas.all()),
            },
        )
        entry["assignments"].append(
            {
                "assignment": item,
                "counts": counts.get(item.pk, {}),
                # Only the cells the interviewer can meet in her area, not the whole country's (on a phone).
                "full": full_cells_for(item.survey, entry["quotas"], item),
            }
        )
    recent = list(
        Response.objects.filter(interviewer=request.user)
        .select_related("survey", "assignment")
        .order_by("-started_at")[:30]
    )
    return render(
        request, "surveys/collect/interviews.html", {"surveys": list(surveys.values()), "recent": recent}
    )


@require_POST
def interview_start(request, pk: int):
    survey = get_object_or_404(Survey, pk=pk)
    decision = can_interview(request.user, survey)
    if not decision and not survey.is_collecting() and request.user.is_authenticated:
        return _closed(request, survey, status=403)
    require(decision)
    chosen = request.POST.get("assignment", "")
    item = (
        Assignment.objects.filter(
            pk=int(chosen) if chosen.isdigit() else 0, survey=survey, interviewer=request.user, active=True
        )
        .select_related("region")
        .first()
    )
    if item is None:
        raise Http404(_("No such assignment of yours."))
    version = survey.current_version()
    try:
        response = services.start_interview(
            survey=survey,
            interviewer=request.user,
            assignment=item,
            language=_default_language(version.definition if version else {}),
        )
    except DomainError as error:
        return _closed(request, survey, str(error), status=409)
    full = [quota.label for quota in full_cells_for(survey, survey.quotas.all(), item)]
    if full:
        messages.warning(
            request,
            _("These quota cells are full: respondents in them will be screened out: %(cells)s")
            % {"cells": "; ".join(full)},
        )
    http = redirect(reverse("surveys:page", args=[response.resume_token, 0]))
    http.status_code = 303
    _remember(http, response)
    return http
