"""Pages after the award: the project, its reports, the operator's payments and agreements, the public dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.core.errors import DomainError, file_not_kept, form_error
from azamat.core.files import private_file_response
from azamat.core.permissions import require
from azamat.core.public_cache import public_page
from azamat.grants import operator_exports
from azamat.grants.forms.operator import PaymentFilterForm
from azamat.grants.forms.projects import (
    DashboardFilterForm,
    PaymentForm,
    ProjectCreateForm,
    ReportForm,
    ReviewForm,
)
from azamat.grants.lifecycle import PROJECT, REPORT
from azamat.grants.models import Application, Attachment, Project, Report, Tranche
from azamat.grants.permissions import can_fill_report, can_manage_projects, can_view_project, is_member_of
from azamat.grants.selectors import dashboard as figures
from azamat.grants.selectors import evaluation
from azamat.grants.selectors import projects as selectors
from azamat.grants.services import projects, reports
from azamat.grants.views.spreadsheet import spreadsheet_response


def _error_into(form, error: DomainError) -> None:
    form_error(form, error)


def _project_or_404(pk: int) -> Project:
    try:
        return selectors.project_page(pk=pk)
    except Project.DoesNotExist as exc:
        raise Http404(_("No such project.")) from exc


@login_required
@require_GET
def project_list(request):
    visible = selectors.projects_visible_to(user=request.user).order_by("-signed_on", "-pk")
    query = " ".join(request.GET.get("q", "").split())[:200]
    if query:
        visible = selectors.projects_matching(projects=visible, query=query)
    return render(request, "grants/projects/list.html", {"projects": visible[:200], "query": query})


@require_GET
@public_page(topics=lambda request, pk: ["dashboard", "registry"])
def project_detail(request, pk):
    project = _project_or_404(pk)
    full = can_view_project(request.user, project)
    if not full and not project.application.call.results_published:
        raise Http404(_("The results of this call are not published yet."))
    context = {"project": project, "full": bool(full), "public": selectors.project_public(project)}
    if full:
        context.update(selectors.project_private(project))
        context["effectiveness"] = evaluation.effectiveness(project)
    return render(request, "grants/projects/detail.html", context)


def _report_steps(request, report) -> dict:
    """The report's steps this person is offered (lifecycle.REPORT), each with its reason when refused: the
    grantee's members submit it (again, after a revision), the operator approves it or sends it back."""
    steps = {}
    if is_member_of(request.user, report.project.application.organisation):
        name = "resubmit" if report.status == Report.Status.REVISION else "submit"
        steps["submit"] = REPORT.options(report, request.user, name)[name]
    if can_manage_projects(request.user):
        steps.update(REPORT.options(report, request.user, "approve", "request_revision"))
    return steps


# The report form's parts in the page's order, each an anchor on the page, for the summary of what a refusal left
# undone: on a phone the field that says why may be many screens below (the form posts to the summary's anchor).
REPORT_PARTS = ["narrative", "public_summary", "total_spent", "indicators", "spending", "attachment"]


def _report_refusal(form, *, saved: bool, missing=()) -> dict:
    """What the summary at the top of a refused report says: whether the draft is saved (only its submission was
    refused) and each part to correct as (anchor, title), the parts marked on the form and those `missing`."""
    parts = set(missing)
    for name in form.errors:
        if name.startswith("actual_"):
            parts.add("indicators")
        elif name.startswith("spent_"):
            parts.add("spending")
        elif name in REPORT_PARTS:
            parts.add(name)
    titles = {name: field.label for name, field in form.fields.items() if name in REPORT_PARTS}
    titles.update({"indicators": _("Indicators"), "spending": _("Spending by budget line")})
    return {"saved": saved, "parts": [(part, titles[part]) for part in REPORT_PARTS if part in parts]}


def _report_context(request, project, report, form=None, review_form=None, refusal=None) -> dict:
    indicator_rows = selectors.report_indicator_rows(report)
    spending_rows = selectors.report_spending_rows(report)
    can_fill = can_fill_report(request.user, report)
    if can_fill and form is None:
        form = ReportForm(
            report=report,
            indicator_rows=indicator_rows,
            spending_rows=spending_rows,
            total_spent=selectors.report_total_spent(report),
            initial={"narrative": report.narrative, "public_summary": report.public_summary},
        )
    steps = _report_steps(request, report)
    reviewing = any(steps[name].decision for name in ("approve", "request_revision") if name in steps)
    return {
        "project": project,
        "report": report,
        "steps": steps,
        "form": form if can_fill else None,
        "refusal": refusal if can_fill else None,
        # Refused (the report changed meanwhile): the page says why instead of a form without buttons.
        "review_form": (review_form if review_form is not None else ReviewForm()) if reviewing else None,
        # Sent from a page opened before the report changed (another tab): the comment typed, given back to copy.
        "unsent_comment": (
            review_form.data.get("comment", "").strip() if review_form is not None and not reviewing else ""
        ),
        "indicator_rows": indicator_rows,
        "spending_rows": spending_rows,
        "total_spent": selectors.report_total_spent(report),
        "attachments": selectors.report_attachments(report),
    }


@login_required
@require_http_methods(["GET", "POST"])
def project_report(request, pk, report_pk):
    project = _project_or_404(pk)
    require(can_view_project(request.user, project))
    try:
        report = selectors.report_page(project=project, pk=report_pk)
    except Report.DoesNotExist as exc:
        raise Http404(_("No such report.")) from exc
    if request.method == "GET":
        return render(request, "grants/projects/report.html", _report_context(request, project, report))
    require(can_fill_report(request.user, report))
    form = ReportForm(
        request.POST,
        request.FILES,
        report=report,
        indicator_rows=selectors.report_indicator_rows(report),
        spending_rows=selectors.report_spending_rows(report),
    )
    chosen = request.FILES.get("attachment")
    chosen_name = chosen.name if chosen else ""  # before the service renames the file for the disk
    saved, missing = False, ()
    if form.is_valid():
        try:
            with transaction.atomic():
                reports.report_save(report=report, by=request.user, **form.values())
                if form.cleaned_data.get("attachment"):
                    reports.report_attach(
                        report=report, by=request.user, upload=form.cleaned_data["attachment"]
                    )
        except DomainError as error:
            _error_into(form, error)
        else:
            saved = True  # with the file, if one was chosen: a refused submission below keeps both
            if request.POST.get("action") != "submit":
                messages.success(request, _("The report is saved. Submit it when it is complete."))
                return redirect("grants:project_report", pk=project.pk, report_pk=report.pk)
            try:
                reports.report_submit(report=report, by=request.user)
            except DomainError as error:
                _error_into(form, error)
                if isinstance(error, reports.ReportIncomplete):
                    missing = error.missing
            else:
                messages.success(request, _("The report is submitted to the operator."))
                return redirect(project)
    if not saved:
        file_not_kept(form, "attachment", chosen_name)
    return render(
        request,
        "grants/projects/report.html",
        _report_context(
            request, project, report, form=form, refusal=_report_refusal(form, saved=saved, missing=missing)
        ),
        status=400,
    )


@login_required
@require_POST
def project_report_review(request, pk, report_pk):
    project = _project_or_404(pk)
    require(can_manage_projects(request.user))
    try:
        report = selectors.report_page(project=project, pk=report_pk)
    except Report.DoesNotExist as exc:
        raise Http404(_("No such report.")) from exc
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            if request.POST.get("action") == "approve":
                reports.report_approve(report=report, by=request.user)
                messages.success(request, _("The report is approved."))
            else:
                reports.report_request_revision(
                    report=report, by=request.user, comment=form.cleaned_data["comment"]
                )
                messages.success(
                    request, _("The report is sent back for revision; the organisation is told why.")
                )
        except DomainError as error:
            _error_into(form, error)
        else:
            return redirect(project)
    return render(
        request,
        "grants/projects/report.html",
        _report_context(request, project, report, review_form=form),
        status=400,
    )


@login_required
@require_GET
def project_report_file(request, pk, report_pk, file_pk):
    project = get_object_or_404(Project.objects.select_related("application__organisation"), pk=pk)
    require(can_view_project(request.user, project))
    report = get_object_or_404(Report, pk=report_pk, project=project)
    try:
        attachment = selectors.report_attachment(report=report, pk=file_pk)
    except Attachment.DoesNotExist as exc:
        raise Http404(_("No such file.")) from exc
    return private_file_response(
        request,
        attachment.file,
        filename=attachment.original_name,
        as_attachment=True,
        content_type=attachment.content_type,
    )


@login_required
@require_http_methods(["GET", "POST"])
def operator_payments(request):
    require(can_manage_projects(request.user))
    failed = None
    if request.method == "POST":
        tranche_pk = request.POST.get("tranche", "")
        tranche = get_object_or_404(Tranche, pk=int(tranche_pk) if tranche_pk.isdigit() else 0)
        form = PaymentForm(request.POST, prefix=f"t{tranche.pk}")
        if form.is_valid():
            try:
                projects.payment_record(tranche=tranche, by=request.user, **form.cleaned_data)
            except DomainError as error:
                _error_into(form, error)
            else:
                messages.success(request, _("The payment is recorded."))
                return redirect("grants:operator_payments")
        failed = (tranche.pk, form)
    today = timezone.localdate()
    # Search and filters (issue 7): an invalid value is named on the page and left out, never an error page.
    filter_form = PaymentFilterForm(request.GET or None)
    filters = filter_form.filters()
    payable = []
    for tranche in selectors.tranches_payable_filtered(**filters):
        if failed and failed[0] == tranche.pk:
            form = failed[1]
        else:
            form = PaymentForm(prefix=f"t{tranche.pk}", initial={"amount": tranche.left, "paid_on": today})
        payable.append((tranche, form, tranche.due_on < today))
    context = {
        "payable": payable,
        "today": today,
        "counts": selectors.late_payment_counts(),
        "late_payments": [
            (p, *selectors.payment_lateness(p))
            for p in selectors.late_payments_filtered(
                query=filters["query"], call=filters["call"], region=filters["region"]
            )[:50]
        ],
        "filter_form": filter_form,
        "query_string": _query_without_page(request),
        "reports": selectors.reports_to_review()[:100],
        "awarded": selectors.awarded_without_agreement()[:100],
        "error": failed is not None and failed[0] not in {t.pk for t, _f, _l in payable},
        "failed_form": failed[1] if failed else None,
    }
    return render(request, "grants/projects/operator_payments.html", context, status=400 if failed else 200)


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request, application_pk):
    require(can_manage_projects(request.user))
    application = get_object_or_404(
        Application.objects.select_related("call__grant_type", "organisation"), pk=application_pk
    )
    form = ProjectCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = projects.project_create(application=application, by=request.user, **form.cleaned_data)
        except DomainError as error:
            _error_into(form, error)
        else:
            messages.success(
                request, _("The agreement %(number)s is recorded.") % {"number": project.agreement_number}
            )
            return redirect(project)
    context = {
        "application": application,
        "form": form,
        "decided": projects.commission_amount(application) if application.call.grant_type.two_stage else None,
        # Opened at a typed or stale address (not awarded, or its agreement recorded meanwhile): the reason
        # instead of a form that could only be refused.
        "steps": PROJECT.options(Project(application=application), request.user, "sign"),
        "project": Project.objects.filter(application=application).first(),
    }
    return render(request, "grants/projects/project_form.html", context, status=400 if form.errors else 200)


@require_GET
@public_page(topics=lambda request: ["dashboard"], params=("year", "customer"))
def dashboard(request):
    options = figures.cached_dashboard_filters()
    form = DashboardFilterForm(request.GET or None, **options)
    filters = form.cleaned_data if form.is_valid() else {}
    page = figures.cached_dashboard_page(year=filters.get("year"), customer=filters.get("customer", ""))
    context = {"form": form, "sections": page["sections"], "totals": page["totals"]}
    return render(request, "grants/projects/dashboard.html", context)


# --- The operator's late payments as a file (issue 7) ------------------------------------------------------------


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@require_GET
def late_payments_download(request, fmt):
    require(can_manage_projects(request.user))
    filters = PaymentFilterForm(request.GET or None).filters()
    filters.pop("status")  # a payment made is not overdue or due: the tranche filter does not apply
    return spreadsheet_response(
        request, fmt=fmt, name="late-payments", build=lambda: operator_exports.late_payment_rows(**filters)
    )


urlpatterns = [
    path("projects/", project_list, name="projects"),
    path("projects/<int:pk>/", project_detail, name="project"),
    path("projects/<int:pk>/reports/<int:report_pk>/", project_report, name="project_report"),
    path(
        "projects/<int:pk>/reports/<int:report_pk>/review/",
        project_report_review,
        name="project_report_review",
    ),
    path(
        "projects/<int:pk>/reports/<int:report_pk>/files/<int:file_pk>/",
        project_report_file,
        name="project_report_file",
    ),
    path("operator/payments/", operator_payments, name="operator_payments"),
    path("operator/payments/late.<str:fmt>", late_payments_download, name="late_payments_download"),
    path("operator/agreements/<int:application_pk>/", project_create, name="project_create"),
    path("dashboard/", dashboard, name="dashboard"),
]
