"""The public dashboard's pictures, drawn on the server: bar charts as SVG geometry and the regions as a tile map.

Nothing here reads the database: the dashboard's selectors hand over labelled values, these functions say where
each bar or tile goes and write the repeated markup (the bars, the tiles, the legend, the data tables' rows) with
classes and SVG attributes (the Content Security Policy allows no inline style); the template draws the rest.
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, gettext_noop

from azamat.core.collation import sort_key
from azamat.core.money import tenge_millions
from azamat.core.numbers import format_number
from azamat.core.templatetags.fragments import Numbers, esc

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
        language = (get_language() or "kk")[:2]
        present.sort(key=lambda item: _label_key(str(item.label), language))
        present.sort(key=value, reverse=True)
    if len(present) <= top + 1:  # an "other" of one item is that item
        return [(item, False) for item in present]
    head, rest = present[:top], present[top:]
    other = merge(rest, other_label % {"count": len(rest)})
    shown = [(item, False) for item in head]
    if value(other) is not None:
        shown.append((other, True))
    return shown


@lru_cache(maxsize=4096)
def _label_key(label: str, language: str) -> tuple:
    """sort_key(), remembered: each of a dimension's five charts sorts the same groups' labels."""
    return sort_key(label, language)


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
    return {
        "bars": bars,
        "marks": bars_markup(bars),
        "height": max(ROW_HEIGHT, len(bars) * ROW_HEIGHT + 4),
        "width": CHART_WIDTH,
    }


# The markup of the repeated parts, written here rather than by a template loop: a chart's bars, the map's tiles
# and its legend are most of the dashboard's elements, and the template engine spent 20 times the page's SQL on
# them. The text is what the loops in grants/projects/dashboard.html wrote, escaped the same way.


def bars_markup(bars: list[Bar]) -> SafeString:
    """The `<g>` of each bar inside a chart's `<svg>`: a title with the full label and value, the label above the
    bar, the bar, its value at its end."""
    e = esc
    return mark_safe(  # noqa: S308 — every value below is escaped or an int
        "".join(
            f"\n    <g><title>{e(bar.label)}: {e(bar.display)}</title>"
            f'\n    <text x="0" y="{int(bar.label_y)}" font-size="13" class="chart-ink'
            f'{" chart-other-label" if bar.other else ""}">{e(bar.short_label)}</text>'
            f'\n    <rect x="0" y="{int(bar.bar_y)}" width="{int(bar.width)}" height="14" class="chart-bar'
            f'{" chart-other" if bar.other else ""}"></rect>'
            f'\n    <text x="{int(bar.value_x)}" y="{int(bar.value_y)}" font-size="13" class="chart-ink">'
            f"{e(bar.display)}</text></g>\n    "
            for bar in bars
        )
    )


# The data table's columns after the group's name, as its header names them ({% translate %}'s msgids: a percent
# sign doubled, and restored after the lookup as the tag does).
TABLE_LABELS = (
    gettext_noop("Applications"),
    gettext_noop("Grants awarded"),
    gettext_noop("Applications per grant"),
    gettext_noop("Amount awarded, ₸"),
    gettext_noop("Average effectiveness"),
    gettext_noop("Payments"),
    gettext_noop("Made late, %%"),
    gettext_noop("Average delay of late payments, days"),
)


def groups_markup(groups: list) -> SafeString:
    """The rows of a dashboard dimension's data table (the charts' text alternative): one `<tr>` per group, each
    cell labelled for the stacked layout of a phone."""
    e = esc
    labels = [e(gettext(text).replace("%%", "%")) for text in TABLE_LABELS]
    n = Numbers()
    rows = []
    for group in groups:
        cells = (
            n.grouped(group.applications),
            n.grouped(group.awarded),
            n.or_dash(group.competition),
            e(floatformat(group.amount, "2g")),
            n.or_dash(group.effectiveness),
            n.plain(group.payments.count),
            n.or_dash(group.late_percent),
            n.or_dash(group.average_days_late),
        )
        rows.append(
            f'\n      <tr><th scope="row">{n.plain(group.label)}</th>'
            + "".join(
                f'\n        <td class="num" data-label="{label}">{cell}</td>'
                for label, cell in zip(labels, cells, strict=True)
            )
            + "</tr>\n    "
        )
    return mark_safe("".join(rows))  # noqa: S308 — every value above is escaped


def tiles_markup(tiles: list["Tile"]) -> SafeString:
    """The `<li>` of each region on the tile map: its place and shade as classes, its short name for the eye, its
    full name for a screen reader, the amount."""
    e = esc
    return mark_safe(  # noqa: S308 — every value below is escaped or an int
        "".join(
            f'\n    <li class="tile tile-c{int(tile.column)} tile-r{int(tile.row)} shade-{int(tile.shade)}">'
            f'\n      <span class="tile-name" aria-hidden="true">{e(tile.short_name)}</span>'
            f'\n      <span class="visually-hidden">{e(tile.name)}:</span>'
            f'\n      <span class="tile-value">{e(tile.display)}</span>'
            "\n    </li>\n    "
            for tile in tiles
        )
    )


def legend_markup(legend: list[dict]) -> SafeString:
    e = esc
    return mark_safe(  # noqa: S308 — every value below is escaped or an int
        "".join(
            f'\n    <li><span class="swatch shade-{int(item["shade"])}" aria-hidden="true"></span>'
            f"{e(item['label'])}</li>\n    "
            for item in legend
        )
    )


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
    return {
        "tiles": tiles,
        "legend": legend,
        "tiles_markup": tiles_markup(tiles),
        "legend_markup": legend_markup(legend),
    }
