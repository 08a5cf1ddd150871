"""Save pressed twice on a monitoring record (a double tap on a phone, a second press on a slow line): the second
send carries what the first stored, so it is the same save and answers as one; before, it was refused as "saved in
another tab" and the monitor thought the text lost. Every kind of record core.edits guards: a person, a case (its
lawyers too), an act, a source, a candidate's analysis, the publication policy, a thesaurus term, a polling
station (its observers too). A different text from an older tab is still refused."""

import pytest
from django.urls import reverse

from azamat.monitoring.models import Act, Person, PublicationPolicy, Source, Term
from azamat.monitoring.tests import test_elections as elections
from azamat.monitoring.tests.test_edits_meanwhile import EN, OWN, _posted, _refused
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_listing_factories as lf
from azamat.testing import monitoring_records_factories as rf

pytestmark = pytest.mark.django_db
org, people, election, station = elections.org, elections.people, elections.election, elections.station


@pytest.fixture
def team():
    return rf.organisation_with_team()


def _twice(client, url, record, form: str = "form", **changes):
    """The form loaded once and sent twice with `changes`: both answers, and the saves the record gained."""
    data = {**_posted(client.get(url, **EN).context[form]), **changes}
    before = record.history.count()
    first, second = client.post(url, data, **EN), client.post(url, data, **EN)
    return first.status_code, second.status_code, record.history.count() - before


def test_a_person_saved_twice_is_saved_once_and_another_text_still_refused(client, team):
    organisation, people = team
    person = mf.person(organisation, "Ержан Сапаров", by=people["monitor"], notes="")
    client.force_login(people["monitor"])
    url = reverse("monitoring:person_edit", args=[person.pk])
    older = _posted(client.get(url, **EN).context["form"])
    assert _twice(client, url, person, notes="Просит не указывать место работы.") == (302, 302, 1)
    _refused(client.post(url, {**older, "notes": "Другой текст"}, **EN), OWN)
    assert Person.objects.get(pk=person.pk).notes == "Просит не указывать место работы."


def test_a_case_saved_twice_is_saved_once(client, team):
    organisation, people = team
    case = mf.case(organisation, lawyer=people["lawyer"], by=people["lawyer"])
    client.force_login(people["lawyer"])
    url = reverse("monitoring:case_edit", args=[case.pk])
    assert _twice(client, url, case, notes="Подзащитный просит не сообщать о деле в СМИ.") == (302, 302, 1)


def test_an_act_and_a_source_saved_twice_are_saved_once(client, team):
    organisation, people = team
    event = mf.event(organisation, by=people["monitor"])
    act, source = event.acts.get(), event.sources.get()
    client.force_login(people["monitor"])
    url = reverse("monitoring:act_edit", args=[act.pk])
    assert _twice(client, url, act, victim_group="пятеро участников пикета") == (302, 302, 1)
    assert Act.objects.get(pk=act.pk).victim_group == "пятеро участников пикета"
    url = reverse("monitoring:source_edit", args=[source.pk])
    assert _twice(client, url, source, reference="https://t.me/example/123") == (302, 302, 1)
    assert Source.objects.get(pk=source.pk).reference == "https://t.me/example/123"


def test_a_candidates_analysis_saved_twice_is_saved_once(client, team):
    organisation, people = team
    criteria = mf.criteria(organisation)
    candidate = mf.candidate(organisation, by=people["monitor"])
    client.force_login(people["verifier"])
    url = reverse("monitoring:candidate_analysis", args=[candidate.pk])
    written = "Преследуется за участие в мирном собрании."
    saved = _twice(client, url, candidate, criteria=criteria.pk, analysis=written, step="save")
    assert saved[:2] == (302, 302)
    candidate.refresh_from_db()
    assert candidate.analysis == written


def test_the_publication_policy_saved_twice_is_saved_once(client, team):
    organisation, _people = team
    client.force_login(lf.org_admin(organisation))
    url = reverse("monitoring:publication", args=[organisation.pk])
    data = {
        **_posted(client.get(url, **EN).context["policy_form"]),
        "form": "policy",
        "policy-place": "country",
    }
    first, second = client.post(url, data, **EN), client.post(url, data, **EN)
    assert (first.status_code, second.status_code) == (302, 302)
    policy = PublicationPolicy.objects.get(organisation=organisation)
    assert (policy.place, policy.history.count()) == ("country", 1)


def test_a_thesaurus_term_saved_twice_is_saved_once(client, dana):
    term = Term.objects.get(kind="event_type", code="assembly")
    client.force_login(dana)
    url = reverse("monitoring:term_edit", args=[term.pk])
    assert _twice(client, url, term, reference_en="Constitution, art. 32") == (302, 302, 1)


def test_a_polling_station_saved_twice_is_saved_once(client, people, station):
    client.force_login(people["verifier"])
    url = reverse("monitoring:station_edit", args=[station.pk])
    assert _twice(client, url, station, address="Алматы, ул. Абая, 12, школа № 12") == (302, 302, 1)
