"""The casework pages: an event's verification, interventions, cases and hearings (blocked websites, detentions and
visits are in casework_places_views.py). Each is a workspace page: signed in with two factors, the permission checked (a
refusal logged), and every read of sensitive data written to the log of reads."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from azamat.core import edits
from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import ALLOW
from azamat.monitoring import audit, files_services, permissions
from azamat.monitoring import casework_selectors as selectors
from azamat.monitoring import casework_services as services
from azamat.monitoring.casework_forms import (
    CaseFilterForm,
    CaseForm,
    DocumentForm,
    HearingForm,
    InterventionForm,
    OutcomeForm,
    StepForm,
)
from azamat.monitoring.lifecycle import EVENT
from azamat.monitoring.models import Intervention, ReadLog
from azamat.monitoring.views_common import check, form_page, monitoring_view, organisation
from azamat.monitoring.views_common import found as _found
from azamat.monitoring.views_common import posted as _posted

PAGE_SIZE = 25
PAGE_METHODS = require_http_methods(["GET", "HEAD", "POST"])
T = "monitoring/casework/"

# What each verification step does, shown beside its button.
STEP_SUMMARIES = {
    "start": gettext_lazy("The record goes under verification: check its sources, acts and places."),
    "verify": gettext_lazy(
        "The record becomes verified, with you as its verifier, now, and the grade you give. A verified record "
        "may be published in redacted form and counts in the reports."
    ),
    "not_confirm": gettext_lazy(
        "The sources did not confirm what the record says. It stays in the records and is never published; "
        "a verifier can take it up again."
    ),
    "reject": gettext_lazy(
        "The record is rejected (not a violation, a duplicate, or false). It stays in the records and is never "
        "published; a verifier can take it up again."
    ),
    "reopen": gettext_lazy(
        "The record goes back under verification and is no longer counted as verified until verified again."
    ),
}
# Each step's button: the table's label names the state reached ("Verified"), a button says what it does.
STEP_BUTTONS = {
    "start": gettext_lazy("Start verification"),
    "verify": gettext_lazy("Verify"),
    "not_confirm": gettext_lazy("Mark as not confirmed"),
    "reject": gettext_lazy("Reject"),
    "reopen": gettext_lazy("Verify again"),
}
# What each condition of verifying reads as once it is met.
CONDITIONS_MET = {
    "not_verifier": gettext_lazy("Verified by a verifier other than who entered the record"),
    "no_source": gettext_lazy("At least one source"),
    "no_reliability": gettext_lazy("A reliability grade"),
    "no_acts": gettext_lazy("At least one act: who did what to whom"),
}
GRADE_GUARD = "no_reliability"  # given with the verify step itself


def _page(request, items):
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# — verification —


def _verify_decision(event, user):
    """Whether the verify button is offered: every condition but the grade, which the step itself asks for."""
    for guard in EVENT["verify"].guards:
        if getattr(guard, "code", "") == GRADE_GUARD:
            continue
        decision = guard(event, user)
        if not decision:
            return decision
    return ALLOW


def _checklist(event, user) -> list[dict]:
    found = []
    for guard in EVENT["verify"].guards:
        decision = guard(event, user)
        code = getattr(guard, "code", "")
        found.append(
            {"met": bool(decision), "text": CONDITIONS_MET.get(code, "") if decision else decision.reason}
        )
    return found


def _steps(event, user, posted: StepForm | None) -> list[dict]:
    steps = []
    for option in EVENT.allowed(event, user):
        name = option.name
        decision = _verify_decision(event, user) if name == "verify" else option.decision
        if posted is not None and posted.step == name:
            form = posted
        else:
            form = StepForm(step=name, initial={"reliability": event.reliability})
        steps.append(
            {
                "name": name,
                "label": STEP_BUTTONS.get(name, option.transition.label),
                "allowed": bool(decision),
                "reason": decision.reason,
                "summary": STEP_SUMMARIES.get(name, ""),
                "form": form,
            }
        )
    return steps


@monitoring_view
@PAGE_METHODS
def event_verification(request, pk):
    event = _found(selectors.event_for_verification, pk)
    check(request, permissions.can_view_event(request.user, event), event)
    posted, status, unsent = None, 200, ""
    if request.method == "POST":
        status = 400
        step = request.POST.get("step", "")
        seen = request.POST.get("seen", "")  # the record's state as the page showed it
        if step not in {t.name for t in EVENT.transitions}:
            messages.error(request, _("Choose one of the steps offered below."))
        elif seen and seen != event.status:
            # Another tab or another verifier took a step meanwhile: this one was chosen for a state that is gone.
            messages.error(
                request,
                _(
                    "The record became “%(state)s” while this page was open: see where it stands below before "
                    "taking a step."
                )
                % {"state": event.get_status_display()},
            )
            if step in {option.name for option in EVENT.allowed(event, request.user)}:
                # Still possible: its form comes back as typed, the confirmation to be given again.
                data = request.POST.copy()
                data.pop(f"{step}-confirm", None)
                posted = StepForm(data, step=step)
            else:
                unsent = request.POST.get(f"{step}-note", "").strip()
        else:
            posted = StepForm(request.POST, step=step)
            if not posted.is_valid():
                messages.error(request, _("Correct what is marked in the step's form."))
            else:
                data = posted.cleaned_data
                try:
                    services.event_step(
                        event=event,
                        name=step,
                        by=request.user,
                        note=data["note"],
                        reliability=data.get("reliability", ""),
                        confirmed=data.get("confirm", False),
                    )
                except DomainError as error:
                    messages.error(request, str(error))
                    if step not in {option.name for option in EVENT.allowed(event, request.user)}:
                        unsent = data["note"]  # its form is not offered again: the note is given to copy
                else:
                    messages.success(
                        request, _("The record is now “%(state)s”.") % {"state": event.get_status_display()}
                    )
                    return redirect("monitoring:event_verification", pk=event.pk)
    audit.read(request, event)
    user = request.user
    context = {
        "event": event,
        "org": event.organisation,
        "sources": event.sources.all(),
        "acts": event.acts.count(),
        "can_verify": permissions.can_verify_event(user, event),
        "checklist": _checklist(event, user)
        if event.status in EVENT["verify"].sources | {"received"}
        else [],
        "steps": _steps(event, user, posted),
        "unsent": unsent,
        # The link to record an intervention only for those who may (a verifier may not: it led to a 403).
        "can_intervene": bool(
            permissions.can_record_intervention(
                user, Intervention(organisation=event.organisation, event=event)
            )
        ),
    }
    return render(request, T + "verification.html", context, status=status)


# — interventions —


def _intervention_form(request, *, record, org, persons, event=None, case=None):
    form = InterventionForm(_posted(request), persons=persons)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                intervention = services.intervention_create(
                    organisation=org,
                    by=request.user,
                    event=event,
                    case=case,
                    kind=data["kind"],
                    body=data["body"],
                    sent_on=data["sent_on"],
                    summary=data["summary"],
                    text=data["text"],
                    person=data["person"],
                    named=list(persons),
                )
            except DomainError as error:
                form_error(form, error)
            else:
                if intervention.item_id:
                    messages.success(
                        request,
                        _(
                            "The intervention is recorded; its accountability item %(number)s follows the answer."
                        )
                        % {"number": intervention.item.number},
                    )
                else:
                    messages.success(request, _("The intervention is recorded."))
                return redirect("monitoring:intervention", pk=intervention.pk)
    audit.read(request, record)  # the form lists the persons it may speak for, by name
    context = {"form": form, "org": org, "event": event, "case": case}
    return render(request, T + "intervention_form.html", context, status=status)


@monitoring_view
@PAGE_METHODS
def intervention_new(request, pk):
    event = _found(selectors.event_for_intervention, pk)
    new = Intervention(organisation=event.organisation, event=event)
    check(request, permissions.can_record_intervention(request.user, new), event)
    return _intervention_form(
        request, record=event, org=event.organisation, persons=selectors.victims_of_event(event), event=event
    )


@monitoring_view
@PAGE_METHODS
def case_intervention_new(request, pk):
    case = _found(selectors.case_for_permission, pk)
    new = Intervention(organisation=case.organisation, case=case)
    check(request, permissions.can_record_intervention(request.user, new), case)
    return _intervention_form(
        request,
        record=case,
        org=case.organisation,
        persons=selectors.persons_of_case(case, user=request.user),
        case=case,
    )


def _can_view_intervention(user, intervention):
    if intervention.event_id:
        return permissions.can_view_event(user, intervention.event)
    if intervention.case_id:
        return permissions.can_view_case(user, intervention.case)
    return permissions.can_work_in(user, intervention.organisation_id)


@monitoring_view
@PAGE_METHODS
def intervention_detail(request, pk):
    intervention = _found(selectors.intervention_detail, pk)
    check(request, _can_view_intervention(request.user, intervention), intervention)
    # Who reads it is not always who acts on it: the outcome's form is for who records interventions there.
    can_record = permissions.can_record_intervention(request.user, intervention)
    if request.method == "POST":
        check(request, can_record, intervention)
    initial = {"outcome": intervention.outcome, "loaded_at": edits.loaded_marker(intervention)}
    form = OutcomeForm(_posted(request), initial=initial) if can_record else None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.intervention_outcome(intervention=intervention, by=request.user, **form.cleaned_data)
            except DomainError as error:
                if error.code == edits.CHANGED_MEANWHILE:
                    intervention = _found(selectors.intervention_detail, pk)
                    form = OutcomeForm(edits.taken_over(request.POST, intervention))
                    form.is_valid()
                form_error(form, error)
            else:
                messages.success(request, _("The outcome is saved."))
                return redirect("monitoring:intervention", pk=intervention.pk)
    audit.read(request, intervention)
    item = intervention.item
    context = {
        "intervention": intervention,
        "org": intervention.organisation,
        "form": form,
        "item": item,
        "counting": item.deadline_counting if item else None,
    }
    return render(request, T + "intervention.html", context, status=status)


# — cases —


def _list_read(request, organisation_id: int, record_type: str, count: int) -> None:
    """A list of sensitive records is one read in the log: how many were shown, not what."""
    ReadLog.objects.create(
        organisation_id=organisation_id,
        user=request.user,
        action=ReadLog.Action.VIEW,
        record_type=record_type,
        what=f"{count}",
        ip=request.META.get("REMOTE_ADDR") or None,
    )


@monitoring_view
@require_http_methods(["GET", "HEAD"])
def case_list(request, org):
    org = organisation(org)
    check(request, permissions.can_work_in(request.user, org.pk))
    form = CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = selectors.cases_visible(user=request.user, organisation_id=org.pk, **filters)
    page = _page(request, cases)
    _list_read(request, org.pk, "case", len(page.object_list))
    context = {
        "org": org,
        "form": form,
        "page": page,
        "query_string": _query_without_page(request),
        "can_open": bool(permissions.can_open_case(request.user, org.pk)),
    }
    return render(request, T + "cases.html", context)


def _events_seen(user, case) -> tuple[list, list]:
    """The case's events this person sees, and those they do not (restricted to others): shown by count."""
    linked = list(case.events.all())
    seen = selectors.visible_event_ids(
        user=user, organisation_id=case.organisation_id, among=[event.pk for event in linked]
    )
    return [e for e in linked if e.pk in seen], [e for e in linked if e.pk not in seen]


def _case_data(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("lawyers", "events")}


@monitoring_view
@PAGE_METHODS
def case_new(request, org):
    org = organisation(org)
    check(request, permissions.can_open_case(request.user, org.pk))
    lawyers = selectors.lawyers_of(org.pk)
    initial = {
        "lawyers": [request.user.pk],
        "client": request.GET.get("client", "")[:20],
        "events": request.GET.get("event", "")[:20],
    }
    form = CaseForm(
        _posted(request), initial=initial, organisation_id=org.pk, user=request.user, lawyers=lawyers
    )
    return form_page(
        request,
        form,
        T + "case_form.html",
        {"org": org, "case": None},
        save=lambda data: services.case_create(
            organisation=org,
            by=request.user,
            lawyers=data["lawyers"],
            events=data["events"],
            **_case_data(data),
        ),
        done=lambda case: (_("The case is opened."), reverse("monitoring:case", args=[case.pk])),
    )


@monitoring_view
@require_http_methods(["GET", "HEAD"])
def case_detail(request, pk):
    case = _found(selectors.case_detail, pk)
    check(request, permissions.can_view_case(request.user, case), case)
    audit.read(request, case)
    events, hidden = _events_seen(request.user, case)
    context = {
        "case": case,
        "org": case.organisation,
        "hearings": case.hearings.all(),
        "interventions": case.interventions.all(),
        "events": events,
        "hidden_events": len(hidden),
        "documents": case.attachments.all(),
        "lawyers": case.lawyers.all(),
    }
    return render(request, T + "case.html", context)


@monitoring_view
@PAGE_METHODS
def case_edit(request, pk):
    case = _found(selectors.case_detail, pk)
    check(request, permissions.can_edit_case(request.user, case), case)
    events, hidden = _events_seen(request.user, case)
    initial = {
        "title": case.title,
        "client": case.client_id or "",
        "court": case.court,
        "court_number": case.court_number,
        "strategic": case.strategic,
        "lawyers": [lawyer.pk for lawyer in case.lawyers.all()],
        "events": ", ".join(event.number for event in events),
        "opened_on": case.opened_on,
        "status": case.status,
        "outcome": case.outcome,
        "notes": case.notes,
        "loaded_at": edits.loaded_marker(case),
    }

    def case_form(data):
        return CaseForm(
            data,
            initial=initial,
            organisation_id=case.organisation_id,
            user=request.user,
            lawyers=selectors.lawyers_of(case.organisation_id),
            case=case,
        )

    form = case_form(_posted(request))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                # The events restricted to others stay linked: this person neither sees nor unlinks them.
                services.case_update(
                    case=case,
                    by=request.user,
                    lawyers=data["lawyers"],
                    events=[*data["events"], *hidden],
                    **_case_data(data),
                )
            except DomainError as error:
                if error.code == edits.CHANGED_MEANWHILE:
                    form = case_form(edits.taken_over(request.POST, case))
                    form.is_valid()
                form_error(form, error)
            else:
                messages.success(request, _("The case is saved."))
                return redirect("monitoring:case", pk=case.pk)
    audit.read(request, case, ReadLog.Action.EDIT)
    return render(
        request, T + "case_form.html", {"form": form, "org": case.organisation, "case": case}, status=status
    )


@monitoring_view
@PAGE_METHODS
def hearing_new(request, pk):
    case = _found(selectors.case_for_permission, pk)
    check(request, permissions.can_edit_case(request.user, case), case)
    return form_page(
        request,
        HearingForm(_posted(request)),
        T + "hearing_form.html",
        {"case": case, "org": case.organisation},
        save=lambda data: services.hearing_add(case=case, by=request.user, **data),
        done=lambda _hearing: (_("The hearing is recorded."), reverse("monitoring:case", args=[case.pk])),
    )


@monitoring_view
@PAGE_METHODS
def case_document_new(request, pk):
    """A document of the case (a ruling, a power of attorney, a photo of one): its lawyers attach it; it is kept
    encrypted and served only through the checked download (records_views.attachment_download)."""
    case = _found(selectors.case_for_permission, pk)
    check(request, permissions.can_edit_case(request.user, case), case)
    audit.read(request, case, ReadLog.Action.EDIT)  # as an event's file form does
    return form_page(
        request,
        DocumentForm(_posted(request), request.FILES if request.method == "POST" else None),
        T + "document_form.html",
        {"case": case, "org": case.organisation},
        save=lambda data: files_services.case_document_add(case=case, by=request.user, upload=data["file"]),
        done=lambda _document: (
            _("The document is stored encrypted."),
            reverse("monitoring:case", args=[case.pk]) + "#documents",
        ),
    )
