"""Reads the record's pages share: an organisation's events a person may see (with the search by title words and by
a person's name through the blind indexes), the persons they may see, one event with everything on its page, one
person with the events they appear in. Each list is a fixed number of queries however many rows it has."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from azamat.core.vault import query_tokens
from azamat.monitoring.models import (
    Act,
    Attachment,
    Case,
    Detention,
    Event,
    Intervention,
    Involvement,
    Person,
    Source,
    Term,
)
from azamat.monitoring.permissions import EXPERT, LAWYER, VERIFIER, roles, visible_events_filter


def visible_events(user, organisation_id: int) -> QuerySet:
    """The organisation's events this person may see (the same rule as `can_view_event`), each once."""
    seen = Event.objects.filter(visible_events_filter(user, organisation_id)).values("pk")
    return Event.objects.filter(pk__in=seen)


def persons_filter(user, organisation_id: int) -> Q:
    """The Q of the organisation's persons this person may see (what `can_view_person` decides one by one):
    verifiers, experts and lawyers see all of them; a monitor those they entered and the victims and informants
    of the events they see."""
    held = roles(user).get(organisation_id, set())
    if not held:
        return Q(pk__in=[])
    mine = Q(organisation_id=organisation_id)
    if held & {VERIFIER, EXPERT, LAWYER}:
        return mine
    events = Event.objects.filter(visible_events_filter(user, organisation_id)).values("pk")
    victims = Act.objects.filter(event__in=events, victim__isnull=False).values("victim")
    informants = Source.objects.filter(event__in=events, person__isnull=False).values("person")
    return mine & (Q(created_by=user) | Q(pk__in=victims) | Q(pk__in=informants))


def visible_persons(user, organisation_id: int) -> QuerySet:
    return Person.objects.filter(persons_filter(user, organisation_id))


def matching(queryset: QuerySet, query: str) -> QuerySet:
    """Rows whose blind index holds every word of the query (the column never holds the words themselves)."""
    for token in query_tokens(query):
        queryset = queryset.filter(search_index__contains=token)
    return queryset


def has_words(query: str) -> bool:
    return bool(query_tokens(query))


TO_VERIFY, MINE = "to_verify", "mine"  # the events list's `show`
VERIFYING_STATUSES = (Event.Status.RECEIVED, Event.Status.VERIFYING)  # what a verifier still has to verify


def search_events(
    user,
    organisation_id: int,
    *,
    status: str = "",
    type: Term | None = None,
    region=None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    q: str = "",
    name: str = "",
    show: str = "",
) -> QuerySet:
    """The events list with its filters: words of the title, a person's name (as victim, informant or
    perpetrator), status, type, region, a period; `show` the events waiting for this person's verification
    (received or being verified, entered by someone else) or those they entered, as the home page counts them."""
    events = visible_events(user, organisation_id)
    if show == TO_VERIFY:
        events = events.filter(status__in=VERIFYING_STATUSES).exclude(entered_by=user)
    elif show == MINE:
        events = events.filter(entered_by=user)
    if status:
        events = events.filter(status=status)
    if type is not None:
        events = events.filter(type=type)
    if region is not None:
        events = events.filter(region=region)
    if date_from:
        events = events.filter(Q(date__gte=date_from) | Q(date_end__gte=date_from))
    if date_to:
        events = events.filter(date__lte=date_to)
    if q:
        events = matching(events, q)
    if name:
        # The persons are found once (one scan of the name index), then their events by three indexed lookups:
        # as subqueries each OR branch scanned the index again (2.5 s at 100,000 events, bench/monitoring.py).
        persons = list(
            matching(Person.objects.filter(organisation_id=organisation_id), name).values_list(
                "pk", flat=True
            )
        )
        events = events.filter(
            Q(pk__in=Act.objects.filter(victim__in=persons).values("event_id"))
            | Q(pk__in=Source.objects.filter(person__in=persons).values("event_id"))
            | Q(pk__in=Involvement.objects.filter(perpetrator__in=persons).values("act__event_id"))
        )
    return events.select_related("type", "region").order_by("-date", "-pk")


def event_detail(pk: int) -> Event:
    """One event with what its page and its permission check read (readers prefetched: `can_view_event` uses
    them)."""
    return (
        Event.objects.select_related("type", "region", "organisation", "entered_by", "verified_by")
        .prefetch_related("readers", "rights")
        .get(pk=pk)
    )


def event_parts(event: Event) -> dict:
    """The acts (with victims and perpetrators), sources, files and interventions of an event's page."""
    acts = list(
        event.acts.select_related("type", "victim").prefetch_related(
            Prefetch(
                "involvements",
                queryset=Involvement.objects.select_related("perpetrator", "body").order_by("pk"),
            )
        )
    )
    return {
        "acts": acts,
        "sources": list(event.sources.select_related("person")),
        "attachments": list(event.attachments.select_related("uploaded_by")),
        "interventions": list(
            Intervention.objects.filter(event=event).select_related("body").order_by("-sent_on", "-pk")
        ),
    }


def act_detail(pk: int) -> Act:
    return Act.objects.select_related(
        "type", "victim", "event", "event__organisation", "event__type", "event__region"
    ).get(pk=pk)


def involvement_detail(pk: int) -> Involvement:
    return Involvement.objects.select_related("act", "act__event").get(pk=pk)


def source_detail(pk: int) -> Source:
    return Source.objects.select_related("event", "event__organisation", "person").get(pk=pk)


def attachment_detail(pk: int) -> Attachment:
    return (
        Attachment.objects.select_related("event", "case", "candidate")
        .prefetch_related("event__readers")
        .get(pk=pk)
    )


def person_detail(pk: int) -> Person:
    return Person.objects.select_related("organisation", "region", "created_by").get(pk=pk)


def person_parts(user, person: Person) -> dict:
    """The events a person appears in (only those this viewer may see), their detentions and the cases this
    viewer may see of which they are the client."""
    events = visible_events(user, person.organisation_id).select_related("type", "region")
    cases = Case.objects.filter(client=person).filter(
        Q(created_by=user) | Q(pk__in=Case.objects.filter(lawyers=user).values("pk"))
    )
    return {
        "as_victim": list(events.filter(pk__in=Act.objects.filter(victim=person).values("event"))),
        "as_source": list(events.filter(pk__in=Source.objects.filter(person=person).values("event"))),
        "as_perpetrator": list(
            events.filter(pk__in=Involvement.objects.filter(perpetrator=person).values("act__event"))
        ),
        "detentions": list(Detention.objects.filter(person=person).select_related("region")),
        "cases": list(cases.order_by("-opened_on", "-pk")),
    }


def role_holders(organisation_id: int) -> QuerySet:
    """The people with a monitoring role in the organisation (whom a restricted event can be shared with)."""
    return (
        get_user_model()
        .objects.filter(monitoring_roles__organisation_id=organisation_id)
        .distinct()
        .order_by("full_name", "email")
    )


def terms(kind: str, *, keep: QuerySet | list | None = None) -> QuerySet:
    """A thesaurus's terms in use, plus the retired ones a record still has (`keep`), in the thesaurus's order."""
    allowed = Q(kind=kind, active=True)
    if keep:
        allowed |= Q(kind=kind, pk__in=[term.pk for term in keep])
    return Term.objects.filter(allowed).order_by("position", "code")
