"""Importing organisations through the `import-organisations` command and the admin's upload page: what they
say, what they import, and who may use them. The service itself is tested in `test_import.py`."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from azamat.registry.importing import RowError
from azamat.registry.models import Organisation
from azamat.registry.tests.test_import import (
    HEADER,
    MEYIRIM,
    TAZA,
    WRONG_CHECK_DIGIT,
    _bins,
    _csv,
    _row,
)
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages in English, Django's own included, unless a test asks for another language."""
    with translation.override("en"):
        yield


# --- The command -----------------------------------------------------------------------------------------

# What the command says first about a CSV file written by _csv() with the default header.
PREAMBLE = "Encoding: UTF-8. Values separated by commas.\nColumns read from line 1:\n" + "".join(
    f"  {column} → {column}\n" for column in HEADER
)


def test_the_command_imports_a_good_file_and_exits_with_zero(tmp_path, carol):
    path = _csv(tmp_path, [_row(MEYIRIM), _row(TAZA, name="Таза Жайық")])
    out = io.StringIO()

    call_command("import-organisations", str(path), "--language", "en", "--by", carol.email, stdout=out)

    assert out.getvalue() == PREAMBLE + "Imported 2 organisations.\n"
    assert _bins() == sorted([MEYIRIM, TAZA])
    assert {record.history_user for record in Organisation.objects.get(bin=MEYIRIM).history.all()} == {carol}


def test_the_command_lists_bad_rows_and_exits_with_one(tmp_path, ngo):
    path = _csv(tmp_path, [_row(MEYIRIM), _row(WRONG_CHECK_DIGIT), _row(ngo.bin, region="1")])
    out = io.StringIO()

    with pytest.raises(CommandError) as failed:
        call_command("import-organisations", str(path), "--language", "en", stdout=out)

    assert out.getvalue() == PREAMBLE + (
        "line 3: BIN 160740011904: bin: 160740011904 is not a valid BIN: its check digit does not match.\n"
        f"line 4: BIN {ngo.bin}: bin: an organisation with the BIN {ngo.bin} is already registered on Azamat. "
        "region_kato: no region has the KATO code “1”; use the 9-digit code of a region or city, "
        "e.g. 750000000 for Almaty.\n"
    )
    assert str(failed.value) == "Imported 1 organisation. 2 rows were bad and are listed above."
    assert failed.value.returncode == 1
    assert _bins() == sorted([MEYIRIM, ngo.bin])


def test_the_command_all_or_nothing_and_dry_run(tmp_path):
    bad = _csv(tmp_path, [_row(MEYIRIM), _row(""), _row(TAZA, name="Таза Жайық")], name="bad.csv")
    good = _csv(tmp_path, [_row(MEYIRIM)], name="good.csv")
    out = io.StringIO()

    with pytest.raises(CommandError) as failed:
        call_command("import-organisations", str(bad), "--all-or-nothing", "--language", "en", stdout=out)

    assert out.getvalue() == PREAMBLE + "line 3: BIN —: bin: this value is required.\n"
    assert str(failed.value) == (
        "Nothing was imported (--all-or-nothing); 2 rows were valid. 1 row was bad and is listed above."
    )
    out = io.StringIO()

    call_command("import-organisations", str(good), "--dry-run", "--language", "en", stdout=out)

    assert out.getvalue() == PREAMBLE + "Dry run: 1 row is valid; nothing was imported.\n"
    assert Organisation.objects.count() == 0


def test_the_command_refuses_a_file_it_cannot_read(tmp_path):
    path = _csv(
        tmp_path, [_row(MEYIRIM)], header=["bin", "name_kk", "name_ru", "legal_form", "registered_on"]
    )

    with pytest.raises(CommandError) as failed:
        call_command("import-organisations", str(path), "--language", "en", stdout=io.StringIO())
    assert str(failed.value) == (
        "The file has no column region_kato. A line above the organisations must name the columns, at least: "
        "bin, name_kk / name_ru, legal_form, registered_on, region_kato (one name, in Kazakh or Russian, is "
        "enough); the import guide lists the headers accepted in Kazakh, Russian and English. Nothing was "
        "imported."
    )

    with pytest.raises(CommandError) as failed:
        call_command("import-organisations", str(tmp_path / "missing.csv"), "--language", "en")
    assert str(failed.value) == f"No such file: {tmp_path / 'missing.csv'}"
    assert Organisation.objects.count() == 0


# --- The admin upload --------------------------------------------------------------------------------------


def _upload(rows, name="organisations.csv"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows([row[column] for column in HEADER] for row in rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def test_a_platform_administrator_imports_from_the_admin(client, dana):
    client.force_login(dana)
    url = reverse("admin:registry_organisation_import")
    assert url == "/admin/registry/organisation/import/"

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert page.context["title"] == "Import organisations"

    response = client.post(
        url,
        {"file": _upload([_row(MEYIRIM), _row(WRONG_CHECK_DIGIT, name="Копия")])},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    report = response.context["report"]
    assert (report.created, report.errors) == (
        1,
        [
            RowError(
                line=3,
                bin="160740011904",
                codes=["bin_checksum"],
                messages=["bin: 160740011904 is not a valid BIN: its check digit does not match."],
            )
        ],
    )
    body = response.content.decode()
    assert "Imported 1 organisation." in body
    assert "<td>3</td>" in body and "<td>160740011904</td>" in body
    assert {record.history_user for record in Organisation.objects.get(bin=MEYIRIM).history.all()} == {dana}
    assert _bins() == [MEYIRIM]


def test_the_admin_upload_all_or_nothing_and_refusals(client, dana):
    client.force_login(dana)
    url = reverse("admin:registry_organisation_import")

    response = client.post(
        url, {"file": _upload([_row(MEYIRIM), _row("")]), "all_or_nothing": "on"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert (response.context["report"].created, response.context["report"].rolled_back) == (0, True)
    assert "Nothing was imported because some rows are bad; 1 row was valid." in response.content.decode()

    response = client.post(
        url, {"file": SimpleUploadedFile("logo.png", b"\x89PNG\r\n")}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.context["form"].errors == {"file": ["Choose a .csv or .xlsx file."]}

    response = client.post(
        url, {"file": SimpleUploadedFile("logo.csv", b"\x89PNG\r\n\x1a\n\x00")}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.context["form"].errors == {
        "file": [
            "The file is neither a CSV file nor an XLSX workbook. In Excel, save it as “CSV UTF-8” or “Excel workbook "
            "(.xlsx)”. Nothing was imported."
        ]
    }
    assert response.context["report"] is None
    assert Organisation.objects.count() == 0


def test_the_admin_upload_takes_an_xlsx_workbook_and_asks_for_a_file(client, dana):
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER)
    workbook.active.append([_row(TAZA, name="Таза Жайық")[column] for column in HEADER])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(dana)
    url = reverse("admin:registry_organisation_import")

    response = client.post(
        url, {"file": SimpleUploadedFile("organisations.xlsx", buffer.getvalue())}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert (response.context["report"].created, response.context["report"].errors) == (1, [])
    assert Organisation.objects.get(bin=TAZA).name_ru == "Фонд «Таза Жайық»"

    response = client.post(url, {}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.context["form"].errors == {"file": ["This field is required."]}


def test_the_admin_upload_is_limited_to_ten_megabytes(client, dana, monkeypatch):
    monkeypatch.setattr("azamat.registry.admin_import.IMPORT_MAX_BYTES", 100)
    client.force_login(dana)

    response = client.post(
        reverse("admin:registry_organisation_import"),
        {"file": _upload([_row(MEYIRIM)])},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.context["form"].errors == {"file": ["The file is too large: at most 0 MB."]}
    assert Organisation.objects.count() == 0


def test_the_admin_list_shows_the_import_button_to_those_who_may_import(client, dana):
    client.force_login(dana)

    body = client.get(
        reverse("admin:registry_organisation_changelist"), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    assert f'href="{reverse("admin:registry_organisation_import")}"' in body


def test_staff_without_the_permission_to_add_organisations_cannot_import(client):
    clerk = UserFactory(is_staff=True)
    client.force_login(clerk)

    response = client.post(reverse("admin:registry_organisation_import"), {"file": _upload([_row(MEYIRIM)])})

    assert response.status_code == 403
    assert Organisation.objects.count() == 0
