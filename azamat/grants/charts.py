"""The public dashboard's pictures, drawn on the server: bar charts as SVG geometry and the regions as a tile map.

Nothing here reads the database: the dashboard's selectors hand over labelled values, these functions say where
each bar or tile goes, and the template draws them with classes and SVG attributes (the Content Security Policy
allows no inline style).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext

from azamat.core.collation import sort_key
from azamat.core.money import tenge_millions
from azamat.core.numbers import format_number

TOP = 8  # bars a chart shows; the rest are summed into one "other" bar
CHART_WIDTH = 360  # SVG units: about the width of a phone, so labels stay legible there
BAR_AREA = 240  # the longest bar; the rest of the width holds its value
ROW_HEIGHT = 36
LABEL_LENGTH = 46  # characters of a label that fit above a bar; the full label is the bar's title


@dataclass
class Bar:
    label: str
    value: Decimal
    display: str
    y: int
    width: int
    other: bool = False

    @property
    def short_label(self) -> str:
        return self.label if len(self.label) <= LABEL_LENGTH else self.label[: LABEL_LENGTH - 1] + "…"

    @property
    def label_y(self) -> int:
        return self.y + 13

    @property
    def bar_y(self) -> int:
        return self.y + 17

    @property
    def value_x(self) -> int:
        return self.width + 6

    @property
    def value_y(self) -> int:
        return self.y + 29


def display(value: Decimal, *, money: bool, decimals: int) -> str:
    if money:
        return tenge_millions(value)
    return format_number(Decimal(value).quantize(Decimal(1).scaleb(-decimals)), decimal_places=decimals)


def top_and_other(items: list, *, value, merge, other_label, top: int = TOP, ordered: bool = False) -> list:
    """The `top` items with the largest `value(item)` (or the first ones, when `ordered`, e.g. years), largest
    first, and the rest merged by `merge(rest, label)` into one item labelled "Other (n)"."""
    present = [item for item in items if value(item) is not None]
    if not ordered:
        present.sort(key=lambda item: sort_key(item.label))
        present.sort(key=value, reverse=True)
    if len(present) <= top + 1:  # an "other" of one item is that item
        return [(item, False) for item in present]
    head, rest = present[:top], present[top:]
    other = merge(rest, other_label % {"count": len(rest)})
    shown = [(item, False) for item in head]
    if value(other) is not None:
        shown.append((other, True))
    return shown


def bar_chart(items: list, *, value, money: bool = False, decimals: int = 1) -> dict:
    """Bars for (item, is_other) pairs: the longest is BAR_AREA wide, each labelled with its value."""
    values = [(item.label, Decimal(value(item)), other) for item, other in items]
    top = max((v for _label, v, _other in values), default=Decimal(0))
    bars = [
        Bar(
            label=label,
            value=v,
            display=display(v, money=money, decimals=decimals),
            y=i * ROW_HEIGHT,
            width=int(v / top * BAR_AREA) if top > 0 and v > 0 else 0,
            other=other,
        )
        for i, (label, v, other) in enumerate(values)
    ]
    return {"bars": bars, "height": max(ROW_HEIGHT, len(bars) * ROW_HEIGHT + 4), "width": CHART_WIDTH}


# The 20 top-level units of the KATO classifier (2022: Abai, Zhetysu and Ulytau regions included) on a grid of
# equal tiles, west to east and north to south: (column, row), keyed by the first two digits of the KATO code.
TILES = {
    "27": (0, 0),  # West Kazakhstan
    "39": (2, 0),  # Kostanay
    "59": (3, 0),  # North Kazakhstan
    "55": (4, 0),  # Pavlodar
    "23": (0, 1),  # Atyrau
    "15": (1, 1),  # Aktobe
    "62": (2, 1),  # Ulytau
    "11": (3, 1),  # Akmola
    "71": (4, 1),  # Astana
    "10": (5, 1),  # Abai
    "63": (6, 1),  # East Kazakhstan
    "47": (0, 2),  # Mangystau
    "43": (1, 2),  # Kyzylorda
    "35": (3, 2),  # Karaganda
    "19": (4, 2),  # Almaty Region
    "33": (5, 2),  # Zhetysu
    "61": (2, 3),  # Turkistan
    "31": (3, 3),  # Zhambyl
    "75": (4, 3),  # Almaty
    "79": (2, 4),  # Shymkent
}
SHADES = 4  # shades of colour for amounts above zero; shade 0 is "nothing awarded"
GENERIC_WORDS = {"облысы", "область", "region"}
# Names too long for a tile, shortened as they are usually written (Russian regions by their centres' names).
SHORT_NAMES = {
    "ru": {
        "27": "ЗКО",
        "59": "СКО",
        "63": "ВКО",
        "39": "Костанай",
        "55": "Павлодар",
        "23": "Атырау",
        "15": "Актобе",
        "62": "Улытау",
        "11": "Акмола",
        "10": "Абай",
        "47": "Мангистау",
        "43": "Кызылорда",
        "35": "Караганда",
        "19": "Алматинская",
        "33": "Жетысу",
        "61": "Туркестан",
        "31": "Жамбыл",
    },
    # The region around Almaty keeps a word that tells it from the city.
    "kk": {"27": "БҚО", "59": "СҚО", "63": "ШҚО", "19": "Алматы обл."},
    "en": {"27": "West Kaz.", "59": "North Kaz.", "63": "East Kaz.", "19": "Almaty Reg."},
}


@dataclass
class Tile:
    code: str
    name: str
    short_name: str
    amount: Decimal
    column: int
    row: int
    shade: int

    @property
    def display(self) -> str:
        return tenge_millions(self.amount)


def _short_name(code: str, name: str, language: str) -> str:
    if code in SHORT_NAMES.get(language, {}):
        return SHORT_NAMES[language][code]
    words = [w for w in name.split() if w.casefold() not in GENERIC_WORDS]
    return " ".join(words) or name


def tile_map(regions: list[tuple[str, str]], amounts: dict[str, Decimal], *, language: str) -> dict:
    """Tiles for `regions` (KATO code, name), shaded by the amount awarded in each; and the legend's ranges."""
    top = max(amounts.values(), default=Decimal(0))
    tiles = []
    for kato, name in regions:
        position = TILES.get(kato[:2])
        if position is None:
            continue
        amount = amounts.get(kato, Decimal(0))
        shade = 0
        if amount > 0 and top > 0:
            shade = min(SHADES, int(amount / top * SHADES - Decimal("0.000001")) + 1)
        column, row = position
        tiles.append(Tile(kato, name, _short_name(kato[:2], name, language), amount, column, row, shade))
    legend = [{"shade": 0, "label": gettext("Nothing awarded")}]
    if top > 0:
        step = top / SHADES
        for shade in range(1, SHADES + 1):
            high = tenge_millions(step * shade)
            if shade == 1:
                label = gettext("up to %(high)s") % {"high": high}
            else:
                label = gettext("%(low)s to %(high)s") % {
                    "low": tenge_millions(step * (shade - 1)),
                    "high": high,
                }
            legend.append({"shade": shade, "label": label})
    return {"tiles": tiles, "legend": legend}
