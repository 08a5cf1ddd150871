"""Public pages: every council with filters, a council with its members and meetings, a meeting with its agenda and
(once published) minutes, attendance and decisions, the iCalendar feeds and public documents."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from azamat.core.collation import sorted_alphabetically
from azamat.core.files import private_file_response
from azamat.core.permissions import require
from azamat.core.public_cache import public_page
from azamat.councils import ical, selectors
from azamat.councils.forms import FilterForm
from azamat.councils.models import Council, Document, Meeting
from azamat.councils.permissions import (
    can_get_document,
    can_manage_council,
    can_view_council,
    can_view_minutes,
    can_view_proposals,
)

PAGE_SIZE = 30


def _visible_council(request, pk) -> Council:
    council = get_object_or_404(Council.objects.select_related("body", "region"), pk=pk)
    if not can_view_council(request.user, council):
        raise Http404(_("This council is not published yet."))
    return council


@require_GET
@public_page(topics=lambda request: ["councils"], params=("page", "level", "region"))
def council_list(request):
    form = FilterForm(request.GET or None)
    councils = selectors.councils_public(**form.filters())
    if form.search_refused:  # said beside the box; every council would answer a search never made
        councils = councils.none()
    page = Paginator(councils, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query_string": query.urlencode()}
    return render(request, "councils/list.html", context)


@require_GET
@public_page(topics=lambda request, pk: ["councils", "surveys"])  # its consultations too
def council_detail(request, pk):
    council = _visible_council(request, pk)
    manager = bool(can_manage_council(request.user, council))
    current, former = selectors.council_members(council)
    context = {
        "council": council,
        "manager": manager,
        "proposer": bool(can_view_proposals(request.user, council)),
        "current": current,
        "former": former,
        "committees": sorted_alphabetically(council.committees.all(), key=lambda c: c.name),
        "meetings": list(selectors.council_meetings(council, public=not manager)[:50]),
        "documents": list(selectors.council_documents(council, public=not manager)),
    }
    return render(request, "councils/detail.html", context)


@require_GET
@public_page(topics=lambda request, pk, meeting_pk: ["councils", "accountability"])
def meeting_detail(request, pk, meeting_pk):
    council = _visible_council(request, pk)
    meeting = get_object_or_404(Meeting, pk=meeting_pk, council=council)
    meeting.council = council
    manager = bool(can_manage_council(request.user, council))
    record = selectors.meeting_record(meeting, public=not manager)
    minutes = bool(can_view_minutes(request.user, meeting))
    context = {"council": council, "meeting": meeting, "manager": manager, "show_minutes": minutes, **record}
    if minutes:
        context["fates"] = selectors.decision_items(record["decisions"])
    return render(request, "councils/meeting.html", context)


@require_GET
@public_page(topics=lambda request: ["councils"])
def meetings_upcoming(request):
    return render(request, "councils/meetings.html", {"meetings": list(selectors.upcoming_meetings())})


def _calendar_response(request, meetings, name: str) -> HttpResponse:
    body = ical.calendar(
        meetings,
        name=name,
        host=request.get_host().split(":")[0],
        url_for=lambda m: request.build_absolute_uri(m.get_absolute_url()),
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@require_GET
@public_page(topics=lambda request: ["councils"])
def calendar_all(request):
    return _calendar_response(request, selectors.meetings_for_calendar(), _("Meetings of public councils"))


@require_GET
@public_page(topics=lambda request, pk: ["councils", "surveys"])  # its consultations too
def calendar_council(request, pk):
    council = get_object_or_404(Council, pk=pk, published_at__isnull=False)
    return _calendar_response(request, selectors.meetings_for_calendar(council=council), council.name)


@require_GET
def document(request, pk):
    doc = get_object_or_404(Document.objects.select_related("council", "meeting"), pk=pk)
    require(can_get_document(request.user, doc))
    return private_file_response(request, doc.file, filename=doc.original_name, as_attachment=False)


urlpatterns = [
    path("", council_list, name="list"),
    path("meetings/", meetings_upcoming, name="meetings"),
    path("calendar.ics", calendar_all, name="calendar"),
    path("documents/<int:pk>/", document, name="document"),
    path("<int:pk>/", council_detail, name="detail"),
    path("<int:pk>/calendar.ics", calendar_council, name="council_calendar"),
    path("<int:pk>/meetings/<int:meeting_pk>/", meeting_detail, name="meeting"),
]
