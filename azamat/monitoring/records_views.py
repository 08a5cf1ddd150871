"""The record's pages in the monitoring workspace: an organisation's events (search and filters), an event with
its acts, perpetrators, sources, files, interventions and history, the forms that write them, the checked file
download, the persons (found by name through the blind index only) and a person's page.

Every page checks the permission first (a refusal is logged for the organisation's administrators), logs the read
of what it shows (EDIT for the forms), and leaves the writes to records_services (the files' to files_services).
Names and titles searched for are posted, never put in an address, and never logged: the log keeps how many were
found."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.core import edits
from azamat.core.audit import history_of
from azamat.core.errors import DomainError, form_error
from azamat.core.vault import VaultError
from azamat.monitoring import audit, files_services, permissions, storage
from azamat.monitoring import records_selectors as selectors
from azamat.monitoring import records_services as services
from azamat.monitoring.models import Act, Attachment, Event, Intervention, Person, ReadLog
from azamat.monitoring.records_forms import (
    ActForm,
    AttachmentForm,
    EventFilterForm,
    EventForm,
    InvolvementForm,
    PersonForm,
    PersonSearchForm,
    SourceForm,
)
from azamat.monitoring.views_common import check, monitoring_view
from azamat.monitoring.views_common import organisation as organisation_or_404

PAGE_SIZE = 25
HISTORY_SHOWN = 30
GET_POST = ["GET", "POST"]


# — what the pages share —


def _organisation(request, pk: int):
    """The organisation whose records a list or a new-record form works on: any of its monitoring roles."""
    organisation = organisation_or_404(pk)
    decision = permissions.can_work_in(request.user, organisation.pk)
    if not decision and decision.reason != str(permissions.NEEDS_TWO_FACTOR):
        # Logged like a refused record: someone tried to open this organisation's records.
        ReadLog.objects.create(
            organisation=organisation,
            user=request.user,
            action=ReadLog.Action.REFUSED,
            record_type="organisation",
            record_id=organisation.pk,
            what=request.resolver_match.url_name if request.resolver_match else "",
            ip=request.META.get("REMOTE_ADDR") or None,
        )
    check(request, decision)
    return organisation


def _get(loader, pk: int):
    try:
        return loader(pk)
    except ObjectDoesNotExist as exc:
        raise Http404(_("No such record.")) from exc


def _event(request, pk: int, *, edit: bool = False) -> Event:
    event = _get(selectors.event_detail, pk)
    decide = permissions.can_edit_event if edit else permissions.can_view_event
    check(request, decide(request.user, event), event)
    return event


def _posted(request):
    return request.POST if request.method == "POST" else None


def _status(form) -> int:
    return 400 if form.errors else 200


def _event_url(event_id: int, anchor: str = "") -> str:
    return reverse("monitoring:event", args=[event_id]) + (f"#{anchor}" if anchor else "")


# — events —


@monitoring_view
@require_http_methods(GET_POST)
def event_list(request, org):
    """The organisation's events this person may see, newest first, with filters. Posted, so that the words of a
    title or a name searched for stay out of addresses and server logs."""
    organisation = _organisation(request, org)
    data = request.POST if request.method == "POST" else request.GET
    form = EventFilterForm(data if any(k != "page" for k in data) else None)
    filters = {}
    if form.is_bound:
        form.is_valid()
        filters = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    events = selectors.search_events(request.user, organisation.pk, **filters)
    page = Paginator(events, PAGE_SIZE).get_page(data.get("page"))
    if filters.get("name"):
        audit.searched(request, organisation.pk, found=page.paginator.count)
    context = {
        "organisation": organisation,
        "form": form,
        "page": page,
        "searched": bool(filters),
    }
    return render(request, "monitoring/records/events.html", context, status=_status(form))


@monitoring_view
@require_http_methods(GET_POST)
def event_new(request, org):
    organisation = _organisation(request, org)
    form = EventForm(_posted(request), organisation_id=organisation.pk, entered_by_id=request.user.pk)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(by=request.user, organisation=organisation, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request,
                _("The event %(number)s is recorded. Now describe its acts and sources.")
                % {"number": event.number},
            )
            return redirect("monitoring:event", event.pk)
    context = {"organisation": organisation, "form": form, "event": None}
    return render(request, "monitoring/records/event_form.html", context, status=_status(form))


def _linkable_persons(user, event: Event, parts: dict) -> set[int]:
    """The persons of the page this viewer may open (what can_view_person decides, without a query each)."""
    held = permissions.roles(user).get(event.organisation_id, set())
    everyone = bool(held & {permissions.VERIFIER, permissions.EXPERT, permissions.LAWYER})
    shown = {act.victim for act in parts["acts"] if act.victim}
    shown |= {source.person for source in parts["sources"] if source.person}
    shown |= {i.perpetrator for act in parts["acts"] for i in act.involvements.all() if i.perpetrator}
    seen_here = {act.victim_id for act in parts["acts"]} | {source.person_id for source in parts["sources"]}
    return {p.pk for p in shown if everyone or p.created_by_id == user.pk or p.pk in seen_here}


@monitoring_view
@require_GET
def event_detail(request, pk):
    event = _event(request, pk)
    audit.read(request, event)
    user = request.user
    parts = selectors.event_parts(event)
    context = {
        "event": event,
        "organisation": event.organisation,
        **parts,
        "can_edit": bool(permissions.can_edit_event(user, event)),
        "can_intervene": bool(
            permissions.can_record_intervention(
                user, Intervention(organisation=event.organisation, event=event)
            )
        ),
        "is_verifier": permissions.has_role(user, event.organisation_id, permissions.VERIFIER),
        "linkable": _linkable_persons(user, event, parts),
        "changes": history_of(event, limit=HISTORY_SHOWN),
    }
    return render(request, "monitoring/records/event.html", context)


@monitoring_view
@require_http_methods(GET_POST)
def event_edit(request, pk):
    event = _event(request, pk, edit=True)
    audit.read(request, event, ReadLog.Action.EDIT)
    form = EventForm(
        _posted(request),
        organisation_id=event.organisation_id,
        entered_by_id=event.entered_by_id,
        event=event,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, by=request.user, **form.cleaned_data)
        except DomainError as error:
            event.refresh_from_db()
            if error.code == services.CHANGED_MEANWHILE:
                # What was typed stays; the form now holds the newer moment, so saving again (having been told)
                # replaces the other change.
                data = request.POST.copy()
                data["loaded_at"] = event.updated_at.isoformat()
                form = EventForm(
                    data,
                    organisation_id=event.organisation_id,
                    entered_by_id=event.entered_by_id,
                    event=event,
                )
                form.is_valid()
            form_error(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("monitoring:event", event.pk)
    context = {"organisation": event.organisation, "form": form, "event": event}
    return render(request, "monitoring/records/event_form.html", context, status=_status(form))


# — acts and perpetrators —


def _act(request, pk: int) -> Act | None:
    """The act, once it is checked that this person may edit its event; None for one deleted meanwhile (by a
    colleague, in another tab), which the pages say rather than answer "not found" (the callers: `_act_gone`)."""
    try:
        act = selectors.act_detail(pk)
    except Act.DoesNotExist:
        return None
    check(request, permissions.can_edit_event(request.user, act.event), act)
    return act


def _act_gone(request, pk: int, *, form_class=None, template: str = "", context=None):
    """What a request about an act deleted meanwhile gets: a form posted for it comes back as typed, saying what
    happened (status 409), so that nothing typed is lost; a second delete lands on the event, as the first did.
    Not found, as any missing record, on a GET, for an act never made, and for who may not edit its event."""
    gone = edits.deleted(Act, pk)
    if gone is None or request.method != "POST":
        raise Http404(_("No such record."))
    event = _get(selectors.event_detail, gone.event_id)
    if not permissions.can_edit_event(request.user, event):
        raise Http404(_("No such record."))
    if form_class is None:
        messages.success(request, _("The act is deleted."))
        return redirect(_event_url(event.pk, "acts"))
    audit.read(request, event, ReadLog.Action.EDIT)  # the form lists the organisation's persons by name
    form = form_class(request.POST, persons=_persons(request, event))
    form.is_valid()
    form_error(form, edits.deleted_meanwhile(gone, by=request.user))
    context = {
        "event": event,
        "organisation": event.organisation,
        "form": form,
        "gone": gone,
        **(context or {}),
    }
    return render(request, template, context, status=409)


def _persons(request, event: Event):
    return selectors.visible_persons(request.user, event.organisation_id)


@monitoring_view
@require_http_methods(GET_POST)
def act_new(request, pk):
    event = _event(request, pk, edit=True)
    audit.read(request, event, ReadLog.Action.EDIT)
    form = ActForm(_posted(request), persons=_persons(request, event))
    if request.method == "POST" and form.is_valid():
        try:
            services.act_create(event=event, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The act is added. Name who was involved in it."))
            return redirect(_event_url(event.pk, "acts"))
    context = {"event": event, "organisation": event.organisation, "form": form, "act": None}
    return render(request, "monitoring/records/act_form.html", context, status=_status(form))


@monitoring_view
@require_http_methods(GET_POST)
def act_edit(request, pk):
    act = _act(request, pk)
    if act is None:
        return _act_edit_gone(request, pk)
    event = act.event
    audit.read(request, act, ReadLog.Action.EDIT)
    form = ActForm(_posted(request), persons=_persons(request, event), act=act)
    if request.method == "POST" and form.is_valid():
        try:
            services.act_update(act=act, by=request.user, **form.cleaned_data)
        except DomainError as error:
            if error.code == edits.DELETED_MEANWHILE:
                return _act_edit_gone(request, pk)
            if error.code == edits.CHANGED_MEANWHILE:
                act = _get(selectors.act_detail, pk)
                form = ActForm(edits.taken_over(request.POST, act), persons=_persons(request, event), act=act)
                form.is_valid()
            form_error(form, error)
        else:
            messages.success(request, _("The act is saved."))
            return redirect(_event_url(event.pk, "acts"))
    context = {"event": event, "organisation": event.organisation, "form": form, "act": act}
    return render(request, "monitoring/records/act_form.html", context, status=_status(form))


def _act_edit_gone(request, pk: int):
    # The form, sent again from there, adds what was typed as a new act: the deleted one is not brought back unasked.
    return _act_gone(
        request, pk, form_class=ActForm, template="monitoring/records/act_form.html", context={"act": None}
    )


@monitoring_view
@require_POST
def act_delete(request, pk):
    act = _act(request, pk)
    if act is None:  # deleted already: the button tapped twice, another tab
        return _act_gone(request, pk)
    try:
        services.act_delete(act=act, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The act is deleted."))
    return redirect(_event_url(act.event_id, "acts"))


@monitoring_view
@require_http_methods(GET_POST)
def involvement_new(request, pk):
    act = _act(request, pk)
    if act is None:
        return _act_gone(
            request,
            pk,
            form_class=InvolvementForm,
            template="monitoring/records/involvement_form.html",
            context={"act": None},
        )
    event = act.event
    audit.read(request, act, ReadLog.Action.EDIT)
    form = InvolvementForm(_posted(request), persons=_persons(request, event))
    if request.method == "POST" and form.is_valid():
        try:
            services.involvement_create(act=act, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The perpetrator is added."))
            return redirect(_event_url(event.pk, "acts"))
    context = {"event": event, "organisation": event.organisation, "form": form, "act": act, "gone": None}
    return render(request, "monitoring/records/involvement_form.html", context, status=_status(form))


@monitoring_view
@require_POST
def involvement_delete(request, pk):
    involvement = _get(selectors.involvement_detail, pk)
    event = involvement.act.event
    check(request, permissions.can_edit_event(request.user, event), involvement)
    try:
        services.involvement_delete(involvement=involvement, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The perpetrator is removed from the act."))
    return redirect(_event_url(event.pk, "acts"))


# — sources —


@monitoring_view
@require_http_methods(GET_POST)
def source_new(request, pk):
    event = _event(request, pk, edit=True)
    audit.read(request, event, ReadLog.Action.EDIT)
    form = SourceForm(_posted(request), persons=_persons(request, event))
    if request.method == "POST" and form.is_valid():
        try:
            services.source_create(event=event, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The source is added."))
            return redirect(_event_url(event.pk, "sources"))
    context = {"event": event, "organisation": event.organisation, "form": form, "source": None}
    return render(request, "monitoring/records/source_form.html", context, status=_status(form))


@monitoring_view
@require_http_methods(GET_POST)
def source_edit(request, pk):
    source = _get(selectors.source_detail, pk)
    event = source.event
    check(request, permissions.can_edit_event(request.user, event), source)
    audit.read(request, source, ReadLog.Action.EDIT)
    form = SourceForm(_posted(request), persons=_persons(request, event), source=source)
    if request.method == "POST" and form.is_valid():
        try:
            services.source_update(source=source, by=request.user, **form.cleaned_data)
        except DomainError as error:
            if error.code == edits.CHANGED_MEANWHILE:
                source = _get(selectors.source_detail, pk)
                form = SourceForm(
                    edits.taken_over(request.POST, source), persons=_persons(request, event), source=source
                )
                form.is_valid()
            form_error(form, error)
        else:
            messages.success(request, _("The source is saved."))
            return redirect(_event_url(event.pk, "sources"))
    context = {"event": event, "organisation": event.organisation, "form": form, "source": source}
    return render(request, "monitoring/records/source_form.html", context, status=_status(form))


# — files —


@monitoring_view
@require_http_methods(GET_POST)
def attachment_new(request, pk):
    event = _event(request, pk, edit=True)
    audit.read(request, event, ReadLog.Action.EDIT)
    form = AttachmentForm(_posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            files_services.attachment_add(
                event=event,
                by=request.user,
                upload=form.cleaned_data["file"],
                keep_metadata=form.cleaned_data["keep_metadata"],
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The file is stored encrypted."))
            return redirect(_event_url(event.pk, "files"))
    context = {"event": event, "organisation": event.organisation, "form": form}
    return render(request, "monitoring/records/attachment_form.html", context, status=_status(form))


def _attachment(request, pk: int, *, write: bool) -> Attachment:
    attachment = _get(selectors.attachment_detail, pk)
    check(request, files_services.attachment_decision(request.user, attachment, write=write), attachment)
    return attachment


@monitoring_view
@require_GET
def attachment_download(request, pk):
    """The decrypted file, as a download only: never shown inline, never guessed as another type."""
    attachment = _attachment(request, pk, write=False)
    try:
        data = storage.read(attachment)
    except (FileNotFoundError, VaultError) as exc:
        raise Http404(_("The file cannot be read.")) from exc
    audit.read(request, attachment, ReadLog.Action.DOWNLOAD)
    response = HttpResponse(data, content_type=attachment.content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(
        True, attachment.original_name or f"file-{attachment.pk}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _attachment_owner_url(attachment: Attachment) -> str:
    """The page the file belongs to: its event's (or its case's, its candidate's)."""
    if attachment.event_id:
        return _event_url(attachment.event_id, "files")
    if attachment.case_id:
        return reverse("monitoring:case", args=[attachment.case_id]) + "#documents"
    return reverse("monitoring:candidate", args=[attachment.candidate_id])


@monitoring_view
@require_POST
def attachment_delete(request, pk):
    attachment = _attachment(request, pk, write=True)
    back = _attachment_owner_url(attachment)
    try:
        files_services.attachment_delete(attachment=attachment, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The file is deleted."))
    return redirect(back)


# — persons —


@monitoring_view
@require_http_methods(GET_POST)
def person_list(request, org):
    """Without a name, the persons this person entered; with one, the persons they may see whose name has that
    word (through the blind index: the names themselves cannot be searched in the database)."""
    organisation = _organisation(request, org)
    data = request.POST if request.method == "POST" else request.GET
    form = PersonSearchForm(data if "q" in data else None)
    query = form.cleaned_data["q"].strip() if form.is_bound and form.is_valid() else ""
    searching = selectors.has_words(query)
    if searching:
        persons = selectors.matching(selectors.visible_persons(request.user, organisation.pk), query)
    else:
        persons = Person.objects.filter(organisation=organisation, created_by=request.user)
    persons = persons.select_related("region").order_by("-created_at", "-pk")
    page = Paginator(persons, PAGE_SIZE).get_page(data.get("page"))
    if searching:
        audit.searched(request, organisation.pk, found=page.paginator.count)
    context = {
        "organisation": organisation,
        "form": form,
        "page": page,
        "searching": searching,
        "too_short": bool(query) and not searching,
    }
    return render(request, "monitoring/records/persons.html", context, status=_status(form))


@monitoring_view
@require_http_methods(GET_POST)
def person_new(request, org):
    organisation = _organisation(request, org)
    form = PersonForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(by=request.user, organisation=organisation, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The person is recorded."))
            return redirect("monitoring:person", person.pk)
    context = {"organisation": organisation, "form": form, "person": None}
    return render(request, "monitoring/records/person_form.html", context, status=_status(form))


def _person(request, pk: int, *, edit: bool = False) -> Person:
    person = _get(selectors.person_detail, pk)
    decide = permissions.can_edit_person if edit else permissions.can_view_person
    check(request, decide(request.user, person), person)
    return person


@monitoring_view
@require_GET
def person_detail(request, pk):
    person = _person(request, pk)
    audit.read(request, person)
    context = {
        "person": person,
        "organisation": person.organisation,
        **selectors.person_parts(request.user, person),
        "can_edit": bool(permissions.can_edit_person(request.user, person)),
        "changes": history_of(person, limit=HISTORY_SHOWN),
    }
    return render(request, "monitoring/records/person.html", context)


@monitoring_view
@require_http_methods(GET_POST)
def person_edit(request, pk):
    person = _person(request, pk, edit=True)
    audit.read(request, person, ReadLog.Action.EDIT)
    form = PersonForm(_posted(request), person=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(person=person, by=request.user, **form.cleaned_data)
        except DomainError as error:
            if error.code == edits.CHANGED_MEANWHILE:
                person = _get(selectors.person_detail, pk)
                form = PersonForm(edits.taken_over(request.POST, person), person=person)
                form.is_valid()
            form_error(form, error)
        else:
            messages.success(request, _("The person is saved."))
            return redirect("monitoring:person", person.pk)
    context = {"organisation": person.organisation, "form": form, "person": person}
    return render(request, "monitoring/records/person_form.html", context, status=_status(form))
