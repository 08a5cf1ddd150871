"""The operator's lists: downloads as CSV and XLSX with organisation names, and search and filters on the pages."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory, ExpertFactory
from azamat.grants.models import Application, Assignment
from azamat.grants.services.projects import payment_record
from azamat.grants.tests.test_projects import make_project
from azamat.registry.models import Region
from azamat.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","Click")'


@pytest.fixture
def closed_call(db):
    now = timezone.now()
    return CallFactory(
        code="closed-2026",
        title_ru="Конкурс для молодёжи",
        title_kk="Жастарға арналған конкурс",
        title_en="Youth call",
        opens_at=now - datetime.timedelta(days=40),
        closes_at=now - datetime.timedelta(days=3),
    )


def submitted(call, organisation, number, status=Application.Status.SUBMITTED):
    return ApplicationFactory(
        direction=DirectionFactory(call=call),
        call=call,
        organisation=organisation,
        status=status,
        number=number,
        submitted_at=timezone.now(),
    )


@pytest.fixture
def queue(closed_call):
    almaty = Region.objects.get(kato="750000000")
    other = Region.objects.exclude(pk=almaty.pk).order_by("kato").first()
    children = OrganisationFactory(
        name_kk="«Балалар қоры» қоғамдық қоры",
        name_ru="Фонд «Детский фонд»",
        bin="150540000019",
        region=almaty,
    )
    formula = OrganisationFactory(name_kk="=1+1", name_ru=FORMULA, region=other)
    return {
        "children": submitted(closed_call, children, "KZ-2026-closed-2026-0001"),
        "formula": submitted(closed_call, formula, "KZ-2026-closed-2026-0002"),
        "other_region": other,
    }


def read_csv(response, language: str = "en") -> list[list[str]]:
    """The rows of a CSV in `language`: separated by ";" in Kazakh and Russian, as their Excel reads them."""
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "the BOM, so Excel reads Cyrillic"
    return list(csv.reader(io.StringIO(text[1:]), delimiter="," if language == "en" else ";"))


def read_xlsx(response):
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return workbook.active


# --- Downloads ------------------------------------------------------------------------------------------------


def test_the_queue_as_csv_names_organisations_in_the_language_asked_for(client, operator, queue):
    client.force_login(operator)
    url = reverse("grants:operator_queue_download", args=["csv"])
    response = client.get(url, {"lang": "en"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="azamat-compliance-queue-')
    header, *rows = read_csv(response)
    assert header == [
        "Application",
        "Title",
        "Organisation",
        "BIN",
        "Region",
        "Call",
        "Direction",
        "Status",
        "Submitted",
        "Check due by",
    ]
    assert [row[0] for row in rows] == ["KZ-2026-closed-2026-0001", "KZ-2026-closed-2026-0002"]
    # English has no organisation names: Russian stands in, as on the pages.
    assert rows[0][2:4] == ["Фонд «Детский фонд»", "150540000019"]
    assert rows[0][5] == "Youth call"
    assert rows[1][2] == "'" + FORMULA, "a formula-like name is stored as text, never run"

    kazakh = read_csv(client.get(url, {"lang": "kk"}), "kk")
    assert kazakh[1][2] == "«Балалар қоры» қоғамдық қоры"
    assert kazakh[1][5] == "Жастарға арналған конкурс"
    assert kazakh[2][2] == "'=1+1"


def test_the_queue_as_xlsx_keeps_text_as_text(client, operator, queue):
    client.force_login(operator)
    response = client.get(reverse("grants:operator_queue_download", args=["xlsx"]), {"lang": "ru"})
    assert response.status_code == 200
    sheet = read_xlsx(response)
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows[0]) == 10 and len(rows) == 3
    assert rows[1][2] == "Фонд «Детский фонд»"
    formula_cell = sheet.cell(row=3, column=3)
    assert formula_cell.value == FORMULA  # as typed, no apostrophe shown
    assert (formula_cell.data_type, formula_cell.quotePrefix) == ("s", True)  # a text cell, never run
    assert isinstance(rows[1][8], datetime.datetime), "dates stay dates"


def test_the_downloads_follow_the_page_filters(client, operator, queue):
    client.force_login(operator)
    response = client.get(reverse("grants:operator_queue_download", args=["csv"]), {"q": "детский"})
    assert [row[0] for row in read_csv(response, "kk")[1:]] == ["KZ-2026-closed-2026-0001"]


def test_an_unknown_format_is_not_found(client, operator, queue):
    client.force_login(operator)
    assert client.get(reverse("grants:operator_queue_download", args=["pdf"])).status_code == 404


def scored(call, organisation, number, score):
    return ApplicationFactory(
        direction=call.directions.first() or DirectionFactory(call=call, planned_grants=1),
        call=call,
        organisation=organisation,
        status=Application.Status.REVIEWED,
        number=number,
        final_score=Decimal(score),
        submitted_at=timezone.now(),
    )


def test_the_ranking_as_xlsx(client, operator, closed_call):
    scored(closed_call, OrganisationFactory(name_ru="Фонд «Первый»"), "KZ-2026-closed-2026-0005", "71.50")
    scored(closed_call, OrganisationFactory(name_ru=FORMULA), "KZ-2026-closed-2026-0006", "88.25")
    client.force_login(operator)
    response = client.get(reverse("grants:ranking_download", args=[closed_call.code, "xlsx"]), {"lang": "ru"})
    assert response.status_code == 200
    rows = list(read_xlsx(response).iter_rows(values_only=True))
    assert len(rows[0]) == 9
    assert [(r[1], r[2], r[4], r[6]) for r in rows[1:]] == [
        (1, "KZ-2026-closed-2026-0006", FORMULA, 88.25),
        (2, "KZ-2026-closed-2026-0005", "Фонд «Первый»", 71.5),
    ]


def test_late_payments_as_csv(client, operator):
    project = make_project(
        organisation=OrganisationFactory(name_ru="Фонд «Опоздание»", name_kk="«Кешігу» қоры"),
        operator=operator,
    )
    tranche = project.tranches.get(number=1)
    payment_record(
        tranche=tranche,
        amount=tranche.amount,
        paid_on=tranche.due_on + datetime.timedelta(days=9),
        by=operator,
    )
    client.force_login(operator)
    header, *rows = read_csv(
        client.get(reverse("grants:late_payments_download", args=["csv"]), {"lang": "en"})
    )
    assert header[:2] == ["Agreement", "Organisation"] and header[-2:] == ["Days late", "Working days late"]
    assert len(rows) == 1
    assert rows[0][0] == project.agreement_number
    assert rows[0][1] == "Фонд «Опоздание»"
    assert rows[0][8] == f"{tranche.amount:f}"
    assert rows[0][9] == "9"


def test_expert_loads_page_and_download(client, operator, closed_call):
    application = submitted(closed_call, OrganisationFactory(), "KZ-2026-closed-2026-0009", "compliant")
    other = submitted(closed_call, OrganisationFactory(), "KZ-2026-closed-2026-0010", "compliant")
    expert = ExpertFactory(user=UserFactory(full_name="Айгүл Сәрсенова"))
    Assignment.objects.create(application=application, expert=expert, status=Assignment.Status.SUBMITTED)
    Assignment.objects.create(application=other, expert=expert)
    client.force_login(operator)
    page = client.get(reverse("grants:expert_loads", args=[closed_call.code]))
    assert page.status_code == 200
    assert "Айгүл Сәрсенова" in page.content.decode()
    header, *rows = read_csv(
        client.get(reverse("grants:expert_loads_download", args=[closed_call.code, "csv"]), {"lang": "en"})
    )
    assert header[:7] == [
        "Expert's code",
        "Expert",
        "Assigned",
        "Scored",
        "Recused",
        "Replaced by the operator",
        "Overdue",
    ]
    code = f"E-{expert.pk:03d}"
    assert rows == [[code, "Айгүл Сәрсенова", "2", "1", "0", "0", "0", "1", rows[0][8]]]


@pytest.mark.parametrize(
    "name",
    [
        ("grants:operator_queue_download", lambda call: ["csv"]),
        ("grants:ranking_download", lambda call: [call.code, "xlsx"]),
        ("grants:expert_loads_download", lambda call: [call.code, "csv"]),
        ("grants:expert_loads", lambda call: [call.code]),
        ("grants:late_payments_download", lambda call: ["xlsx"]),
    ],
    ids=lambda n: n[0],
)
def test_only_the_operator_downloads(client, closed_call, alice, name):
    url_name, args = name
    expert = ExpertFactory().user
    for person in (alice, expert):
        client.force_login(person)
        response = client.get(reverse(url_name, args=args(closed_call)))
        assert response.status_code == 403, (url_name, person)


def test_the_queue_download_queries_do_not_grow_with_rows(client, operator, closed_call):
    client.force_login(operator)
    url = reverse("grants:operator_queue_download", args=["xlsx"])

    def build(start, k):
        for n in range(start, start + k):
            region = Region.objects.order_by("kato")[n % 10]
            submitted(closed_call, OrganisationFactory(region=region), f"KZ-2026-closed-2026-{n:04d}")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    build(1, 3)
    client.get(url)
    with_n = count()
    build(4, 3)
    assert count() == with_n


# --- Search and filters ---------------------------------------------------------------------------------------


def queue_numbers(client, **params) -> list[str]:
    response = client.get(reverse("grants:operator_queue"), params)
    assert response.status_code == 200
    page = response.content.decode()
    return [
        n
        for n in ("KZ-2026-closed-2026-0001", "KZ-2026-closed-2026-0002", "KZ-2026-closed-2026-0003")
        if n in page
    ]


def test_the_queue_is_searched_by_name_bin_or_number_and_filtered(client, operator, queue, closed_call):
    other_call = CallFactory(code="other-2026")
    submitted(other_call, OrganisationFactory(), "KZ-2026-closed-2026-0003", Application.Status.COMPLIANT)
    client.force_login(operator)
    assert queue_numbers(client) == ["KZ-2026-closed-2026-0001", "KZ-2026-closed-2026-0002"]
    assert queue_numbers(client, q="ДЕТСКИЙ") == ["KZ-2026-closed-2026-0001"]
    assert queue_numbers(client, q="балалар") == ["KZ-2026-closed-2026-0001"]
    assert queue_numbers(client, q="150540000019") == ["KZ-2026-closed-2026-0001"]
    assert queue_numbers(client, q="kz-2026-closed-2026-0002") == ["KZ-2026-closed-2026-0002"]
    assert queue_numbers(client, region=queue["other_region"].kato) == ["KZ-2026-closed-2026-0002"]
    assert queue_numbers(client, status="compliant") == ["KZ-2026-closed-2026-0003"]
    assert queue_numbers(client, status="compliant", call="closed-2026") == []
    assert queue_numbers(client, call="closed-2026") == [
        "KZ-2026-closed-2026-0001",
        "KZ-2026-closed-2026-0002",
    ]


@pytest.mark.parametrize(
    ("params", "listed"),
    [
        ({"status": "<script>"}, True),
        ({"call": "no-such-call", "region": "x" * 500}, True),
        ({"q": "а" * 5000}, True),
        # LIKE's wildcards are searched as text: nothing matches, and the bad status is named.
        ({"q": "%_", "status": "'; DROP TABLE"}, False),
    ],
)
def test_junk_filters_are_named_and_ignored(client, operator, queue, params, listed):
    client.force_login(operator)
    response = client.get(reverse("grants:operator_queue"), params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page
    # The bad filter is left out; the others still apply.
    assert ("KZ-2026-closed-2026-0001" in page) is listed
    response = client.get(reverse("grants:operator_payments"), params)
    assert response.status_code == 200
    download = client.get(reverse("grants:operator_queue_download", args=["csv"]), params)
    assert download.status_code == 200


def test_payments_are_searched_by_agreement_organisation_and_filtered(client, operator):
    first = make_project(organisation=OrganisationFactory(name_ru="Фонд «Альфа»"), operator=operator)
    second = make_project(organisation=OrganisationFactory(name_ru="Фонд «Бета»"), operator=operator)
    client.force_login(operator)
    url = reverse("grants:operator_payments")

    def listed(**params):
        page = client.get(url, params).content.decode()
        return [p.agreement_number for p in (first, second) if p.agreement_number in page]

    assert listed() == [first.agreement_number, second.agreement_number]
    assert listed(q="бета") == [second.agreement_number]
    assert listed(q=first.agreement_number.lower()) == [first.agreement_number]
    assert listed(q=first.application.organisation.bin) == [first.agreement_number]
    # The advance of both fell due in January 2026: past due, so "not yet due" lists neither.
    assert listed(status="overdue") == [first.agreement_number, second.agreement_number]
    assert listed(status="not_due") == []


def test_the_queue_names_each_call_by_its_title_not_its_code(client, operator, queue, closed_call):
    """The queue's headings read 'Конкурс для молодёжи (closed-2026)': a slug on a user page."""
    client.force_login(operator)
    page = client.get(reverse("grants:operator_queue"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "<h2>Конкурс для молодёжи</h2>" in page
    assert "(closed-2026)" not in page
