"""Pages of stage 1: the operator's compliance queue, register, draws and ranking; the experts' area; public draws."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.core.errors import DomainError
from azamat.grants import operator_exports
from azamat.grants.forms.blind import BlindCorrectionsForm
from azamat.grants.forms.operator import AssignmentChangeForm, QueueFilterForm
from azamat.grants.forms.review import (
    ComplianceForm,
    DeclarationForm,
    ExpertFilterForm,
    OutsideDeclarationForm,
    RandomDrawForm,
    RecuseForm,
    ScoreForm,
)
from azamat.grants.lifecycle import CALL
from azamat.grants.models import Application, Assignment, Call, Draw, Expert
from azamat.grants.permissions import (
    can_check_compliance,
    can_open_assignment,
    can_run_draws,
    can_see_call,
    can_see_expert_register,
    can_see_ranking,
    can_use_expert_area,
    is_operator,
)
from azamat.grants.selectors import review as selectors
from azamat.grants.services import application_files, blind_review, compliance, conflicts, recusal, scoring
from azamat.grants.services import assignment as assignment_services
from azamat.grants.views.spreadsheet import spreadsheet_response


def _require(decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def _form_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, str(error))


# --- The operator -----------------------------------------------------------------------------------------------


@login_required
@require_GET
def operator_queue(request):
    _require(can_check_compliance(request.user))
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
    _require(can_check_compliance(request.user))
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
            _form_error(form, error)
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
    return render(request, "grants/review/compliance_check.html", context)


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
    _require(can_check_compliance(request.user))
    application = get_object_or_404(
        Application.objects.select_related("call__grant_type", "organisation"), pk=pk
    )
    form = BlindCorrectionsForm.for_application(application, request.POST)
    if form.is_valid():
        try:
            blind_review.application_blind_correct(application=application, by=request.user, **form.lists())
        except DomainError as error:
            _form_error(form, error)
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
    _require(can_see_expert_register(request.user))
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
    _require(can_run_draws(request.user))
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
    }
    return render(request, "grants/review/call_assignment.html", context)


@login_required
@require_GET
def call_ranking(request, code):
    _require(can_see_ranking(request.user))
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


@login_required
@require_GET
def expert_home(request):
    _require(can_use_expert_area(request.user))
    expert = request.user.expert
    # A draft call is invisible to all but its editors (permissions.py), even where an expert was assigned.
    calls = [c for c in selectors.expert_calls(expert=expert) if c.call.published]
    assignments = selectors.expert_assignments_by_call(
        expert=expert, calls=[c.call for c in calls if c.confirmed]
    )
    rows = [(c, assignments[c.call.pk] if c.confirmed else None) for c in calls]
    context = {"expert": expert, "rows": rows, "scoring_days": selectors.SCORING_WORKING_DAYS}
    return render(request, "grants/review/expert_home.html", context)


def _declared_id(value) -> int:
    """The id of a declared tie from a form or a link; 0 (none) for anything that cannot be one."""
    value = str(value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else 0


@login_required
@require_http_methods(["GET", "POST"])
def expert_declaration(request, code):
    """Declare ties (to organisations on Azamat, or not on it by name and BIN), correct or remove them until
    the declaration for the call is confirmed, then confirm it."""
    _require(can_use_expert_area(request.user))
    call = get_object_or_404(Call, code=code, published=True)
    action = request.POST.get("action") if request.method == "POST" else None
    form = DeclarationForm(request.POST if action == "declare" else None)
    outside_form = OutsideDeclarationForm(
        request.POST if action == "declare_outside" else None, prefix="outside"
    )
    # The tie being corrected: ?correct=<id> shows its form, filled in; posting it saves the correction.
    correcting = (
        conflicts.declared_conflicts(person=request.user)
        .filter(
            pk=_declared_id(
                request.POST.get("declaration") if action == "correct" else request.GET.get("correct")
            )
        )
        .first()
    )
    correct_form = None
    if correcting is not None:
        correct_form = OutsideDeclarationForm(
            request.POST if action == "correct" else None,
            prefix="correct",
            outside=correcting.is_outside,
            initial={
                "name": correcting.outside_name,
                "bin": correcting.outside_bin,
                "relation": correcting.relation,
                "note": correcting.note,
            },
        )
    if request.method == "POST":
        try:
            if action == "confirm":
                conflicts.declaration_confirm(person=request.user, call=call)
                messages.success(request, _("Your declaration is confirmed for this call."))
                return redirect("grants:expert_home")
            if action == "withdraw":
                try:
                    conflicts.conflict_withdraw(
                        person=request.user,
                        declaration_id=_declared_id(request.POST.get("declaration")),
                        call=call,
                    )
                except DomainError as error:  # the form to declare is not involved: the reason is a message
                    messages.error(request, str(error))
                else:
                    messages.success(request, _("The tie is removed from your declaration."))
                return redirect("grants:expert_declaration", code=call.code)
            if action == "correct":
                if correct_form is None:
                    messages.error(request, str(conflicts.MESSAGES[conflicts.NOT_DECLARED]))
                    return redirect("grants:expert_declaration", code=call.code)
                if correct_form.is_valid():
                    try:
                        conflicts.conflict_correct(
                            person=request.user,
                            declaration_id=correcting.pk,
                            call=call,
                            **correct_form.cleaned_data,
                        )
                    except DomainError as error:
                        if error.field is None:  # confirmed meanwhile: the form is no longer shown
                            messages.error(request, str(error))
                            return redirect("grants:expert_declaration", code=call.code)
                        _form_error(correct_form, error)
                    else:
                        messages.success(request, _("The tie is corrected."))
                        return redirect("grants:expert_declaration", code=call.code)
            elif action == "declare_outside" and outside_form.is_valid():
                try:
                    declaration = conflicts.conflict_declare_outside(
                        person=request.user, **outside_form.cleaned_data
                    )
                except DomainError as error:
                    _form_error(outside_form, error)
                else:
                    if declaration.is_outside:
                        messages.success(request, _("The tie is declared."))
                    else:
                        messages.success(
                            request,
                            _("The tie is declared: %(name)s is on Azamat with this BIN.")
                            % {"name": declaration.organisation.name},
                        )
                    return redirect("grants:expert_declaration", code=call.code)
            elif action == "declare" and form.is_valid():
                conflicts.expert_declare_conflict(
                    expert_user=request.user,
                    organisation=form.cleaned_data["organisation"],
                    relation=form.cleaned_data["relation"],
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("The tie is declared."))
                return redirect("grants:expert_declaration", code=call.code)
        except DomainError as error:
            _form_error(form, error)
    if action == "declare" and "bin" in form.errors:
        # Not found on Azamat: what was typed goes on to the form for an organisation not on it.
        typed = " ".join(request.POST.get("bin", "").split())[:300]
        key = "bin" if typed.isdigit() else "name"
        outside_form = OutsideDeclarationForm(
            prefix="outside",
            initial={
                key: typed[:12] if key == "bin" else typed,
                "relation": request.POST.get("relation", ""),
            },
        )
    confirmed = conflicts.declaration_confirmed(person=request.user, call=call)
    context = {
        "call": call,
        "form": form,
        "outside_form": outside_form,
        "correcting": correcting if not confirmed else None,
        "correct_form": correct_form,
        "declared": conflicts.declared_conflicts(person=request.user),
        "confirmed": confirmed,
    }
    return render(request, "grants/review/declaration.html", context)


def _assignment_for(request, pk) -> Assignment:
    assignment = get_object_or_404(
        Assignment.objects.select_related("expert__user", "application__call__grant_type"), pk=pk
    )
    if not can_see_call(request.user, assignment.application.call):
        raise Http404(_("No published call has this code."))
    _require(can_open_assignment(request.user, assignment))
    return assignment


@login_required
@require_http_methods(["GET", "POST"])
def expert_assignment(request, pk):
    assignment = _assignment_for(request, pk)
    application = assignment.application
    own = assignment.expert.user_id == request.user.pk
    if own and not conflicts.declaration_confirmed(person=request.user, call=application.call):
        messages.info(
            request, _("Confirm your declaration of conflicts of interest before you read applications.")
        )
        return redirect("grants:expert_declaration", code=application.call.code)
    criteria = list(application.call.grant_type.criteria.order_by("position", "pk"))
    open_for_scores = own and assignment.status == Assignment.Status.ASSIGNED
    saving_draft = request.method == "POST" and request.POST.get("action") == "draft"
    form = ScoreForm(
        request.POST if open_for_scores and request.method == "POST" else None,
        criteria=criteria,
        draft=saving_draft,
        initial=scoring.draft_initial(assignment) if open_for_scores else None,
    )
    if request.method == "POST":
        if not open_for_scores:
            raise PermissionDenied(_("Your scores are submitted and cannot change."))
        if saving_draft:
            if form.is_valid():
                try:
                    scoring.score_draft_save(assignment=assignment, by=request.user, scores=form.scores())
                except DomainError as error:
                    _form_error(form, error)
                else:
                    messages.success(request, _("Your draft is saved; it is not submitted yet."))
                    return redirect("grants:expert_assignment", pk=assignment.pk)
        # Submitting scores is irreversible: a valid form first comes back as a summary to confirm.
        elif form.is_valid() and request.POST.get("confirm") == "yes":
            try:
                scoring.score_submit(assignment=assignment, by=request.user, scores=form.scores())
            except DomainError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("Your scores are submitted."))
                return redirect("grants:expert_assignment", pk=assignment.pk)
    submitted = assignment.status == Assignment.Status.SUBMITTED
    context = {
        "assignment": assignment,
        "view": selectors.review_view(application),
        "form": form,
        "open_for_scores": open_for_scores,
        "own": own,
        "own_scores": assignment.scores.select_related("criterion").order_by("criterion__position")
        if submitted
        else None,
        "own_total": scoring.assignment_total(assignment, criteria) if submitted else None,
        # Others' scores only once the expert has given their own; never one by one.
        "aggregate": scoring.aggregate(application)
        if submitted or (is_operator(request.user) and not own)
        else None,
        "conflict_reasons": conflicts.conflict_reasons(assignment.expert, application),
        "recuse_form": RecuseForm(),
        "confirming": not saving_draft and form.is_bound and form.is_valid() and not form.non_field_errors(),
        "has_draft": open_for_scores and bool(assignment.draft_scores),
    }
    return render(request, "grants/review/assignment.html", context)


@login_required
@require_POST
def expert_recuse(request, pk):
    assignment = _assignment_for(request, pk)
    form = RecuseForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(
                assignment_services.RECUSAL_REASON_REQUIRED,
                assignment_services.MESSAGES[assignment_services.RECUSAL_REASON_REQUIRED],
            )
        _recused, replacement = recusal.assignment_recuse(
            assignment=assignment, by=request.user, reason=form.cleaned_data["reason"]
        )
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("grants:expert_assignment", pk=assignment.pk)
    if replacement is None:
        messages.info(request, _("You are recused. No other expert was free; the operator is told."))
    else:
        messages.success(request, _("You are recused; another expert takes your place."))
    return redirect(reverse("grants:expert_home"))


# --- The operator's lists as files, the experts' loads, the manual change of an expert (issue 7) ----------------


def _filtered_query(request) -> str:
    """The page's filters, carried over to its download links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@require_GET
def operator_queue_download(request, fmt):
    _require(can_check_compliance(request.user))
    filters = QueueFilterForm(request.GET or None).filters()
    return spreadsheet_response(
        request, fmt=fmt, name="compliance-queue", build=lambda: operator_exports.queue_rows(**filters)
    )


@login_required
@require_GET
def ranking_download(request, code, fmt):
    _require(can_see_ranking(request.user))
    call = get_object_or_404(Call.objects.select_related("grant_type"), code=code)
    return spreadsheet_response(
        request, fmt=fmt, name=f"ranking-{call.code}"[:60], build=lambda: operator_exports.ranking_rows(call)
    )


@login_required
@require_GET
def expert_loads(request, code):
    """Each expert of the call: assigned, scored, recused, overdue, and the next deadline."""
    _require(can_run_draws(request.user))
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
    _require(can_run_draws(request.user))
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
    _require(can_run_draws(request.user))
    call = get_object_or_404(Call.objects.select_related("grant_type"), code=code)
    initial = {k: request.GET.get(k, "")[:60] for k in ("application", "expert_out")}
    form = AssignmentChangeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid() and (target := _change_target(call, form)):
        assignment, expert = target
        try:
            replacement = assignment_services.assignment_change(
                assignment=assignment, expert=expert, by=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            _form_error(form, error)
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
    path("expert/", expert_home, name="expert_home"),
    path("expert/calls/<slug:code>/declaration/", expert_declaration, name="expert_declaration"),
    path("expert/assignments/<int:pk>/", expert_assignment, name="expert_assignment"),
    path("expert/assignments/<int:pk>/recuse/", expert_recuse, name="expert_recuse"),
    path("operator/queue.<str:fmt>", operator_queue_download, name="operator_queue_download"),
    path("operator/calls/<slug:code>/ranking.<str:fmt>", ranking_download, name="ranking_download"),
    path("operator/calls/<slug:code>/experts/", expert_loads, name="expert_loads"),
    path("operator/calls/<slug:code>/experts.<str:fmt>", expert_loads_download, name="expert_loads_download"),
    path("operator/calls/<slug:code>/assignment/change/", assignment_change, name="assignment_change"),
]
