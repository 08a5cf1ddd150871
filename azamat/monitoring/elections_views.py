"""Election observation's workspace pages: an organisation's observed elections, an election with its stations
and totals, a station where its observers send their checklists and report incidents. Each is a workspace page:
signed in with two factors, the permission checked (a refusal logged), the reads of observers' reports logged."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from azamat.core import edits
from azamat.core.errors import DomainError, form_error
from azamat.monitoring import audit, permissions
from azamat.monitoring import elections_selectors as selectors
from azamat.monitoring import elections_services as services
from azamat.monitoring.elections_forms import ChecklistForm, ElectionForm, IncidentForm, StationForm
from azamat.monitoring.models import Checklist
from azamat.monitoring.views_common import check, form_page, monitoring_view, organisation
from azamat.monitoring.views_common import found as _found
from azamat.monitoring.views_common import posted as _posted

PAGE_METHODS = require_http_methods(["GET", "HEAD", "POST"])
T = "monitoring/elections/"


def _coordinates(user, organisation_id: int) -> bool:
    return bool(permissions.can_coordinate_elections(user, organisation_id))


@monitoring_view
@require_http_methods(["GET", "HEAD"])
def election_list(request, org):
    org = organisation(org)
    check(request, permissions.can_view_elections(request.user, org.pk))
    context = {
        "org": org,
        "elections": selectors.elections_of(org.pk),
        "can_coordinate": _coordinates(request.user, org.pk),
    }
    return render(request, T + "elections.html", context)


@monitoring_view
@PAGE_METHODS
def election_new(request, org):
    org = organisation(org)
    check(request, permissions.can_coordinate_elections(request.user, org.pk))
    return form_page(
        request,
        ElectionForm(_posted(request)),
        T + "election_form.html",
        {"org": org},
        save=lambda data: services.election_create(by=request.user, organisation=org, **data),
        done=lambda election: (
            _("The election is set up. Add its polling stations and observers."),
            reverse("monitoring:election", args=[election.pk]),
        ),
    )


@monitoring_view
@require_http_methods(["GET", "HEAD"])
def election_detail(request, pk):
    election = _found(selectors.election_detail, pk)
    check(request, permissions.can_view_elections(request.user, election.organisation_id), election)
    coordinator = _coordinates(request.user, election.organisation_id)
    context = {
        "election": election,
        "org": election.organisation,
        "stations": selectors.stations_of(election, user=request.user, everyone=coordinator),
        "can_coordinate": coordinator,
        "totals": selectors.totals(election) if coordinator else None,
        "open_for_reports": not election.closed and election.day <= timezone.localdate(),
    }
    return render(request, T + "election.html", context)


@monitoring_view
@require_POST
def election_close(request, pk):
    election = _found(selectors.election_detail, pk)
    check(request, permissions.can_coordinate_elections(request.user, election.organisation_id), election)
    closed = request.POST.get("closed") != "0"
    services.election_close(by=request.user, election=election, closed=closed)
    messages.success(
        request,
        _("The observation is closed: observers no longer send reports.")
        if closed
        else _("The observation is open again: observers may send reports."),
    )
    return redirect("monitoring:election", pk=election.pk)


@monitoring_view
@require_POST
def election_publish(request, pk):
    election = _found(selectors.election_detail, pk)
    check(request, permissions.can_coordinate_elections(request.user, election.organisation_id), election)
    published = request.POST.get("published") != "0"
    try:
        services.election_publish(by=request.user, election=election, published=published)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The totals are public.") if published else _("The totals are no longer public."),
        )
    return redirect("monitoring:election", pk=election.pk)


def _station_form(request, election, station=None):
    check(request, permissions.can_coordinate_elections(request.user, election.organisation_id), election)

    form = StationForm(_posted(request), organisation_id=election.organisation_id, station=station)

    def save(data):
        if station is None:
            return services.station_add(by=request.user, election=election, **data)
        try:
            return services.station_update(by=request.user, station=station, **data)
        except DomainError as error:
            if (
                error.code == edits.CHANGED_MEANWHILE
            ):  # shown again with the newer moment: saving again replaces
                form.data = edits.taken_over(request.POST, station)
            raise

    return form_page(
        request,
        form,
        T + "station_form.html",
        {"election": election, "org": election.organisation, "station": station},
        save=save,
        done=lambda _station: (
            _("The polling station is saved."),
            reverse("monitoring:election", args=[election.pk]),
        ),
    )


@monitoring_view
@PAGE_METHODS
def station_new(request, pk):
    return _station_form(request, _found(selectors.election_detail, pk))


@monitoring_view
@PAGE_METHODS
def station_edit(request, pk):
    station = _found(selectors.station_detail, pk)
    return _station_form(request, station.election, station)


def _station_page(request, station, forms=None, status=200):
    election = station.election
    check(request, permissions.can_view_station(request.user, station), station)
    coordinator = _coordinates(request.user, election.organisation_id)
    audit.read(request, station)
    can_report = bool(permissions.can_report_at(request.user, station))
    sent = selectors.sent_by(station, request.user)
    forms = forms or {}
    if can_report:
        for phase in Checklist.Phase.values:
            if phase not in forms:
                forms[phase] = ChecklistForm(phase=phase, checklist=sent.get(phase))
    phases = [
        {"phase": phase, "label": label, "form": forms.get(phase), "sent": sent.get(phase)}
        for phase, label in Checklist.Phase.choices
    ]
    context = {
        "station": station,
        "election": election,
        "org": election.organisation,
        "phases": phases,
        "can_report": can_report,
        "can_coordinate": coordinator,
        "checklists": selectors.station_checklists(station) if coordinator else None,
        "incidents": selectors.station_incidents(station, user=request.user, everyone=coordinator),
    }
    return render(request, T + "station.html", context, status=status)


@monitoring_view
@require_http_methods(["GET", "HEAD"])
def station_detail(request, pk):
    return _station_page(request, _found(selectors.station_detail, pk))


@monitoring_view
@require_POST
def checklist_send(request, pk, phase):
    station = _found(selectors.station_detail, pk)
    if phase not in Checklist.Phase.values:
        raise Http404(_("No such record."))
    check(request, permissions.can_report_at(request.user, station), station)
    form = ChecklistForm(request.POST, phase=phase)
    if form.is_valid():
        try:
            services.checklist_send(
                by=request.user,
                station=station,
                phase=phase,
                answers=form.answers(),
                note=form.cleaned_data["note"],
                loaded_at=form.cleaned_data["loaded_at"],
            )
        except DomainError as error:
            if error.code == edits.CHANGED_MEANWHILE:
                sent = selectors.sent_by(station, request.user)[phase]
                name = form.add_prefix("loaded_at")
                form = ChecklistForm(edits.taken_over(request.POST, sent, name=name), phase=phase)
                form.is_valid()
            form_error(form, error)
        else:
            messages.success(
                request,
                _("The %(phase)s checklist is sent.") % {"phase": Checklist.Phase(phase).label.lower()},
            )
            return redirect("monitoring:station", pk=station.pk)
    return _station_page(request, station, forms={phase: form}, status=400)


@monitoring_view
@PAGE_METHODS
def incident_new(request, pk):
    station = _found(selectors.station_detail, pk)
    check(request, permissions.can_report_at(request.user, station), station)
    return form_page(
        request,
        IncidentForm(_posted(request)),
        T + "incident_form.html",
        {"station": station, "election": station.election, "org": station.election.organisation},
        save=lambda data: services.incident_report(by=request.user, station=station, **data),
        done=lambda event: (
            _("The incident is recorded as event %(number)s; a verifier will verify it.")
            % {"number": event.number},
            reverse("monitoring:station", args=[station.pk]),
        ),
    )
