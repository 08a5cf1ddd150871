"""Importing organisations from CSV and XLSX files: the service. The command and the admin upload are in
`test_import_command.py`."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext

from azamat.core.bin import make_bin
from azamat.registry import importing
from azamat.registry.importing import ImportRefused, RowError, organisations_import
from azamat.registry.models import AllianceMembership, Organisation
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HEADER = ["bin", "name_kk", "name_ru", "legal_form", "registered_on", "region_kato", "areas"]
MEYIRIM = make_bin(year=2016, month=7, serial=1190)  # 160740011903
TAZA = make_bin(year=2008, month=11, serial=2741)  # 081140027418
SHANYRAK = make_bin(year=2019, month=10, serial=4025)  # 191040040256
WRONG_CHECK_DIGIT = MEYIRIM[:11] + str((int(MEYIRIM[11]) + 1) % 10)


@pytest.fixture(autouse=True)
def english():
    """Messages in English, Django's own included, unless a test asks for another language."""
    with translation.override("en"):
        yield


def _row(bin_, name="Мейірім", region="550000000", **extra):
    row = {
        "bin": bin_,
        "name_kk": f"«{name}» қоры",
        "name_ru": f"Фонд «{name}»",
        "legal_form": "public_foundation",
        "registered_on": "2016-07-18",
        "region_kato": region,
        "areas": "social-protection",
    }
    row.update(extra)
    return row


def _csv(tmp_path, rows, *, header=None, delimiter=",", encoding="utf-8", name="organisations.csv"):
    header = header or list(dict.fromkeys(key for row in rows for key in row)) or HEADER
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([row.get(column, "") for column in header] for row in rows)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _import(path, *, all_or_nothing=False, **kwargs):
    return organisations_import(rows_source=path, all_or_nothing=all_or_nothing, **kwargs)


def _bins():
    return sorted(Organisation.objects.values_list("bin", flat=True))


# --- Good files ---------------------------------------------------------------------------------------


def test_a_good_csv_imports_every_row_with_its_values(tmp_path, carol):
    alliance = OrganisationFactory(is_alliance=True, name_ru="Ассоциация благотворительных фондов")
    path = _csv(
        tmp_path,
        [
            _row(
                MEYIRIM,
                areas="social-protection; elderly",
                address="Павлодар, ул. Кутузова, 204",
                short_name="Мейирим",
                description="Помощь одиноким пожилым людям.",
                staff_count="5",
                volunteer_count="1 200",
                website="https://meyirim.example.kz",
                email="info@meyirim.example.kz",
                phone="+7 7182 32 77 01",
                alliance_bin=alliance.bin,
            ),
            _row(
                TAZA,
                name="Таза Жайық",
                region="270000000",
                legal_form="Public association",
                registered_on="20.11.2008",
                areas="ecology|volunteering",
            ),
        ],
    )

    report = _import(path, by=carol)

    assert (report.created, report.valid, report.errors, report.rolled_back) == (2, 2, [], False)
    meyirim = Organisation.objects.get(bin=MEYIRIM)
    assert {
        field: getattr(meyirim, field)
        for field in (
            "name_kk",
            "name_ru",
            "short_name",
            "legal_form",
            "registered_on",
            "address",
            "about_kk",
            "about_ru",
            "staff_count",
            "volunteer_count",
            "website",
            "email",
            "phone",
            "is_alliance",
        )
    } == {
        "name_kk": "«Мейірім» қоры",
        "name_ru": "Фонд «Мейірім»",
        "short_name": "Мейирим",
        "legal_form": "public_foundation",
        "registered_on": datetime.date(2016, 7, 18),
        "address": "Павлодар, ул. Кутузова, 204",
        "about_kk": "",
        "about_ru": "Помощь одиноким пожилым людям.",  # a column "about" in Russian letters
        "staff_count": 5,
        "volunteer_count": 1200,
        "website": "https://meyirim.example.kz",
        "email": "info@meyirim.example.kz",
        "phone": "+7 7182 32 77 01",
        "is_alliance": False,
    }
    assert meyirim.region.kato == "550000000"
    assert sorted(meyirim.areas.values_list("code", flat=True)) == ["elderly", "social-protection"]
    assert meyirim.search_text == (
        "«мейірім» қоры фонд «мейірім» мейирим 160740011903 павлодар, ул. кутузова, 204"
    )
    # Every record of its history (the organisation, then its areas) names the person importing.
    assert {record.history_user for record in meyirim.history.all()} == {carol}
    link = AllianceMembership.objects.get(member=meyirim)
    assert (link.alliance, link.kind, link.history.get().history_user) == (alliance, "member", carol)

    taza = Organisation.objects.get(bin=TAZA)
    assert (taza.legal_form, taza.registered_on, taza.region.kato) == (
        "public_association",
        datetime.date(2008, 11, 20),
        "270000000",
    )
    assert sorted(taza.areas.values_list("code", flat=True)) == ["ecology", "volunteering"]
    assert (taza.staff_count, taza.volunteer_count, taza.website, taza.alliance_memberships.count()) == (
        0,
        0,
        "",
        0,
    )


def test_the_shipped_sample_imports_ten_organisations(db):
    report = _import(importing.sample_path())

    assert (report.created, report.errors) == (10, [])
    assert Organisation.objects.count() == 10
    almaty = Organisation.objects.get(bin="140340088428")
    assert (almaty.name_ru, almaty.legal_form, almaty.region.kato) == (
        "Ассоциация экологических организаций Казахстана",
        "ale",
        "750000000",
    )
    assert (
        Organisation.objects.get(bin="160740011903").legal_form == "public_foundation"
    )  # "Public foundation"


def test_an_xlsx_workbook_with_numbers_and_dates_in_cells(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        ["BIN", "Name_KK", "NAME_RU", "legal_form", "registered_on", "region_kato", "staff_count", "notes"]
    )
    sheet.append(
        [
            int(TAZA),
            "«Таза Жайық» қоры",
            "Фонд «Таза Жайык»",
            "public_foundation",
            datetime.date(2008, 11, 20),
            270000000,
            4,
            "not imported",
        ]
    )
    sheet.append([])
    sheet.append(
        [MEYIRIM, "«Мейірім» қоры", "Фонд «Мейирим»", "public_foundation", "18.07.2016", "550000000", 5.0]
    )
    path = tmp_path / "organisations.xlsx"
    workbook.save(path)

    report = _import(path)

    assert (report.created, report.errors) == (2, [])
    taza = Organisation.objects.get(bin="081140027418")  # the leading zero the number lost is back
    assert (taza.name_ru, taza.registered_on, taza.region.kato, taza.staff_count) == (
        "Фонд «Таза Жайык»",
        datetime.date(2008, 11, 20),
        "270000000",
        4,
    )
    meyirim = Organisation.objects.get(bin=MEYIRIM)
    assert (meyirim.registered_on, meyirim.staff_count) == (datetime.date(2016, 7, 18), 5)


def test_a_semicolon_csv_with_a_byte_order_mark_as_excel_writes_it(tmp_path):
    path = _csv(
        tmp_path,
        [
            _row(MEYIRIM, address="Павлодар, ул. Кутузова, 204", areas="social-protection|elderly"),
            _row(TAZA, name="Таза Жайық", region="270000000", registered_on="20.11.2008"),
        ],
        delimiter=";",
        encoding="utf-8-sig",
    )
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"

    report = _import(path)

    assert (report.created, report.errors) == (2, [])
    meyirim = Organisation.objects.get(bin=MEYIRIM)
    assert meyirim.address == "Павлодар, ул. Кутузова, 204"
    assert sorted(meyirim.areas.values_list("code", flat=True)) == ["elderly", "social-protection"]


# --- Bad rows ------------------------------------------------------------------------------------------


def test_a_wrong_check_digit_is_reported_with_its_line_and_not_created(tmp_path):
    path = _csv(
        tmp_path, [_row(TAZA, name="Таза Жайық"), _row(WRONG_CHECK_DIGIT), _row(SHANYRAK, name="Шаңырақ")]
    )

    report = _import(path)

    assert report.created == 2
    assert report.errors == [
        RowError(
            line=3,
            bin="160740011904",
            codes=["bin_checksum"],
            messages=["bin: 160740011904 is not a valid BIN: its check digit does not match."],
        )
    ]
    assert _bins() == sorted([TAZA, SHANYRAK])


def test_an_unknown_region_is_reported(tmp_path):
    path = _csv(tmp_path, [_row(MEYIRIM, region="551010000")])

    report = _import(path)

    assert report.created == 0
    assert report.errors == [
        RowError(
            line=2,
            bin=MEYIRIM,
            codes=["unknown_region"],
            messages=[
                "region_kato: no region has the KATO code “551010000”; use the 9-digit code of a region or "
                "city, e.g. 750000000 for Almaty."
            ],
        )
    ]
    assert Organisation.objects.count() == 0


def test_a_bin_already_registered_or_repeated_in_the_file_is_reported(tmp_path, ngo):
    path = _csv(
        tmp_path, [_row(ngo.bin), _row(MEYIRIM), _row(TAZA, name="Таза Жайық"), _row(MEYIRIM, name="Копия")]
    )

    report = _import(path)

    assert report.created == 2
    assert report.errors == [
        RowError(
            line=2,
            bin=ngo.bin,
            codes=["duplicate_bin"],
            messages=[f"bin: an organisation with the BIN {ngo.bin} is already registered on Azamat."],
        ),
        RowError(
            line=5,
            bin=MEYIRIM,
            codes=["duplicate_bin_in_file"],
            messages=[f"bin: the BIN {MEYIRIM} already appears on line 3 of this file."],
        ),
    ]
    assert Organisation.objects.get(bin=MEYIRIM).name_ru == "Фонд «Мейірім»"
    assert Organisation.objects.get(bin=ngo.bin).name_ru == ngo.name_ru


def test_each_bad_value_is_named_with_its_column(tmp_path, ngo):
    header = [*HEADER, "staff_count", "email", "website", "alliance_bin"]
    path = _csv(
        tmp_path,
        [
            _row("", name_kk="", name_ru="", legal_form="", registered_on="", region="", areas="ecology"),
            _row(
                MEYIRIM,
                legal_form="charity",
                registered_on="31.02.2016",
                areas="ecology;space;mars",
                staff_count="пять",
                email="info@",
                website="meyirim",
                alliance_bin=ngo.bin,
            ),
            _row(TAZA, name="Таза Жайық", alliance_bin=SHANYRAK, staff_count="-3"),
            _row("12345"),
        ],
        header=header,
    )

    report = _import(path)

    assert report.created == 0
    assert [(error.line, error.bin, error.codes, error.messages) for error in report.errors] == [
        (
            2,
            "",
            ["required"] * 6,
            [
                "bin: this value is required.",
                "name_kk: this value is required.",
                "name_ru: this value is required.",
                "legal_form: this value is required.",
                "registered_on: this value is required.",
                "region_kato: this value is required.",
            ],
        ),
        (
            3,
            MEYIRIM,
            [
                "unknown_legal_form",
                "bad_date",
                "bad_integer",
                "unknown_areas",
                "not_an_alliance",
                "invalid",
                "invalid",
            ],
            [
                "legal_form: “charity” is not a legal form; use one of: public_association, public_foundation, ale, "
                "private_institution, religious_association, non_profit_jsc, consumer_cooperative, other.",
                "registered_on: “31.02.2016” is not a date; write it as YYYY-MM-DD or DD.MM.YYYY.",
                "staff_count: “пять” is not a whole number.",
                "areas: no area of activity has the code or name space, mars.",
                f"alliance_bin: the organisation with the BIN {ngo.bin} is not an alliance or network.",
                "website: Enter a valid URL.",
                "email: Enter a valid email address.",
            ],
        ),
        (
            4,
            TAZA,
            ["unknown_alliance", "min_value"],
            [
                f"alliance_bin: no organisation with the BIN {SHANYRAK} is registered on Azamat.",
                "staff_count: Ensure this value is greater than or equal to 0.",
            ],
        ),
        (5, "12345", ["bin_length"], ["bin: A BIN has exactly 12 digits."]),
    ]
    assert _bins() == [ngo.bin]


def test_a_row_with_more_values_than_columns_is_reported(tmp_path):
    path = tmp_path / "organisations.csv"
    path.write_text(
        ",".join(HEADER) + "\n"
        f"{MEYIRIM},«Мейірім» қоры,Фонд «Мейирим»,public_foundation,2016-07-18,550000000,,Павлодар\n"
        f"{TAZA},«Таза Жайық» қоры,Фонд «Таза Жайык»,public_foundation,2008-11-20,270000000,ecology,\n",
        encoding="utf-8",
    )

    report = _import(path)

    assert report.errors == [
        RowError(
            line=2,
            bin=MEYIRIM,
            codes=["too_many_values"],
            messages=["row: the row has 8 values but the first line names only 7 columns."],
        )
    ]
    assert _bins() == [TAZA]


def test_about_goes_to_its_language_from_a_column_per_language_or_by_its_letters(tmp_path):
    path = _csv(
        tmp_path,
        [
            _row(MEYIRIM, **{"Ұйым туралы": "Жалғыз қарттарға көмек."}),
            _row(
                TAZA,
                name="Таза Жайық",
                **{"Описание на казахском": "Жайықты тазалаймыз.", "Ұйым туралы": "Чистим Урал."},
            ),
        ],
    )

    report = _import(path)

    assert (report.created, report.errors) == (2, [])
    assert list(
        Organisation.objects.order_by("bin").values_list("bin", "about_kk", "about_ru", "about_en")
    ) == sorted(
        [
            (MEYIRIM, "Жалғыз қарттарға көмек.", "", ""),
            (TAZA, "Жайықты тазалаймыз.", "Чистим Урал.", ""),
        ]
    )


def test_line_numbers_count_blank_lines_and_values_spanning_lines(tmp_path):
    path = tmp_path / "organisations.csv"
    path.write_text(
        "bin,name_kk,name_ru,legal_form,registered_on,region_kato,description\n"
        "\n"
        f'{TAZA},«Таза Жайық» қоры,Фонд «Таза Жайык»,public_foundation,2008-11-20,270000000,"Две\nстроки"\n'
        f"{WRONG_CHECK_DIGIT},«Мейірім» қоры,Фонд «Мейирим»,public_foundation,2016-07-18,550000000,\n",
        encoding="utf-8",
    )

    report = _import(path)

    assert [(error.line, error.codes) for error in report.errors] == [(5, ["bin_checksum"])]
    assert Organisation.objects.get(bin=TAZA).about_ru == "Две\nстроки"


def test_all_or_nothing_imports_nothing_when_one_row_is_bad(tmp_path):
    path = _csv(tmp_path, [_row(MEYIRIM), _row(TAZA, name="Таза Жайық"), _row(SHANYRAK, region="999999999")])

    report = _import(path, all_or_nothing=True)

    assert (report.created, report.valid, report.rolled_back) == (0, 2, True)
    assert [(error.line, error.bin, error.codes) for error in report.errors] == [
        (4, SHANYRAK, ["unknown_region"])
    ]
    assert Organisation.objects.count() == 0
    assert Organisation.history.count() == 0

    report = _import(_csv(tmp_path, [_row(MEYIRIM), _row(TAZA, name="Таза Жайық")]), all_or_nothing=True)

    assert (report.created, report.errors, report.rolled_back) == (2, [], False)
    assert _bins() == sorted([MEYIRIM, TAZA])


def test_a_dry_run_checks_every_row_and_imports_nothing(tmp_path, ngo):
    path = _csv(tmp_path, [_row(MEYIRIM), _row(ngo.bin)])

    report = _import(path, dry_run=True)

    assert (report.created, report.valid, report.dry_run, report.rolled_back) == (0, 1, True, False)
    assert [(error.line, error.codes) for error in report.errors] == [(3, ["duplicate_bin"])]
    assert _bins() == [ngo.bin]


# --- Files refused as a whole ---------------------------------------------------------------------------


def test_a_file_missing_a_required_column_is_refused(tmp_path):
    path = _csv(tmp_path, [_row(MEYIRIM)], header=["bin", "name_kk", "name_ru", "legal_form", "areas"])

    with pytest.raises(ImportRefused) as refused:
        _import(path)

    assert refused.value.code == "import_missing_columns"
    assert str(refused.value) == (
        "The file has no column registered_on, region_kato. A line above the organisations must name the "
        "columns, at least: bin, name_kk / name_ru, legal_form, registered_on, region_kato (one name, in Kazakh "
        "or Russian, is enough); the import guide lists the headers accepted in Kazakh, Russian and English. "
        "Nothing was imported."
    )
    assert refused.value.header_line == 1
    assert [(column.header, column.fields) for column in refused.value.mapping.columns] == [
        ("bin", ("bin",)),
        ("name_kk", ("name_kk",)),
        ("name_ru", ("name_ru",)),
        ("legal_form", ("legal_form",)),
        ("areas", ("areas",)),
    ]
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
            "import_not_a_table",
            "The file is neither a CSV file nor an XLSX workbook. In Excel, save it as “CSV UTF-8” or “Excel workbook "
            "(.xlsx)”. Nothing was imported.",
        ),
        (
            b"PK\x03\x04 not really a zip archive",
            "import_not_a_table",
            "The file is neither a CSV file nor an XLSX workbook. In Excel, save it as “CSV UTF-8” or “Excel workbook "
            "(.xlsx)”. Nothing was imported.",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an old workbook",
            "import_legacy_xls",
            "Old Excel files (.xls) cannot be read. In Excel, save the file as “Excel workbook (.xlsx)” or “CSV UTF-8”. "
            "Nothing was imported.",
        ),
        (
            (
                "bin;name_kk;name_ru;legal_form;registered_on;region_kato\n"
                f"{MEYIRIM};Мейірім;Фонд «Мейирим»;public_foundation;2016-07-18;550000000\n"
            ).encode()
            + f"{TAZA};Таза;Фонд «Таза Жайык»;public_foundation;2008-11-20;270000000\n".encode("cp1251"),
            "import_not_utf8",
            "Line 3 is not in the UTF-8 encoding. In Excel, save the file as “CSV UTF-8” or as an XLSX workbook. "
            "Nothing was imported.",
        ),
        (
            b"",
            "import_empty_file",
            "The file is empty: its first line must name the columns. Nothing was imported.",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_refused(tmp_path, content, code, message):
    path = tmp_path / "organisations.csv"
    path.write_bytes(content)

    with pytest.raises(ImportRefused) as refused:
        _import(path)

    assert (refused.value.code, str(refused.value)) == (code, message)
    assert Organisation.objects.count() == 0


def test_a_malformed_csv_row_changes_nothing(tmp_path):
    path = tmp_path / "organisations.csv"
    path.write_text(
        ",".join(HEADER) + "\n"
        f"{MEYIRIM},«Мейірім» қоры,Фонд «Мейирим»,public_foundation,2016-07-18,550000000,\n"
        f'{TAZA},«Таза Жайық» қоры,"Фонд "Таза Жайык"",public_foundation,2008-11-20,270000000,\n',
        encoding="utf-8",
    )

    with pytest.raises(ImportRefused) as refused:
        _import(path)

    assert (refused.value.code, str(refused.value)) == (
        "import_malformed_csv",
        "Line 3 is not valid CSV: check its quotation marks. Nothing was imported.",
    )
    assert Organisation.objects.count() == 0


def test_messages_are_in_the_language_of_the_person_importing(tmp_path):
    path = _csv(tmp_path, [_row(MEYIRIM, region="999999999")])

    with translation.override("ru"):
        report = _import(path)
        expected = gettext(
            "no region has the KATO code “%(value)s”; use the 9-digit code of a region or city, "
            "e.g. 750000000 for Almaty."
        ) % {"value": "999999999"}
        with pytest.raises(ImportRefused) as refused:
            _import(_csv(tmp_path, [_row(TAZA)], header=["bin"], name="short.csv"))
        expected_refusal = gettext(
            "The file has no column %(columns)s. A line above the organisations must name the columns, at "
            "least: %(required)s (one name, in Kazakh or Russian, is enough); the import guide lists the "
            "headers accepted in Kazakh, Russian and English. Nothing was imported."
        ) % {
            "columns": "name_kk / name_ru, legal_form, registered_on, region_kato",
            "required": "bin, name_kk / name_ru, legal_form, registered_on, region_kato",
        }

    assert report.errors == [
        RowError(line=2, bin=MEYIRIM, codes=["unknown_region"], messages=[f"region_kato: {expected}"])
    ]
    assert str(refused.value) == expected_refusal
    # Translated when the message is made, not when the module was loaded.
    assert all(isinstance(message, Promise) for message in importing.MESSAGES.values())
