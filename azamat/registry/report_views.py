"""Pages of the annual report to the state NGO database, under the organisation: the list by year, the form in
sections, the review before filing, filing, correcting, a filed version, and the exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require
from azamat.registry import report_exports, report_selectors, report_services
from azamat.registry.models import Organisation
from azamat.registry.report_countries import country_choices
from azamat.registry.report_fingerprints import saved_fingerprints
from azamat.registry.report_forms import SECTION_FORMS, NewReportForm, ReportForms
from azamat.registry.report_models import AnnualReport
from azamat.registry.report_permissions import can_prepare_reports, can_view_reports

SECTION_TITLES = {
    "activities": gettext_lazy("Activities in the year"),
    "founders": gettext_lazy("Founders"),
    "people": gettext_lazy("People and property"),
    "income": gettext_lazy("Income"),
    "expenditure": gettext_lazy("Expenditure"),
}


def _organisation(request, bin, decision=can_view_reports) -> Organisation:
    organisation = get_object_or_404(Organisation, bin=bin)
    require(decision(request.user, organisation))
    return organisation


def _report(organisation, pk) -> AnnualReport:
    get_object_or_404(AnnualReport, pk=pk, organisation=organisation)
    return report_selectors.report_full(pk=pk)


def _url(name, report) -> str:
    return reverse(f"registry:{name}", kwargs={"bin": report.organisation.bin, "pk": report.pk})


@login_required
@require_http_methods(["GET", "POST"])
def reports(request, bin):
    organisation = _organisation(request, bin)
    can_prepare = can_prepare_reports(request.user, organisation)
    today = timezone.localdate()
    form = NewReportForm(
        request.POST if request.method == "POST" else None,
        initial={"year": report_selectors.next_report_year(organisation, today)},
    )
    if request.method == "POST":
        require(can_prepare)
        if form.is_valid():
            try:
                report = report_services.report_create(
                    organisation=organisation, year=form.cleaned_data["year"], by=request.user
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(
                    request, _("The report is started from last year's report and the platform's own data.")
                )
                return redirect(_url("report_edit", report))
    context = {
        "organisation": organisation,
        "reports": report_selectors.reports_of(organisation=organisation),
        "notices": report_selectors.report_notices(organisation, today),
        "current": report_selectors.is_report_current(organisation, today),
        "required_year": report_selectors.report_required_year(today),
        "can_prepare": bool(can_prepare),
        "form": form,
    }
    return render(request, "registry/reports/list.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def report(request, bin, pk):
    organisation = _organisation(request, bin)
    report = _report(organisation, pk)
    context = {
        "organisation": organisation,
        "report": report,
        "can_prepare": bool(can_prepare_reports(request.user, organisation)),
        "versions": report_selectors.reports_of(organisation=organisation).filter(year=report.year),
        "totals": report_exports.totals(report),
    }
    return render(request, "registry/reports/detail.html", context)


def _show_problems(forms: ReportForms, error: DomainError, section: str) -> None:
    problems = getattr(error, "problems", None) or [report_services.Problem(error.code, str(error), section)]
    form_class, names = SECTION_FORMS[section]
    for problem in problems:
        target = None
        if problem.line and names:
            target = forms.line_form(names[-1] if section != "activities" else "beneficiaries", problem.line)
        if target is not None and problem.field in target.fields:
            target.add_error(problem.field, problem.message)
        elif form_class and problem.field in forms.forms[section].fields:
            forms.forms[section].add_error(problem.field, problem.message)
        elif form_class:
            forms.forms[section].add_error(None, problem.message)
        else:
            forms.formsets[names[0]]._non_form_errors = forms.formsets[names[0]].error_class(
                [problem.message]
            )


def _save_sections(request, report, forms: ReportForms) -> tuple[list[str], dict[str, str]]:
    """Save each valid section; return those refused, and the fingerprint of what the page will show again of
    the sections not saved. A section a colleague (or another tab) saved since the page was loaded keeps their
    version where this person changed nothing in it; where both changed it, it is refused with what was typed
    (shown as the newer state, so that saving it again, knowingly, replaces theirs)."""
    saved = saved_fingerprints(report)
    failed, shown = [], {}
    for section in SECTION_FORMS:
        loaded = request.POST.get(f"fingerprint-{section}", "")
        if loaded:
            shown[section] = loaded
        if not forms.section_valid(section):
            failed.append(section)
            continue
        if loaded and loaded != saved[section]:
            if forms.posted_fingerprint(section) not in {loaded, saved[section]}:
                forms.add_section_error(
                    section, str(report_services.MESSAGES[report_services.EDITED_MEANWHILE])
                )
                failed.append(section)
                shown[section] = saved[section]
            continue
        data, lines = forms.section_data(section)
        try:
            report_services.report_save(
                report=report, by=request.user, section=section, data=data, lines=lines, loaded=loaded
            )
        except DomainError as error:
            _show_problems(forms, error, section)
            failed.append(section)
            if error.code == report_services.EDITED_MEANWHILE:  # a colleague saved it in the same instant
                shown[section] = saved_fingerprints(report_selectors.report_full(pk=report.pk))[section]
        else:
            shown.pop(section, None)
    return failed, shown


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, bin, pk):
    """Every section in one form: any save button sends all that is typed; each valid section is saved, and a
    refused one is shown again with its messages and what was typed, so nothing is lost."""
    organisation = _organisation(request, bin, can_prepare_reports)
    report = _report(organisation, pk)
    if report.is_frozen:
        messages.error(request, str(report_services.MESSAGES[report_services.FROZEN]))
        return redirect(_url("report", report))
    forms = ReportForms(report, request.POST or None)
    failed: list[str] = []
    shown: dict[str, str] = {}
    if request.method == "POST":
        failed, shown = _save_sections(request, report, forms)
        if not failed:
            messages.success(request, _("The report is saved."))
            target = request.POST.get("save", "")
            if target == "review":
                return redirect(_url("report_review", report))
            anchor = f"#{target}" if target in SECTION_FORMS else ""
            return redirect(_url("report_edit", report) + anchor)
        report = report_selectors.report_full(pk=report.pk)
    context = {
        "organisation": organisation,
        "report": report,
        "f": forms,
        "sections": SECTION_TITLES,
        "failed": failed,
        "totals": report_exports.totals(report),
        # What the page holds: as saved, except a section re-shown as sent (`shown`), which keeps the state it
        # was loaded in, so that saving it again still notices a colleague's save.
        "fingerprints": saved_fingerprints(report) | shown,
        "countries": country_choices(),  # the names a country box offers
    }
    return render(request, "registry/reports/edit.html", context, status=400 if failed else 200)


@login_required
@require_GET
def report_review(request, bin, pk):
    organisation = _organisation(request, bin)
    report = _report(organisation, pk)
    context = {
        "organisation": organisation,
        "report": report,
        "problems": report_services.report_problems(report) if not report.is_frozen else [],
        "can_prepare": bool(can_prepare_reports(request.user, organisation)),
        "totals": report_exports.totals(report),
        "sections": SECTION_TITLES,
    }
    return render(request, "registry/reports/review.html", context)


@login_required
@require_POST
def report_file(request, bin, pk):
    organisation = _organisation(request, bin, can_prepare_reports)
    report = get_object_or_404(AnnualReport, pk=pk, organisation=organisation)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that the report is complete and true."))
        return redirect(_url("report_review", report))
    try:
        report = report_services.report_file(report=report, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect(_url("report_review", report))
    messages.success(request, _("The report is filed. Download the files for the state NGO database below."))
    return redirect(_url("report", report))


@login_required
@require_POST
def report_correct(request, bin, pk):
    organisation = _organisation(request, bin, can_prepare_reports)
    report = get_object_or_404(AnnualReport, pk=pk, organisation=organisation)
    try:
        copy = report_services.report_correct(report=report, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect(_url("report", report))
    messages.success(
        request,
        _("A correction is started as a new version; the filed version stays in force until you file it."),
    )
    return redirect(_url("report_edit", copy))


@login_required
@require_GET
def report_export(request, bin, pk, format):
    if format not in report_exports.EXPORTS:
        raise Http404
    organisation = _organisation(request, bin)
    report = _report(organisation, pk)
    content, content_type = report_exports.EXPORTS[format](report)
    response = HttpResponse(content, content_type=content_type)
    name = f"ngo-report-{organisation.bin}-{report.year}-v{report.version}.{format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


urlpatterns = [
    path("organisations/<str:bin>/reports/", reports, name="reports"),
    path("organisations/<str:bin>/reports/<int:pk>/", report, name="report"),
    path("organisations/<str:bin>/reports/<int:pk>/edit/", report_edit, name="report_edit"),
    path("organisations/<str:bin>/reports/<int:pk>/review/", report_review, name="report_review"),
    path("organisations/<str:bin>/reports/<int:pk>/file/", report_file, name="report_file"),
    path("organisations/<str:bin>/reports/<int:pk>/correct/", report_correct, name="report_correct"),
    path(
        "organisations/<str:bin>/reports/<int:pk>/export.<str:format>",
        report_export,
        name="report_export",
    ),
]
