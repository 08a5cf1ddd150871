"""Pages of public-control checks: the public list and each check's page with the fate of its recommendations;
for the check's team, the forms to start and edit a check, its team, findings, final document, completion
and recommendations (drafted one at a time, sent together after a confirmation page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.accountability import control as services
from azamat.accountability import control_selectors as selectors
from azamat.accountability.control_permissions import (
    active_organisations,
    can_create_check,
    can_edit_check,
    can_view_check_document,
)
from azamat.accountability.forms.control import (
    CheckFilterForm,
    CheckForm,
    DocumentForm,
    FindingsForm,
    MemberForm,
    RecommendationForm,
)
from azamat.accountability.models import Check, CheckMember, CheckRecommendation, DeadlineRule
from azamat.accountability.services import deadlines
from azamat.core.errors import DomainError, form_error
from azamat.core.files import private_file_response
from azamat.core.permissions import require
from azamat.core.public_cache import public_page
from azamat.registry.permissions import is_platform_admin

PAGE_SIZE = 20
TEMPLATES = "accountability/control/"


def _check(pk: int) -> Check:
    try:
        return selectors.check_detail(pk)
    except Check.DoesNotExist as exc:
        raise Http404(_("No public-control check has this number.")) from exc


def _editable(request, pk: int) -> Check:
    check = _check(pk)
    require(can_edit_check(request.user, check))
    return check


def _status(form) -> int:
    return 400 if form.errors else 200


@require_GET
@public_page(
    topics=lambda request: ["accountability:control", "registry"],
    params=("page", "body", "region", "method", "year", "status"),
)
def check_list(request):
    form = CheckFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    checks = selectors.checks_public(
        body=filters.get("body", ""),
        region=filters.get("region", ""),
        method=filters.get("method", ""),
        year=int(filters["year"]) if filters.get("year") else None,
        status=filters.get("status", ""),
    )
    page = Paginator(checks, PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query_string": query_string.urlencode(),
        "can_create": can_create_check(request.user),
    }
    template = f"{TEMPLATES}list.html#results" if request.htmx else f"{TEMPLATES}list.html"
    return render(request, template, context)


@require_GET
@public_page(topics=lambda request, pk: ["accountability", f"accountability:control:{pk}", "registry"])
def check_detail(request, pk):
    check = _check(pk)
    can_edit = bool(can_edit_check(request.user, check))
    items, rows = selectors.recommendations_fate(check)
    context = {
        "check": check,
        "team": list(check.team.all()),
        "items": items,
        "status_rows": rows,
        "can_edit": can_edit,
        "can_read_document": bool(check.document) and bool(can_view_check_document(request.user, check)),
        "drafts": check.drafts if can_edit else [],
    }
    return render(request, f"{TEMPLATES}detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def check_create(request):
    require(can_create_check(request.user))
    organisations = active_organisations(request.user)
    form = CheckForm(request.POST if request.method == "POST" else None, organisations=organisations)
    if not is_platform_admin(request.user):
        form.fields["organisation"].required = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check = services.check_create(
                by=request.user,
                organisation=data.get("organisation"),
                subject=data["subject"],
                description=data["description"],
                body=data["body"],
                method=data["method"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            )
        except DomainError as error:
            if error.code == services.CHECK_EXISTS:
                # Sent again (the back button, a double tap): the check started the first time is the answer.
                messages.info(request, str(error))
                return redirect(error.check)
            form_error(form, error)
        else:
            messages.success(request, _("The check is started. Add its team, then write its findings."))
            return redirect(check)
    return render(request, f"{TEMPLATES}form.html", {"form": form}, status=_status(form))


def _edit_page(request, check, *, form=None, member_form=None, status=200):
    context = {
        "check": check,
        "form": form
        or CheckForm(
            initial={
                "subject": check.subject,
                "description": check.description,
                "body": check.body_id,
                "method": check.method,
                "starts_on": check.starts_on,
                "ends_on": check.ends_on,
            }
        ),
        "member_form": member_form or MemberForm(),
        "team": list(check.team.all()),
    }
    return render(request, f"{TEMPLATES}form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def check_edit(request, pk):
    check = _editable(request, pk)
    if check.is_completed:
        messages.error(request, services.MESSAGES[services.COMPLETED])
        return redirect(check)
    if request.method == "GET":
        return _edit_page(request, check)
    form = CheckForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.check_update(check=check, by=request.user, **data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The check is saved."))
            return redirect(check)
    return _edit_page(request, check, form=form, status=400)


@login_required
@require_POST
def check_team_add(request, pk):
    check = _editable(request, pk)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            services.check_member_add(check=check, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The team is updated."))
            return redirect("accountability:control_check_edit", pk=check.pk)
    return _edit_page(request, check, member_form=form, status=400)


@login_required
@require_POST
def check_team_remove(request, pk, member_pk):
    check = _editable(request, pk)
    member = get_object_or_404(CheckMember, pk=member_pk, check_record=check)
    try:
        services.check_member_remove(member=member, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The team is updated."))
    return redirect("accountability:control_check_edit", pk=check.pk)


def _results_page(request, check, *, form=None, document_form=None, status=200):
    context = {
        "check": check,
        "form": form or FindingsForm(initial={"findings": check.findings}),
        "document_form": document_form or DocumentForm(),
        "steps": services.CHECK.options(check, request.user, "complete"),
    }
    return render(request, f"{TEMPLATES}results.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def check_results(request, pk):
    """The findings, the final document and the completion, on one page."""
    check = _editable(request, pk)
    if request.method == "GET":
        return _results_page(request, check)
    form = FindingsForm(request.POST)
    if form.is_valid():
        try:
            services.check_findings_save(check=check, by=request.user, findings=form.cleaned_data["findings"])
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The findings are saved."))
            return redirect("accountability:control_check_results", pk=check.pk)
    return _results_page(request, check, form=form, status=400)


@login_required
@require_POST
def check_document_upload(request, pk):
    check = _editable(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.check_document_upload(check=check, by=request.user, upload=form.cleaned_data["file"])
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The final document is attached."))
            return redirect("accountability:control_check_results", pk=check.pk)
    return _results_page(request, check, document_form=form, status=400)


@require_GET
def check_document(request, pk):
    """The final document: public once the check is completed; before, only for those who run it (else 404)."""
    check = get_object_or_404(Check.objects.select_related("organisation"), pk=pk)
    if not check.document or not can_view_check_document(request.user, check):
        raise Http404(_("The final document is published when the check is completed."))
    return private_file_response(
        request,
        check.document,
        filename=check.document_name,
        as_attachment=False,
        content_type=check.document_type or None,
    )


@login_required
@require_POST
def check_complete(request, pk):
    """Without the confirmation: the summary to confirm. Confirmed: the check is completed."""
    check = _editable(request, pk)
    if request.POST.get("confirm") != "yes":
        steps = services.CHECK.options(check, request.user, "complete")
        return render(request, f"{TEMPLATES}complete.html", {"check": check, "steps": steps})
    try:
        services.check_complete(check=check, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("accountability:control_check_results", pk=check.pk)
    messages.success(request, _("The check is completed; its findings and final document are public."))
    return redirect(check)


def _recommendations_page(request, check, *, form=None, status=200):
    context = {
        "check": check,
        "drafts": check.drafts,
        "form": form or RecommendationForm(initial={"body": check.body_id}),
    }
    return render(request, f"{TEMPLATES}recommendations.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def check_recommendations(request, pk):
    """The drafts, and the form to add one more; what was typed stays on the page when it is refused."""
    check = _editable(request, pk)
    if check.recommendations_sent_on:
        messages.info(request, services.MESSAGES[services.ALREADY_SENT])
        return redirect(check)
    if request.method == "GET":
        return _recommendations_page(request, check)
    form = RecommendationForm(request.POST)
    if form.is_valid():
        try:
            services.recommendation_add(check=check, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The recommendation is added to the drafts."))
            return redirect("accountability:control_check_recommendations", pk=check.pk)
    return _recommendations_page(request, check, form=form, status=400)


@login_required
@require_POST
def recommendation_remove(request, pk, recommendation_pk):
    check = _editable(request, pk)
    recommendation = get_object_or_404(CheckRecommendation, pk=recommendation_pk, check_record=check)
    try:
        services.recommendation_remove(recommendation=recommendation, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The draft is removed."))
    return redirect("accountability:control_check_recommendations", pk=check.pk)


@login_required
@require_http_methods(["GET", "POST"])
def recommendations_send(request, pk):
    """The summary to confirm (each body and its due date); confirmed, every draft is sent in one step."""
    check = _editable(request, pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            items = services.recommendations_send(check=check, by=request.user)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("accountability:control_check_recommendations", pk=check.pk)
        messages.success(request, _("The recommendations are sent; their answers are followed on this page."))
        return redirect(f"{check.get_absolute_url()}#recommendations") if items else redirect(check)
    today = timezone.localdate()
    due = deadlines(DeadlineRule.objects.get(code="public_control"), today)
    refusal = ""
    if check.recommendations_sent_on:
        refusal = services.MESSAGES[services.ALREADY_SENT]
    elif not check.findings.strip():
        refusal = services.MESSAGES[services.NO_FINDINGS_FOR_RECOMMENDATIONS]
    elif not check.drafts:
        refusal = services.MESSAGES[services.NO_RECOMMENDATIONS]
    context = {
        "check": check,
        "drafts": check.drafts,
        "due_on": due["due_on"],
        "today": today,
        "refusal": refusal,
    }
    return render(request, f"{TEMPLATES}send.html", context)


urlpatterns = [
    path("control/", check_list, name="control_checks"),
    path("control/new/", check_create, name="control_check_create"),
    path("control/<int:pk>/", check_detail, name="control_check"),
    path("control/<int:pk>/edit/", check_edit, name="control_check_edit"),
    path("control/<int:pk>/team/", check_team_add, name="control_check_team_add"),
    path(
        "control/<int:pk>/team/<int:member_pk>/remove/", check_team_remove, name="control_check_team_remove"
    ),
    path("control/<int:pk>/results/", check_results, name="control_check_results"),
    path("control/<int:pk>/document/", check_document_upload, name="control_check_document_upload"),
    path("control/<int:pk>/document/file/", check_document, name="control_check_document"),
    path("control/<int:pk>/complete/", check_complete, name="control_check_complete"),
    path("control/<int:pk>/recommendations/", check_recommendations, name="control_check_recommendations"),
    path(
        "control/<int:pk>/recommendations/<int:recommendation_pk>/remove/",
        recommendation_remove,
        name="control_recommendation_remove",
    ),
    path("control/<int:pk>/recommendations/send/", recommendations_send, name="control_recommendations_send"),
]
