"""The organisations import reads files as organisations in Kazakhstan really have them: headers in Kazakh,
Russian and English, a title row above a workbook's table, regions, areas and dates by name, and what the
command and the admin show was read."""

import datetime
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from azamat.registry.import_columns import SYNONYMS, header_key, map_header
from azamat.registry.importing import COLUMNS, ImportRefused, RowError, organisations_import
from azamat.registry.models import Organisation
from azamat.registry.tests.import_files_support import (
    BAD_BIN,
    KAZAKH_NAMES,
    MEYIRIM,
    RUSSIAN_NAMES,
    SHANYRAK,
    TAZA,
    _lines,
    _mapping,
    _names,
    _russian_rows,
    _write,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# --- Headers --------------------------------------------------------------------------------------------


def test_kazakh_headers_and_names_of_regions_and_areas_in_kazakh(tmp_path):
    rows = [
        [
            "БСН",
            "Атауы (қазақша)",
            "Атауы (орысша)",
            "Ұйымдық-құқықтық нысаны",
            "Тіркелген күні",
            "Облыс",
            "Қызмет салалары",
            "Мекенжайы",
            "Еріктілер саны",
        ],
        [
            MEYIRIM,
            KAZAKH_NAMES[MEYIRIM],
            RUSSIAN_NAMES[MEYIRIM],
            "Қоғамдық қор",
            "18.07.2016",
            "Павлодар облысы",
            "Әлеуметтік қорғау; Егде жастағы адамдар",
            "Павлодар қ., Кутузов к-сі, 204",
            "1 200",
        ],
        [
            TAZA,
            KAZAKH_NAMES[TAZA],
            RUSSIAN_NAMES[TAZA],
            "ҚБ",
            "20.11.2008",
            "Алматы",
            "Білім беру, Мәдениет",
            "",
            "12",
        ],
    ]
    path = _write(tmp_path, _lines(rows), "utf-8-sig")

    report = organisations_import(rows_source=path, all_or_nothing=False)

    assert (report.created, report.errors) == (2, [])
    assert _mapping(report) == [
        ("БСН", ("bin",)),
        ("Атауы (қазақша)", ("name_kk",)),
        ("Атауы (орысша)", ("name_ru",)),
        ("Ұйымдық-құқықтық нысаны", ("legal_form",)),
        ("Тіркелген күні", ("registered_on",)),
        ("Облыс", ("region_kato",)),
        ("Қызмет салалары", ("areas",)),
        ("Мекенжайы", ("address",)),
        ("Еріктілер саны", ("volunteer_count",)),
    ]
    meyirim = Organisation.objects.get(bin=MEYIRIM)
    assert (meyirim.legal_form, meyirim.region.kato, meyirim.volunteer_count, meyirim.address) == (
        "public_foundation",
        "550000000",
        1200,
        "Павлодар қ., Кутузов к-сі, 204",
    )
    assert sorted(meyirim.areas.values_list("code", flat=True)) == ["elderly", "social-protection"]
    taza = Organisation.objects.get(bin=TAZA)
    assert (taza.legal_form, taza.region.kato) == ("public_association", "750000000")  # Алматы: the city
    assert sorted(taza.areas.values_list("code", flat=True)) == ["culture", "education"]


def test_english_headers_written_loosely(tmp_path):
    rows = [
        [
            "  BIN* ",
            "NAME (KK)",
            "Name in Russian",
            "Legal form",
            "Registration date",
            "Region (KATO)",
            "Areas of activity",
            "E-mail",
            "Web site",
            "Tel.",
            "Short name",
        ],
        [
            MEYIRIM,
            KAZAKH_NAMES[MEYIRIM],
            RUSSIAN_NAMES[MEYIRIM],
            "Public foundation",
            "2016-07-18",
            "Pavlodar Region",
            "Human rights, legal-aid",
            "info@meyirim.example.kz",
            "https://meyirim.example.kz",
            "+7 7182 32 77 01",
            "Мейірім",
        ],
    ]
    path = _write(tmp_path, _lines(rows, delimiter=","), "utf-8")

    report = organisations_import(rows_source=path, all_or_nothing=False)

    assert (report.created, report.errors) == (1, [])
    assert [fields for _header, fields in _mapping(report)] == [
        ("bin",),
        ("name_kk",),
        ("name_ru",),
        ("legal_form",),
        ("registered_on",),
        ("region_kato",),
        ("areas",),
        ("email",),
        ("website",),
        ("phone",),
        ("short_name",),
    ]
    assert _mapping(report)[0] == ("BIN", ("bin",))  # as written, without the spaces and the mark
    meyirim = Organisation.objects.get(bin=MEYIRIM)
    assert (meyirim.email, meyirim.website, meyirim.phone, meyirim.short_name, meyirim.region.kato) == (
        "info@meyirim.example.kz",
        "https://meyirim.example.kz",
        "+7 7182 32 77 01",
        "Мейірім",
        "550000000",
    )
    assert sorted(meyirim.areas.values_list("code", flat=True)) == ["human-rights", "legal-aid"]


def test_one_name_column_gives_the_name_in_both_languages(tmp_path):
    rows = [
        ["БИН", "Наименование организации", "ОПФ", "Дата регистрации", "Регион"],
        [MEYIRIM, KAZAKH_NAMES[MEYIRIM], "ОФ", "18.07.2016", "г. Астана"],
        [TAZA, "", "ОО", "20.11.2008", "Нур-Султан"],
    ]
    path = _write(tmp_path, _lines(rows), "utf-8")

    report = organisations_import(rows_source=path, all_or_nothing=False)

    assert _mapping(report)[1] == ("Наименование организации", ("name_kk", "name_ru"))
    assert _names(MEYIRIM) == (KAZAKH_NAMES[MEYIRIM], KAZAKH_NAMES[MEYIRIM])
    assert Organisation.objects.get(bin=MEYIRIM).region.kato == "710000000"
    # An empty name is said once, under the file's own header.
    assert report.errors == [
        RowError(
            line=3,
            bin=TAZA,
            codes=["required"],
            messages=["Наименование организации: this value is required."],
        )
    ]


def test_a_name_in_one_language_only_serves_the_other(tmp_path):
    rows = [
        ["BIN", "Name (ru)", "Legal form", "Registered on", "Region"],
        [MEYIRIM, RUSSIAN_NAMES[MEYIRIM], "public_foundation", "2016-07-18", "550000000"],
    ]
    path = _write(tmp_path, _lines(rows), "utf-8")

    report = organisations_import(rows_source=path, all_or_nothing=False)

    assert _mapping(report)[1] == ("Name (ru)", ("name_ru", "name_kk"))
    assert _names(MEYIRIM) == (RUSSIAN_NAMES[MEYIRIM], RUSSIAN_NAMES[MEYIRIM])


def test_a_column_named_twice_is_read_once_and_the_other_shown_as_ignored():
    mapping = map_header(["БИН", "BIN", "Наименование", "Атауы (қазақша)", "", "Комментарий"])

    assert [(column.header, column.fields) for column in mapping.columns] == [
        ("БИН", ("bin",)),
        ("BIN", ()),
        ("Наименование", ("name_ru",)),  # a Kazakh name is there: the generic name fills the Russian
        ("Атауы (қазақша)", ("name_kk",)),
        ("", ()),
        ("Комментарий", ()),
    ]
    assert [column.header for column in mapping.ignored] == ["BIN", "Комментарий"]  # a blank is no header


def test_every_header_synonym_names_one_column_only():
    columns_of: dict[str, set[str]] = {}
    for column, phrases in SYNONYMS.items():
        for phrase in phrases:
            columns_of.setdefault(header_key(phrase), set()).add(column)

    assert {key: columns for key, columns in columns_of.items() if len(columns) > 1} == {}
    assert set(SYNONYMS) == {*COLUMNS, "name"}
    assert all(header_key(column) in columns_of for column in COLUMNS)  # the documented names work too
    assert header_key(" «БИН  организации»: ") == header_key("бин-организации") == "бин организации"


# --- A workbook with a title row -------------------------------------------------------------------------


def _workbook_with_a_title() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Реестр некоммерческих организаций Павлодарской области на 01.01.2026"])
    sheet.append([])
    sheet.append(["№", "БИН", "Атауы", "Наименование", "ОПФ", "Дата регистрации", "Регион", "Направления"])
    sheet.append(
        [
            1,
            int(TAZA),
            KAZAKH_NAMES[TAZA],
            RUSSIAN_NAMES[TAZA],
            "ОО",
            datetime.date(2008, 11, 20),
            "Западно-Казахстанская обл.",
            "экология; Volunteering",
        ]
    )
    sheet.append([2, BAD_BIN, "«Қате» қоры", "Фонд «Ошибка»", "ОФ", "18.07.2016", "Павлодар", ""])
    sheet.append(
        [
            3,
            MEYIRIM,
            KAZAKH_NAMES[MEYIRIM],
            RUSSIAN_NAMES[MEYIRIM],
            "Благотворительность",
            "31.02.2016",
            550000000,
            "Космос",
        ]
    )
    sheet.append(
        [
            4,
            SHANYRAK,
            KAZAKH_NAMES[SHANYRAK],
            RUSSIAN_NAMES[SHANYRAK],
            "ҚБ",
            "21.10.2019",
            "Шымкент",
            "Отбасы және демография",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_workbook_with_a_title_row_above_the_table(tmp_path):
    path = tmp_path / "реестр.xlsx"
    path.write_bytes(_workbook_with_a_title())

    report = organisations_import(rows_source=path, all_or_nothing=False)

    assert (report.header_line, report.encoding, report.created, report.valid) == (3, None, 2, 2)
    assert _mapping(report) == [
        ("№", ()),
        ("БИН", ("bin",)),
        ("Атауы", ("name_kk",)),  # "name" in Kazakh and in Russian: each its language's
        ("Наименование", ("name_ru",)),
        ("ОПФ", ("legal_form",)),
        ("Дата регистрации", ("registered_on",)),
        ("Регион", ("region_kato",)),
        ("Направления", ()),
    ]
    assert [(error.line, error.bin, error.codes) for error in report.errors] == [
        (5, BAD_BIN, ["bin_checksum"]),
        (6, MEYIRIM, ["unknown_legal_form", "bad_date"]),
    ]
    taza = Organisation.objects.get(bin=TAZA)  # its BIN was a number: the leading zero is back
    assert (taza.name_kk, taza.region.kato, taza.registered_on) == (
        KAZAKH_NAMES[TAZA],
        "270000000",
        datetime.date(2008, 11, 20),
    )
    assert Organisation.objects.get(bin=SHANYRAK).region.kato == "790000000"
    assert sorted(Organisation.objects.values_list("bin", flat=True)) == sorted([TAZA, SHANYRAK])


def test_all_or_nothing_keeps_working_with_a_title_row(tmp_path):
    path = tmp_path / "реестр.xlsx"
    path.write_bytes(_workbook_with_a_title())

    report = organisations_import(rows_source=path, all_or_nothing=True)

    assert (report.created, report.valid, report.rolled_back) == (0, 2, True)
    assert [error.line for error in report.errors] == [5, 6]
    assert Organisation.objects.count() == 0


def test_a_table_without_a_bin_column_is_refused_showing_what_was_read(tmp_path):
    rows = [["Наименование", "Регион", "Телефон"], ["Фонд «Мейирим»", "Павлодар", "+7 7182 32 77 01"]]
    path = _write(tmp_path, _lines(rows), "cp1251")

    with pytest.raises(ImportRefused) as refused:
        organisations_import(rows_source=path, all_or_nothing=False)

    assert refused.value.code == "import_missing_columns"
    assert str(refused.value).startswith("The file has no column bin, legal_form, registered_on. ")
    assert (refused.value.header_line, _mapping(refused.value)) == (
        1,
        [("Наименование", ("name_kk", "name_ru")), ("Регион", ("region_kato",)), ("Телефон", ("phone",))],
    )


# --- Regions, areas, dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "kato"),
    [
        ("Павлодарская область", "550000000"),
        ("ПАВЛОДАР ОБЛЫСЫ", "550000000"),
        ("pavlodar region", "550000000"),
        ("Алматинская обл.", "190000000"),
        ("Алматы облысы", "190000000"),
        ("г.Алматы", "750000000"),
        ("Алматы", "750000000"),
        ("Алматы қ.", "750000000"),
        ("Актобе", "150000000"),  # Ақтөбе without the Kazakh letters
        ("область Жетісу", "330000000"),
        ("Улытау", "620000000"),
        ("СКО", "590000000"),
        ("ШҚО", "630000000"),
        ("Нұр-Сұлтан", "710000000"),
        ("750 000 000", "750000000"),
    ],
)
def test_a_region_by_name_in_any_language_or_kato_code(tmp_path, written, kato):
    rows = [
        ["bin", "name", "legal_form", "registered_on", "region"],
        [MEYIRIM, RUSSIAN_NAMES[MEYIRIM], "public_foundation", "2016-07-18", written],
    ]

    report = organisations_import(rows_source=_write(tmp_path, _lines(rows), "utf-8"), all_or_nothing=False)

    assert report.errors == []
    assert Organisation.objects.get(bin=MEYIRIM).region.kato == kato


def test_unknown_areas_are_named_and_a_future_date_refused(tmp_path):
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)  # noqa: DTZ011 — a day ahead in any zone
    rows = [
        ["bin", "name", "legal_form", "registered_on", "region", "areas"],
        [
            MEYIRIM,
            RUSSIAN_NAMES[MEYIRIM],
            "public_foundation",
            tomorrow.strftime("%d.%m.%Y"),
            "Павлодар",
            "Экология; Космос, Спорт",
        ],
    ]

    report = organisations_import(rows_source=_write(tmp_path, _lines(rows), "utf-8"), all_or_nothing=False)

    assert report.errors == [
        RowError(
            line=2,
            bin=MEYIRIM,
            codes=["future_date", "unknown_areas"],
            messages=[
                f"registered_on: “{tomorrow:%d.%m.%Y}” is in the future; write the date the organisation was "
                "registered.",
                "areas: no area of activity has the code or name Космос.",
            ],
        )
    ]
    assert Organisation.objects.count() == 0


# --- The command and the admin show what was read ---------------------------------------------------------


def test_the_command_shows_the_columns_read_and_takes_an_encoding(tmp_path):
    path = _write(tmp_path, _lines(_russian_rows()), "kz1048")
    out = io.StringIO()

    with pytest.raises(CommandError) as failed:
        call_command(
            "import-organisations", str(path), "--encoding", "kz1048", "--language", "en", stdout=out
        )

    lines = out.getvalue().splitlines()
    assert lines[:10] == [
        "Encoding: KZ-1048. Values separated by semicolons.",
        "Columns read from line 1:",
        "  БИН организации → bin",
        "  Наименование на казахском языке → name_kk",
        "  Наименование на русском языке → name_ru",
        "  Организационно-правовая форма → legal_form",
        "  Дата регистрации → registered_on",
        "  Регион → region_kato",
        "  Сфера деятельности → areas",
        "  Columns ignored: Примечание",
    ]
    assert [line.split(":")[0] for line in lines[10:]] == ["line 3", "line 5"]
    assert str(failed.value) == "Imported 3 organisations. 2 rows were bad and are listed above."
    assert _names(MEYIRIM) == (KAZAKH_NAMES[MEYIRIM], RUSSIAN_NAMES[MEYIRIM])

    with pytest.raises(CommandError) as failed:
        call_command("import-organisations", str(path), "--encoding", "koi9", "--language", "en")
    assert str(failed.value) == "“koi9” is not an encoding; use utf-8, cp1251 or kz1048."


def test_the_command_shows_the_columns_of_a_refused_file(tmp_path):
    path = _write(
        tmp_path, _lines([["БИН", "Наименование", "Регион"], [MEYIRIM, "Фонд", "Павлодар"]]), "utf-8"
    )
    out = io.StringIO()

    with pytest.raises(CommandError) as failed:
        call_command("import-organisations", str(path), "--language", "en", stdout=out)

    assert out.getvalue() == (
        "Columns read from line 1:\n  БИН → bin\n  Наименование → name_kk, name_ru\n  Регион → region_kato\n"
    )
    assert str(failed.value).startswith("The file has no column legal_form, registered_on. ")


def test_the_admin_shows_the_columns_read_from_an_upload(client, dana):
    client.force_login(dana)
    url = reverse("admin:registry_organisation_import")
    upload = SimpleUploadedFile(
        "реестр.csv", _lines(_russian_rows()).encode("kz1048"), content_type="text/csv"
    )

    response = client.post(url, {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert (response.context["report"].created, response.context["header_line"]) == (3, 1)
    body = response.content.decode()
    assert "Columns read from line 1" in body
    assert "Encoding: KZ-1048." in body and "Values separated by semicolons." in body
    assert "<td>БИН организации</td>" in body and "<code>bin</code>" in body
    assert re.search(r"<td>Примечание</td>\s*<td>ignored</td>", body)
    assert _names(MEYIRIM) == (KAZAKH_NAMES[MEYIRIM], RUSSIAN_NAMES[MEYIRIM])


def test_the_admin_encoding_choice_overrides_the_detection_and_refusals_show_the_columns(client, dana):
    client.force_login(dana)
    url = reverse("admin:registry_organisation_import")
    kz1048 = _lines(_russian_rows()[:2]).encode("kz1048")

    response = client.post(
        url,
        {"file": SimpleUploadedFile("a.csv", kz1048), "encoding": "utf-8"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.context["form"].errors == {
        "file": [
            "Line 1 cannot be read in the UTF-8 encoding. Choose another encoding, or let it be detected. "
            "Nothing was imported."
        ]
    }
    assert Organisation.objects.count() == 0

    response = client.post(
        url,
        {"file": SimpleUploadedFile("b.csv", "БИН;Регион\r\n1;Павлодар\r\n".encode("cp1251"))},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.context["report"] is None
    assert [(column.header, column.fields) for column in response.context["mapping"].columns] == [
        ("БИН", ("bin",)),
        ("Регион", ("region_kato",)),
    ]
    assert "<td>Регион</td>" in response.content.decode()
