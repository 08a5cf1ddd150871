"""Cases: a lawyer opens one naming the organisation's lawyers, its client and the events it arises from; only the
lawyers named and who opened it see it (a refusal is logged); hearings and changes are kept; the list filters."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from azamat.monitoring.models import Attachment, Case, ReadLog
from azamat.testing import monitoring_factories as mf
from azamat.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def org(db):
    return OrganisationFactory()


@pytest.fixture
def people(org):
    return mf.team(org)


def test_a_lawyer_opens_a_case_and_records_a_hearing(client, org, people):
    second = mf.grant(UserFactory(full_name="Гульмира Есенова"), org, "lawyer")
    victim = mf.person(org, "Ержан Сапаров")
    event = mf.event(org, by=people["monitor"], victim=victim)
    event.readers.add(people["lawyer"])  # a lawyer links the events they see
    client.force_login(people["lawyer"])
    form = client.get(reverse("monitoring:case_new", args=[org.pk]) + f"?client={victim.pk}", **EN)
    assert form.status_code == 200
    page = form.content.decode()
    assert "Гульмира Есенова" in page and people["monitor"].email not in page  # lawyers only
    response = client.post(
        reverse("monitoring:case_new", args=[org.pk]),
        {
            "title": "Обжалование ареста",
            "client": str(victim.pk),
            "court": "Алматинский городской суд",
            "court_number": "7594-24-00-4/1234",
            "strategic": "on",
            "lawyers": [people["lawyer"].pk, second.pk],
            "events": event.number.lower(),
            "opened_on": timezone.localdate().isoformat(),
            "notes": "Клиент согласен на огласку.",
        },
        **EN,
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("monitoring:case", args=[case.pk])
    assert case.created_by == people["lawyer"] and case.client == victim and case.strategic
    assert set(case.lawyers.all()) == {people["lawyer"], second}
    assert list(case.events.all()) == [event]

    Attachment.objects.create(
        organisation=org,
        case=case,
        stored_name="x",
        original_name="ruling.pdf",
        content_type="application/pdf",
    )
    detail = client.get(response["Location"], **EN)
    body = detail.content.decode()
    assert detail.status_code == 200
    assert "Ержан Сапаров" in body and event.number in body and "ruling.pdf" in body
    assert reverse("monitoring:attachment", args=[case.attachments.get().pk]) in body
    assert ReadLog.objects.filter(user=people["lawyer"], record_type="case", record_id=case.pk).exists()

    hearing = client.post(
        reverse("monitoring:hearing_new", args=[case.pk]),
        {"date": timezone.localdate().isoformat(), "stage": "апелляция", "result": "Отложено."},
        **EN,
    )
    assert hearing.status_code == 302
    assert case.hearings.get().result == "Отложено."

    edited = client.post(
        reverse("monitoring:case_edit", args=[case.pk]),
        {
            "title": "Обжалование ареста",
            "client": str(victim.pk),
            "court": "Верховный суд",
            "lawyers": [people["lawyer"].pk],
            "events": event.number,
            "opened_on": case.opened_on.isoformat(),
            "status": "closed",
            "outcome": "won",
        },
        **EN,
    )
    assert edited.status_code == 302
    case.refresh_from_db()
    assert case.status == "closed" and case.outcome == "won" and case.court == "Верховный суд"
    assert list(case.lawyers.all()) == [people["lawyer"]]
    assert case.history.first().history_user == people["lawyer"]


def test_bad_numbers_are_refused_and_what_was_typed_kept(client, org, people):
    other = OrganisationFactory()
    foreign_event = mf.event(other)
    restricted = mf.event(org, by=people["verifier"], restricted=True)
    client.force_login(people["lawyer"])
    response = client.post(
        reverse("monitoring:case_new", args=[org.pk]),
        {
            "title": "Дело",
            "client": "abc",
            "events": f"{foreign_event.number}, {restricted.number}, M-12",
            "opened_on": timezone.localdate().isoformat(),
        },
        **EN,
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Type the person&#x27;s number, e.g. 45." in body
    assert "Not an event number: M-12." in body
    assert not Case.objects.exists()
    again = client.post(
        reverse("monitoring:case_new", args=[org.pk]),
        {
            "title": "Дело",
            "events": f"{foreign_event.number}, {restricted.number}",
            "opened_on": "2026-01-05",
        },
        **EN,
    )
    assert (
        f"No event numbered {foreign_event.number}, {restricted.number} among the records you may see."
        in (again.content.decode())
    )
    assert 'value="Дело"' in again.content.decode()


def test_a_lawyer_not_named_on_a_case_is_refused_and_the_refusal_logged(client, org, people):
    case = mf.case(org, lawyer=people["lawyer"], by=people["lawyer"])
    outsider = mf.grant(UserFactory(), org, "lawyer")
    client.force_login(outsider)
    for name in ("case", "case_edit", "hearing_new", "case_intervention_new"):
        response = client.get(reverse(f"monitoring:{name}", args=[case.pk]), **EN)
        assert response.status_code == 403, name
    assert (
        ReadLog.objects.filter(user=outsider, action="refused", record_type="case", record_id=case.pk).count()
        == 4
    )
    assert not ReadLog.objects.filter(user=outsider, action="view").exists()
    # Nor does the case show in their list.
    listing = client.get(reverse("monitoring:cases", args=[org.pk]), **EN)
    assert (
        listing.status_code == 200
        and reverse("monitoring:case", args=[case.pk]) not in listing.content.decode()
    )
    # A verifier of the organisation is not a lawyer: they open no case.
    client.force_login(people["verifier"])
    assert client.get(reverse("monitoring:case_new", args=[org.pk]), **EN).status_code == 403


def test_the_list_shows_ones_cases_and_filters_them(client, org, people):
    open_case = mf.case(org, lawyer=people["lawyer"])
    won = mf.case(org, lawyer=people["lawyer"])
    won.status, won.outcome, won.strategic = "closed", "won", True
    won.save()
    not_mine = mf.case(org, lawyer=people["monitor"])
    client.force_login(people["lawyer"])
    url = reverse("monitoring:cases", args=[org.pk])

    def shown(query=""):
        body = client.get(url + query, **EN).content.decode()
        return {c.pk for c in (open_case, won, not_mine) if reverse("monitoring:case", args=[c.pk]) in body}

    assert shown() == {open_case.pk, won.pk}
    assert shown("?status=closed") == {won.pk}
    assert shown("?outcome=won") == {won.pk}
    assert shown("?strategic=no") == {open_case.pk}
    assert ReadLog.objects.filter(user=people["lawyer"], record_type="case", record_id=None).exists()


def test_a_restricted_event_on_the_case_stays_hidden_from_its_lawyer_and_linked(client, org, people):
    lawyer = people["lawyer"]
    case = mf.case(org, lawyer=lawyer, by=lawyer)
    restricted = mf.event(org, by=people["verifier"], title="Угрозы адвокату Б.", restricted=True)
    seen = mf.event(org, by=lawyer, title="Обыск в редакции")
    case.events.add(restricted, seen)
    client.force_login(lawyer)
    page = client.get(reverse("monitoring:case", args=[case.pk]), **EN).content.decode()
    assert "Обыск в редакции" in page and "Угрозы адвокату" not in page and restricted.number not in page
    assert "And 1 event restricted to the people named on it." in page
    edit = client.get(reverse("monitoring:case_edit", args=[case.pk]), **EN).content.decode()
    assert seen.number in edit and restricted.number not in edit
    saved = client.post(
        reverse("monitoring:case_edit", args=[case.pk]),
        {"title": "Дело", "lawyers": [lawyer.pk], "events": "", "opened_on": "2026-01-05", "status": "open"},
        **EN,
    )
    assert saved.status_code == 302
    assert list(case.events.all()) == [restricted]  # unlinked what they see, kept what they do not


def test_a_case_cannot_be_opened_in_the_future(client, org, people):
    """Found walking the demo: a case "opened on" a date next year was kept, what was typed is kept on refusal."""
    client.force_login(people["lawyer"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        reverse("monitoring:case_new", args=[org.pk]),
        {"title": "Обжалование ареста", "opened_on": tomorrow.isoformat()},
        **EN,
    )
    assert response.status_code == 400
    assert "The date cannot be later than today" in response.content.decode()
    assert 'value="Обжалование ареста"' in response.content.decode()
    assert not Case.objects.exists()
