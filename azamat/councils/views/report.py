"""A council's annual report from its records, as a public page and as a PDF."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from azamat.core.collation import sorted_alphabetically
from azamat.core.public_cache import public_page
from azamat.councils.annual_report import annual_report, report_pdf, report_years
from azamat.councils.models import Council
from azamat.councils.permissions import can_view_council
from azamat.councils.plausible import FIRST_YEAR


def _report(request, pk, year):
    council = get_object_or_404(Council.objects.select_related("body", "region"), pk=pk)
    if not can_view_council(request.user, council):
        raise Http404(_("This council is not published yet."))
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404(_("Unknown year."))
    return annual_report(council, year)


@require_GET
@public_page(topics=lambda request, pk, year: ["councils", "accountability"])
def report_page(request, pk, year):
    report = _report(request, pk, year)
    context = {
        "report": report,
        "council": report.council,
        "years": report_years(report.council),
        "committees": sorted_alphabetically(report.committees, key=lambda c: c.name),
    }
    return render(request, "councils/report/report.html", context)


@require_GET
@public_page(topics=lambda request, pk, year: ["councils", "accountability"])
def report_download(request, pk, year):
    """The PDF, served from the public cache like the page (rendering one costs far more than a page)."""
    report = _report(request, pk, year)
    response = HttpResponse(report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="azamat-council-{report.council.pk}-{year}.pdf"'
    return response


urlpatterns = [
    path("<int:pk>/report/<int:year>/", report_page, name="report"),
    path("<int:pk>/report/<int:year>/pdf/", report_download, name="report_pdf"),
]
