"""The exports page (request an export: format, labels or codes, language, filters; the list of every export,
which is the audit), one export's progress, and its download through the checked view (the team; an export
with personal data to the survey's managers only)."""

import datetime
import os

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_sendfile import sendfile

from azamat.core.permissions import deny, require
from azamat.registry import selectors as registry_selectors
from azamat.surveys import export_services
from azamat.surveys.analysis_forms import ExportForm, FiltersForm
from azamat.surveys.models import ExportJob, Survey
from azamat.surveys.permissions import can_view_responses, is_manager

PAGE_SIZE = 25
CONTENT_TYPES = {
    ExportJob.Format.CSV: "text/csv; charset=utf-8",
    ExportJob.Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportJob.Format.SPSS: "application/zip",
}


def _survey(request, pk) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("organisation", "council", "body"), pk=pk)
    require(can_view_responses(request.user, survey))
    return survey


def _languages(survey: Survey) -> list[str]:
    version = survey.current_version()
    languages = (version.definition.get("languages") if version else None) or ["kk", "ru"]
    return list(dict.fromkeys(languages))


@require_http_methods(["GET", "POST"])
def exports(request, pk):
    survey = _survey(request, pk)
    manager = is_manager(request.user, survey)
    languages = _languages(survey)
    initial_language = request.LANGUAGE_CODE if request.LANGUAGE_CODE in languages else languages[0]
    form = ExportForm(
        initial={"format": "csv", "labels": "1", "language": initial_language},
        languages=languages,
        manager=manager,
    )
    filters_form = FiltersForm(None, survey=survey)
    status = 200
    if request.method == "POST":
        form = ExportForm(request.POST, languages=languages, manager=manager)
        filters_form = FiltersForm(request.POST, survey=survey)
        if form.is_valid() and filters_form.is_valid():
            try:
                job = export_services.export_request(
                    survey=survey,
                    by=request.user,
                    format=form.cleaned_data["format"],
                    labels=form.cleaned_data["labels"],
                    language=form.cleaned_data["language"],
                    filters=filters_form.filters(),
                    include_personal=form.cleaned_data.get("include_personal", False),
                    manager=manager,
                )
            except export_services.ExportError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                messages.success(request, _("The export is being built."))
                return redirect(reverse("surveys:export", args=[survey.pk, job.pk]))
        else:
            status = 400
    jobs = Paginator(
        survey.exports.select_related("requested_by").order_by("-created_at", "-pk"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    words = FiltersForm(None, survey=survey)
    for job in jobs:
        job.filters_shown = _filters_shown(words, job.filters or {})
    context = {"survey": survey, "form": form, "filters_form": filters_form, "jobs": jobs, "manager": manager}
    return render(request, "surveys/analysis/exports.html", context, status=status)


def _filters_shown(form: FiltersForm, filters: dict) -> list[str]:
    """An export's filters in words ("Region: Алматы қ."), not as stored ("region_code=75")."""
    regions = {kato[:2]: name for kato, name in registry_selectors.region_choices()}
    shown = []
    for key, value in filters.items():
        field = form.fields.get(key)
        if field is None:
            shown.append(f"{key}={value}")
            continue
        if key == "region_code":
            text = regions.get(str(value), str(value)) if len(str(value)) == 2 else str(value)
        elif key in ("date_from", "date_to"):
            try:
                text = date_format(datetime.date.fromisoformat(str(value)), "SHORT_DATE_FORMAT")
            except ValueError:
                text = str(value)
        else:
            text = str(dict(getattr(field, "choices", ())).get(value, value))
        shown.append(f"{field.label}: {text}")
    return shown


def _job(request, pk, job_id) -> tuple[Survey, ExportJob]:
    survey = _survey(request, pk)
    job = get_object_or_404(ExportJob.objects.select_related("requested_by"), pk=job_id, survey=survey)
    if job.include_personal and not is_manager(request.user, survey):
        require(deny(_("This export holds personal data: only the survey's managers may see it.")))
    return survey, job


@require_http_methods(["GET", "HEAD"])
def export(request, pk, job):
    survey, job = _job(request, pk, job)
    if request.GET.get("format") == "json" or request.headers.get("Accept", "").startswith(
        "application/json"
    ):
        return JsonResponse(
            {
                "status": job.status,
                "status_display": job.get_status_display(),
                "rows_done": job.rows_done,
                "rows_total": job.rows_total,
                "progress": job.progress,
                "download": reverse("surveys:export_download", args=[survey.pk, job.pk])
                if job.status == ExportJob.Status.DONE
                else "",
            }
        )
    return render(request, "surveys/analysis/export.html", {"survey": survey, "job": job})


@require_http_methods(["GET", "HEAD"])
def export_download(request, pk, job):
    survey, job = _job(request, pk, job)
    if job.status != ExportJob.Status.DONE:
        raise Http404(_("This export is not ready."))
    path = export_services.export_absolute_path(job)
    if not path or not os.path.isfile(path):
        raise Http404(_("The file is missing."))
    ExportJob.objects.filter(pk=job.pk).update(downloaded_at=timezone.now())
    response = sendfile(
        request,
        path,
        attachment=True,
        attachment_filename=export_services.download_name(job),
        mimetype=CONTENT_TYPES.get(job.format),
    )
    response["Cache-Control"] = "private, no-store"
    return response
