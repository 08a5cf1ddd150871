"""The organisations import reads files as organisations in Kazakhstan really have them: encodings and separators.

Every file here is written byte by byte as Excel (or a person) saves it: UTF-8 with and without a BOM,
Windows-1251, KZ-1048, UTF-16; semicolons, commas, tabs. Headers, title rows and what the command and the
admin show as read are in `test_import_columns.py`.
"""

import datetime

import pytest
from django.utils import translation

from azamat.registry.import_text import detect_delimiter, detect_encoding
from azamat.registry.importing import ImportRefused, RowError, organisations_import
from azamat.registry.models import Organisation
from azamat.registry.tests.import_files_support import (
    BAD_BIN,
    KAZAKH_NAMES,
    MEYIRIM,
    RUSSIAN_NAMES,
    SHANYRAK,
    TAZA,
    ZHARKYN,
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


# --- Encodings ------------------------------------------------------------------------------------------


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
