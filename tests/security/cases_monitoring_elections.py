"""Monitoring's rows of the authorisation matrix: election observation (organisation from cases_monitoring.build).

The other NGO's administrator (a verifier) coordinates: sets up elections and stations, closes and publishes; its
member (a monitor) is the observer assigned to the open election's station: only she sends its checklists and
reports its incidents, and both see the station. Everyone else is a stranger: 403 (the refusal logged); anonymous
visitors are sent to sign in. An empty POST is an incomplete form: 400, nothing changed. The public sees an
election's totals only once published."""

from tests.security.cases_monitoring import MONITORS, ROLE_HOLDERS, VERIFIERS


def build(w) -> None:
    import datetime

    from django.utils import timezone

    from azamat.monitoring.models import Election, PollingStation

    org, admin = w.mon_org, w.people["other_admin"]
    today = timezone.localdate()
    w.mon_election = Election.objects.create(
        organisation=org, title="Выборы в маслихат", kind="maslikhat", day=today - datetime.timedelta(days=1)
    )
    w.mon_station = PollingStation.objects.create(
        election=w.mon_election, number="214", region=org.region, address="Алматы, ул. Абая, 10, школа № 12"
    )
    w.mon_station.observers.add(w.people["other_member"])
    w.mon_election_published = Election.objects.create(
        organisation=org,
        title="Выборы Президента",
        kind="presidential",
        day=today - datetime.timedelta(days=400),
        closed=True,
        published_at=timezone.now(),
        created_by=admin,
    )


def _cases() -> dict[str, list]:
    from tests.security.matrix import NOWHERE, POST_ONLY, PUBLIC, Case, allow

    def org(w):
        return {"org": w.mon_org.pk}

    def election(w):
        return {"pk": w.mon_election.pk}

    def station(w):
        return {"pk": w.mon_station.pk}

    def form(kwargs, who):
        return Case("", kwargs, allow(who), allow(who, "400"), who)

    return {
        "monitoring:elections": [Case("", org, allow(ROLE_HOLDERS))],
        "monitoring:election_new": [form(org, VERIFIERS)],
        "monitoring:election": [Case("", election, allow(ROLE_HOLDERS))],
        # The coordinator closes the open election (a change); publishing it open is refused with a message.
        "monitoring:election_close": [Case("", election, POST_ONLY, allow(VERIFIERS, "302"), VERIFIERS)],
        "monitoring:election_publish": [Case("", election, POST_ONLY, allow(VERIFIERS, "302"), VERIFIERS)],
        "monitoring:station_new": [form(election, VERIFIERS)],
        "monitoring:station": [Case("", station, allow(ROLE_HOLDERS))],
        "monitoring:station_edit": [form(station, VERIFIERS)],
        "monitoring:checklist_send": [
            Case(
                "",
                lambda w: {"pk": w.mon_station.pk, "phase": "opening"},
                POST_ONLY,
                allow(MONITORS, "400"),
                MONITORS,
            )
        ],
        "monitoring:incident_new": [form(station, MONITORS)],
        "monitoring:public_elections": [Case("", lambda w: {}, PUBLIC)],
        "monitoring:public_election": [
            Case("published", lambda w: {"pk": w.mon_election_published.pk}, PUBLIC),
            Case("unpublished", election, NOWHERE),
        ],
    }


CASES: dict[str, list] = _cases()
