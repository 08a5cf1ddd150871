"""No lost work: the editor's one form saves every complete section and keeps what was typed in the others;
autosave of one section; the "check your answers" page before submitting; the submitted application as a PDF."""

import re

import pytest
import time_machine
from django.urls import reverse

from azamat.grants.factories import CallFactory, DirectionFactory
from azamat.grants.services.applications import application_submit
from azamat.grants.tests.test_application_views import EN, rows
from azamat.grants.tests.test_applications import CLOSES, NOW, OPENS, complete, draft
from azamat.grants.tests.test_protocol import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW):
        yield


@pytest.fixture
def direction(db):
    return DirectionFactory(call=CallFactory(code="youth-2026", opens_at=OPENS, closes_at=CLOSES))


@pytest.fixture
def application(direction, ngo, alice):
    return draft(direction, ngo, alice, summary="", title="Ауыл жастары")


def url(name: str, application, *args) -> str:
    return reverse(f"grants:{name}", args=[application.pk, *args])


def editor_post(application, *, project: dict | None = None, **sections) -> dict:
    """What the editor's one form sends: every section, the untouched tables with no rows."""
    data = {
        "title": application.title,
        "summary": application.summary,
        "problem": application.problem,
        "target_group": application.target_group,
        "goals": application.goals,
        "team": application.team,
        "duration_months": application.duration_months,
        "language": application.language,
        "loaded_at": application.updated_at.isoformat(),
        **(project or {}),
    }
    for section in ("activities", "budget", "indicators"):
        data.update(rows(section, sections.get(section, [])))
    return data


ACTIVITY = {"title": "Жазғы лагерь", "starts_month": 2, "ends_month": 3, "description": "Екі апта, 40 бала"}


def test_saving_the_project_keeps_the_activities_typed_in_the_same_post(client, application, alice):
    client.force_login(alice)
    data = editor_post(
        application, project={"summary": "Ауыл жастарына кәсіби бағдар."}, activities=[ACTIVITY]
    )
    response = client.post(url("application_save", application), {**data, "save": "project"}, **EN)
    assert (response.status_code, response.url) == (302, f"{application.get_absolute_url()}#project")
    application.refresh_from_db()
    assert application.summary == "Ауыл жастарына кәсіби бағдар."
    assert list(application.activities.values_list("title", "starts_month", "ends_month")) == [
        ("Жазғы лагерь", 2, 3)
    ]
    page = client.get(response.url, **EN).content.decode()
    assert "The project section is saved." in page and "The activities are saved." in page
    assert "Ауыл жастарына кәсіби бағдар." in page and 'value="Жазғы лагерь"' in page


def test_a_section_with_an_error_keeps_the_other_sections_typed_text(client, application, alice):
    client.force_login(alice)
    budget_before = list(application.budget_lines.values_list("description", flat=True))
    data = editor_post(
        application,
        project={"summary": "Жаңа түйін, әлі сақталмаған.", "duration_months": 0},
        activities=[ACTIVITY],
        budget=[{"category": "rent", "description": "Кеңсе жалы", "quantity": "0", "unit_cost": "100"}],
    )
    response = client.post(url("application_save", application), {**data, "save": "activities"}, **EN)
    body = response.content.decode()
    assert response.status_code == 400
    # The complete section is saved; the others come back as typed, with their errors.
    assert list(application.activities.values_list("title", flat=True)) == ["Жазғы лагерь"]
    assert "Жаңа түйін, әлі сақталмаған." in body and "From 1 to 60 months." in body
    assert 'value="Кеңсе жалы"' in body and "Enter a number of at least 0.01." in body
    assert 'data-dirty="true"' in body
    application.refresh_from_db()
    assert (application.summary, application.duration_months) == ("", 6)
    assert list(application.budget_lines.values_list("description", flat=True)) == budget_before

    # Fixing the error saves it: saving the activities does not make the kept text "stale".
    form = response.context["project_form"]
    assert form["loaded_at"].value() == application.updated_at.isoformat()
    fixed = {**data, "duration_months": 6, "loaded_at": form["loaded_at"].value()}
    fixed.update(rows("activities", []))
    fixed.update(rows("budget", []))
    response = client.post(url("application_save", application), {**fixed, "save": "project"}, **EN)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.summary == "Жаңа түйін, әлі сақталмаған."


def test_add_a_row_saves_what_was_typed_and_shows_one_more_blank_row(client, application, alice):
    client.force_login(alice)
    data = editor_post(application, project={"team": "Бес адам"}, activities=[ACTIVITY])
    response = client.post(url("application_save", application), {**data, "add_row": "activities"}, **EN)
    assert response.url == f"{application.get_absolute_url()}?add=activities#activities"
    page = client.get(response.url, **EN)
    formset = page.context["activities_formset"]
    assert (formset.initial_form_count(), formset.total_form_count()) == (1, 4)  # one saved, 2 + 1 blank
    application.refresh_from_db()
    assert application.team == "Бес адам"

    # With an error elsewhere, the table grows by one row as typed, and the typed text stays.
    data = editor_post(application, project={"duration_months": 99, "goals": "300 жас"})
    saved = application.activities.get()
    half_typed = {"title": "Half typed", "starts_month": 5, "ends_month": 2}
    data.update(rows("activities", [{**ACTIVITY, "id": saved.pk}, half_typed], initial=1))
    response = client.post(url("application_save", application), {**data, "add_row": "activities"}, **EN)
    assert response.status_code == 400
    assert response.context["activities_formset"].total_form_count() == 3
    body = response.content.decode()
    assert "300 жас" in body and "From 1 to 60 months." in body
    assert 'value="Half typed"' in body and "The activity must end in the month it starts or later." in body
    assert application.activities.count() == 1


def test_autosave_saves_one_section_and_answers_with_a_status(client, application, alice):
    client.force_login(alice)
    data = editor_post(application, project={"summary": "Автосақтау"}, activities=[ACTIVITY])
    response = client.post(url("application_autosave", application, "project"), data, **EN)
    body = response.content.decode()
    application.refresh_from_db()
    assert response.status_code == 200
    assert re.search(r"Saved at \d\d:\d\d", body)
    assert application.summary == "Автосақтау"
    assert application.activities.count() == 0  # only the project section is autosaved
    assert f'id="id_loaded_at" value="{application.updated_at.isoformat()}" hx-swap-oob="true"' in body

    # A new row learns its id, so that the next autosave changes it instead of adding it again.
    data["loaded_at"] = application.updated_at.isoformat()
    response = client.post(url("application_autosave", application, "activities"), data, **EN)
    activity = application.activities.get()
    assert (
        f'name="activities-0-id" id="id_activities-0-id" value="{activity.pk}"' in response.content.decode()
    )
    data.update({"activities-0-id": activity.pk, "activities-0-title": "Жазғы лагерь, 2 апта"})
    client.post(url("application_autosave", application, "activities"), data, **EN)
    assert list(application.activities.values_list("title", flat=True)) == ["Жазғы лагерь, 2 апта"]
    # Nothing changed since: the status still says saved, and nothing is written.
    application.refresh_from_db()
    updated_at = application.updated_at
    response = client.post(url("application_autosave", application, "activities"), data, **EN)
    assert "Saved at" in response.content.decode() and "Not saved yet" not in response.content.decode()
    application.refresh_from_db()
    assert application.updated_at == updated_at


def test_autosave_of_a_section_with_an_error_shows_it_and_saves_nothing(client, application, alice):
    client.force_login(alice)
    data = editor_post(application, project={"summary": "Жаңа", "duration_months": 0})
    response = client.post(url("application_autosave", application, "project"), data, **EN)
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        "Not saved yet:" in body
        and "Duration, months: From 1 to 60 months." in body
        and "Saved at" not in body
    )
    application.refresh_from_db()
    assert application.summary == ""
    assert client.post(url("application_autosave", application, "attachments"), data).status_code == 404


def test_autosave_is_refused_to_strangers(client, application, carol):
    client.force_login(carol)
    data = editor_post(application, project={"summary": "Hijack"})
    assert client.post(url("application_autosave", application, "project"), data).status_code == 403
    application.refresh_from_db()
    assert application.summary == ""


def test_submitting_shows_the_answers_first_and_submits_only_when_confirmed(client, application, alice):
    complete(application, alice)
    client.force_login(alice)
    response = client.post(url("application_submit", application), **EN)
    body = response.content.decode()
    application.refresh_from_db()
    assert (response.status_code, application.status, application.number) == (200, "draft", None)
    assert "Check your answers before submitting" in body
    for section in ("project", "activities", "budget", "indicators", "attachments"):
        assert f'href="{application.get_absolute_url()}#{section}"' in body
    assert "Кәсіби бағдар беру тренингтері" in body and 'name="confirm" value="yes"' in body

    response = client.post(url("application_submit", application), {"confirm": "yes"}, **EN)
    application.refresh_from_db()
    assert (response.status_code, application.status) == (302, "submitted")


def test_the_check_page_lists_what_is_missing_and_offers_no_submit(client, application, alice):
    client.force_login(alice)
    body = client.post(url("application_submit", application), **EN).content.decode()
    assert "Attach the required document: Charter." in body
    assert 'name="confirm"' not in body


def test_the_submitted_application_as_a_pdf_in_kazakh(client, application, alice, bob, operator, carol):
    complete(application, alice)
    client.force_login(alice)
    assert client.get(url("application_pdf", application)).status_code == 404  # a draft has no PDF yet
    assert (
        url("application_pdf", application) not in client.get(application.get_absolute_url()).content.decode()
    )
    application_submit(application=application, by=alice)
    page = client.get(application.get_absolute_url(), **EN).content.decode()
    assert url("application_pdf", application) in page
    response = client.get(url("application_pdf", application), HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    application.refresh_from_db()
    text = pdf_text(response.content)
    for expected in [application.number, "Ауыл жастары", "Кәсіби бағдар беру тренингтері", "Жарғы.pdf"]:
        assert expected in text, expected
    for user, status in [(bob, 200), (operator, 200), (carol, 403)]:
        client.force_login(user)
        assert client.get(url("application_pdf", application)).status_code == status
