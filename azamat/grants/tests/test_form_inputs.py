"""What a real user types into the grants forms: amounts as Kazakhstan writes them, pre-filled amounts sent
back untouched, texts past their limit."""

import datetime
import html
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from azamat.grants.forms.applications import BudgetRowForm, ProjectForm
from azamat.grants.forms.projects import PaymentForm
from azamat.grants.models import ExpenditureLine, Project
from azamat.grants.services.reports import report_save
from azamat.grants.tests.test_project_views import report_url
from azamat.grants.tests.test_projects import at, awarded_application, make_operator, make_project

NBSP = "\u00a0"


def shown_value(page: str, name: str) -> str:
    """The value of the named input as the page shows it, which the browser sends back untouched."""
    tag = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', page).group(0)
    value = re.search(r'value="([^"]*)"', tag)
    return html.unescape(value.group(1)) if value else ""


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("kk", "1 803 169,95"),
        ("kk", f"1{NBSP}803{NBSP}169,95"),
        ("ru", "1\u202f803\u202f169,95"),
        ("ru", "1803169,95"),
        ("en", "1,803,169.95"),
        ("kk", "1803169.95"),
    ],
)
def test_a_payment_is_read_as_typed_in_every_language(language, typed):
    with translation.override(language):
        form = PaymentForm(data={"amount": typed, "paid_on": "2026-03-02"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["amount"] == Decimal("1803169.95")


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_budget_row_takes_spaces_and_decimal_commas(language):
    with translation.override(language):
        form = BudgetRowForm(
            data={"category": "rent", "description": "Кеңсе", "quantity": "1,5", "unit_cost": "250 000,00"}
        )
        assert form.is_valid(), form.errors
        assert (form.cleaned_data["quantity"], form.cleaned_data["unit_cost"]) == (
            Decimal("1.5"),
            Decimal(250000),
        )


def test_a_two_megabyte_summary_is_refused_and_the_limit_is_shown():
    with translation.override("en"):
        form = ProjectForm(
            data={
                "title": "Жоба",
                "summary": "ә" * (2 * 1024 * 1024),
                "duration_months": "6",
                "language": "kk",
            }
        )
        assert not form.is_valid()
        assert form.errors["summary"] == ["At most 2,000 characters, please; this text has 2,097,152."]
        rendered = str(ProjectForm()["summary"])
        assert 'maxlength="2000"' in rendered and "At most 2,000 characters." in rendered
        assert 'aria-describedby="id_summary_limit"' in rendered


def test_line_breaks_count_as_one_character_as_the_browser_counts_them():
    text = "а\r\n" * 1000  # 2 000 characters in the browser, 3 000 bytes as sent
    form = ProjectForm(data={"title": "Жоба", "summary": text[:-2], "duration_months": "6", "language": "kk"})
    form.is_valid()
    assert "summary" not in form.errors
    assert form.cleaned_data["summary"] == ("а\n" * 1000).strip()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "shown"), [("kk", f"1{NBSP}803{NBSP}169,95"), ("ru", f"1{NBSP}803{NBSP}169,95")]
)
def test_a_prefilled_amount_is_shown_as_the_page_writes_it_and_saved_back(
    client, ngo, alice, bob, language, shown
):
    with time_machine.travel(at(datetime.date(2026, 3, 2)), tick=False):
        project = make_project(
            organisation=ngo,
            operator=make_operator(),
            amount=Decimal("2700000.00"),
            signed_on=datetime.date(2026, 3, 2),
            starts_on=datetime.date(2026, 3, 2),
        )
    report = project.reports.get(kind="interim")
    salaries, services = project.application.budget_lines.order_by("pk")
    report_save(
        report=report,
        by=bob,
        narrative="Жұмыс жүріп жатыр.",
        public_summary="",
        spent={salaries.pk: Decimal("1803169.95"), services.pk: Decimal("1000")},
    )
    client.force_login(bob)
    page = client.get(report_url(report), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert shown_value(page, f"spent_{salaries.pk}") == shown
    assert shown_value(page, f"spent_{services.pk}") == f"1{NBSP}000"
    data = {
        "narrative": "Жұмыс жүріп жатыр.",
        "public_summary": "",
        f"spent_{salaries.pk}": shown_value(page, f"spent_{salaries.pk}"),
        f"spent_{services.pk}": "1 250,50",
        "action": "save",
    }
    data |= {name: shown_value(page, name) for name in re.findall(r'name="(actual_\d+)"', page)}
    response = client.post(report_url(report), data, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302, response.content.decode()[:2000]
    spent = dict(ExpenditureLine.objects.filter(report=report).values_list("budget_line_id", "spent"))
    assert spent == {salaries.pk: Decimal("1803169.95"), services.pk: Decimal("1250.50")}


@pytest.mark.django_db
@time_machine.travel(at(datetime.date(2026, 3, 2)), tick=False)
def test_an_agreement_dated_in_the_future_is_refused_and_nothing_is_created(client, ngo):
    application = awarded_application(organisation=ngo, decided=Decimal("2700000.00"))
    client.force_login(make_operator())
    url = reverse("grants:project_create", kwargs={"application_pk": application.pk})
    response = client.post(
        url, {"signed_on": "2026-03-03", "starts_on": "2026-03-03"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert (
        "An agreement cannot be dated in the future: enter the day it was signed."
        in response.content.decode()
    )
    assert not Project.objects.exists()


def test_a_duration_typed_in_words_is_told_its_range_not_an_example_of_thousands():
    """ "Six" typed for the project's months: the message names 1 to 60 months, not "for example 1 500"."""
    with translation.override("en"):
        form = ProjectForm(data={"title": "Жастар", "duration_months": "шесть", "language": "kk"})
        assert not form.is_valid()
        assert form.errors["duration_months"] == ["Enter a whole number from 1 to 60."]
