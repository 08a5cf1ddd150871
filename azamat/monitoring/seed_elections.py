"""Election observation for the demo, the tests and the benchmarks (part of `seed.seed_monitoring`). All fictional.

The election-observation network observed four election days (`seed_data.ELECTION_DAYS`): each is an observed
election with its polling stations — those its election-violation events name, and a few more — its monitors
assigned as observers, a checklist for each phase from each station, the events linked to the election and their
station; the observation is closed and its totals published. The bureau observes a by-election held yesterday
whose observation is still open: rights@ is assigned to two of its stations (one checklist sent, the rest to
do), verifier@ coordinates it (close it, publish its totals)."""

import datetime

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from azamat.monitoring.elections_services import CHECKLIST, NO, UNSEEN, YES
from azamat.monitoring.models import Checklist, Election, Event, PollingStation
from azamat.registry.seed import STREETS, TOWNS

BATCH = 1000
ELECTIONS = {
    "2021-01-10": ("mazhilis", "Выборы депутатов Мажилиса Парламента Республики Казахстан"),
    "2022-11-20": ("presidential", "Внеочередные выборы Президента Республики Казахстан"),
    "2023-03-19": ("mazhilis", "Внеочередные выборы депутатов Мажилиса и маслихатов"),
    "2024-10-06": ("referendum", "Республиканский референдум"),
}
BY_ELECTION = "Дополнительные выборы депутата маслихата города Алматы по избирательному округу № 12"
SCHOOLS = ["КГУ «Общеобразовательная школа № {n}»", "КГУ «Школа-гимназия № {n}»", "Дом культуры № {n}"]
PHASE_HOURS = {Checklist.Phase.OPENING: 7, Checklist.Phase.VOTING: 13, Checklist.Phase.COUNTING: 21}


def _address(world, rng, town: str) -> str:
    school = rng.choice(SCHOOLS).format(n=rng.randint(1, 90))
    return f"{town}, {rng.choice(STREETS)}, {rng.randint(1, 120)}, {school}"


def _answers(rng, phase, troubled: float) -> tuple[dict, int]:
    answers, problems = {}, 0
    for code, _text, problem in CHECKLIST[phase]:
        roll = rng.random()
        if roll < 0.05:
            answer = UNSEEN
        elif roll < 0.05 + troubled:
            answer = problem
        else:
            answer = NO if problem == YES else YES
        answers[code] = answer
        problems += answer == problem
    return answers, problems


def _stations(world, rng, election, numbers: dict[str, object], minimum: int) -> list[PollingStation]:
    home = election.organisation.region
    while len(numbers) < minimum:
        numbers.setdefault(str(rng.randint(1, 950)), home)
    stations = [
        PollingStation(
            election=election,
            number=number,
            region=region,
            address=_address(world, rng, TOWNS[region.kato][0][1]),
        )
        for number, region in sorted(numbers.items(), key=lambda item: int(item[0]))
    ]
    return bulk_create_with_history(stations, PollingStation, batch_size=BATCH)


def _assign(stations, observers, *, per_station: int = 1) -> None:
    links = []
    for i, station in enumerate(stations):
        for k in range(per_station):
            links.append(
                PollingStation.observers.through(
                    pollingstation_id=station.pk, user_id=observers[(i + k) % len(observers)].pk
                )
            )
    PollingStation.observers.through.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)


def _checklists(world, rng, pairs, phases, troubled: float) -> int:
    """A checklist per phase from each (station, observer assigned to it)."""
    rows = []
    for station, observer in pairs:
        day = station.election.day
        for phase in phases:
            answers, problems = _answers(rng, phase, troubled)
            moment = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(PHASE_HOURS[phase], 30))
            )
            rows.append(
                Checklist(
                    station=station,
                    observer=observer,
                    phase=phase,
                    answers=answers,
                    problems=problems,
                    note="Наблюдателя попросили отойти от стола комиссии." if problems > 1 else "",
                    sent_at=min(moment, world.now),
                )
            )
    bulk_create_with_history(rows, Checklist, batch_size=BATCH)
    return len(rows)


def seed_observation(world) -> None:
    rng = world.rng
    network = world.orgs["elections"]
    coordinator = world.team["elections"]["verifier"][0]
    observers = world.team["elections"]["monitor"]
    checklists = stations_made = 0
    for day_text, (kind, title) in ELECTIONS.items():
        day = datetime.date.fromisoformat(day_text)
        election = Election(
            organisation=network,
            title=title,
            kind=kind,
            day=day,
            closed=True,
            published_at=world.moment(day + datetime.timedelta(days=3)),
            created_by=coordinator,
        )
        election._history_user = coordinator
        election.save()
        incidents = Event.objects.filter(
            organisation=network, date=day, type=world.terms[("event_type", "election")]
        )
        numbers = dict(
            incidents.exclude(polling_station="")
            .values_list("polling_station", "region")
            .order_by("polling_station")
            .distinct()
        )
        regions = {region.pk: region for region in world.regions.values()}
        stations = _stations(world, rng, election, {n: regions[r] for n, r in numbers.items()}, 15)
        stations_made += len(stations)
        by_number = {station.number: station for station in stations}
        for number, station in by_number.items():
            incidents.filter(polling_station=number).update(election=election, station=station)
        _assign(stations, observers)
        pairs = [(station, observers[i % len(observers)]) for i, station in enumerate(stations)]
        checklists += _checklists(world, rng, pairs, list(Checklist.Phase), troubled=0.12)
    # The bureau's by-election of yesterday, still observed: rights@ has stations to report from.
    bureau = world.orgs["bureau"]
    verifier, rights = world.demo["verifier@azamat.kz"], world.demo["rights@azamat.kz"]
    election = Election(
        organisation=bureau,
        title=BY_ELECTION,
        kind=Election.Kind.MASLIKHAT,
        day=world.today - datetime.timedelta(days=1),
        created_by=verifier,
    )
    election._history_user = verifier
    election.save()
    almaty = world.regions["750000000"]
    stations = _stations(world, rng, election, {str(n): almaty for n in (214, 215, 231, 236, 240, 252)}, 6)
    stations_made += len(stations)
    team = [rights, *[m for m in world.team["bureau"]["monitor"] if m != rights][:3]]
    _assign(stations, team)
    # Every station's opening is reported but the second of rights@'s (she has it, the voting and the count to do).
    pairs = [(station, team[i % len(team)]) for i, station in enumerate(stations) if i != len(team)]
    checklists += _checklists(world, rng, pairs, [Checklist.Phase.OPENING], troubled=0.1)
    world.add("observed elections", len(ELECTIONS) + 1)
    world.add("polling stations", stations_made)
    world.add("checklists", checklists)
