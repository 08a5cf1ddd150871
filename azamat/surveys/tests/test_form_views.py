"""The form page as a survey's managers and team use it: upload an XLSForm (a new version once responses exist,
else a replacement), see refusals with sheet and row while nothing changes, download any version, preview a page,
and edit questions, skip logic and choice lists in the browser."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from azamat.surveys import definition as spec
from azamat.surveys import form_services, xlsform
from azamat.surveys.models import SurveyMember, SurveyVersion
from azamat.testing import surveys_factories as sf
from azamat.testing.campaigns_factories import ngo_admin
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
FORMS = Path(__file__).parent / "forms"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def manager():
    user, _organisation = ngo_admin(email="lead@example.kz")
    return user


@pytest.fixture
def survey(manager):
    return sf.survey(by=manager)


def upload(client, survey, name: str, data: bytes | None = None):
    content = data if data is not None else (FORMS / name).read_bytes()
    return client.post(
        reverse("surveys:form_upload", args=[survey.pk]),
        {"file": SimpleUploadedFile(name, content), "default_language": "en"},
    )


def test_an_upload_replaces_a_form_without_responses(client, manager, survey):
    client.force_login(manager)
    response = upload(client, survey, "group.xlsx")
    assert response.status_code == 302
    assert survey.versions.count() == 1
    version = survey.current_version()
    assert version.number == 1
    assert version.source_name == "group.xlsx"
    assert [node["name"] for node in spec.questions(version.definition, into_repeats=True)] == [
        "family_name",
        "phone_number",
        "age",
    ]


def test_an_upload_to_a_survey_with_responses_makes_the_next_version(client, manager, survey):
    answered = sf.response(survey)
    client.force_login(manager)
    response = upload(client, survey, "whova_form.xlsx")
    assert response.status_code == 302
    assert list(survey.versions.order_by("number").values_list("number", flat=True)) == [1, 2]
    answered.refresh_from_db()
    assert answered.version.number == 1
    current = survey.current_version()
    assert any("“start” is device metadata" in item["message"] for item in current.warnings)
    page = client.get(reverse("surveys:form", args=[survey.pk]))
    assert "survey sheet, row 18: the type “start” is device metadata" in page.content.decode()


def test_a_refused_upload_names_sheet_and_row_and_changes_nothing(client, manager, survey):
    before = survey.current_version().definition
    client.force_login(manager)
    response = upload(client, survey, "widgets.xls")
    assert response.status_code == 400
    html = response.content.decode()
    assert "survey sheet, row 11: the type “geopoint” is not supported by Azamat." in html
    assert survey.versions.count() == 1
    assert SurveyVersion.objects.get(survey=survey).definition == before


def test_a_huge_or_wrong_file_is_refused(client, manager, survey):
    client.force_login(manager)
    response = upload(client, survey, "big.xlsx", b"PK" + b"0" * (6 * 1024 * 1024))
    assert response.status_code == 400
    assert "the file is 6.0 MB; an XLSForm may be at most 5 MB." in response.content.decode()
    response = upload(client, survey, "notes.pdf", b"%PDF-1.4")
    assert "this is not an XLSForm spreadsheet" in response.content.decode()
    assert survey.versions.count() == 1


def test_the_team_downloads_any_version_as_xlsform_and_reads_it_back(client, manager, survey):
    analyst = UserFactory(email="analyst@example.kz")
    SurveyMember.objects.create(survey=survey, user=analyst, role=SurveyMember.Role.ANALYST)
    client.force_login(analyst)
    response = client.get(reverse("surveys:form_xlsform", args=[survey.pk]) + "?version=1")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="survey-{survey.pk}-v1.xlsx"'
    definition, _warnings = xlsform.read_xlsform(response.content, "v1.xlsx")
    assert xlsform.normalised(definition) == xlsform.normalised(sf.SAMPLE)
    assert client.get(reverse("surveys:form_xlsform", args=[survey.pk]) + "?version=9").status_code == 404
    # The analyst reads the form page but may not upload or edit.
    page = client.get(reverse("surveys:form", args=[survey.pk]))
    assert page.status_code == 200
    assert "Upload an XLSForm" not in page.content.decode()
    assert upload(client, survey, "group.xlsx").status_code == 403


def test_the_starter_template_is_public_and_a_valid_xlsform(client):
    response = client.get(reverse("surveys:form_template"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["survey", "choices", "settings"]
    assert [cell.value for cell in book["survey"][1]][:3] == ["type", "name", "label::Қазақша (kk)"]
    definition, _warnings = xlsform.read_xlsform(response.content, "template.xlsx")
    assert spec.find(definition, "phone")["personal"] is True


def test_the_preview_walks_the_pages_without_saving(client, manager, survey):
    client.force_login(manager)
    url = reverse("surveys:form_preview", args=[survey.pk, 0])
    page = client.get(url)
    assert page.status_code == 200
    assert "Nothing you type here is saved." in page.content.decode()
    refused = client.post(url, {"region": "751000000", "sex": "f", "age": "7", "_answers": ""})
    assert refused.status_code == 400
    assert "Age between 16 and 100" in refused.content.decode()
    moved = client.post(url, {"region": "751000000", "sex": "f", "age": "30", "_answers": ""})
    assert moved.status_code == 200
    assert moved.context["page"] == 1
    assert moved.context["fields"][0]["name"] == "needs"
    assert survey.responses.count() == 0


def test_a_manager_adds_a_question_with_skip_logic_built_from_words(client, manager, survey):
    client.force_login(manager)
    response = client.post(
        reverse("surveys:question_add", args=[survey.pk]),
        {
            "type": "text",
            "name": "school",
            "parent": "needs",
            "label_kk": "Мектеп",
            "label_ru": "Школа",
            "label_en": "School",
            "relevant_mode": "when",
            "relevant_question": "age",
            "relevant_operator": "<",
            "relevant_value": "18",
            "required": "on",
        },
    )
    assert response.status_code == 302
    node = spec.find(survey.current_version().definition, "school")
    assert node["relevant"] == "${age} < 18"
    assert node["label"] == {"kk": "Мектеп", "ru": "Школа", "en": "School"}
    assert node["required"] is True
    needs = spec.find(survey.current_version().definition, "needs")
    assert needs["children"][-1]["name"] == "school"
    assert survey.versions.count() == 1  # no responses yet: the same version


def test_editing_a_survey_with_responses_makes_a_new_version_first(client, manager, survey):
    sf.response(survey)
    client.force_login(manager)
    response = client.post(
        reverse("surveys:question_edit", args=[survey.pk, "age"]),
        {
            "type": "integer",
            "name": "age_years",
            "label_en": "Age in years",
            "relevant_mode": "always",
            "constraint": ". >= 18",
            "constraint_message_en": "Adults only",
            "required": "on",
        },
    )
    assert response.status_code == 302
    assert survey.versions.count() == 2
    first = survey.versions.get(number=1).definition
    assert spec.find(first, "age") is not None
    new = survey.current_version().definition
    assert spec.find(new, "age") is None
    assert spec.find(new, "age_years")["constraint"] == ". >= 18"


def test_bad_edits_are_refused_with_a_clear_message_and_nothing_changes(client, manager, survey):
    client.force_login(manager)
    before = survey.current_version().definition
    url = reverse("surveys:question_add", args=[survey.pk])
    duplicate = client.post(
        url, {"type": "text", "name": "age", "label_en": "Age", "relevant_mode": "always"}
    )
    assert duplicate.status_code == 400
    assert "Another question already has this name." in duplicate.content.decode()
    bad_name = client.post(
        url, {"type": "text", "name": "my age", "label_en": "Age", "relevant_mode": "always"}
    )
    assert "no spaces" in bad_name.content.decode()
    broken = client.post(
        url,
        {"type": "text", "name": "x", "label_en": "X", "relevant_mode": "expression", "relevant": "${age >"},
    )
    assert "This expression is not valid" in broken.content.decode()
    missing = client.post(
        url,
        {
            "type": "text",
            "name": "x",
            "label_en": "X",
            "relevant_mode": "expression",
            "relevant": "${agee} > 3",
        },
    )
    assert missing.status_code == 400
    assert "names a question that does not exist: ${agee}" in missing.content.decode()
    assert missing.context["form"]["relevant"].value() == "${agee} > 3"  # what was typed is kept
    survey.refresh_from_db()
    assert survey.current_version().definition == before


def test_a_question_others_depend_on_cannot_be_deleted(client, manager, survey):
    client.force_login(manager)
    refused = client.post(reverse("surveys:question_delete", args=[survey.pk, "satisfied"]))
    assert refused.status_code == 400
    assert "the skip logic or calculations of “why” use it" in refused.content.decode()
    done = client.post(reverse("surveys:question_delete", args=[survey.pk, "why"]))
    assert done.status_code == 302
    assert spec.find(survey.current_version().definition, "why") is None


def test_questions_move_up_down_and_out_of_groups(client, manager, survey):
    client.force_login(manager)
    move = reverse("surveys:question_move", args=[survey.pk, "sex"])
    assert client.post(move, {"direction": "up"}).status_code == 302
    names = [node["name"] for node in survey.current_version().definition["children"]]
    assert names[:2] == ["sex", "region"]
    assert client.post(move, {"direction": "up"}).status_code == 400  # already first
    out = reverse("surveys:question_move", args=[survey.pk, "spend"])
    assert client.post(out, {"direction": "out"}).status_code == 302
    names = [node["name"] for node in survey.current_version().definition["children"]]
    assert names.index("spend") == names.index("needs") + 1


def test_a_manager_edits_a_choice_list_in_every_language(client, manager, survey):
    client.force_login(manager)
    url = reverse("surveys:choices", args=[survey.pk, "sex"])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "list_name": "sex",
            "rows": "3",
            "choice-0-name": "f",
            "choice-0-label-ru": "Женщина",
            "choice-0-label-kk": "Әйел",
            "choice-1-name": "m",
            "choice-1-label-ru": "Мужчина",
            "choice-2-name": "x",
            "choice-2-label-ru": "Другое",
        },
    )
    assert response.status_code == 302
    items = survey.current_version().definition["choices"]["sex"]
    assert [item["name"] for item in items] == ["f", "m", "x"]
    assert items[0]["label"] == {"ru": "Женщина", "kk": "Әйел"}
    duplicate = client.post(
        url, {"list_name": "sex", "rows": "2", "choice-0-name": "f", "choice-1-name": "f"}
    )
    assert duplicate.status_code == 400
    assert "used twice: f" in duplicate.content.decode()


def test_a_new_select_question_leads_to_its_new_empty_list(client, manager, survey):
    client.force_login(manager)
    response = client.post(
        reverse("surveys:question_add", args=[survey.pk]),
        {
            "type": "select_one",
            "name": "water",
            "list": "water_sources",
            "label_en": "Water",
            "relevant_mode": "always",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:choices", args=[survey.pk, "water_sources"])
    assert survey.current_version().definition["choices"]["water_sources"] == []


def test_a_survey_without_a_form_gets_version_one_from_the_editor(client, manager):
    bare = sf.survey(by=manager)
    bare.versions.all().delete()
    client.force_login(manager)
    response = client.post(
        reverse("surveys:question_add", args=[bare.pk]),
        {"type": "integer", "name": "age", "label_ru": "Возраст", "relevant_mode": "always"},
    )
    assert response.status_code == 302
    assert bare.current_version().number == 1
    assert bare.current_version().definition["languages"] == form_services.DEFAULT_LANGUAGES


def test_strangers_and_anonymous_visitors_cannot_see_or_change_the_form(client, survey):
    url = reverse("surveys:form", args=[survey.pk])
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(UserFactory(email="stranger@example.kz"))
    assert client.get(url).status_code == 403
    assert upload(client, survey, "group.xlsx").status_code == 403
    assert survey.versions.count() == 1


def test_a_question_moves_into_a_group(client, manager, survey):
    client.force_login(manager)
    response = client.post(
        reverse("surveys:question_move", args=[survey.pk, "age"]), {"direction": "into", "target": "contact"}
    )
    assert response.status_code == 302
    contact = spec.find(survey.current_version().definition, "contact")
    assert [node["name"] for node in contact["children"]] == ["phone", "visited", "age"]
    itself = client.post(
        reverse("surveys:question_move", args=[survey.pk, "contact"]),
        {"direction": "into", "target": "contact"},
    )
    assert itself.status_code == 400
    assert "A group cannot go into itself." in itself.content.decode()


def test_a_manager_sets_the_form_languages_and_the_editor_follows(client, manager, survey):
    client.force_login(manager)
    url = reverse("surveys:form", args=[survey.pk])
    response = client.post(url, {"languages": ["kk", "ru"], "default_language": "ru"})
    assert response.status_code == 302
    assert survey.current_version().definition["languages"] == ["ru", "kk"]
    editor = client.get(reverse("surveys:question_add", args=[survey.pk]))
    assert "label_en" not in editor.context["form"].fields
    assert client.post(url, {"default_language": "ru"}).status_code == 400  # none ticked: refused
    assert survey.current_version().definition["languages"] == ["ru", "kk"]
    analyst = UserFactory(email="reader@example.kz")
    SurveyMember.objects.create(survey=survey, user=analyst, role=SurveyMember.Role.ANALYST)
    client.force_login(analyst)
    assert client.post(url, {"languages": ["en"]}).status_code == 403
