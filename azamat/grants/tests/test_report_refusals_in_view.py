"""A refused report is seen where the user is: on a phone the report form is many screens long, so a refused
save or submission comes back (400) at a summary naming what to correct, each with a link to it, and with all
that was typed still in the form; the operator's refused review comes back at the review."""
# ruff: noqa: F811 (the fixtures imported from the module they belong to are redefined as arguments)

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from azamat.grants.tests.test_applications import PDF
from azamat.grants.tests.test_project_views import complete, operator, project, report_url  # noqa: F401
from azamat.grants.tests.test_projects import at, make_project

pytestmark = pytest.mark.django_db
RU = {"HTTP_ACCEPT_LANGUAGE": "ru"}
KK = {"HTTP_ACCEPT_LANGUAGE": "kk"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _summary(body: str) -> str:
    found = re.search(r'<div id="not-saved" role="alert"[^>]*>(.*?)</div>', body, re.S)
    assert found, "no summary of what was not saved at the top of the report"
    return found.group(1)


def test_a_refused_save_lands_on_a_summary_linking_the_sections_to_correct(client, project, bob):
    # Given the interim report, opened by a member of the grantee,
    report = project.reports.get(kind="interim")
    salaries, _services = project.application.budget_lines.order_by("pk")
    indicator = project.application.indicators.get()
    client.force_login(bob)
    page = client.get(report_url(report), **RU).content.decode()
    assert f'action="{report_url(report)}#not-saved"' in page
    assert 'id="not-saved"' not in page  # nothing refused, nothing to summarise
    # when she saves it with a sum typed with its currency and a negative indicator,
    response = client.post(
        report_url(report),
        {
            "narrative": "12 тренинг өтті.",
            "public_summary": "150 жас кеңес алды.",
            f"actual_{indicator.pk}": "-5",
            f"spent_{salaries.pk}": "700 000 тг",
            "action": "save",
        },
        **RU,
    )
    # then the page comes back at a summary saying nothing is saved, with a link to each section to correct,
    body = response.content.decode()
    assert response.status_code == 400
    summary = _summary(body)
    assert "Ничего не сохранено: исправьте отмеченные поля ниже." in summary
    assert re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary) == [
        ("indicators", "Индикаторы"),
        ("spending", "Расходы по статьям бюджета"),
    ]
    assert 'id="indicators"' in body and 'id="spending"' in body
    # all she typed is still in the form, and nothing of it is stored.
    assert "12 тренинг өтті.</textarea>" in body and "150 жас кеңес алды.</textarea>" in body
    assert 'value="700 000 тг"' in body and 'value="-5"' in body
    report.refresh_from_db()
    assert (report.narrative, report.public_summary) == ("", "")
    assert not report.expenditures.exists() and not report.indicator_actuals.exists()


def test_a_refused_submission_says_the_draft_is_saved_and_links_what_is_missing(client, project, bob):
    report = project.reports.get(kind="interim")
    salaries, _services = project.application.budget_lines.order_by("pk")
    indicator = project.application.indicators.get()
    client.force_login(bob)
    response = client.post(
        report_url(report),
        {
            "narrative": "12 тренинг өтті.",
            "public_summary": "",
            f"actual_{indicator.pk}": "150",
            f"spent_{salaries.pk}": "700000",
            "action": "submit",
        },
        **EN,
    )
    body = response.content.decode()
    assert response.status_code == 400
    summary = _summary(body)
    assert "The report is saved as a draft but not submitted." in summary
    assert (
        "Fill in the public summary, the spending on every budget line before submitting the report."
        in summary
    )
    assert re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary) == [
        ("public_summary", "Public summary"),
        ("spending", "Spending by budget line"),
    ]
    assert 'id="public_summary"' in body
    assert body.count("before submitting the report.") == 1  # said once, in the summary
    assert "12 тренинг өтті.</textarea>" in body and 'value="700000"' in body
    report.refresh_from_db()
    assert (report.status, report.narrative) == ("due", "12 тренинг өтті.")


def test_a_simplified_report_links_its_total_and_a_file_to_choose_again(client, ngo, operator, alice):
    with time_machine.travel(at(datetime.date(2026, 3, 2)), tick=False):
        project = make_project(
            organisation=ngo, operator=operator, code="short-term", months=6, amount=Decimal("2700000.00")
        )
    report = project.reports.get()
    client.force_login(alice)
    response = client.post(
        report_url(report),
        {
            "narrative": "Жоба аяқталды.",
            "total_spent": "2 650 000 теңге",
            "attachment": SimpleUploadedFile("акт.pdf", PDF, "application/pdf"),
            "action": "save",
        },
        **KK,
    )
    body = response.content.decode()
    assert response.status_code == 400
    summary = _summary(body)
    assert "Ештеңе сақталған жоқ: төменде белгіленген өрістерді түзетіңіз." in summary
    assert re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary) == [
        ("total_spent", "Жоба басталғаннан бері жұмсалған жалпы сома, ₸"),
        ("attachment", "Құжат тіркеу"),
    ]
    assert 'id="total_spent"' in body and 'id="attachment"' in body
    assert "акт.pdf" in body and "Жоба аяқталды.</textarea>" in body
    report.refresh_from_db()
    assert report.narrative == "" and not report.expenditures.exists()


def test_a_refused_review_comes_back_at_the_review(client, project, operator, bob):
    report = project.reports.get(kind="interim")
    complete(report, bob)
    client.force_login(operator)
    review = report_url(report, "review/")
    page = client.get(report_url(report), **EN).content.decode()
    assert f'action="{review}#review"' in page and '<h2 id="review">' in page
    response = client.post(review, {"action": "revision", "comment": "  "}, **EN)
    body = response.content.decode()
    assert response.status_code == 400
    assert '<h2 id="review">' in body
    assert "Say what has to be revised: the comment is sent to the organisation." in body
