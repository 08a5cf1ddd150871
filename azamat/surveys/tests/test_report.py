"""The shareable report: public, by its link's token, or the team; never a personal question, open text only
when chosen; its PDF with Kazakh letters."""

import re

import pytest
from django.urls import reverse

from azamat.surveys.models import Survey
from azamat.testing import surveys_factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(alice, ngo):
    made = sf.survey(by=alice, organisation=ngo, results=Survey.Results.LINK)
    sf.response(made, {"region": "751000000", "sex": "f", "age": 30, "why": "Нет пандуса"})
    sf.response(made, {"region": "711000000", "sex": "m", "age": 40})
    return made


def test_the_report_by_link_needs_its_token(client, survey):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "kk"
    url = reverse("surveys:report", args=[survey.pk])
    assert client.get(url).status_code == 403
    assert client.get(url, {"t": "wrong"}).status_code == 403
    page = client.get(url, {"t": survey.report_token})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Жынысыңыз" in text and "Әйел" in text  # labels in the page's language
    assert "Телефон" not in text  # personal: never
    assert "Нет пандуса" not in text  # open text: not unless chosen
    assert f"?t={survey.report_token}" in text  # the PDF link keeps the token
    assert page["Cache-Control"] == "private, no-store"


def test_open_text_is_shown_when_the_team_chose_it_but_personal_never(client, alice, survey):
    client.force_login(alice)
    url = reverse("surveys:report", args=[survey.pk])
    assert client.post(url, {"questions": ["sex", "why"]}).status_code == 302
    survey.refresh_from_db()
    assert survey.report_questions == ["sex", "why"]
    client.logout()
    text = client.get(url, {"t": survey.report_token}).content.decode()
    assert "Нет пандуса" in text
    assert client.post(url + f"?t={survey.report_token}", {"questions": ["phone"]}).status_code == 403
    client.force_login(alice)
    client.post(url, {"questions": ["phone"]})  # not a choice: refused
    survey.refresh_from_db()
    assert survey.report_questions == ["sex", "why"]


def test_the_report_pdf_has_kazakh_letters(client, survey):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "kk"
    answer = client.get(reverse("surveys:report_pdf", args=[survey.pk]), {"t": survey.report_token})
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    import io

    from pypdf import PdfReader  # noqa: PLC0415 - only this test reads PDFs

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(answer.content)).pages)
    assert "Жынысыңыз" in text and "Әйел" in text


def test_a_public_report_is_for_everyone(client, alice, ngo):
    public = sf.survey(by=alice, organisation=ngo, results=Survey.Results.PUBLIC)
    assert client.get(reverse("surveys:report", args=[public.pk])).status_code == 200
    assert client.get(reverse("surveys:report_pdf", args=[public.pk])).status_code == 200


def test_the_share_link_is_in_a_list_item_so_a_phone_breaks_it(client, alice, survey):
    # The stylesheet breaks long code only in `main li > code`; in a paragraph the link widened a phone's page.
    client.force_login(alice)
    text = client.get(reverse("surveys:report", args=[survey.pk])).content.decode()
    link = "http://testserver" + reverse("surveys:report", args=[survey.pk]) + f"?t={survey.report_token}"
    assert re.search(r"<li>[^<]*<code>" + re.escape(link) + "</code></li>", text)
