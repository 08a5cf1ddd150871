"""Publication: the redaction engine that makes the public copy of a verified event and the public list's entry of
a listed person, and the services that publish and withdraw them and set the organisation's policy and text rules.

The originals are only read: a public copy is a row of its own (PublishedEvent, PublishedEntry), and the public
pages read nothing else. What a copy hides:

- the name (and other names) of every person of the event — victim, witness, informant, perpetrator — who has
  not consented to publication, in all its inflected forms (grants.blind's matcher), replaced by their public
  description or "[name hidden]" in the language the text is written in;
- the organisation's text rules: every occurrence of a rule's text, in any case, becomes what the rule shows;
- phone numbers, email addresses and 12-digit numbers (IIN, BIN), whoever wrote them;
- the place rounded to the policy's precision (settlement, region, Kazakhstan) — the address never leaves;
- the date rounded to the policy's precision (or the event's own, when coarser), kept as an ISO date of that
  precision ("2026-03-14", "2026-03", "2026") and its year and month numbers; pages write it in their language.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_update_with_history

from azamat.core import edits
from azamat.core.errors import DomainError
from azamat.core.public_cache import topics_bump
from azamat.grants.blind import Redactor, name_words
from azamat.monitoring import permissions
from azamat.monitoring.models import (
    Act,
    Candidate,
    Event,
    Involvement,
    Person,
    PublicationPolicy,
    PublishedEntry,
    PublishedEvent,
    RedactionRule,
    Source,
)

# The public pages' cache topics (core.public_cache): bumped by every change of what they show.
TOPIC = "monitoring"
HIDDEN = "[…]"
NAME_HIDDEN = _("[name hidden]")

NOT_ADMIN = "not_admin"
NOT_ALLOWED = "not_allowed"
UNVERIFIED = "unverified"
NOT_PUBLISHED = "not_published"
NOT_LISTED = "not_listed"

_KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_SEPARATORS = re.compile(r"[,;\n]+")
_FIRST_NUMBER = re.compile(r"\d+")
PRECISION = {"day": 0, "month": 1, "year": 2}


def _require(decision, code: str = NOT_ALLOWED) -> None:
    if not decision:
        raise DomainError(code, decision.reason)


def text_language(text: str) -> str:
    """The language a text is written in, as far as its letters tell: Kazakh, Russian or English."""
    if any(letter in _KAZAKH_LETTERS for letter in text):
        return "kk"
    if _CYRILLIC.search(text):
        return "ru"
    return "en"


def name_hidden(text: str) -> str:
    """ "[name hidden]" in the language of `text`, so that the public copy reads in one language."""
    with translation.override(text_language(text)):
        return gettext("[name hidden]")


# — the text —


@dataclass(frozen=True)
class Hidden:
    """A person whose name the public copy hides: the names and spellings to find, what is shown instead."""

    names: tuple[str, ...]
    alias: str = ""


@dataclass
class Redaction:
    """Everything one organisation's public copy hides (see the module's docstring). Pure: reads no database."""

    rules: list[tuple[str, str]] = field(default_factory=list)
    hidden: list[Hidden] = field(default_factory=list)

    def __call__(self, text: str) -> str:
        if not text:
            return text
        for person in self.hidden:
            text = _hide_names(text, person)
        for find, replace_with in self.rules:
            if find:
                text = re.sub(re.escape(find), lambda _match, r=replace_with: r, text, flags=re.IGNORECASE)
        return _hide_contacts(text)


def _replace(text: str, spans: Iterable[tuple[int, int]], replacement) -> str:
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], replacement(text[start:end])]
        last = end
    out.append(text[last:])
    return "".join(out)


def _hide_names(text: str, person: Hidden) -> str:
    long_words, short_words = [], []
    for name in person.names:
        words, short = name_words(name)
        long_words += words
        short_words += short
    if not long_words:
        return text
    # The matcher also marks contacts (phones, links): those alone are not this person's name.
    contacts = set(Redactor().spans(text))
    spans = [
        span
        for span in Redactor(words=long_words, short_words=short_words).spans(text)
        if span not in contacts
    ]
    alias = person.alias or name_hidden(text)
    return _replace(text, spans, lambda _found: alias)


def _hide_contacts(text: str) -> str:
    """Phones, emails and 12-digit numbers go; a web address stays (a blocked site is public)."""
    spans = [
        (start, end)
        for start, end in Redactor().spans(text)
        if not text[start:end].lower().startswith(("http://", "https://", "www."))
    ]
    return _replace(text, spans, lambda _found: HIDDEN)


def person_names(person: Person) -> tuple[str, ...]:
    others = [n.strip() for n in _SEPARATORS.split(person.other_names or "") if n.strip()]
    return tuple(n for n in [person.name, *others] if n)


def hidden_persons(persons: Iterable[Person]) -> list[Hidden]:
    """The persons whose names the copy hides: all but those who consented to publication."""
    return [Hidden(person_names(p), p.public_alias) for p in persons if not p.consent_to_publish]


def rules_of(organisation_id: int) -> list[tuple[str, str]]:
    # The longest first: a rule hiding "Алматы РУВД" acts before one hiding "РУВД".
    rules = RedactionRule.objects.filter(organisation_id=organisation_id).values_list("find", "replace_with")
    return sorted(rules, key=lambda rule: -len(rule[0]))


def policy_of(organisation_id: int) -> PublicationPolicy:
    """The organisation's policy, or the default one (regions, months) unsaved when it has set none."""
    policy = PublicationPolicy.objects.filter(organisation_id=organisation_id).first()
    return policy or PublicationPolicy(organisation_id=organisation_id)


# — places and dates —


def rounded_place(event: Event, policy: PublicationPolicy) -> tuple[object, str]:
    """(region, settlement's KATO code): the region only, or also the settlement, or neither (Kazakhstan)."""
    if policy.place == PublicationPolicy.Place.COUNTRY:
        return None, ""
    if policy.place == PublicationPolicy.Place.SETTLEMENT:
        code = event.settlement_kato or ""
        region_code = event.region.kato if event.region_id else ""
        # A city of republican significance is its own region: its settlement adds nothing.
        return event.region, code if code and code != region_code else ""
    return event.region, ""


def rounded_date(event: Event, policy: PublicationPolicy) -> tuple[str, int, int | None]:
    """(ISO date of the precision shown, year, month): the policy's precision, or the event's own when coarser."""
    shown = max(policy.date, event.date_precision or "day", key=lambda p: PRECISION.get(p, 0))
    day = event.date
    if shown == "year":
        return f"{day.year:04d}", day.year, None
    if shown == "month":
        return f"{day.year:04d}-{day.month:02d}", day.year, day.month
    return day.isoformat(), day.year, day.month


def victims_of(acts: Iterable[Act]) -> int:
    """Named victims, each once, and the groups of victims by the number their description starts with (one when
    it gives none: "about 40 participants" counts 40)."""
    named, groups = set(), 0
    for act in acts:
        if act.victim_id:
            named.add(act.victim_id)
        elif act.victim_group:
            found = _FIRST_NUMBER.search(act.victim_group)
            groups += int(found.group()) if found else 1
    return len(named) + groups


def event_persons(event: Event) -> list[Person]:
    """Everyone the event names: victims, perpetrators, informants, those on whose behalf it intervened."""
    return list(
        Person.objects.filter(
            Q(acts_suffered__event=event)
            | Q(pk__in=Involvement.objects.filter(act__event=event).values("perpetrator_id"))
            | Q(pk__in=Source.objects.filter(event=event).values("person_id"))
            | Q(pk__in=event.interventions.values("person_id"))
        ).distinct()
    )


# — the public copy of an event —


def public_copy(event: Event, *, by=None) -> PublishedEvent:
    """The event as it would be published now, unsaved (the preview shows it; publishing saves it)."""
    policy = policy_of(event.organisation_id)
    redact = Redaction(rules=rules_of(event.organisation_id), hidden=hidden_persons(event_persons(event)))
    acts = list(event.acts.select_related("type"))
    region, place = rounded_place(event, policy)
    date_shown, year, month = rounded_date(event, policy)
    copy = PublishedEvent.objects.filter(event=event).first() or PublishedEvent(event=event)
    copy.organisation_id = event.organisation_id
    copy.number = event.number or ""
    copy.title = redact(event.title)[:500]
    copy.summary = redact(event.description)[:20000]
    copy.type_id = event.type_id
    copy.acts = ",".join(dict.fromkeys(act.type.code for act in acts))[:1000]
    copy.region = region
    copy.place = place
    copy.date_shown = date_shown
    copy.year = year
    copy.month = month
    copy.victims = victims_of(acts)
    copy.published_at = timezone.now()
    copy.published_by = by
    return copy


@transaction.atomic
def event_publish(*, event: Event, by) -> PublishedEvent:
    """Publish (or publish again, with today's rules) the redacted copy of a verified event."""
    event = Event.objects.select_for_update(of=("self",)).select_related("region").get(pk=event.pk)
    _require(permissions.can_publish_event(by, event))
    if event.status != Event.Status.VERIFIED:
        raise DomainError(
            UNVERIFIED,
            _("Publishing an unverified record is refused: this record is “%(status)s”. Verify it first.")
            % {"status": event.get_status_display()},
        )
    copy = public_copy(event, by=by)
    copy._history_user = by
    copy.save()
    topics_bump(TOPIC)
    return copy


@transaction.atomic
def event_unpublish(*, event: Event, by) -> None:
    """Take the public copy down (the original is unchanged)."""
    _require(permissions.can_publish_event(by, event))
    copy = PublishedEvent.objects.select_for_update().filter(event=event).first()
    if copy is None:
        raise DomainError(NOT_PUBLISHED, _("This record is not published."))
    copy._history_user = by
    copy.delete()
    topics_bump(TOPIC)


# — the public list's entry —


def entry_persons(candidate: Candidate) -> list[Person]:
    """Whom the grounds may name: the person, everyone in the events and cases the candidacy rests on, and the
    organisation's other candidates (a list's grounds often name co-defendants)."""
    events = list(candidate.events.all())
    ids = set(
        Person.objects.filter(
            Q(pk=candidate.person_id)
            | Q(candidacies__organisation_id=candidate.organisation_id)
            | Q(pk__in=candidate.cases.values("client_id"))
        ).values_list("pk", flat=True)
    )
    for event in events:
        ids |= {person.pk for person in event_persons(event)}
    return list(Person.objects.filter(pk__in=ids))


def public_entry(candidate: Candidate, *, criteria_version: int) -> PublishedEntry:
    """The listed person as the public list shows them, unsaved: the name only with consent recorded."""
    person = candidate.person
    rules = rules_of(candidate.organisation_id)
    redact = Redaction(rules=rules, hidden=hidden_persons(entry_persons(candidate)))
    entry = PublishedEntry.objects.filter(candidate=candidate).first() or PublishedEntry(candidate=candidate)
    entry.organisation_id = candidate.organisation_id
    shown = person.name if person.consent_to_publish else person.public_alias
    # Rules apply to the name shown too, but no person's hiding: the name itself is what consent allows.
    entry.shown_name = Redaction(rules=rules)(shown)[:300] if shown else ""
    entry.region_id = person.region_id
    entry.occupation = person.occupation
    entry.ground = candidate.ground
    entry.grounds = redact(candidate.public_grounds)[:5000]
    entry.situation = candidate.situation
    entry.listed_on = candidate.listed_on or timezone.localdate()
    entry.criteria_version = criteria_version
    entry.published_at = timezone.now()
    return entry


def entry_publish(*, candidate: Candidate, by, criteria_version: int | None = None) -> PublishedEntry:
    """Put a listed person on the public list, or bring their entry up to date (a change of situation). Called
    inside the services of the list (listing_services), which check who may."""
    if candidate.status != Candidate.Status.LISTED:
        raise DomainError(NOT_LISTED, _("Only a listed person is on the public list."))
    if criteria_version is None:
        decision = candidate.decisions.select_related("criteria").filter(outcome="list").first()
        criteria_version = decision.criteria.version if decision else 1
    entry = public_entry(candidate, criteria_version=criteria_version)
    entry._history_user = by
    entry.save()
    topics_bump(TOPIC)
    return entry


def entry_withdraw(*, candidate: Candidate, by) -> None:
    entry = PublishedEntry.objects.filter(candidate=candidate).first()
    if entry is not None:
        entry._history_user = by
        entry.delete()
        topics_bump(TOPIC)


# — when a person changes —


@transaction.atomic
def person_changed(*, person: Person, by) -> None:
    """Bring the public copies naming `person` up to date after their name, description or consent changed (a
    consent withdrawn hides the name at once): their list entries and the published events they appear in are
    built again from the originals. For the services that edit a person (records_services)."""
    for candidate in Candidate.objects.filter(person=person, status=Candidate.Status.LISTED).select_related(
        "person"
    ):
        entry_publish(candidate=candidate, by=by)
    events = Event.objects.filter(
        Q(acts__victim=person)
        | Q(acts__involvements__perpetrator=person)
        | Q(sources__person=person)
        | Q(interventions__person=person),
        published__isnull=False,
    ).distinct()
    for event in events:
        copy = public_copy(event, by=by)
        copy.published_by_id = (
            PublishedEvent.objects.filter(event=event).values_list("published_by", flat=True).first()
        )
        copy._history_user = by
        copy._change_reason = "person"
        copy.save()
    topics_bump(TOPIC)


# — the policy and the rules —


@transaction.atomic
def policy_update(
    *, organisation, by, place: str, date: str, loaded_at: datetime.datetime | None = None
) -> PublicationPolicy:
    """Set how precise published places and dates are; the copies already published follow at once (places and
    dates are rounded from the originals' plain fields: nothing needs decrypting). With `loaded_at` (the
    policy's last save as the form was loaded), a save over another administrator's since is refused."""
    _require(permissions.can_administer(by, organisation.pk), NOT_ADMIN)
    if place not in PublicationPolicy.Place.values or date not in PublicationPolicy.Date.values:
        raise DomainError("invalid", _("Choose the precision of places and of dates."))
    policy = PublicationPolicy.objects.select_for_update().filter(organisation=organisation).first()
    policy = policy or PublicationPolicy(organisation=organisation)
    if edits.require_unchanged(policy, loaded_at, by=by, values={"place": place, "date": date}):
        return policy  # the same form sent twice: saved, and the copies followed, by the first
    policy.place, policy.date = place, date
    policy._history_user = by
    policy.save()
    copies = list(
        PublishedEvent.objects.filter(organisation=organisation)
        .select_related("event__region")
        .only(
            "pk",
            "region",
            "place",
            "date_shown",
            "year",
            "month",
            "event__date",
            "event__date_precision",
            "event__settlement_kato",
            "event__region__kato",
        )
    )
    for copy in copies:
        copy.region, copy.place = rounded_place(copy.event, policy)
        copy.date_shown, copy.year, copy.month = rounded_date(copy.event, policy)
    if copies:
        bulk_update_with_history(
            copies,
            PublishedEvent,
            ["region", "place", "date_shown", "year", "month"],
            batch_size=1000,
            default_user=by,
            default_change_reason="policy",
        )
    topics_bump(TOPIC)
    return policy


@transaction.atomic
def rule_add(*, organisation, by, find: str, replace_with: str, comment: str) -> RedactionRule:
    """Add a text rule; it applies at once to what is already published (and to everything published later)."""
    _require(permissions.can_administer(by, organisation.pk), NOT_ADMIN)
    find, replace_with, comment = (find or "").strip(), (replace_with or "").strip(), (comment or "").strip()
    if len(find) < 2:
        raise DomainError("short", _("Give the text to hide: at least two characters."), field="find")
    if find.casefold() in replace_with.casefold():
        raise DomainError(
            "loop", _("What is shown instead must not contain the text it hides."), field="replace_with"
        )
    if not comment:
        raise DomainError("no_comment", _("Say why the text is hidden."), field="comment")
    existing = RedactionRule.objects.filter(organisation=organisation).values_list("find", flat=True)
    if find.casefold() in {text.casefold() for text in existing}:  # SQLite's iexact knows no Cyrillic
        raise DomainError("duplicate", _("A rule already hides this text."), field="find")
    rule = RedactionRule(
        organisation=organisation, find=find, replace_with=replace_with or HIDDEN, comment=comment, editor=by
    )
    rule._history_user = by
    rule.save()
    _apply_to_published(organisation, [(rule.find, rule.replace_with)], by)
    topics_bump(TOPIC)
    return rule


def _apply_to_published(organisation, rules: list[tuple[str, str]], by) -> None:
    """Apply new text rules to the organisation's published copies (read and written in Python: a database's
    case-insensitive match does not know Cyrillic everywhere)."""
    redact = Redaction(rules=rules)
    pattern = re.compile("|".join(re.escape(find) for find, _r in rules), re.IGNORECASE)
    events = [
        copy
        for copy in PublishedEvent.objects.filter(organisation=organisation).only("pk", "title", "summary")
        if pattern.search(copy.title) or pattern.search(copy.summary)
    ]
    for copy in events:
        copy.title, copy.summary = redact(copy.title), redact(copy.summary)
    if events:
        bulk_update_with_history(
            events, PublishedEvent, ["title", "summary"], default_user=by, default_change_reason="rule"
        )
    entries = [
        entry
        for entry in PublishedEntry.objects.filter(organisation=organisation).only(
            "pk", "shown_name", "grounds"
        )
        if pattern.search(entry.shown_name) or pattern.search(entry.grounds)
    ]
    for entry in entries:
        entry.shown_name, entry.grounds = redact(entry.shown_name), redact(entry.grounds)
    if entries:
        bulk_update_with_history(
            entries, PublishedEntry, ["shown_name", "grounds"], default_user=by, default_change_reason="rule"
        )


@transaction.atomic
def rule_delete(*, rule: RedactionRule, by) -> None:
    """Delete a rule. What is published already keeps its replacement until it is published again."""
    _require(permissions.can_administer(by, rule.organisation_id), NOT_ADMIN)
    rule._history_user = by
    rule.delete()
