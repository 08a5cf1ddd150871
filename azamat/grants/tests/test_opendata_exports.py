"""Open data downloads are safe in a spreadsheet and named in the language asked for."""

import csv
import io

import openpyxl
import pytest

from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.models import Application
from azamat.registry.models import Region

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("http://x")'


@pytest.fixture
def published(db):
    call = CallFactory(code="formula-2026", results_published=True)
    direction = DirectionFactory(call=call, region=Region.objects.get(kato="470000000"))
    application = ApplicationFactory(
        direction=direction,
        call=call,
        status=Application.Status.AWARDED,
        number="KZ-2026-formula-2026-0001",
        title="-2+3 youth",
    )
    organisation = application.organisation
    organisation.name_kk = FORMULA
    organisation.name_ru = FORMULA
    organisation.save()
    return application


def _csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_a_formula_in_a_name_is_neutralised_in_csv_and_xlsx(client, published):
    [row] = _csv_rows(client.get("/grants/open-data/grants.csv"))
    assert row["Recipient Org:Name"] == "'" + FORMULA
    assert row["Title"] == "'-2+3 youth"
    assert row["Identifier"] == "360G-azamat-KZ-2026-formula-2026-0001"

    response = client.get("/grants/open-data/grants.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    columns = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=columns.index("Recipient Org:Name") + 1)
    assert (cell.data_type, cell.quotePrefix, cell.value) == ("s", True, FORMULA)
    formulas = [c.coordinate for r in sheet.iter_rows() for c in r if c.data_type == "f"]
    assert formulas == []


def test_names_are_in_the_language_asked_for(client, published):
    organisation = published.organisation
    organisation.name_kk = "«Жарқын болашақ» қоғамдық бірлестігі"
    organisation.name_ru = "Общественное объединение «Светлое будущее»"
    organisation.save()
    region = Region.objects.get(kato="470000000")
    [ru] = _csv_rows(client.get("/grants/open-data/grants.csv", HTTP_ACCEPT_LANGUAGE="ru"))
    assert ru["Recipient Org:Name"] == "Общественное объединение «Светлое будущее»"
    assert ru["Beneficiary Location:0:Name"] == region.name_ru
    [kk] = _csv_rows(client.get("/grants/open-data/grants.csv", {"lang": "kk"}, HTTP_ACCEPT_LANGUAGE="ru"))
    assert kk["Recipient Org:Name"] == "«Жарқын болашақ» қоғамдық бірлестігі"
    assert kk["Beneficiary Location:0:Name"] == region.name_kk
    # The field names are the standard's in every language.
    assert list(kk) == list(ru) and "Recipient Org:Name" in kk
    [en] = _csv_rows(client.get("/grants/open-data/grants.csv", {"lang": "en"}))
    assert en["Beneficiary Location:0:Name"] == region.name_en
