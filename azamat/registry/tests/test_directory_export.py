"""The directory's results as a spreadsheet: what the page found, in its order, opened by openpyxl as Excel would."""

import datetime
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from azamat.registry.models import ActivityArea, Region
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="organisations-')
    return load_workbook(io.BytesIO(response.content)).active


def test_the_directory_downloads_what_it_found_as_a_spreadsheet(db):
    """There was no way to take the directory away: a citizen or an official copied it page by page."""
    almaty, aktau = Region.objects.get(kato="750000000"), Region.objects.get(kato="470000000")
    ecology = ActivityArea.objects.get(code="ecology")
    zero = OrganisationFactory(
        bin="030740001414",
        name_kk="«Жасыл ел» қоры",
        name_ru='=HYPERLINK("http://example.com")',
        region=almaty,
        registered_on=datetime.date(2003, 7, 15),
        staff_count=12,
        phone="+7 701 123 45 67",
    )
    zero.areas.add(ecology)
    OrganisationFactory(name_kk="«Әділдік» қоры", name_ru="Фонд «Справедливость»", region=almaty)
    OrganisationFactory(name_kk="«Каспий» қоры", name_ru="Фонд «Каспий»", region=aktau)
    client = Client(HTTP_ACCEPT_LANGUAGE="kk")
    page = client.get("/organisations/", {"region": "750000000"}).content.decode()
    assert 'href="?region=750000000&amp;format=xlsx" download>' in page
    sheet = _sheet(client.get("/organisations/", {"region": "750000000", "format": "xlsx"}))
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("БСН", "Қазақша атауы", "Орысша атауы")
    assert [row[1] for row in rows[1:]] == ["«Әділдік» қоры", "«Жасыл ел» қоры"]  # the page's order, filtered
    row = rows[2]
    assert row[0] == "030740001414"  # text: the leading zero stays
    assert (
        row[2] == '=HYPERLINK("http://example.com")' and sheet["C3"].data_type == "s"
    )  # text, not a formula
    assert row[13] == "+7 701 123 45 67"  # as typed: no apostrophe before the plus
    assert row[5].date() == datetime.date(2003, 7, 15)  # a date Excel sorts and filters
    assert (row[6], row[8], row[9]) == ("Алматы қ.", "Экология", 12)
    assert row[-1].endswith(f"/organisations/{zero.bin}/")
    russian = _sheet(
        Client(HTTP_ACCEPT_LANGUAGE="ru").get("/organisations/", {"q": "каспий", "format": "xlsx"})
    )
    assert [row[2] for row in russian.iter_rows(min_row=2, values_only=True)] == ["Фонд «Каспий»"]
    assert russian["A1"].value == "БИН"
