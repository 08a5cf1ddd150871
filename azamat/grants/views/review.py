"""Pages of stage 1 for the operator: the compliance queue, the expert register, draws and rankings, reassignment;
and the public page of a draw. The experts' own pages are in experts.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require
from azamat.grants import operator_exports
from azamat.grants.forms.blind import BlindCorrectionsForm
from azamat.grants.forms.operator import AssignmentChangeForm, QueueFilterForm
from azamat.grants.forms.review import (
    ComplianceForm,
    ExpertFilterForm,
    RandomDrawForm,
)
from azamat.grants.lifecycle import CALL
from azamat.grants.models import Application, Assignment, Call, Draw, Expert
from azamat.grants.permissions import (
    can_check_compliance,
    can_run_draws,
    can_see_expert_register,
    can_see_ranking,
)
from azamat.grants.selectors import review as selectors
from azamat.grants.services import application_files, blind_review, compliance, reassignment
from azamat.grants.services import assignment as assignment_services
from azamat.grants.views.spreadsheet import spreadsheet_response

# --- The operator -----------------------------------------------------------------------------------------------


@login_required
@require_GET
def operator_queue(request):
    require(can_check_compliance(request.user))
    # Search and filters (issue 7): an invalid value is named on the page and left out, never an error page.
    form = QueueFilterForm(request.GET or None)
    context = {
        "queue": selectors.compliance_queue_filtered(**form.filters()),
        "calls": selectors.calls_in_review(),
        "filter_form": form,
        "query_string": _filtered_query(request),
    }
    return render(request, "grants/review/operator_queue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def compliance_check(request, pk):
    require(can_check_compliance(request.user))
    application = get_object_or_404(
        Application.objects.select_related("call__grant_type", "organisation", "direction"), pk=pk
    )
    form = ComplianceForm(request.POST or None, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            compliance.compliance_decide(
                application=application,
                by=request.user,
                decision=form.cleaned_data["decision"],
                checklist=form.checklist(),
                reasons=form.cleaned_data["reasons"],
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The decision on %(number)s is recorded.") % {"number": application})
            return redirect("grants:operator_queue")
    context = {
        "application": application,
        "form": form,
        "due_on": compliance.compliance_due_on(application.call),
        "checks": application.compliance_checks.all(),
        "checkable": application.status == Application.Status.SUBMITTED,
        **_documents_context(application),
        **_blind_context(application),
    }
    return render(request, "grants/review/compliance_check.html", context, status=400 if form.errors else 200)


# The kinds of file an application may carry (services/application_files.py), named as people know them.
FILE_KINDS = {content_type: ext.upper() for ext, content_type in application_files.CONTENT_TYPES.items()}
FILE_KINDS["image/jpeg"] = "JPEG"


def _file_kind(attachment) -> str:
    return (
        FILE_KINDS.get(attachment.content_type)
        or application_files.extension(attachment.original_name).upper()
    )


def _documents_context(application) -> dict:
    """Each attached document and the whole application, opened through the views that check permission."""
    language = (get_language() or "kk")[:2]
    documents = {d["code"]: d for d in application.call.grant_type.required_documents or []}
    return {
        "attachments": [
            (
                attachment,
                _file_kind(attachment),
                (documents.get(attachment.document_code) or {}).get(f"name_{language}")
                or (documents.get(attachment.document_code) or {}).get("name_en")
                or "",
            )
            for attachment in application.attachments.order_by("uploaded_at", "pk")
        ],
        # The PDF is made on submission's data when opened; a draft has none.
        "pdf_available": application.submitted_at is not None,
    }


def _blind_context(application, form=None) -> dict:
    """The blind version as experts will read it, with the operator's form to correct it."""
    return {
        "view": selectors.review_view(application, blind=True),
        "blind_form": form or BlindCorrectionsForm.for_application(application),
    }


@login_required
@require_POST
def blind_correct(request, pk):
    """The operator adds words to black out, or unmasks wrongly blacked ones, before experts read."""
    require(can_check_compliance(request.user))
    application = get_object_or_404(
        Application.objects.select_related("call__grant_type", "organisation"), pk=pk
    )
    form = BlindCorrectionsForm.for_application(application, request.POST)
    if form.is_valid():
        try:
            blind_review.application_blind_correct(application=application, by=request.user, **form.lists())
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The blind version is corrected."))
            return redirect(reverse("grants:compliance_check", args=[application.pk]) + "#blind")
    context = {
        "application": application,
        "form": ComplianceForm(application=application),
        "due_on": compliance.compliance_due_on(application.call),
        "checks": application.compliance_checks.all(),
        "checkable": application.status == Application.Status.SUBMITTED,
        **_documents_context(application),
        **_blind_context(application, form),
    }
    return render(request, "grants/review/compliance_check.html", context, status=400)


@login_required
@require_GET
def expert_register(request):
    require(can_see_expert_register(request.user))
    form = ExpertFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    experts = selectors.experts_register(area=filters.get("area", ""), language=filters.get("language", ""))
    page = Paginator(experts, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "grants/review/expert_register.html",
        {"form": form, "page": page, "query_string": query.urlencode()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def call_assignment(request, code):
    require(can_run_draws(request.user))
    call = get_object_or_404(Call.objects.select_related("grant_type"), code=code)
    form = RandomDrawForm(request.POST if request.POST.get("method") == "random" else None)
    confirm_draw = None
    if request.method == "POST" and request.POST.get("confirm") != "yes":
        # The draw is irreversible and public: the page first shows what will run, to confirm.
        method = request.POST.get("method")
        if method == "optimised" or (method == "random" and form.is_valid()):
            confirm_draw = {"method": method, "seed": form.cleaned_data["seed"] if method == "random" else ""}
    elif request.method == "POST":
        try:
            if request.POST.get("method") == "optimised":
                draw = assignment_services.draw_optimised(call=call, by=request.user)
            elif form.is_valid():
                draw = assignment_services.draw_random(
                    call=call, by=request.user, seed=form.cleaned_data["seed"]
                )
            else:
                draw = None
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("grants:call_assignment", code=call.code)
        if draw is not None:
            messages.success(request, _("Experts are assigned; the draw is published."))
            return redirect("grants:draw", code=call.code, pk=draw.pk)
    applications = (
        call.applications.filter(status__in=[Application.Status.COMPLIANT, Application.Status.REVIEWED])
        .select_related("direction")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("expert__user").order_by("assigned_at", "pk"),
            )
        )
        .order_by("number", "pk")
    )
    context = {
        "call": call,
        "form": form,
        # The draw's step from the lifecycle table: its forms when allowed, why not otherwise.
        "steps": CALL.options(call, request.user, "draw"),
        "draws": selectors.draws_of(call),
        "page": Paginator(applications, 50).get_page(request.GET.get("page")),
        "confirm_draw": confirm_draw,
        "change_form": AssignmentChangeForm(),
    }
    return render(request, "grants/review/call_assignment.html", context)


@login_required
@require_GET
def call_ranking(request, code):
    require(can_see_ranking(request.user))
    call = get_object_or_404(Call.objects.select_related("grant_type"), code=code)
    return render(
        request, "grants/review/ranking.html", {"call": call, "directions": selectors.call_ranking(call)}
    )


# --- Public -----------------------------------------------------------------------------------------------------


@require_GET
def draw_detail(request, code, pk):
    draw = get_object_or_404(
        Draw.objects.select_related("call__grant_type"), pk=pk, call__code=code, call__published=True
    )
    context = {
        "draw": draw,
        "call": draw.call,
        "rows": selectors.draw_rows(draw),
        "uncovered": selectors.uncovered_rows(draw),
        "quality_percent": None if draw.quality is None else draw.quality * 100,
        "mismatch_load": assignment_services.MISMATCH_COST // assignment_services.LOAD_STEP,
    }
    return render(request, "grants/review/draw.html", context)


# --- The expert -------------------------------------------------------------------------------------------------


def _filtered_query(request) -> str:
    """The page's filters, carried over to its download links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@require_GET
def operator_queue_download(request, fmt):
    require(can_check_compliance(request.user))
    filters = QueueFilterForm(request.GET or None).filters()
    return spreadsheet_response(
        request, fmt=fmt, name="compliance-queue", build=lambda: operator_exports.queue_rows(**filters)
    )


@login_required
@require_GET
def ranking_download(request, code, fmt):
    require(can_see_ranking(request.user))
    call = get_object_or_404(Call.objects.select_related("grant_type"), code=code)
    return spreadsheet_response(
        request, fmt=fmt, name=f"ranking-{call.code}"[:60], build=lambda: operator_exports.ranking_rows(call)
    )


@login_required
@require_GET
def expert_loads(request, code):
    """Each expert of the call: assigned, scored, recused, overdue, and the next deadline."""
    require(can_run_draws(request.user))
    call = get_object_or_404(Call.objects.select_related("grant_type"), code=code)
    context = {
        "call": call,
        "loads": selectors.expert_loads(call),
        "scoring_days": selectors.SCORING_WORKING_DAYS,
    }
    return render(request, "grants/review/expert_loads.html", context)


@login_required
@require_GET
def expert_loads_download(request, code, fmt):
    require(can_run_draws(request.user))
    call = get_object_or_404(Call, code=code)
    return spreadsheet_response(
        request,
        fmt=fmt,
        name=f"expert-loads-{call.code}"[:60],
        build=lambda: operator_exports.expert_load_rows(call),
    )


def _change_target(call, form):
    """The assignment and the new expert the form names, or the form errors saying which is not found."""
    number = form.cleaned_data["application"].strip()
    application = call.applications.filter(number__iexact=number).first()
    if application is None:
        form.add_error("application", _("No application of this call has this number."))
        return None
    assignment = (
        Assignment.objects.filter(application=application, expert_id=form.cleaned_data["expert_out"])
        .order_by("-assigned_at")
        .first()
    )
    if assignment is None:
        form.add_error("expert_out", _("This expert is not assigned to this application."))
    expert = Expert.objects.filter(pk=form.cleaned_data["expert_in"]).first()
    if expert is None:
        form.add_error("expert_in", _("No expert in the register has this code."))
    if assignment is None or expert is None:
        return None
    return assignment, expert


@login_required
@require_http_methods(["GET", "POST"])
def assignment_change(request, code):
    """The operator replaces one expert on an application with another, giving the reason."""
    require(can_run_draws(request.user))
    call = get_object_or_404(Call.objects.select_related("grant_type"), code=code)
    initial = {k: request.GET.get(k, "")[:60] for k in ("application", "expert_out")}
    form = AssignmentChangeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid() and (target := _change_target(call, form)):
        assignment, expert = target
        try:
            replacement = reassignment.assignment_change(
                assignment=assignment, expert=expert, by=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request,
                _("%(new)s replaces %(old)s on %(number)s; both experts are told.")
                % {
                    "new": selectors.expert_code(replacement.expert_id),
                    "old": selectors.expert_code(assignment.expert_id),
                    "number": assignment.application.number,
                },
            )
            return redirect("grants:call_assignment", code=call.code)
    return render(
        request,
        "grants/review/assignment_change.html",
        {"call": call, "form": form},
        status=400 if form.errors else 200,
    )


urlpatterns = [
    path("operator/", operator_queue, name="operator_queue"),
    path("operator/applications/<int:pk>/check/", compliance_check, name="compliance_check"),
    path("operator/applications/<int:pk>/blind/", blind_correct, name="blind_correct"),
    path("operator/experts/", expert_register, name="expert_register"),
    path("operator/calls/<slug:code>/assignment/", call_assignment, name="call_assignment"),
    path("operator/calls/<slug:code>/ranking/", call_ranking, name="ranking"),
    path("calls/<slug:code>/draw/<int:pk>/", draw_detail, name="draw"),
    path("operator/queue.<str:fmt>", operator_queue_download, name="operator_queue_download"),
    path("operator/calls/<slug:code>/ranking.<str:fmt>", ranking_download, name="ranking_download"),
    path("operator/calls/<slug:code>/experts/", expert_loads, name="expert_loads"),
    path("operator/calls/<slug:code>/experts.<str:fmt>", expert_loads_download, name="expert_loads_download"),
    path("operator/calls/<slug:code>/assignment/change/", assignment_change, name="assignment_change"),
]
