"""Files as people write them, for the import tests: valid BINs, real Kazakh and Russian names, rows written
as Excel writes CSV."""

from azamat.core.bin import make_bin
from azamat.registry.models import Organisation


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
