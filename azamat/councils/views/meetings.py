"""A meeting's record, kept by the council's secretary: agenda, attendance, decisions (a recommendation sends its
accountability items in the same step), minutes and their publication, documents, cancelling."""

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from azamat.core import edits
from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require
from azamat.councils import errors, selectors
from azamat.councils.forms import (
    AgendaItemForm,
    AttendanceForm,
    CancelForm,
    DecisionForm,
    DocumentForm,
    MinutesForm,
)
from azamat.councils.models import Meeting
from azamat.councils.permissions import can_manage_council
from azamat.councils.services import councils as council_services
from azamat.councils.services import meetings as services


def _managed_meeting(request, pk, meeting_pk) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("council", "council__body"), pk=meeting_pk, council_id=pk
    )
    require(can_manage_council(request.user, meeting.council))
    return meeting


def _seated(meeting):
    day = timezone.localtime(meeting.starts_at).date()
    return [
        m
        for m in meeting.council.members.filter(joined_on__lte=day).order_by("full_name", "pk")
        if m.left_on is None or m.left_on >= day
    ]


def _page(request, meeting, **forms):
    record = selectors.meeting_record(meeting, public=False)
    marked = {row.member_id: row.status for row in record["attendance"]}
    members = _seated(meeting)
    context = {
        "council": meeting.council,
        "meeting": meeting,
        **record,
        "fates": selectors.decision_items(record["decisions"]),
        "editable": not (meeting.cancelled_at or meeting.minutes_published_at),
        "started": meeting.starts_at <= timezone.now(),
        "agenda_form": forms.get("agenda_form") or AgendaItemForm(),
        "attendance_form": forms.get("attendance_form") or AttendanceForm(members=members, marked=marked),
        "decision_form": forms.get("decision_form") or DecisionForm(meeting=meeting),
        "minutes_form": forms.get("minutes_form")
        or MinutesForm(initial={"minutes": meeting.minutes, "loaded_at": edits.loaded_marker(meeting)}),
        "document_form": forms.get("document_form") or DocumentForm(),
        "cancel_form": forms.get("cancel_form") or CancelForm(),
    }
    # Forms the page no longer shows: every one of a closed record; the decisions' until the meeting starts.
    hidden = CLOSED_FORMS if not context["editable"] else () if context["started"] else ("decision_form",)
    if hidden:
        context.update(_refused(forms, hidden))
    failed = any(form.errors for form in forms.values() if form is not None)
    return render(request, "councils/meeting_manage.html", context, status=400 if failed else 200)


# The forms a closed record no longer shows (the documents' form stays).
CLOSED_FORMS = ("agenda_form", "attendance_form", "decision_form", "minutes_form", "cancel_form")


def _refused(forms, keys) -> dict:
    """A form sent from a page opened before the meeting was cancelled or its minutes published (in another tab,
    say), or a decision sent before the meeting started, is not shown again: its reason, and the text typed into it
    to copy, are."""
    refused = [forms[key] for key in keys if forms.get(key) is not None and forms[key].errors]
    unsent = [
        (form[name].label, form.data.get(name, "").strip())
        for form in refused
        for name, field in form.fields.items()
        if isinstance(field, django_forms.CharField) and form.data.get(name, "").strip()
    ]
    return {"refusals": [error for form in refused for error in form.non_field_errors()], "unsent": unsent}


def _back(meeting):
    return redirect("councils:meeting_manage", pk=meeting.council_id, meeting_pk=meeting.pk)


@login_required
@require_GET
def meeting_manage(request, pk, meeting_pk):
    return _page(request, _managed_meeting(request, pk, meeting_pk))


def _submit(request, meeting, form, key: str, act, done: str):
    """The one shape of a meeting form's POST: valid input goes to the service (`act(data)`), a refusal is
    shown on the form beside what was typed, success returns to the record with `done`."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, done)
            return _back(meeting)
    return _page(request, meeting, **{key: form})


@login_required
@require_POST
def agenda_add(request, pk, meeting_pk):
    meeting = _managed_meeting(request, pk, meeting_pk)
    return _submit(
        request,
        meeting,
        AgendaItemForm(request.POST),
        "agenda_form",
        lambda data: services.agenda_item_add(meeting=meeting, by=request.user, **data),
        _("The question is added to the agenda."),
    )


@login_required
@require_POST
def attendance(request, pk, meeting_pk):
    meeting = _managed_meeting(request, pk, meeting_pk)
    form = AttendanceForm(request.POST, members=_seated(meeting), marked={})
    return _submit(
        request,
        meeting,
        form,
        "attendance_form",
        lambda data: services.attendance_record(meeting=meeting, statuses=form.statuses(), by=request.user),
        _("Attendance is saved."),
    )


@login_required
@require_POST
def decision_add(request, pk, meeting_pk):
    meeting = _managed_meeting(request, pk, meeting_pk)
    form = DecisionForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.decision_record(meeting=meeting, by=request.user, **form.cleaned_data)
        except DomainError as error:
            if error.code == errors.DECISION_EXISTS:
                # Sent again (the back button, a double tap): the decision recorded the first time is the answer.
                messages.info(request, str(error))
                return _back(meeting)
            form_error(form, error)
        else:
            messages.success(request, _("The decision is recorded."))
            return _back(meeting)
    return _page(request, meeting, decision_form=form)


@login_required
@require_POST
def minutes_save(request, pk, meeting_pk):
    meeting = _managed_meeting(request, pk, meeting_pk)
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            services.minutes_save(meeting=meeting, by=request.user, **form.cleaned_data)
        except DomainError as error:
            if error.code == edits.CHANGED_MEANWHILE:
                # Saved meanwhile (a colleague, another tab): the text typed stays in the box, now carrying the
                # newer moment, so that saving again, having been told, replaces the other.
                meeting.refresh_from_db()
                form = MinutesForm(edits.taken_over(request.POST, meeting, name=form.add_prefix("loaded_at")))
                form.is_valid()
            form_error(form, error)
        else:
            messages.success(request, _("The minutes are saved."))
            return _back(meeting)
    return _page(request, meeting, minutes_form=form)


@login_required
@require_POST
def minutes_publish(request, pk, meeting_pk):
    meeting = _managed_meeting(request, pk, meeting_pk)
    try:
        services.minutes_publish(meeting=meeting, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The minutes are published."))
    return _back(meeting)


@login_required
@require_POST
def meeting_cancel(request, pk, meeting_pk):
    meeting = _managed_meeting(request, pk, meeting_pk)
    return _submit(
        request,
        meeting,
        CancelForm(request.POST),
        "cancel_form",
        lambda data: services.meeting_cancel(meeting=meeting, reason=data["reason"], by=request.user),
        _("The meeting is cancelled."),
    )


@login_required
@require_POST
def document_add(request, pk, meeting_pk):
    meeting = _managed_meeting(request, pk, meeting_pk)
    return _submit(
        request,
        meeting,
        DocumentForm(request.POST, request.FILES),
        "document_form",
        lambda data: council_services.document_add(
            council=meeting.council,
            meeting=meeting,
            title=data["title"],
            kind=data["kind"],
            upload=data["file"],
            is_public=data["is_public"],
            by=request.user,
        ),
        _("The document is added."),
    )


PREFIX = "<int:pk>/meetings/<int:meeting_pk>/manage/"
urlpatterns = [
    path(PREFIX, meeting_manage, name="meeting_manage"),
    path(PREFIX + "agenda/", agenda_add, name="agenda_add"),
    path(PREFIX + "attendance/", attendance, name="attendance"),
    path(PREFIX + "decisions/", decision_add, name="decision_add"),
    path(PREFIX + "minutes/", minutes_save, name="minutes_save"),
    path(PREFIX + "minutes/publish/", minutes_publish, name="minutes_publish"),
    path(PREFIX + "cancel/", meeting_cancel, name="meeting_cancel"),
    path(PREFIX + "documents/", document_add, name="meeting_document_add"),
]
