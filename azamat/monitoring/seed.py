"""Monitoring for the demo, the tests and the benchmarks (the words are in `seed_data`). All fictional.

Three monitoring organisations: a human-rights bureau in Almaty (assemblies, detentions, searches, pressure on
journalists and lawyers, believers, criminal prosecutions, conditions of detention; the list of persecuted
persons), an internet-freedom fund in Astana (blocked websites with their checks, pressure on journalists) and an
election-observation network in Karaganda (four election days with polling stations). Each has its administrator,
monitors, verifiers, an expert group and lawyers, all with two-factor sign-in on.

Events: 300 at scale 1 and 100,000 at scale 100 (linear between; `event_count`), across every region and the
years since 2019, in Russian and Kazakh, each with its acts (victims, groups of victims, perpetrators: state
bodies, officers, unknown people), its sources, its rights violated; in every stage of verification (a verified
one always has a source, an act and a reliability grade, and was verified by someone other than who entered it);
some restricted to the people named on them. Around them: interventions to state bodies, cases with hearings,
detentions with visits, the criteria (version 1), candidates for the list in every status with the expert
group's decisions (quorum and votes) and changes of situation, blocked websites with checks, the log of reads.
Published copies are built with the publication engine's own redaction (`publication.Redaction`: names hidden
unless the person consented, the organisation's text rules, contacts), so the public pages show what publishing
would show.

Rows are written in chunks of events with bulk_create (and their history rows); an event's number is set as
Event.save sets it (`M-<year>-<pk>`), the blind index as Person.save and Event.save compute it.

The demo logins (`DEMO_LOGINS`) get real work: rights@ (monitor of the bureau) has events of her own, some still
received; verifier@ (verifier and expert of the bureau) has events to verify and a candidate awaiting the
expert group's decision; lawyer@ has open cases with a hearing next week; hrd-admin@ administers the bureau
(roles, the log of reads). With `--demo-logins` each has the demo password and the published two-factor secret
(`DEMO_TOTP_SECRET`; `azamat totp_code <email>` prints the current code).
"""

import base64
import datetime
import random

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from azamat.accounts.models import User
from azamat.core import vault
from azamat.core.bin import make_bin
from azamat.core.names import FEMALE_FIRST, MALE_FIRST, SURNAME_ROOTS
from azamat.core.seeding import SeedContext, seeder
from azamat.monitoring import publication
from azamat.monitoring import seed_data as data
from azamat.monitoring.models import (
    Act,
    BlockedSite,
    Candidate,
    Case,
    Criteria,
    Detention,
    DetentionVisit,
    Event,
    Hearing,
    Intervention,
    Involvement,
    ListDecision,
    MonitoringRole,
    Person,
    PublicationPolicy,
    PublishedEntry,
    PublishedEvent,
    ReadLog,
    RedactionRule,
    SiteCheck,
    SituationChange,
    Source,
    Term,
)
from azamat.monitoring.seed_elections import seed_observation
from azamat.registry.models import GovernmentBody, Membership, Organisation, Region
from azamat.registry.seed import REGION_WEIGHTS, STREETS, TOWNS

EVENTS_AT_SCALE_1 = 300
EVENTS_AT_SCALE_100 = 100_000
CHUNK = 2000  # events generated and written at a time
BATCH = 2000
FIRST_YEAR = 2019
# Published for the demo on purpose (like the demo password): the two-factor secret of the demo logins.
DEMO_TOTP_SECRET = "AZAMATDEMOMONITORINGSECRETKEYAAA"  # noqa: S105
# Like accounts.seed.DEMO_LOGINS: email, full name, role in the bureau, what the login is for (`azamat demo`
# prints them; each signs in with the demo password and then the code `azamat totp_code <email>` prints).
DEMO_LOGINS = [
    (
        "rights@azamat.kz",
        data.DEMO_PEOPLE["rights@azamat.kz"],
        "monitor",
        gettext_lazy("human-rights monitor"),
    ),
    (
        "verifier@azamat.kz",
        data.DEMO_PEOPLE["verifier@azamat.kz"],
        "verifier+expert",
        gettext_lazy("monitoring verifier and expert"),
    ),
    ("lawyer@azamat.kz", data.DEMO_PEOPLE["lawyer@azamat.kz"], "lawyer", gettext_lazy("human-rights lawyer")),
    (
        "hrd-admin@azamat.kz",
        data.DEMO_PEOPLE["hrd-admin@azamat.kz"],
        "admin",
        gettext_lazy("monitoring organisation's administrator"),
    ),
]
E, C = Event.Status, Candidate.Status
STATUS_WEIGHTS = {E.RECEIVED: 12, E.VERIFYING: 13, E.VERIFIED: 60, E.NOT_CONFIRMED: 8, E.REJECTED: 7}
CANDIDATE_WEIGHTS = {
    C.CANDIDATE: 10,
    C.ANALYSIS: 12,
    C.DECISION: 10,
    C.LISTED: 40,
    C.NOT_LISTED: 18,
    C.REMOVED: 10,
}
CITIES = {"710000000", "750000000", "790000000"}
LIST_TYPES = {"prosecution", "detention", "detention_conditions", "religion", "journalist"}
CASE_TYPES = {"prosecution", "detention", "journalist", "lawyer", "assembly", "site_blocking", "religion"}
PUBLISHED_SHARE = 0.7
EXPERT_GROUP = 7


def event_count(scale: float) -> int:
    """300 events at scale 1, 100,000 at scale 100, on the line through both (and proportionally below 1)."""
    if scale <= 1:
        return max(30, round(EVENTS_AT_SCALE_1 * scale))
    slope = (EVENTS_AT_SCALE_100 - EVENTS_AT_SCALE_1) / 99
    return round(EVENTS_AT_SCALE_1 + (scale - 1) * slope)


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class World:
    """What every step shares: the organisations, their people, the thesauri, the places."""

    def __init__(self, ctx: SeedContext):
        self.ctx, self.rng = ctx, ctx.rng
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.regions = {r.kato: r for r in Region.objects.all()}
        self.terms = {(t.kind, t.code): t for t in Term.objects.all()}
        bodies = GovernmentBody.objects.filter(code__in=["mvd", "mci", "digital", "mci-religion"])
        self.bodies = {b.code: b for b in bodies | GovernmentBody.objects.filter(code__startswith="akimat-")}
        self.password = ctx.password_hash()
        self.orgs: dict[str, Organisation] = {}
        self.admins: dict[str, User] = {}
        self.team: dict[str, dict[str, list[User]]] = {}
        self.demo: dict[str, User] = {}
        self.criteria: dict[str, Criteria] = {}
        self.rules: dict[str, list[tuple[str, str]]] = {}
        self.policies: dict[str, PublicationPolicy] = {}
        self.pool: dict[str, list[Person]] = {}  # persons seen before, who come back in later events
        self.listed_persons: set[int] = set()
        self.sites = 0
        self.counts: dict[str, int] = {}
        self.user_serial = User.objects.filter(email__startswith="monitoring").count()

    def add(self, what: str, n: int) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def day(self, start: datetime.date, days: int) -> datetime.date:
        return min(self.today, start + datetime.timedelta(days=days))

    def moment(self, day: datetime.date, hour: int = 12) -> datetime.datetime:
        moment = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(hour, self.rng.randint(0, 59)))
        )
        return min(moment, self.now)


# People ---------------------------------------------------------------------------------------------------------


def _totp_secret(world: World, email: str) -> str:
    if world.ctx.demo_logins and email in data.DEMO_PEOPLE:
        return DEMO_TOTP_SECRET
    return base64.b32encode(world.rng.randbytes(20)).decode("ascii")


def _users(world: World, people: list[tuple[str, str]]) -> list[User]:
    """Accounts (email, full name) made or found, with a verified address and two-factor sign-in on."""
    existing = {u.email: u for u in User.objects.filter(email__in=[e for e, _n in people])}
    new = [User(email=e, full_name=n, password=world.password) for e, n in people if e not in existing]
    User.objects.bulk_create(new, batch_size=BATCH)
    made = {u.email: u for u in User.objects.filter(email__in=[e for e, _n in people])}
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=made[u.email], email=u.email, verified=True, primary=True) for u in new],
        batch_size=BATCH,
    )
    protected = set(
        Authenticator.objects.filter(user__in=made.values(), type=Authenticator.Type.TOTP).values_list(
            "user_id", flat=True
        )
    )
    Authenticator.objects.bulk_create(
        [
            Authenticator(
                user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(_totp_secret(world, email))}
            )
            for email, user in made.items()
            if user.pk not in protected
        ],
        batch_size=BATCH,
    )
    return [made[e] for e, _n in people]


def _generated(world: World, n: int) -> list[tuple[str, str]]:
    people = []
    for _ in range(n):
        world.user_serial += 1
        female = world.rng.random() < 0.55
        first = world.rng.choice(FEMALE_FIRST if female else MALE_FIRST)
        surname = world.rng.choice(SURNAME_ROOTS)
        if female and surname.endswith(("ов", "ев", "ин")):
            surname += "а"
        people.append((f"monitoring{world.user_serial:05d}@example.kz", f"{first} {surname}"))
    return people


def _organisations(world: World) -> None:
    used = set(Organisation.objects.values_list("bin", flat=True))
    for key, kk, ru, short, form, kato, about_ru, about_kk in data.ORGANISATIONS:
        organisation = Organisation.objects.filter(name_ru=ru).first()
        if organisation is None:
            serial = 70001 + len(world.orgs)
            number = make_bin(year=2011, month=4, serial=serial)
            while number is None or number in used:
                serial += 17
                number = make_bin(year=2011, month=4, serial=serial)
            used.add(number)
            organisation = Organisation(
                name_kk=kk,
                name_ru=ru,
                short_name=short,
                bin=number,
                legal_form=form,
                registered_on=datetime.date(2011, 4, 12),
                region=world.regions[kato],
                address=f"{TOWNS[kato][0][1]}, {STREETS[len(world.orgs) * 3]}, {11 + len(world.orgs)}",
                about_ru=about_ru,
                about_kk=about_kk,
                staff_count=6 + 4 * len(world.orgs),
                volunteer_count=40,
            )
            organisation.save()
            organisation.areas.set(organisation.areas.model.objects.filter(code="human-rights"))
        world.orgs[key] = organisation


def _teams(world: World, events: dict[str, int]) -> None:
    """The administrators and the role holders of each organisation (the demo logins in the bureau)."""
    demo = dict(zip(data.DEMO_PEOPLE, _users(world, list(data.DEMO_PEOPLE.items())), strict=True))
    world.demo = demo
    memberships, roles = [], []
    for key, organisation in world.orgs.items():
        n = events[key]
        monitors = _users(world, _generated(world, min(200, 3 + n // 150)))
        verifiers = _users(world, _generated(world, min(40, 2 + n // 900)))
        experts = _users(world, _generated(world, EXPERT_GROUP - (1 if key == "bureau" else 0)))
        lawyers = _users(world, _generated(world, min(30, 1 + n // 2500)))
        if key == "bureau":
            admin = demo["hrd-admin@azamat.kz"]
            monitors.insert(0, demo["rights@azamat.kz"])
            verifiers.insert(0, demo["verifier@azamat.kz"])
            experts.insert(0, demo["verifier@azamat.kz"])
            lawyers.insert(0, demo["lawyer@azamat.kz"])
        else:
            admin = _users(world, _generated(world, 1))[0]
        world.admins[key] = admin
        world.team[key] = {"monitor": monitors, "verifier": verifiers, "expert": experts, "lawyer": lawyers}
        memberships.append(
            Membership(
                user=admin,
                organisation=organisation,
                role=Membership.Role.ADMIN,
                status=Membership.Status.ACTIVE,
                position="Директор",
            )
        )
        seen = {admin.pk}
        for role, people in world.team[key].items():
            for person in people:
                roles.append(
                    MonitoringRole(organisation=organisation, user=person, role=role, granted_by=admin)
                )
                if person.pk not in seen:
                    seen.add(person.pk)
                    memberships.append(
                        Membership(
                            user=person,
                            organisation=organisation,
                            role=Membership.Role.MEMBER,
                            status=Membership.Status.ACTIVE,
                            position="Юрист" if role == "lawyer" else "Монитор",
                        )
                    )
    Membership.objects.bulk_create(memberships, batch_size=BATCH, ignore_conflicts=True)
    bulk_create_with_history(roles, MonitoringRole, batch_size=BATCH)
    world.add("role holders", len({r.user_id for r in roles}))


def _rules(world: World) -> None:
    for key, organisation in world.orgs.items():
        admin = world.admins[key]
        policy = PublicationPolicy.objects.filter(organisation=organisation).first()
        if policy is None:
            policy = PublicationPolicy(
                organisation=organisation,
                place=PublicationPolicy.Place.REGION,
                date=PublicationPolicy.Date.DAY if key == "internet" else PublicationPolicy.Date.MONTH,
            )
            policy._history_user = admin
            policy.save()
        world.policies[key] = policy
        if not RedactionRule.objects.filter(organisation=organisation).exists():
            for find, replace_with, comment in data.REDACTION_RULES:
                rule = RedactionRule(
                    organisation=organisation,
                    find=find,
                    replace_with=replace_with,
                    comment=comment,
                    editor=admin,
                )
                rule._history_user = admin
                rule.save()
        world.rules[key] = publication.rules_of(organisation.pk)
        if key in ("bureau", "internet"):
            criteria = Criteria.objects.filter(organisation=organisation, version=1).first()
            if criteria is None:
                criteria = Criteria(
                    organisation=organisation,
                    version=1,
                    adopted_on=datetime.date(2020, 2, 1),
                    **data.CRITERIA,
                )
                criteria._history_user = admin
                criteria.save()
            world.criteria[key] = criteria


# One chunk of events, with everything around them ---------------------------------------------------------------


class Chunk:
    """The rows of a chunk of events, made in memory, then written parent first."""

    def __init__(self, world: World, key: str):
        self.world, self.key, self.rng = world, key, world.rng
        self.organisation = world.orgs[key]
        self.team = world.team[key]
        self.persons: list[Person] = []
        self.events: list[Event] = []
        self.plans: list[dict] = []

    # — persons —

    def person(self, *, region: Region, town: str, occupation: str = "activist", lang: str = "ru") -> Person:
        rng = self.rng
        female = rng.random() < 0.45
        first = rng.choice(FEMALE_FIRST if female else MALE_FIRST)
        surname = rng.choice(SURNAME_ROOTS)
        if female and surname.endswith(("ов", "ев", "ин")):
            surname += "а"
        patronymic = rng.choice(MALE_FIRST) + ("овна" if female else "ович") if rng.random() < 0.4 else ""
        name = " ".join(part for part in (surname, first, patronymic) if part)
        consent = rng.random() < 0.25
        region_name = region.name_ru
        person = Person(
            organisation=self.organisation,
            name=name,
            other_names=f"{first} {surname}" if patronymic else "",
            birth_date=f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(1955, 2004)}",
            phone=f"+7 7{rng.randint(0, 99):02d} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            address=f"г. {town}, {rng.choice(STREETS)}, д. {rng.randint(1, 180)}, кв. {rng.randint(1, 120)}",
            notes=rng.choice(data.NOTES[lang]) if rng.random() < 0.4 else "",
            sex=Person.Sex.FEMALE if female else Person.Sex.MALE,
            occupation=occupation,
            region=region,
            consent_to_publish=consent,
            consent_note="Согласие получено устно при встрече, подтверждено сообщением." if consent else "",
            public_alias=data.ALIASES[occupation].format(region=region_name),
            created_by=rng.choice(self.team["monitor"]),
        )
        person.search_index = vault.blind_tokens(person.name, person.other_names)
        self.persons.append(person)
        return person

    def victim(self, **where) -> Person:
        pool = self.world.pool.setdefault(self.key, [])
        if pool and self.rng.random() < 0.2:
            return self.rng.choice(pool)
        person = self.person(**where)
        if len(pool) < 400:
            pool.append(person)
        return person

    # — events —

    def event(self) -> None:
        world, rng, key = self.world, self.rng, self.key
        kind = _weighted(rng, data.TYPES[key])
        lang = "kk" if rng.random() < 0.25 else "ru"
        if kind == "election" or (key == "elections" and rng.random() < 0.5):
            date = datetime.date.fromisoformat(rng.choice(data.ELECTION_DAYS))
        else:
            year = rng.choices(
                range(FIRST_YEAR, world.today.year + 1), weights=range(1, world.today.year - FIRST_YEAR + 2)
            )[0]
            start = datetime.date(year, 1, 1)
            end = min(world.today, datetime.date(year, 12, 31))
            date = start + datetime.timedelta(days=rng.randint(0, (end - start).days))
        home = self.organisation.region.kato
        kato = home if rng.random() < 0.3 else _weighted(rng, REGION_WEIGHTS)
        region = world.regions[kato]
        town_kk, town_ru = rng.choice(TOWNS[kato])
        town = town_kk if lang == "kk" else town_ru
        occupation = data.OCCUPATION.get(kind, "activist")
        victims = [self.victim(region=region, town=town_ru, occupation=occupation, lang=lang)]
        if rng.random() < 0.25:
            victims.append(self.victim(region=region, town=town_ru, occupation=occupation, lang=lang))
        site = ""
        if kind == "site_blocking":
            n = world.sites
            world.sites += 1
            site = f"https://{data.SITES[n % len(data.SITES)]}{'' if n < len(data.SITES) else f'-{n}'}.kz/"
        station = str(rng.randint(1, 950))
        fill = {
            "name": victims[0].name if rng.random() < 0.8 else victims[0].name.split()[0],
            "town": town,
            "street": rng.choice(STREETS),
            "house": rng.randint(1, 120),
            "flat": rng.randint(1, 200),
            "n": rng.choice([5, 12, 20, 40, 60, 150]),
            "station": station,
            "school": rng.randint(1, 90),
            "site": site,
            "colony": rng.choice(data.COLONIES),
        }
        title, description, place = (t.format(**fill) for t in rng.choice(data.TEXTS[kind][lang]))
        status = _weighted(rng, STATUS_WEIGHTS)
        monitors = self.team["monitor"]
        entered_by = monitors[0] if key == "bureau" and rng.random() < 0.12 else rng.choice(monitors)
        verifiers = [v for v in self.team["verifier"] if v != entered_by] or self.team["verifier"]
        verified = status in (E.VERIFIED, E.NOT_CONFIRMED, E.REJECTED)
        verified_by = rng.choice(verifiers) if verified else None
        record = Event(
            organisation=self.organisation,
            title=title,
            description=description,
            type=world.terms[("event_type", kind)],
            date=date,
            date_precision=rng.choices(["day", "month", "year"], weights=[85, 10, 5])[0],
            region=region,
            settlement_kato=kato if kato in CITIES else "",
            place=place,
            polling_station=station if kind == "election" else "",
            status=status,
            reliability={
                E.VERIFIED: rng.choice(["high", "high", "medium"]),
                E.NOT_CONFIRMED: "low",
                E.VERIFYING: rng.choice(["", "medium"]),
            }.get(status, ""),
            verification_note=rng.choice(data.VERIFICATION_NOTES) if verified else "",
            verified_by=verified_by,
            verified_at=world.moment(world.day(date, rng.randint(2, 40))) if verified else None,
            restricted=rng.random() < 0.04,
            entered_by=entered_by,
        )
        record.search_index = vault.blind_tokens(record.title)
        self.events.append(record)
        self.plans.append(
            {"kind": kind, "lang": lang, "victims": victims, "town": town_ru, "region": region, "site": site}
        )

    # — writing —

    def write(self) -> None:
        world = self.world
        by = self.team["monitor"][0]
        bulk_create_with_history(self.persons, Person, batch_size=BATCH, default_user=by)
        Event.objects.bulk_create(self.events, batch_size=BATCH)
        for record in self.events:
            record.number = f"M-{record.date.year}-{record.pk:06d}"
        Event.objects.bulk_update(self.events, ["number"], batch_size=BATCH)
        Event.history.bulk_history_create(self.events, batch_size=BATCH, default_user=by)
        world.add("events", len(self.events))
        world.add("persons", len(self.persons))
        self._rights_and_readers()
        acts = self._acts()
        self._sources()
        self._interventions()
        cases = self._cases()
        self._detentions(acts)
        self._candidates(cases)
        self._sites()
        self._publish(acts)

    def _rights_and_readers(self) -> None:
        rights, readers = [], []
        Rights, Readers = Event.rights.through, Event.readers.through
        for record, plan in zip(self.events, self.plans, strict=True):
            codes = data.RIGHTS[plan["kind"]]
            for code in codes[: self.rng.randint(1, len(codes))]:
                rights.append(Rights(event_id=record.pk, term_id=self.world.terms[("right", code)].pk))
            if record.restricted or self.rng.random() < 0.05:
                reader = self.rng.choice(self.team["verifier"] + self.team["lawyer"])
                if reader.pk != record.entered_by_id:
                    readers.append(Readers(event_id=record.pk, user_id=reader.pk))
        Rights.objects.bulk_create(rights, batch_size=BATCH)
        Readers.objects.bulk_create(readers, batch_size=BATCH)

    def _acts(self) -> dict[int, list[Act]]:
        rng, world = self.rng, self.world
        acts, by_event = [], {}
        for record, plan in zip(self.events, self.plans, strict=True):
            kinds = data.ACTS[plan["kind"]]
            mine = []
            if plan["kind"] == "assembly" and rng.random() < 0.6:
                mine.append(
                    Act(
                        event=record,
                        type=world.terms[("act_type", "detention")],
                        victim_group=f"около {rng.choice([10, 20, 40, 80])} участников",
                        date=record.date,
                        position=0,
                    )
                )
            for victim in plan["victims"]:
                for code in rng.sample(kinds, k=rng.randint(1, min(2, len(kinds)))):
                    mine.append(
                        Act(
                            event=record,
                            type=world.terms[("act_type", code)],
                            victim=victim,
                            date=record.date,
                            description=rng.choice(data.ACT_TEXTS[plan["lang"]]),
                            position=len(mine),
                        )
                    )
            acts += mine
            by_event[record.pk] = mine
        bulk_create_with_history(acts, Act, batch_size=BATCH)
        involvements = []
        for record, plan in zip(self.events, self.plans, strict=True):
            for act in by_event[record.pk]:
                draw = rng.random()
                body_code = rng.choice(data.BODIES[plan["kind"]])
                if body_code == "akimat":
                    body_code = f"akimat-{record.region.kato[:2]}"
                body = world.bodies.get(body_code)
                perpetrator = None
                if draw < 0.1:
                    perpetrator = self.person(region=record.region, town=plan["town"], occupation="official")
                involvements.append(
                    Involvement(
                        act=act,
                        perpetrator=perpetrator,
                        body=body if draw >= 0.1 and draw < 0.8 else None,
                        description=rng.choice(data.PERPETRATORS[plan["lang"]]),
                        role=rng.choices(["carried_out", "ordered", "failed"], weights=[70, 20, 10])[0],
                    )
                )
                if perpetrator is not None:
                    plan.setdefault("others", []).append(perpetrator)
        new = [p for p in self.persons if p.pk is None]
        bulk_create_with_history(new, Person, batch_size=BATCH)
        bulk_create_with_history(involvements, Involvement, batch_size=BATCH)
        self.world.add("acts", len(acts))
        return by_event

    def _sources(self) -> None:
        rng, sources = self.rng, []
        for record, plan in zip(self.events, self.plans, strict=True):
            n = rng.choice([0, 1]) if record.status == E.RECEIVED else rng.choice([1, 1, 2, 3])
            for _ in range(n):
                kind = rng.choice(["victim", "witness", "monitor", "media", "document"])
                person = None
                if kind == "victim":
                    person = plan["victims"][0]
                elif kind == "witness" and rng.random() < 0.5:
                    person = self.person(region=record.region, town=plan["town"], lang=plan["lang"])
                    plan.setdefault("others", []).append(person)
                sources.append(
                    Source(
                        event=record,
                        kind=kind,
                        person=person,
                        reliability=rng.choice("abbcde")
                        if record.status != E.VERIFIED
                        else rng.choice("aabc"),
                        received_on=self.world.day(record.date, rng.randint(0, 10)),
                        account=rng.choice(data.SOURCE_ACCOUNTS[plan["lang"]]),
                        reference=f"https://t.me/source_{rng.randint(1000, 9999)}/{rng.randint(1, 900)}"
                        if kind == "media"
                        else "",
                    )
                )
        new = [p for p in self.persons if p.pk is None]
        bulk_create_with_history(new, Person, batch_size=BATCH)
        bulk_create_with_history(sources, Source, batch_size=BATCH)
        self.world.add("sources", len(sources))

    def _interventions(self) -> None:
        rng, rows = self.rng, []
        for record, plan in zip(self.events, self.plans, strict=True):
            if self.key == "elections" or rng.random() > 0.1:
                continue
            kind = rng.choice(list(data.INTERVENTIONS))
            summary, text = data.INTERVENTIONS[kind]
            rows.append(
                Intervention(
                    organisation=self.organisation,
                    event=record,
                    person=plan["victims"][0],
                    kind=kind,
                    body=self.world.bodies.get("mvd") if kind in ("complaint", "appeal") else None,
                    sent_on=self.world.day(record.date, rng.randint(3, 30)),
                    summary=summary,
                    text=text,
                    outcome=rng.choice(data.OUTCOMES),
                    created_by=rng.choice(self.team["monitor"] + self.team["lawyer"]),
                )
            )
        bulk_create_with_history(rows, Intervention, batch_size=BATCH)
        self.world.add("interventions", len(rows))

    def _cases(self) -> dict[int, Case]:
        rng, world = self.rng, self.world
        made: dict[int, Case] = {}
        for record, plan in zip(self.events, self.plans, strict=True):
            if self.key == "elections" or plan["kind"] not in CASE_TYPES or rng.random() > 0.15:
                continue
            opened = world.day(record.date, rng.randint(1, 20))
            closed = rng.random() < 0.4 and opened < world.today - datetime.timedelta(days=120)
            made[record.pk] = Case(
                organisation=self.organisation,
                title=rng.choice(data.CASE_TITLES),
                client=plan["victims"][0],
                court=rng.choice(data.COURTS).format(town=plan["town"]),
                court_number=f"{rng.randint(1000, 9999)}-{record.date.year % 100:02d}-00-{rng.randint(1, 4)}/{rng.randint(1, 9999)}",
                strategic=rng.random() < 0.1,
                status=Case.Status.CLOSED if closed else Case.Status.OPEN,
                outcome=rng.choice(["won", "partly", "lost", "lost", "settled", "international"])
                if closed
                else "",
                notes="Подзащитный просит не сообщать о деле в СМИ." if rng.random() < 0.2 else "",
                opened_on=opened,
                created_by=rng.choice(self.team["lawyer"]),
            )
        cases = list(made.values())
        bulk_create_with_history(cases, Case, batch_size=BATCH)
        Lawyers, Events = Case.lawyers.through, Case.events.through
        lawyers, links, hearings = [], [], []
        for event_pk, case in made.items():
            lawyers.append(Lawyers(case_id=case.pk, user_id=case.created_by_id))
            links.append(Events(case_id=case.pk, event_id=event_pk))
            day = case.opened_on
            for _ in range(rng.randint(1, 3)):
                day += datetime.timedelta(days=rng.randint(10, 60))
                hearings.append(
                    Hearing(
                        case=case,
                        date=day,
                        stage=rng.choice(data.HEARING_STAGES),
                        result=rng.choice(data.HEARING_RESULTS) if day < world.today else "",
                    )
                )
        Lawyers.objects.bulk_create(lawyers, batch_size=BATCH)
        Events.objects.bulk_create(links, batch_size=BATCH)
        bulk_create_with_history(hearings, Hearing, batch_size=BATCH)
        world.add("cases", len(cases))
        world.add("hearings", len(hearings))
        return made

    def _detentions(self, acts: dict[int, list[Act]]) -> None:
        rng, world = self.rng, self.world
        detentions, seen = [], set()
        for record, plan in zip(self.events, self.plans, strict=True):
            for act in acts[record.pk]:
                code = act.type.code
                if code not in ("arrest", "sentence", "administrative_arrest") or act.victim_id in seen:
                    continue
                if rng.random() > 0.6:
                    continue
                seen.add(act.victim_id)
                until = None
                if code == "administrative_arrest":
                    until = record.date + datetime.timedelta(days=15)
                elif rng.random() < 0.3:
                    until = world.day(record.date, rng.randint(200, 900))
                detentions.append(
                    Detention(
                        person=act.victim,
                        place=f"Учреждение {rng.choice(data.COLONIES)}"
                        if code == "sentence"
                        else f"ИВС {plan['town']}",
                        region=record.region,
                        since=record.date,
                        until=until if until and until <= world.today else None,
                        conditions=rng.choice(data.CONDITIONS),
                    )
                )
        bulk_create_with_history(detentions, Detention, batch_size=BATCH)
        visits = [
            DetentionVisit(
                detention=detention,
                visited_on=world.day(detention.since, 5 + 30 * n),
                visitor=rng.choice(self.team["monitor"] + self.team["lawyer"]),
                notes=rng.choice(data.VISIT_NOTES),
            )
            for detention in detentions
            for n in range(rng.randint(0, 3))
        ]
        bulk_create_with_history(visits, DetentionVisit, batch_size=BATCH)
        world.add("detentions", len(detentions))

    def _candidates(self, cases: dict[int, Case]) -> None:
        rng, world = self.rng, self.world
        if self.key not in world.criteria:
            return
        criteria = world.criteria[self.key]
        experts = self.team["expert"]
        chosen: list[tuple[Candidate, Event]] = []
        for record, plan in zip(self.events, self.plans, strict=True):
            person = plan["victims"][0]
            if plan["kind"] not in LIST_TYPES or person.pk in world.listed_persons or rng.random() > 0.3:
                continue
            world.listed_persons.add(person.pk)
            made = world.counts.get("candidates", 0) + len(chosen)
            # The first ones take each status once, so that every status exists even at a small scale.
            statuses = list(CANDIDATE_WEIGHTS)
            status = statuses[made] if made < len(statuses) else _weighted(rng, CANDIDATE_WEIGHTS)
            analysed = status != C.CANDIDATE
            decided = status in (C.LISTED, C.NOT_LISTED, C.REMOVED)
            violent = status == C.NOT_LISTED and rng.random() < 0.3
            situation = rng.choice(["prosecuted", "detained", "imprisoned", "restricted"])
            chosen.append(
                (
                    Candidate(
                        organisation=self.organisation,
                        person=person,
                        status=status,
                        situation=situation,
                        materials="Приговор, постановления суда, жалобы защиты, публикации, за которые преследуют.",
                        analysis="Преследование связано с публичной критикой; насилия нет; критерии 1 и 2."
                        if analysed
                        else "",
                        analysed_by=rng.choice(experts) if analysed else None,
                        ground=rng.choice(["beliefs", "political"])
                        if decided or status == C.DECISION
                        else "",
                        used_violence=violent,
                        public_grounds=rng.choice(data.PUBLIC_GROUNDS),
                        listed_on=world.day(record.date, rng.randint(30, 200))
                        if status in (C.LISTED, C.REMOVED)
                        else None,
                        proposed_by=rng.choice(self.team["monitor"]),
                    ),
                    record,
                )
            )
        candidates = [c for c, _e in chosen]
        bulk_create_with_history(candidates, Candidate, batch_size=BATCH)
        EventLinks, CaseLinks = Candidate.events.through, Candidate.cases.through
        EventLinks.objects.bulk_create(
            [EventLinks(candidate_id=c.pk, event_id=e.pk) for c, e in chosen], batch_size=BATCH
        )
        CaseLinks.objects.bulk_create(
            [CaseLinks(candidate_id=c.pk, case_id=cases[e.pk].pk) for c, e in chosen if e.pk in cases],
            batch_size=BATCH,
        )
        decisions, changes, listed = [], [], []
        for candidate, record in chosen:
            if candidate.status not in (C.LISTED, C.NOT_LISTED, C.REMOVED):
                continue
            outcomes = {C.LISTED: ["list"], C.NOT_LISTED: ["not_list"], C.REMOVED: ["list", "remove"]}
            day = candidate.listed_on or world.day(record.date, rng.randint(30, 200))
            for n, outcome in enumerate(outcomes[candidate.status]):
                present = rng.randint(EXPERT_GROUP // 2 + 1, EXPERT_GROUP)
                votes_for = rng.randint(present // 2 + 1, present)
                abstained = rng.randint(0, present - votes_for)
                decisions.append(
                    ListDecision(
                        candidate=candidate,
                        decided_on=world.day(day, 120 * n),
                        criteria=criteria,
                        members=EXPERT_GROUP,
                        present=present,
                        votes_for=votes_for,
                        votes_against=present - votes_for - abstained,
                        abstained=abstained,
                        outcome=outcome,
                        grounds=data.DECISION_GROUNDS[outcome],
                        recorded_by=rng.choice(experts),
                    )
                )
            if candidate.status in (C.LISTED, C.REMOVED):
                path = rng.choice(
                    [["detained", "imprisoned"], ["prosecuted", "restricted"], ["imprisoned", "released"]]
                )
                if candidate.status == C.REMOVED:
                    path = ["imprisoned", "released"]
                for n, situation in enumerate(path):
                    changes.append(
                        SituationChange(
                            candidate=candidate,
                            situation=situation,
                            on=world.day(day, 60 * (n + 1)),
                            note=data.SITUATION_NOTES[situation],
                            recorded_by=rng.choice(experts),
                        )
                    )
                candidate.situation = path[-1]
                listed.append(candidate)
        Candidate.objects.bulk_update(listed, ["situation"], batch_size=BATCH)
        bulk_create_with_history(decisions, ListDecision, batch_size=BATCH)
        bulk_create_with_history(changes, SituationChange, batch_size=BATCH)
        # The public list: the listed ones, as the publication engine shows them.
        rules = publication.Redaction(rules=world.rules[self.key])
        entries = []
        for candidate in listed:
            if candidate.status != C.LISTED:
                continue
            person = candidate.person
            shown = person.name if person.consent_to_publish else person.public_alias
            redact = publication.Redaction(
                rules=world.rules[self.key], hidden=publication.hidden_persons([person])
            )
            entries.append(
                PublishedEntry(
                    candidate=candidate,
                    organisation=self.organisation,
                    shown_name=rules(shown)[:300],
                    region_id=person.region_id,
                    occupation=person.occupation,
                    ground=candidate.ground,
                    grounds=redact(candidate.public_grounds)[:5000],
                    situation=candidate.situation,
                    listed_on=candidate.listed_on,
                    criteria_version=criteria.version,
                    published_at=world.moment(candidate.listed_on),
                )
            )
        bulk_create_with_history(entries, PublishedEntry, batch_size=BATCH)
        world.add("candidates", len(candidates))
        world.add("listed", len(entries))

    def _sites(self) -> None:
        rng, world = self.rng, self.world
        sites = []
        for record, plan in zip(self.events, self.plans, strict=True):
            if not plan["site"]:
                continue
            status = rng.choices(["blocked", "partly", "accessible"], weights=[55, 25, 20])[0]
            sites.append(
                BlockedSite(
                    organisation=self.organisation,
                    url=plan["site"],
                    reported_on=world.day(record.date, 1),
                    legal_basis=rng.choice(data.LEGAL_BASES),
                    status=status,
                    help_given=rng.choice(data.HELP),
                    event=record,
                )
            )
        bulk_create_with_history(sites, BlockedSite, batch_size=BATCH)
        checks = []
        for site in sites:
            moment = site.reported_on
            count = rng.randint(2, 6)
            for n in range(count):
                moment = world.day(moment, rng.randint(3, 40))
                # The latest check shows what the site's status says; the earlier ones, the blocking.
                result = site.status if n == count - 1 else rng.choice(["blocked", "blocked", "partly"])
                checks.append(
                    SiteCheck(
                        site=site,
                        checked_at=world.moment(moment, hour=10 + n),
                        result=result,
                        provider=rng.choice(data.PROVIDERS),
                        evidence=rng.choice(data.EVIDENCE),
                        checked_by=rng.choice(self.team["monitor"]),
                    )
                )
        bulk_create_with_history(checks, SiteCheck, batch_size=BATCH)
        world.add("blocked sites", len(sites))

    def _publish(self, acts: dict[int, list[Act]]) -> None:
        """The public copies of most verified events, redacted as publishing redacts them."""
        rng, world = self.rng, self.world
        policy, copies = world.policies[self.key], []
        for record, plan in zip(self.events, self.plans, strict=True):
            if record.status != E.VERIFIED or record.restricted or rng.random() > PUBLISHED_SHARE:
                continue
            persons = list({id(p): p for p in plan["victims"] + plan.get("others", [])}.values())
            redact = publication.Redaction(
                rules=world.rules[self.key], hidden=publication.hidden_persons(persons)
            )
            region, place = publication.rounded_place(record, policy)
            date_shown, year, month = publication.rounded_date(record, policy)
            mine = acts[record.pk]
            copies.append(
                PublishedEvent(
                    event=record,
                    organisation=self.organisation,
                    number=record.number,
                    title=redact(record.title)[:500],
                    summary=redact(record.description)[:20000],
                    type=record.type,
                    acts=",".join(dict.fromkeys(act.type.code for act in mine))[:1000],
                    region=region,
                    place=place,
                    date_shown=date_shown,
                    year=year,
                    month=month,
                    victims=publication.victims_of(mine),
                    published_at=min(world.now, record.verified_at + datetime.timedelta(days=1)),
                    published_by=record.verified_by,
                )
            )
        bulk_create_with_history(copies, PublishedEvent, batch_size=BATCH)
        world.add("published events", len(copies))


# The demo's work and the log of reads ----------------------------------------------------------------------------


def _demo_work(world: World) -> None:
    """What the demo logins find waiting: a hearing next week for lawyer@, a candidate awaiting the expert
    group for verifier@ (every status exists from the first chunk), events of her own for rights@."""
    lawyer = world.demo["lawyer@azamat.kz"]
    bureau = world.orgs["bureau"]
    case = (
        Case.objects.filter(organisation=bureau, lawyers=lawyer, status=Case.Status.OPEN)
        .order_by("pk")
        .first()
    )
    if case is None:
        event = Event.objects.filter(organisation=bureau).order_by("pk").first()
        case = Case(
            organisation=bureau,
            title=data.CASE_TITLES[0],
            client=event.acts.exclude(victim=None).first().victim,
            court=data.COURTS[0].format(town="Алматы"),
            court_number="7594-26-00-4/1205",
            opened_on=world.today - datetime.timedelta(days=20),
            created_by=lawyer,
        )
        case._history_user = lawyer
        case.save()
        case.lawyers.add(lawyer)
        case.events.add(event)
    hearing = Hearing(case=case, date=world.today + datetime.timedelta(days=5), stage="апелляция")
    hearing._history_user = lawyer
    hearing.save()
    # verifier@ (in the expert group) has a candidate awaiting its decision, whatever the scale.
    if not Candidate.objects.filter(organisation=bureau, status=C.DECISION).exists():
        candidate = Candidate.objects.filter(
            organisation=bureau, status__in=[C.CANDIDATE, C.ANALYSIS]
        ).first()
        if candidate is None:
            victim = (
                Act.objects.filter(event__organisation=bureau)
                .exclude(victim=None)
                .order_by("pk")
                .first()
                .victim
            )
            candidate = Candidate(organisation=bureau, person=victim, materials="Приговор, жалобы защиты.")
        candidate.status, candidate.ground = C.DECISION, "beliefs"
        candidate.analysis = "Преследование связано с публичной критикой; насилия нет; критерии 1 и 2."
        candidate.analysed_by = world.demo["verifier@azamat.kz"]
        candidate.proposed_by = candidate.proposed_by or world.demo["rights@azamat.kz"]
        candidate._history_user = candidate.analysed_by
        candidate.save()
    # rights@ has at least one event still waiting for verification.
    rights = world.demo["rights@azamat.kz"]
    if not Event.objects.filter(entered_by=rights, status=E.RECEIVED).exists():
        waiting = Event.objects.filter(organisation=bureau, status=E.RECEIVED).order_by("pk").first()
        if waiting is not None:
            Event.objects.filter(pk=waiting.pk).update(entered_by=rights)


def _reads(world: World) -> None:
    """The log of reads of the last 60 days: views of events by their organisation's people, searches, exports
    and a few refused attempts."""
    rng = world.rng
    for key, organisation in world.orgs.items():
        numbers = list(
            Event.objects.filter(organisation=organisation)
            .order_by("pk")
            .values_list("pk", "number")[: 20 + world.counts.get("events", 0) // 10]
        )
        readers = [u for people in world.team[key].values() for u in people]
        by_day: dict[int, list[ReadLog]] = {}
        for pk, number in numbers:
            for _ in range(rng.randint(1, 3)):
                draw = rng.random()
                user = rng.choice(readers)
                if draw < 0.8:
                    row = ReadLog(
                        organisation=organisation,
                        user=user,
                        action="view" if draw < 0.7 else "edit",
                        record_type="event",
                        record_id=pk,
                        what=number,
                    )
                elif draw < 0.9:
                    row = ReadLog(
                        organisation=organisation,
                        user=user,
                        action="search",
                        record_type="person",
                        what=str(rng.randint(0, 6)),
                    )
                elif draw < 0.97:
                    row = ReadLog(
                        organisation=organisation,
                        user=user,
                        action="export",
                        record_type="export",
                        what="events.csv",
                    )
                else:
                    row = ReadLog(
                        organisation=organisation,
                        user=user,
                        action="refused",
                        record_type="event",
                        record_id=pk,
                        what=number,
                    )
                row.ip = f"10.0.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
                by_day.setdefault(rng.randint(0, 59), []).append(row)
        for days, rows in by_day.items():
            ReadLog.objects.bulk_create(rows, batch_size=BATCH)
            # `at` is set when a row is written: moved back to the day it stands for.
            ReadLog.objects.filter(pk__in=[r.pk for r in rows]).update(
                at=world.now - datetime.timedelta(days=days, minutes=rng.randint(0, 600))
            )
            world.add("reads", len(rows))


@seeder(110)
def seed_monitoring(ctx: SeedContext) -> None:
    """Monitoring: a human-rights bureau, an internet-freedom fund and an election-observation network, their
    people, events with acts, victims, perpetrators and sources, verification, cases, the list of persecuted
    persons, blocked websites, publication and the log of reads."""
    world = World(ctx)
    total = event_count(ctx.scale)
    shares = {key: max(10, round(total * share)) for key, share in data.SHARES.items()}
    shares["bureau"] = total - shares["internet"] - shares["elections"]
    _organisations(world)
    _teams(world, shares)
    _rules(world)
    for key, n in shares.items():
        done = 0
        while done < n:
            size = min(CHUNK, n - done)
            with transaction.atomic():
                chunk = Chunk(world, key)
                for _ in range(size):
                    chunk.event()
                chunk.write()
            done += size
            if ctx.progress and n > CHUNK:
                ctx.log(f"  {key}: {done} of {n} events")
    _demo_work(world)
    seed_observation(world)
    _reads(world)
    ctx.log("  " + ", ".join(f"{n} {what}" for what, n in world.counts.items()))
