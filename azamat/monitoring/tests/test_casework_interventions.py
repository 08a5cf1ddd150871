"""Interventions: one to a state body becomes a private accountability item with the appeals' legal deadline,
carrying the subject only — never the victim's name or the text; one without a body makes none; the outcome is
kept on the intervention's page, which shows the item's status and due date."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from azamat.accountability.models import Item
from azamat.core.working_days import add_working_days
from azamat.monitoring.models import Intervention, ReadLog
from azamat.registry.models import GovernmentBody
from azamat.testing import monitoring_factories as mf
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
VICTIM = "Ержан Сапаров"
SUBJECT = "Жалоба на задержание участников мирного собрания"


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


@pytest.fixture
def body(db):
    return GovernmentBody.objects.get(code="mci-civil-society")


@pytest.fixture
def event(org, people):
    return mf.event(org, by=people["monitor"], victim=mf.person(org, VICTIM, by=people["monitor"]))


def _working_day_before_today() -> datetime.date:
    from azamat.core.working_days import is_working_day

    day = timezone.localdate() - datetime.timedelta(days=1)
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def test_an_intervention_to_a_body_becomes_a_private_item_with_the_subject_only(
    client, org, people, body, event
):
    sent_on = _working_day_before_today()
    victim = event.acts.get().victim
    client.force_login(people["monitor"])
    form = client.get(reverse("monitoring:intervention_new", args=[event.pk]), **EN)
    assert form.status_code == 200 and VICTIM in form.content.decode()  # on behalf of: the event's victims
    response = client.post(
        reverse("monitoring:intervention_new", args=[event.pk]),
        {
            "kind": "complaint",
            "body": body.pk,
            "sent_on": sent_on.isoformat(),
            "summary": SUBJECT,
            "text": f"Просим проверить законность задержания {VICTIM}, 1990 г. р., ул. Жандосова, 58.",
            "person": victim.pk,
        },
        **EN,
    )
    intervention = Intervention.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("monitoring:intervention", args=[intervention.pk])
    assert (
        intervention.event == event
        and intervention.person == victim
        and intervention.created_by == people["monitor"]
    )

    item = intervention.item
    assert item is not None and item == Item.objects.get()
    assert item.is_public is False and item.kind == "appeal" and item.rule.code == "appeal"
    assert item.body == body and item.organisation == org and item.author == people["monitor"]
    assert item.source == intervention
    assert item.title == SUBJECT
    assert item.text == f"{SUBJECT}\n\nDetails are kept by the organisation."
    for word in ("Ержан", "Сапаров", "Жандосова", "1990"):
        assert word not in item.title and word not in item.text and word not in item.justification
    assert item.sent_on == sent_on
    assert item.due_on == add_working_days(sent_on, 15)

    page = client.get(response["Location"], **EN)
    body_text = page.content.decode()
    assert page.status_code == 200
    assert item.number in body_text and item.get_absolute_url() in body_text
    assert "15 working days after it was sent" in body_text
    assert "Awaiting answer" in body_text or "Overdue" in body_text
    assert ReadLog.objects.filter(
        record_type="intervention", record_id=intervention.pk, action="view"
    ).exists()


def test_a_subject_naming_the_victim_is_refused(client, org, people, body, event):
    client.force_login(people["monitor"])
    response = client.post(
        reverse("monitoring:intervention_new", args=[event.pk]),
        {
            "kind": "appeal",
            "body": body.pk,
            "sent_on": timezone.localdate().isoformat(),
            "summary": "Жалоба по делу Сапарова",
            "text": "",
        },
        **EN,
    )
    assert response.status_code == 400
    assert "The subject seems to name a person (“сапарова”)" in response.content.decode()
    assert not Intervention.objects.exists() and not Item.objects.exists()


def test_a_complaint_needs_a_body_and_a_un_communication_makes_no_item(client, org, people, event):
    client.force_login(people["monitor"])
    url = reverse("monitoring:intervention_new", args=[event.pk])
    data = {"kind": "complaint", "sent_on": timezone.localdate().isoformat(), "summary": SUBJECT, "text": ""}
    refused = client.post(url, data, **EN)
    assert refused.status_code == 400
    assert "Choose the state body a complaint or an appeal is addressed to." in refused.content.decode()
    assert not Intervention.objects.exists()

    future = client.post(
        url,
        {**data, "kind": "un", "sent_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()},
        **EN,
    )
    assert future.status_code == 400 and "cannot be later than today" in future.content.decode()

    made = client.post(url, {**data, "kind": "un"}, **EN)
    assert made.status_code == 302
    assert Intervention.objects.get().item is None and not Item.objects.exists()


def test_the_outcome_is_kept(client, org, people, event):
    intervention = Intervention.objects.create(
        organisation=org, event=event, kind="visit", sent_on=timezone.localdate(), summary="Визит адвоката"
    )
    client.force_login(people["monitor"])
    url = reverse("monitoring:intervention", args=[intervention.pk])
    assert client.post(url, {"outcome": "Жалоба удовлетворена частично."}, **EN).status_code == 302
    intervention.refresh_from_db()
    assert intervention.outcome == "Жалоба удовлетворена частично."
    assert intervention.history.first().history_user == people["monitor"]


def test_an_intervention_on_a_case_speaks_for_its_client(client, org, people, body):
    client_person = mf.person(org, "Айгерим Тулегенова")
    case = mf.case(org, lawyer=people["lawyer"], client=client_person)
    client.force_login(people["lawyer"])
    url = reverse("monitoring:case_intervention_new", args=[case.pk])
    form = client.get(url, **EN)
    assert form.status_code == 200 and "Айгерим Тулегенова" in form.content.decode()
    response = client.post(
        url,
        {
            "kind": "appeal",
            "body": body.pk,
            "sent_on": timezone.localdate().isoformat(),
            "summary": "Апелляция на постановление суда",
            "text": "Подробности у адвоката.",
            "person": client_person.pk,
        },
        **EN,
    )
    assert response.status_code == 302
    intervention = Intervention.objects.get()
    assert intervention.case == case and intervention.item.title == "Апелляция на постановление суда"
    assert "Тулегенова" not in intervention.item.text
    # A lawyer not on the case cannot record one.
    other = mf.grant(mf.team(OrganisationFactory())["lawyer"], org, "lawyer")
    client.force_login(other)
    assert client.get(url, **EN).status_code == 403


def test_an_intervention_sent_again_by_the_back_button_is_not_a_second_appeal_to_the_body(
    client, org, people, body, event
):
    """Walking the demo as the lawyer: after recording a complaint, the back button and the button again made a
    second intervention and a second accountability item, so the body received the appeal twice."""
    url = reverse("monitoring:intervention_new", args=[event.pk])
    data = {
        "kind": "complaint",
        "body": body.pk,
        "sent_on": _working_day_before_today().isoformat(),
        "summary": SUBJECT,
        "text": "Просим проверить законность задержания.",
    }
    client.force_login(people["monitor"])
    assert client.post(url, data, **EN).status_code == 302
    first = Intervention.objects.get()

    again = client.post(url, data, **EN)

    assert again.status_code == 400
    assert (
        f"You recorded this intervention a moment ago as № {first.pk}: open it rather than record it twice."
        in again.content.decode()
    )
    assert again.context["form"]["text"].value() == "Просим проверить законность задержания."
    assert Intervention.objects.count() == 1 and Item.objects.count() == 1
    # Another subject on the same day is another intervention.
    other = client.post(url, {**data, "summary": "Жалоба на отказ в доступе адвоката"}, **EN)
    assert other.status_code == 302 and Intervention.objects.count() == 2


def test_only_who_records_interventions_records_their_outcome(client, org, people, event):
    """Walking the demo as the verifier (a verifier and a member of the expert group): the intervention's page took
    her outcome, though she neither sends complaints nor follows them. The monitors and lawyers who see the
    record act for the organisation; the verifiers and the expert group read what was done."""
    intervention = Intervention.objects.create(
        organisation=org,
        event=event,
        kind="complaint",
        sent_on=timezone.localdate(),
        summary="Жалоба на задержание",
        outcome="Ответа пока нет.",
        created_by=people["monitor"],
    )
    url = reverse("monitoring:intervention", args=[intervention.pk])
    for reader in (people["verifier"], people["expert"]):
        client.force_login(reader)
        page = client.get(url, **EN)
        assert page.status_code == 200 and "Ответа пока нет." in page.content.decode()
        assert page.context["form"] is None and 'name="outcome"' not in page.content.decode()

        refused = client.post(url, {"outcome": "Жалоба отклонена."}, **EN)

        assert refused.status_code == 403
        assert "Interventions are recorded by the organisation's monitors and lawyers." in html.unescape(
            refused.content.decode()
        )
        intervention.refresh_from_db()
        assert intervention.outcome == "Ответа пока нет."
        assert ReadLog.objects.filter(
            user=reader, action="refused", record_type="intervention", record_id=intervention.pk
        ).exists()
        # Nor does the service take it from them (the API, a command).
        from azamat.core.errors import DomainError
        from azamat.monitoring import casework_services

        with pytest.raises(DomainError, match="monitors and lawyers"):
            casework_services.intervention_outcome(intervention=intervention, by=reader, outcome="Отклонена.")
        # Nor do they record an intervention on the event they read.
        assert client.get(reverse("monitoring:intervention_new", args=[event.pk]), **EN).status_code == 403
        event_page = client.get(reverse("monitoring:event", args=[event.pk]), **EN).content.decode()
        assert reverse("monitoring:intervention_new", args=[event.pk]) not in event_page
    client.force_login(people["monitor"])
    assert client.post(url, {"outcome": "Жалоба отклонена."}, **EN).status_code == 302
    intervention.refresh_from_db()
    assert intervention.outcome == "Жалоба отклонена."
