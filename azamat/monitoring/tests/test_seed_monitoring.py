"""The generator's monitoring tells a consistent story: unique numbers, every verified event verified from a source
by someone other than who entered it, every stage of verification and of the list present, decisions with their
quorum, published copies that name nobody who did not consent, and real work for the demo logins (who sign in
with the demo's two-factor secret, whose current code `azamat totp_code` prints)."""

import datetime
import io
import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from azamat.accounts.models import User
from azamat.core import seeding, vault
from azamat.monitoring import permissions
from azamat.monitoring.models import (
    Act,
    BlockedSite,
    Candidate,
    Case,
    Event,
    Hearing,
    ListDecision,
    MonitoringRole,
    Person,
    PublishedEntry,
    PublishedEvent,
    ReadLog,
    Source,
)
from azamat.monitoring.seed import DEMO_LOGINS, event_count

pytestmark = pytest.mark.django_db
SCALE = 0.5


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            seeding.run(scale=SCALE, seed=7, demo_logins=True, only={"monitoring"}, log=lambda _m: None)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _demo(email: str) -> User:
    return User.objects.get(email=email)


def test_the_scale_gives_300_events_at_1_and_100000_at_100():
    assert [event_count(s) for s in (0.5, 1, 100)] == [150, 300, 100_000]
    assert event_count(10) == 9364  # 300 + 9 × 99,700 ÷ 99


def test_every_event_has_a_unique_number_and_its_blind_index(seeded):
    assert Event.objects.count() == event_count(SCALE)
    numbers = list(Event.objects.values_list("pk", "number", "date"))
    assert len({n for _pk, n, _d in numbers}) == len(numbers)
    assert all(number == f"M-{day.year}-{pk:06d}" for pk, number, day in numbers)
    person = Person.objects.exclude(consent_to_publish=True).order_by("pk").first()
    surname = person.name.split()[0]
    found = Person.objects.filter(organisation_id=person.organisation_id)
    for token in vault.query_tokens(surname):
        found = found.filter(search_index__contains=token)
    assert person in found
    event = Event.objects.order_by("pk").first()
    assert event.search_index == vault.blind_tokens(event.title)


def test_verification_is_consistent_in_every_stage(seeded):
    assert set(Event.objects.values_list("status", flat=True)) == set(Event.Status.values)
    verified = Event.objects.filter(status=Event.Status.VERIFIED)
    assert verified.exists()
    assert not verified.annotate(n=Count("sources")).filter(n=0).exists()  # never verified without a source
    assert not verified.annotate(n=Count("acts")).filter(n=0).exists()
    assert not verified.filter(reliability="").exists()
    assert not verified.filter(Q(verified_by=None) | Q(verified_by=F("entered_by"))).exists()
    assert not Event.objects.filter(status=Event.Status.RECEIVED).exclude(verified_by=None).exists()
    verifiers = set(MonitoringRole.objects.filter(role="verifier").values_list("user_id", "organisation_id"))
    assert all((e.verified_by_id, e.organisation_id) in verifiers for e in verified)
    assert Source.objects.exclude(person=None).exists() and Act.objects.exclude(victim_group="").exists()


def test_the_organisations_cover_every_kind_of_monitoring(seeded):
    types = set(Event.objects.values_list("type__code", flat=True))
    assert {"assembly", "detention", "site_blocking", "election", "journalist"} <= types
    assert Event.objects.filter(type__code="election").exclude(polling_station="").exists()
    assert len(set(Event.objects.values_list("date__year", flat=True))) >= 4
    assert Event.objects.values("region").distinct().count() >= 8
    site = BlockedSite.objects.annotate(n=Count("checks")).filter(n__gte=2).first()
    assert site is not None and site.event.type.code == "site_blocking"
    assert Case.objects.annotate(n=Count("hearings")).filter(n__gte=1).exists()
    assert Person.objects.filter(detentions__visits__isnull=False).exists()


def test_the_list_has_every_status_and_decisions_with_their_quorum(seeded):
    assert set(Candidate.objects.values_list("status", flat=True)) == set(Candidate.Status.values)
    for decision in ListDecision.objects.select_related("candidate"):
        assert decision.present > decision.members // 2  # the quorum
        assert decision.votes_for + decision.votes_against + decision.abstained == decision.present
        assert decision.votes_for > decision.present // 2
        assert decision.criteria.version == 1
    for candidate in Candidate.objects.filter(status__in=["listed", "not_listed", "removed"]):
        outcomes = list(candidate.decisions.order_by("decided_on", "pk").values_list("outcome", flat=True))
        assert (
            outcomes
            == {"listed": ["list"], "not_listed": ["not_list"], "removed": ["list", "remove"]}[
                candidate.status
            ]
        )
    listed = Candidate.objects.filter(status="listed")
    assert listed.count() == PublishedEntry.objects.count()
    assert all(c.changes.exists() and c.situation == c.changes.first().situation for c in listed)


def _name_words(person: Person) -> list[str]:
    return [w for n in (person.name, person.other_names) for w in re.findall(r"\w{3,}", n)]


def _names_in(words: list[str], text: str) -> list[str]:
    """The words that the text holds as words (the templates write names as they are; "азаматтық" is not
    the name Азамат)."""
    return [w for w in words if re.search(r"(?<!\w)" + re.escape(w.casefold()) + r"(?!\w)", text.casefold())]


def test_published_copies_name_nobody_who_did_not_consent(seeded):
    copies = PublishedEvent.objects.select_related("event")
    assert copies.exists()
    assert not copies.exclude(event__status="verified").exists()
    hidden_somewhere = False
    for copy in copies:
        event = copy.event
        persons = Person.objects.filter(
            Q(acts_suffered__event=event) | Q(pk__in=Source.objects.filter(event=event).values("person_id"))
        ).distinct()
        text = f"{copy.title} {copy.summary}"
        for person in persons:
            if person.consent_to_publish:
                continue
            shown = _names_in(_name_words(person), text)
            assert not shown, f"{copy.number} shows {shown} of a person without consent"
            hidden_somewhere = hidden_somewhere or bool(
                _names_in(_name_words(person), f"{event.title} {event.description}")
            )
    assert hidden_somewhere  # the originals do name them: the copies hid the names
    for entry in PublishedEntry.objects.select_related("candidate__person"):
        person = entry.candidate.person
        assert entry.shown_name == (person.name if person.consent_to_publish else person.public_alias)
        if not person.consent_to_publish:
            assert not _names_in(_name_words(person), entry.grounds)


def test_the_demo_logins_have_real_work(seeded, client):
    assert {email for email, *_rest in DEMO_LOGINS} == {
        "rights@azamat.kz",
        "verifier@azamat.kz",
        "lawyer@azamat.kz",
        "hrd-admin@azamat.kz",
    }
    rights, verifier = _demo("rights@azamat.kz"), _demo("verifier@azamat.kz")
    lawyer, admin = _demo("lawyer@azamat.kz"), _demo("hrd-admin@azamat.kz")
    bureau = MonitoringRole.objects.get(user=rights).organisation
    assert all(permissions.two_factor_on(u) for u in (rights, verifier, lawyer, admin))
    assert Event.objects.filter(entered_by=rights, status="received").exists()
    to_verify = (
        Event.objects.filter(permissions.visible_events_filter(verifier, bureau.pk))
        .filter(status__in=["received", "verifying"])
        .exclude(entered_by=verifier)
    )
    assert to_verify.exists()
    assert Candidate.objects.filter(organisation=bureau, status="decision").exists()
    assert permissions.can_decide_candidate(verifier, Candidate.objects.filter(organisation=bureau).first())
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    assert Hearing.objects.filter(
        case__lawyers=lawyer, date__gte=timezone.localdate(), date__lte=next_week
    ).exists()
    assert bureau.pk in permissions.admin_organisations(admin)
    assert ReadLog.objects.filter(organisation=bureau).count() > 20
    assert ReadLog.objects.filter(organisation=bureau).values("at__date").distinct().count() > 5

    client.force_login(verifier)
    page = client.get(reverse("monitoring:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "to verify" in page and "awaiting the expert group" in page
    client.force_login(admin)
    assert client.get(reverse("monitoring:reads", kwargs={"org": bureau.pk})).status_code == 200


def test_totp_code_prints_the_demo_logins_code_and_nobody_elses(seeded):
    out = io.StringIO()
    call_command("totp_code", "verifier@azamat.kz", stdout=out)
    code = out.getvalue().strip()
    counter = int(time.time()) // 30
    assert code in {
        format_hotp_value(hotp_value("AZAMATDEMOMONITORINGSECRETKEYAAA", c)) for c in (counter - 1, counter)
    }
    generated = MonitoringRole.objects.exclude(user__email__endswith="@azamat.kz").first().user
    for email in (generated.email, "nobody@example.kz"):
        with pytest.raises(CommandError, match="not a demo login"):
            call_command("totp_code", email, stdout=io.StringIO())


def test_election_observation_is_seeded_consistently(seeded):
    """Each of the network's election days is an observed election, closed and published, whose stations have
    observers of the organisation and a checklist per phase from them; its election-violation events are
    linked to it and to the station they name."""
    from azamat.monitoring.elections_services import CHECKLIST
    from azamat.monitoring.models import Checklist, Election, PollingStation

    network_elections = Election.objects.filter(closed=True, published_at__isnull=False)
    assert network_elections.count() == 4
    for election in network_elections:
        stations = election.stations.all()
        assert stations.count() >= 15
        role_holders = set(
            MonitoringRole.objects.filter(organisation=election.organisation).values_list(
                "user_id", flat=True
            )
        )
        for station in stations.prefetch_related("observers", "checklists"):
            observers = {user.pk for user in station.observers.all()}
            assert observers and observers <= role_holders
            for checklist in station.checklists.all():
                assert checklist.observer_id in observers
                assert set(checklist.answers) == {code for code, _t, _p in CHECKLIST[checklist.phase]}
        linked = Event.objects.filter(election=election)
        assert linked.exists()
        assert not linked.exclude(date=election.day).exists()
        assert not linked.exclude(polling_station=F("station__number")).exists()
    assert Checklist.objects.filter(station__election__in=network_elections).count() == 3 * (
        PollingStation.objects.filter(election__in=network_elections).count()
    )


def test_rights_has_checklists_to_send_and_verifier_coordinates_the_open_election(seeded):
    from azamat.monitoring.models import Checklist, Election

    rights, verifier = _demo("rights@azamat.kz"), _demo("verifier@azamat.kz")
    election = Election.objects.get(closed=False)
    assert election.day == timezone.localdate() - datetime.timedelta(days=1)
    mine = list(election.stations.filter(observers=rights))
    assert len(mine) == 2
    assert all(permissions.can_report_at(rights, station) for station in mine)
    sent = Checklist.objects.filter(station__in=mine, observer=rights).count()
    assert 0 < sent < 2 * len(Checklist.Phase)
    assert permissions.can_coordinate_elections(verifier, election.organisation_id)
    assert not permissions.can_coordinate_elections(rights, election.organisation_id)
