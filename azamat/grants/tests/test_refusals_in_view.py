"""A refusal is seen where the user is: on a phone the editor and the scoring page are many screens long,
so a refused save, upload, submission or score comes back scrolled to what says why, not to the top."""
# ruff: noqa: F811 (the fixtures imported from the module they belong to are redefined as arguments)

import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from azamat.grants.factories import CallFactory, DirectionFactory
from azamat.grants.services.conflicts import declaration_confirm
from azamat.grants.tests.test_applications import CLOSES, NOW, OPENS, complete, draft
from azamat.grants.tests.test_no_lost_work import editor_post, url
from azamat.grants.tests.test_review_views import (  # noqa: F401 (fixtures)
    _body,
    application,
    assigned,
    call,
    english,
)

RU = {"HTTP_ACCEPT_LANGUAGE": "ru"}
KK = {"HTTP_ACCEPT_LANGUAGE": "kk"}


@pytest.fixture
def clock():
    with time_machine.travel(NOW):
        yield


@pytest.fixture
def draft_application(clock, ngo, alice):
    direction = DirectionFactory(call=CallFactory(code="youth-2026", opens_at=OPENS, closes_at=CLOSES))
    return draft(direction, ngo, alice, summary="", title="Ауыл жастары")


def _summary(body: str) -> str:
    found = re.search(r'<div id="not-saved"[^>]*>(.*?)</div>', body, re.S)
    assert found, "no summary of what was not saved at the top of the editor"
    return found.group(1)


@pytest.mark.django_db
@pytest.mark.usefixtures("clock")
def test_a_refused_save_lands_on_a_summary_naming_the_sections_to_correct(client, draft_application, alice):
    mine = draft_application
    client.force_login(alice)
    page = client.get(mine.get_absolute_url(), **RU).content.decode()
    # The editor's form comes back at its summary, wherever its button was pressed.
    assert f'action="{url("application_save", mine)}#not-saved"' in page
    assert 'id="not-saved"' not in page  # nothing refused, nothing to summarise
    data = editor_post(
        mine,
        project={"summary": "Жаңа түйін", "duration_months": 0},
        budget=[
            {"category": "rent", "description": "Канцтовары", "quantity": "abc", "unit_cost": "1 234,50"}
        ],
    )
    response = client.post(url("application_save", mine), {**data, "save": "budget"}, **RU)
    body = response.content.decode()
    assert response.status_code == 400
    summary = _summary(body)
    assert 'role="alert"' in re.search(r'<div id="not-saved"[^>]*>', body).group(0)
    assert "Не сохранено: исправьте отмеченное в этих разделах." in summary
    assert '<a href="#project">Проект</a>' in summary and '<a href="#budget">Бюджет</a>' in summary
    assert "#activities" not in summary and "#indicators" not in summary
    # What was typed is still there, and nothing of the refused sections is stored.
    assert 'value="Канцтовары"' in body and "Жаңа түйін" in body
    mine.refresh_from_db()
    assert mine.summary == "" and not mine.budget_lines.filter(description="Канцтовары").exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("clock")
def test_a_refused_file_comes_back_at_the_documents_with_its_reason(client, draft_application, alice):
    mine = draft_application
    client.force_login(alice)
    upload = url("application_attachment_upload", mine)
    page = client.get(mine.get_absolute_url(), **KK).content.decode()
    assert f'action="{upload}#attachments" enctype="multipart/form-data"' in page
    response = client.post(
        upload,
        {"document_code": "charter", "file": SimpleUploadedFile("evil.exe", b"MZ\x90\x00" + b"x" * 100)},
        **KK,
    )
    body = response.content.decode()
    assert response.status_code == 400 and "evil.exe" in body
    assert '<a href="#attachments">Құжаттар</a>' in _summary(body)
    assert not mine.attachments.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("clock")
def test_a_submission_refused_after_the_check_page_comes_back_at_its_reasons(
    client, draft_application, alice
):
    mine = draft_application
    client.force_login(alice)
    submit = url("application_submit", mine)
    complete(mine, alice)
    check = client.post(submit, **RU).content.decode()
    assert f'action="{submit}#submit"' in check, re.findall(r'<ul class="errorlist">.*?</ul>', check, re.S)
    # Meanwhile a co-editor removes the charter: the confirmation is refused, and says why.
    mine.attachments.filter(document_code="charter").delete()
    response = client.post(submit, {"confirm": "yes"}, **RU)
    body = response.content.decode()
    mine.refresh_from_db()
    assert (response.status_code, mine.status) == (400, "draft")
    assert '<a href="#submit">Подача</a>' in _summary(body)
    assert "Заявка не подана" in body


@pytest.mark.django_db
def test_refused_scores_come_back_at_the_scores_saying_nothing_is_saved(client, assigned, application):
    first = assigned[0]
    declaration_confirm(person=first.expert.user, call=application.call)
    client.force_login(first.expert.user)
    page = reverse("grants:expert_assignment", args=[first.pk])
    criteria = list(application.call.grant_type.criteria.order_by("position", "pk"))
    body = _body(client.get(page, **RU))
    assert '<h2 id="your-scores">' in body and 'action="#your-scores"' in body
    assert "Ничего не сохранено" not in body and "Nothing is saved" not in body

    response = client.post(
        page,
        {
            f"criterion_{criteria[0].pk}": "7,5",
            f"justification_{criteria[0].pk}": "Коротко",
            "action": "draft",
        },
        **RU,
    )
    body = _body(response)
    assert response.status_code == 400
    assert "Ничего не сохранено: исправьте отмеченные поля ниже." in body
    assert "Коротко</textarea>" in body
    first.refresh_from_db()
    assert first.draft_scores == {}
