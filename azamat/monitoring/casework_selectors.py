"""The casework's reads: an event for its verification, interventions, cases with everything on them, blocked
websites with their checks, detentions with their visits — each page's rows in a fixed number of queries."""

from django.db.models import Max, Prefetch, Q

from azamat.monitoring import permissions
from azamat.monitoring.models import (
    Attachment,
    BlockedSite,
    Case,
    Detention,
    DetentionVisit,
    Event,
    Hearing,
    Intervention,
    MonitoringRole,
    Person,
    SiteCheck,
    Source,
)


def event_for_verification(pk: int) -> Event:
    sources = Source.objects.select_related("person").order_by("received_on", "pk")
    return (
        Event.objects.select_related("organisation", "type", "region", "entered_by", "verified_by")
        .prefetch_related(Prefetch("sources", queryset=sources), "readers")
        .get(pk=pk)
    )


def event_for_intervention(pk: int) -> Event:
    return Event.objects.select_related("organisation").prefetch_related("readers").get(pk=pk)


def victims_of_event(event: Event):
    return Person.objects.filter(acts_suffered__event=event).distinct().order_by("pk")


def persons_of_case(case: Case, *, user):
    """Whom an intervention on a case may speak for: the client and the victims of the case's events this
    person sees."""
    events = visible_event_ids(
        user=user, organisation_id=case.organisation_id, among=case.events.values("pk")
    )
    return (
        Person.objects.filter(Q(pk=case.client_id) | Q(acts_suffered__event__in=events))
        .distinct()
        .order_by("pk")
    )


def visible_event_ids(*, user, organisation_id: int, among) -> set[int]:
    """Which of the events `among` (ids or a query of ids) this person sees: a case's lawyer does not see a
    restricted event linked to it unless named on it."""
    visible = Event.objects.filter(permissions.visible_events_filter(user, organisation_id)).filter(
        pk__in=among
    )
    return set(visible.values_list("pk", flat=True))


def intervention_detail(pk: int) -> Intervention:
    return Intervention.objects.select_related(
        "organisation", "event", "case", "body", "person", "item", "item__rule", "created_by"
    ).get(pk=pk)


def cases_visible(*, user, organisation_id: int, status: str = "", outcome: str = "", strategic: str = ""):
    """The organisation's cases this person sees: those they opened and those they are a lawyer on."""
    mine = Case.objects.filter(organisation_id=organisation_id).filter(Q(created_by=user) | Q(lawyers=user))
    cases = Case.objects.filter(pk__in=mine.values("pk"))
    if status:
        cases = cases.filter(status=status)
    if outcome:
        cases = cases.filter(outcome=outcome)
    if strategic:
        cases = cases.filter(strategic=strategic == "yes")
    return cases.prefetch_related("lawyers").order_by("-opened_on", "-pk")


def case_for_permission(pk: int) -> Case:
    return Case.objects.select_related("organisation").get(pk=pk)


def case_detail(pk: int) -> Case:
    interventions = Intervention.objects.select_related("body", "item").order_by("-sent_on", "-pk")
    attachments = Attachment.objects.select_related("uploaded_by").order_by("uploaded_at", "pk")
    return (
        Case.objects.select_related("organisation", "client", "created_by")
        .prefetch_related(
            "lawyers",
            Prefetch("hearings", queryset=Hearing.objects.order_by("date", "pk")),
            Prefetch("interventions", queryset=interventions),
            Prefetch(
                "events", queryset=Event.objects.select_related("type", "region").order_by("-date", "-pk")
            ),
            Prefetch("attachments", queryset=attachments),
        )
        .get(pk=pk)
    )


def lawyers_of(organisation_id: int):
    """The people holding the lawyer's role in the organisation: whom a case may name."""
    from django.contrib.auth import get_user_model

    held = MonitoringRole.objects.filter(organisation_id=organisation_id, role=permissions.LAWYER)
    return get_user_model().objects.filter(pk__in=held.values("user_id")).order_by("full_name", "email")


def person_of(*, organisation_id: int, number: int, user) -> Person | None:
    """The organisation's person with this number, when this person may see them."""
    person = Person.objects.filter(organisation_id=organisation_id, pk=number).first()
    if person is None or not permissions.can_view_person(user, person):
        return None
    return person


def events_by_number(*, organisation_id: int, numbers: list[str], user, kept=()) -> dict[str, Event]:
    """number → event, among the organisation's events this person sees (and those already linked, `kept`)."""
    if not numbers:
        return {}
    seen = Q(
        pk__in=Event.objects.filter(permissions.visible_events_filter(user, organisation_id)).values("pk")
    )
    if kept:
        seen |= Q(pk__in=list(kept))
    found = Event.objects.filter(organisation_id=organisation_id, number__in=numbers).filter(seen)
    return {event.number: event for event in found}


def sites_of(*, organisation_id: int, status: str = ""):
    sites = BlockedSite.objects.filter(organisation_id=organisation_id).annotate(
        last_checked=Max("checks__checked_at")
    )
    if status:
        sites = sites.filter(status=status)
    return sites.order_by("-reported_on", "pk")


def site_detail(pk: int) -> BlockedSite:
    checks = SiteCheck.objects.select_related("checked_by").order_by("-checked_at", "-pk")
    return (
        BlockedSite.objects.select_related("organisation", "event")
        .prefetch_related(Prefetch("checks", queryset=checks))
        .get(pk=pk)
    )


def person_with_detentions(pk: int) -> Person:
    detentions = (
        Detention.objects.select_related("region").prefetch_related("visits").order_by("-since", "-pk")
    )
    return (
        Person.objects.select_related("organisation")
        .prefetch_related(Prefetch("detentions", queryset=detentions))
        .get(pk=pk)
    )


def detention_detail(pk: int) -> Detention:
    visits = DetentionVisit.objects.select_related("visitor").order_by("-visited_on", "-pk")
    return (
        Detention.objects.select_related("person", "person__organisation", "region")
        .prefetch_related(Prefetch("visits", queryset=visits))
        .get(pk=pk)
    )
