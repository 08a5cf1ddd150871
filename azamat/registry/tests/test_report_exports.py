"""The annual report's files read back: the XLSX (openpyxl), the JSON and the PDF (pypdf) hold the report's data, the
API gives the same flat JSON, and LibreOffice opens the XLSX, to CSV and to PDF (soffice must be installed: no skip;
opening our PDF copy in LibreOffice would need its Draw component, which CI does not install)."""

import datetime
import io
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from azamat.registry import report_services as services
from azamat.registry.models import Membership
from azamat.registry.report_exports import FORMAT_VERSION
from azamat.registry.tests.test_report_services import complete
from azamat.testing.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 11, 30)


@pytest.fixture
def filed():
    ngo = OrganisationFactory(name_kk="«Қамқор» қоры", name_ru="Фонд «Қамқор»", current_report=False)
    admin = MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN).user
    income = [
        {"source": "foreign", "amount": Decimal("1500000.50"), "donor": "=Stiftung Mitte", "country": "DE"},
        {"source": "state_grant", "amount": Decimal("200000"), "donor": "", "country": ""},
    ]
    report = complete(
        services.report_create(organisation=ngo, year=2025, by=admin, on=ON), admin, income=income
    )
    report = services.report_file(report=report, by=admin, on=ON)
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    client.force_login(admin)
    return report, client


def download(client, report, kind) -> bytes:
    url = reverse("registry:report_export", args=[report.organisation.bin, report.pk, kind])
    response = client.get(url)
    assert response.status_code == 200
    assert f"ngo-report-{report.organisation.bin}-2025-v1.{kind}" in response["Content-Disposition"]
    return response.content


def test_the_json_is_the_flat_documented_format(filed):
    report, client = filed
    data = json.loads(download(client, report, "json"))
    assert data["format_version"] == FORMAT_VERSION
    assert data["organisation.name_kk"] == "«Қамқор» қоры"
    assert data["report.year"] == 2025
    assert data["income.total"] == "1700000.50"
    assert data["income.by_source.foreign"] == "1500000.50"
    assert (data["income.1.donor"], data["income.1.country"]) == ("=Stiftung Mitte", "DE")
    assert data["founders.1.name"] == "Әлия Серікқызы"
    assert data["beneficiaries.1.number"] == 120
    documented = Path("docs/annual-report-format.md").read_text()
    for key in data:
        generic = ".".join("N" if part.isdigit() else part for part in key.split("."))
        assert f"`{generic}`" in documented, f"{generic} is not documented"
    api = client.get(f"/api/v1/annual-reports/{report.pk}/")
    assert api.json() == data


def test_the_xlsx_holds_the_same_keys_with_numbers_and_no_formula(filed):
    report, client = filed
    sheet = load_workbook(io.BytesIO(download(client, report, "xlsx"))).active
    rows = {key: value for key, value in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["organisation.name_kk"] == "«Қамқор» қоры"
    assert rows["income.total"] == 1700000.5
    assert rows["income.1.country"] == "DE"
    assert rows["income.1.donor"] == "=Stiftung Mitte"  # shown as typed, in a text cell never run
    donor = next(row[1] for row in sheet.iter_rows(min_row=2) if row[0].value == "income.1.donor")
    assert (donor.data_type, donor.quotePrefix) == ("s", True)


def test_the_pdf_copy_shows_the_report(filed):
    report, client = filed
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(download(client, report, "pdf"))).pages
    )
    assert "Фонд «Қамқор»" in text
    assert "Әлия Серікқызы" in text
    assert "1 500 000,50" in text.replace("\u00a0", " ")
    assert "Германия" in text  # the donor's country by its name, not "DE"


def test_the_pdf_copy_writes_dates_as_the_pages_do_and_a_bin_on_one_line(filed):
    """The PDF gave "Срок сдачи: 2026-03-31" where the pages say "31 марта 2026", and cut a founder's BIN in its
    narrow column ("9003153012 37")."""
    report, client = filed
    report.founders.update(identifier="900315301237")
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(download(client, report, "pdf"))).pages
    )
    assert "31 марта 2026" in text and "30 ноября 2026" in text
    assert "2026-03-31" not in text and "2026-11-30" not in text
    assert "900315301237" in text


def soffice(source: Path, target: str, out: Path) -> Path:
    binary = shutil.which("soffice")
    assert binary, "LibreOffice (soffice) is required: .ci/run installs it"
    subprocess.run(  # noqa: S603 — a fixed program on our own temporary file
        [
            binary,
            "--headless",
            f"-env:UserInstallation=file://{out}/profile",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    [converted] = out.glob(f"{source.stem}.{target.split(':')[0]}")
    return converted


def test_libreoffice_opens_the_exports(filed, tmp_path):
    report, client = filed
    xlsx = tmp_path / "report.xlsx"
    xlsx.write_bytes(download(client, report, "xlsx"))
    csv_text = soffice(xlsx, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path).read_text(encoding="utf-8")
    assert "«Қамқор» қоры" in csv_text
    assert "income.1.country,DE" in csv_text
    assert "income.total,1700000.5" in csv_text
    printed = tmp_path / "printed"
    printed.mkdir()
    text = "".join(page.extract_text() for page in PdfReader(soffice(xlsx, "pdf", printed)).pages)
    assert "«Қамқор» қоры" in text and "Stiftung Mitte" in text  # LibreOffice renders it, Kazakh letters too
