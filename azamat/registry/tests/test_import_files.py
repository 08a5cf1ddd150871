"""The organisations import reads files as organisations in Kazakhstan really have them.

Every file here is written byte by byte as Excel (or a person) saves it: UTF-8 with and without a BOM,
Windows-1251, KZ-1048, UTF-16; semicolons, commas, tabs; headers in Kazakh, Russian and English; a title
row above the table of a workbook.
"""

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

from azamat.core.bin import make_bin
from azamat.registry.import_columns import SYNONYMS, header_key, map_header
from azamat.registry.import_text import detect_delimiter, detect_encoding
from azamat.registry.importing import COLUMNS, ImportRefused, RowError, organisations_import
from azamat.registry.models import Organisation

pytestmark = pytest.mark.django_db


def _bin(year: int, month: int, serial: int) -> str:
    """A valid BIN: the first serial from `serial` on whose check digit exists."""
    while (bin_ := make_bin(year=year, month=month, serial=serial)) is None:
        serial += 1
    return bin_


MEYIRIM = _bin(2016, 7, 1190)
TAZA = _bin(2008, 11, 2741)
SHANYRAK = _bin(2019, 10, 4025)
ZHARKYN = _bin(2012, 3, 517)
BAD_BIN = MEYIRIM[:11] + str((int(MEYIRIM[11]) + 1) % 10)

# Real names with the Kazakh letters KZ-1048 holds and Windows-1251 does not.
KAZAKH_NAMES = {
    MEYIRIM: "«Мейірім» қайырымдылық қоры",
    TAZA: "«Таза Жайық» экологиялық қоғамдық бірлестігі",
    SHANYRAK: "«Шаңырақ» отбасын қолдау орталығы",
    ZHARKYN: "«Жарқын болашақ» Өскемен жастар ұйымы",
}
RUSSIAN_NAMES = {
    MEYIRIM: "Благотворительный фонд «Мейирим»",
    TAZA: "Общественное объединение «Таза Жайык»",
    SHANYRAK: "Центр поддержки семьи «Шанырак»",
    ZHARKYN: "Молодёжная организация «Жаркын болашак» — Усть-Каменогорск",
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _lines(rows, delimiter=";"):
    """Rows as Excel writes CSV: separated, quoted only where needed, CRLF line ends."""

    def cell(value):
        value = str(value)
        if any(char in value for char in (delimiter, '"', "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join(delimiter.join(cell(value) for value in row) + "\r\n" for row in rows)


def _write(tmp_path, text: str, encoding: str, name="organisations.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _mapping(report_or_refusal):
    return [(column.header, column.fields) for column in report_or_refusal.mapping.columns]


def _names(bin_):
    organisation = Organisation.objects.get(bin=bin_)
    return organisation.name_kk, organisation.name_ru


# --- Encodings ------------------------------------------------------------------------------------------

RUSSIAN_HEADER = [
    "БИН организации",
    "Наименование на казахском языке",
    "Наименование на русском языке",
    "Организационно-правовая форма",
    "Дата регистрации",
    "Регион",
    "Сфера деятельности",
    "Примечание",
]


def _russian_rows():
    return [
        RUSSIAN_HEADER,
        [
            MEYIRIM,
            KAZAKH_NAMES[MEYIRIM],
            RUSSIAN_NAMES[MEYIRIM],
            "Общественный фонд",
            "18.07.2016",
            "Павлодарская область",
            "Социальная защита; Пожилые люди",
            "",
        ],
        [
            BAD_BIN,
            "«Қате» қоры",
            "Фонд «Ошибка»",
            "Общественный фонд",
            "18.07.2016",
            "Павлодар облысы",
            "",
            "",
        ],
        [
            TAZA,
            KAZAKH_NAMES[TAZA],
            RUSSIAN_NAMES[TAZA],
            "Общественное объединение",
            "20.11.2008",
            "Батыс Қазақстан облысы",
            "Экология, Волонтёрство",
            "проверено",
        ],
        [
            SHANYRAK,
            KAZAKH_NAMES[SHANYRAK],
            RUSSIAN_NAMES[SHANYRAK],
            "Общественное объединение",
            "21.10.2019",
            "Марс",
            "Семья и демография",
            "",
        ],
        [
            ZHARKYN,
            KAZAKH_NAMES[ZHARKYN],
            RUSSIAN_NAMES[ZHARKYN],
            "ОО",
            "01.03.2012",
            "ВКО",
            "Дети и молодёжь",
            "",
        ],
    ]


def _assert_russian_file_imported(report):
    assert (report.created, report.valid) == (3, 3)
    assert report.errors == [
        RowError(
            line=3,
            bin=BAD_BIN,
            codes=["bin_checksum"],
            messages=[f"БИН организации: {BAD_BIN} is not a valid BIN: its check digit does not match."],
        ),
        RowError(
            line=5,
            bin=SHANYRAK,
            codes=["unknown_region_name"],
            messages=[
                "Регион: no region or city of republican significance is named “Марс”; write its name in "
                "Kazakh, Russian or English (e.g. Павлодар облысы, Павлодарская область, Pavlodar Region) or "
                "its 9-digit KATO code."
            ],
        ),
    ]
    assert _mapping(report) == [
        ("БИН организации", ("bin",)),
        ("Наименование на казахском языке", ("name_kk",)),
        ("Наименование на русском языке", ("name_ru",)),
        ("Организационно-правовая форма", ("legal_form",)),
        ("Дата регистрации", ("registered_on",)),
        ("Регион", ("region_kato",)),
        ("Сфера деятельности", ("areas",)),
        ("Примечание", ()),
    ]
    assert [column.header for column in report.mapping.ignored] == ["Примечание"]
    meyirim = Organisation.objects.get(bin=MEYIRIM)
    assert (meyirim.name_kk, meyirim.name_ru, meyirim.legal_form, meyirim.region.kato) == (
        KAZAKH_NAMES[MEYIRIM],
        RUSSIAN_NAMES[MEYIRIM],
        "public_foundation",
        "550000000",
    )
    assert sorted(meyirim.areas.values_list("code", flat=True)) == ["elderly", "social-protection"]
    taza = Organisation.objects.get(bin=TAZA)
    assert (taza.legal_form, taza.region.kato, taza.registered_on) == (
        "public_association",
        "270000000",
        datetime.date(2008, 11, 20),
    )
    assert sorted(taza.areas.values_list("code", flat=True)) == ["ecology", "volunteering"]
    zharkyn = Organisation.objects.get(bin=ZHARKYN)
    assert (zharkyn.name_ru, zharkyn.legal_form, zharkyn.region.kato) == (
        RUSSIAN_NAMES[ZHARKYN],
        "public_association",
        "630000000",
    )
    assert sorted(Organisation.objects.values_list("bin", flat=True)) == sorted([MEYIRIM, TAZA, ZHARKYN])


def test_a_kz1048_file_with_kazakh_names_and_russian_headers(tmp_path):
    path = _write(tmp_path, _lines(_russian_rows()), "kz1048")
    assert path.read_bytes().decode("cp1251") != _lines(_russian_rows())  # the Kazakh letters differ

    report = organisations_import(rows_source=path, all_or_nothing=False)

    assert (report.encoding, report.delimiter, report.header_line) == ("KZ-1048", ";", 1)
    _assert_russian_file_imported(report)


def test_a_utf8_file_without_a_byte_order_mark(tmp_path):
    path = _write(tmp_path, _lines(_russian_rows()), "utf-8")
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")

    report = organisations_import(rows_source=path, all_or_nothing=False)

    assert (report.encoding, report.delimiter) == ("UTF-8", ";")
    _assert_russian_file_imported(report)


def test_a_utf8_file_with_a_byte_order_mark_and_commas(tmp_path):
    path = _write(tmp_path, _lines(_russian_rows(), delimiter=","), "utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")

    report = organisations_import(rows_source=path, all_or_nothing=False)

    assert (report.encoding, report.delimiter) == ("UTF-8", ",")
    _assert_russian_file_imported(report)


def test_a_utf16_tab_separated_file_as_excel_saves_unicode_text(tmp_path):
    path = _write(tmp_path, _lines(_russian_rows(), delimiter="\t"), "utf-16")

    report = organisations_import(rows_source=path, all_or_nothing=False)

    assert (report.encoding, report.delimiter) == ("UTF-16", "\t")
    _assert_russian_file_imported(report)


def test_a_windows_1251_file_with_russian_names_and_tabs(tmp_path):
    """Excel's plain "CSV" in a Russian locale: Windows-1251, which has no Kazakh letters but і."""
    rows = [
        [
            "БИН",
            "Наименование (рус.)",
            "Наименование (каз.)",
            "ОПФ",
            "Дата регистрации",
            "Область",
            "Направления деятельности",
        ],
        [
            MEYIRIM,
            "Благотворительный фонд «Мейирим»",
            "«Мейірім» қоры".replace("қ", "к"),
            "ОФ",
            "2016-07-18",
            "Павлодарская обл.",
            "Социальная защита",
        ],
        [
            TAZA,
            "ОО «Таза Жайык» — экология",
            "«Таза Жайык» бірлестігі",
            "ОО",
            "20.11.2008",
            "Западно-Казахстанская область",
            "Экология|Образование",
        ],
    ]
    path = _write(tmp_path, _lines(rows, delimiter="\t"), "cp1251")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")

    report = organisations_import(rows_source=path, all_or_nothing=False)

    assert (report.encoding, report.delimiter, report.created, report.errors) == ("Windows-1251", "\t", 2, [])
    assert _names(MEYIRIM) == ("«Мейірім» коры", "Благотворительный фонд «Мейирим»")
    assert _names(TAZA) == ("«Таза Жайык» бірлестігі", "ОО «Таза Жайык» — экология")
    assert Organisation.objects.get(bin=TAZA).region.kato == "270000000"
    assert sorted(Organisation.objects.get(bin=TAZA).areas.values_list("code", flat=True)) == [
        "ecology",
        "education",
    ]


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        # Kazakh prose: every Kazakh letter is a KZ-1048 byte that Windows-1251 reads as ј, ќ, ў, ї …
        (
            "Қазақстан Республикасының азаматтық қоғам институттары әлеуметтік маңызы бар жобаларды "
            "іске асырады. Үкіметтік емес ұйымдар өңірлерде балалар мен жастарға, мүгедектігі бар "
            "адамдарға көмек көрсетеді. Шығыс Қазақстан, Түркістан, Ұлытау, Маңғыстау.",
            "kz1048",
            "kz1048",
        ),
        ("ҚАЗАҚСТАН ЭКОЛОГИЯЛЫҚ ҰЙЫМДАРЫНЫҢ ҚАУЫМДАСТЫҒЫ; ӨСКЕМЕН; ҮКІМЕТ", "kz1048", "kz1048"),
        # Russian prose with the punctuation Excel keeps: « » — № ё.
        (
            "Общественное объединение «Ёлка» — №5 в реестре; Благотворительный фонд поддержки "
            "пожилых людей, Восточно-Казахстанская область, г. Усть-Каменогорск.",
            "cp1251",
            "cp1251",
        ),
        ("ТОО «ҚАЗАҚ» ", "kz1048", "kz1048"),
        ("Фонд «Мейирим», Павлодар", "kz1048", "cp1251"),  # the same bytes in both: the common one
    ],
)
def test_the_8_bit_encoding_is_the_one_that_reads_kazakh_and_russian_letters(text, encoding, expected):
    data = text.encode(encoding)

    detected = detect_encoding(data)

    assert detected == expected
    assert data.decode(detected) == text


def test_an_encoding_asked_for_overrides_the_detection(tmp_path):
    path = _write(tmp_path, _lines(_russian_rows()[:2]), "kz1048")

    report = organisations_import(rows_source=path, all_or_nothing=False, encoding="cp1251")

    assert (report.encoding, report.created) == ("Windows-1251", 1)
    # Read as Windows-1251, the Kazakh letters become other alphabets' letters: what was asked for.
    assert _names(MEYIRIM)[0] == KAZAKH_NAMES[MEYIRIM].encode("kz1048").decode("cp1251")
    assert _names(MEYIRIM)[0] == "«Мейірім» ќайырымдылыќ ќоры"


def test_a_file_that_the_encoding_asked_for_cannot_read_is_refused(tmp_path):
    path = _write(tmp_path, _lines(_russian_rows()[:3]), "kz1048")

    with pytest.raises(ImportRefused) as refused:
        organisations_import(rows_source=path, all_or_nothing=False, encoding="utf-8")

    assert (refused.value.code, str(refused.value)) == (
        "import_not_in_encoding",
        "Line 1 cannot be read in the UTF-8 encoding. Choose another encoding, or let it be detected. "
        "Nothing was imported.",
    )
    with pytest.raises(ImportRefused) as refused:
        organisations_import(rows_source=path, all_or_nothing=False, encoding="koi9")
    assert str(refused.value) == "“koi9” is not an encoding; use utf-8, cp1251 or kz1048."
    assert Organisation.objects.count() == 0


# --- Separators -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('bin;name;address\r\n1;"A, B";"Алматы, ул. Абая, 10"\r\n', ";"),
        ('bin,name,address\r\n1,"A; B","Алматы; ул. Абая, 10"\r\n', ","),
        ("bin\tname\taddress\r\n1\tA, B; C\tАлматы, ул. Абая, 10\r\n", "\t"),
        # A title line without separators above the table, as a person typing the file puts it.
        ("Список организаций\r\nbin;name;region\r\n1;A;Алматы\r\n2;B;Астана\r\n", ";"),
        ("bin\r\n", ","),  # one column: nothing to tell, the default
    ],
)
def test_the_separator_is_read_from_the_file(text, expected):
    assert detect_delimiter(text) == expected


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
