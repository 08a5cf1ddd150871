"""The 20 top-level regions as a tile map: how many problems (or endorsing organisations) each region has.

The tiles sit where the grants dashboard puts them (grants/charts.py), so the country looks the same on every
page, and use the stylesheet's tile and shade classes (`tile-map`, `shade-0` … `shade-4`, WCAG AA contrast for
the text on each); problems and grants are independent modules, so the layout is repeated here, not imported.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import get_language, gettext

from azamat.registry.models import Region

# (column, row) on a 7 × 5 grid, west to east and north to south, keyed by the first two digits of the KATO code.
POSITIONS = {
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
    "33": (5, 2),  # Zhetisu
    "61": (2, 3),  # Turkistan
    "31": (3, 3),  # Zhambyl
    "75": (4, 3),  # Almaty
    "79": (2, 4),  # Shymkent
}
SHADES = 4  # shades for counts above zero; shade 0 is "none"

# What a tile shows: a short name on a wide screen and an abbreviation of at most four letters on a phone, both
# hidden from screen readers, which read the full name (and the table below the map).
SHORT = {
    "ru": {
        "27": ("ЗКО", "ЗКО"),
        "39": ("Костанай", "Кст"),
        "59": ("СКО", "СКО"),
        "55": ("Павлодар", "Пвл"),
        "23": ("Атырау", "Атр"),
        "15": ("Актобе", "Акт"),
        "62": ("Улытау", "Улт"),
        "11": ("Акмола", "Акм"),
        "71": ("Астана", "Аст"),
        "10": ("Абай", "Абай"),
        "63": ("ВКО", "ВКО"),
        "47": ("Мангистау", "Мнг"),
        "43": ("Кызылорда", "Кзл"),
        "35": ("Караганда", "Крг"),
        "19": ("Алматинская", "Алм.о"),
        "33": ("Жетісу", "Жет"),
        "61": ("Туркестан", "Трк"),
        "31": ("Жамбыл", "Жмб"),
        "75": ("Алматы", "Алм"),
        "79": ("Шымкент", "Шым"),
    },
    "kk": {
        "27": ("БҚО", "БҚО"),
        "39": ("Қостанай", "Қст"),
        "59": ("СҚО", "СҚО"),
        "55": ("Павлодар", "Пвл"),
        "23": ("Атырау", "Атр"),
        "15": ("Ақтөбе", "Ақт"),
        "62": ("Ұлытау", "Ұлт"),
        "11": ("Ақмола", "Ақм"),
        "71": ("Астана", "Аст"),
        "10": ("Абай", "Абай"),
        "63": ("ШҚО", "ШҚО"),
        "47": ("Маңғыстау", "Мңғ"),
        "43": ("Қызылорда", "Қзл"),
        "35": ("Қарағанды", "Қрғ"),
        "19": ("Алматы обл.", "Алм.о"),
        "33": ("Жетісу", "Жет"),
        "61": ("Түркістан", "Трк"),
        "31": ("Жамбыл", "Жмб"),
        "75": ("Алматы", "Алм"),
        "79": ("Шымкент", "Шым"),
    },
    "en": {
        "27": ("West Kaz.", "WKZ"),
        "39": ("Kostanay", "KST"),
        "59": ("North Kaz.", "NKZ"),
        "55": ("Pavlodar", "PAV"),
        "23": ("Atyrau", "ATY"),
        "15": ("Aktobe", "AKT"),
        "62": ("Ulytau", "ULY"),
        "11": ("Akmola", "AKM"),
        "71": ("Astana", "AST"),
        "10": ("Abai", "ABA"),
        "63": ("East Kaz.", "EKZ"),
        "47": ("Mangystau", "MAN"),
        "43": ("Kyzylorda", "KZY"),
        "35": ("Karaganda", "KAR"),
        "19": ("Almaty Reg.", "ALR"),
        "33": ("Zhetisu", "ZHE"),
        "61": ("Turkistan", "TUR"),
        "31": ("Zhambyl", "ZHA"),
        "75": ("Almaty", "ALA"),
        "79": ("Shymkent", "SHY"),
    },
}


@dataclass(frozen=True)
class Tile:
    region_id: int
    kato: str
    name: str
    short_name: str
    abbreviation: str
    count: int
    column: int
    row: int
    shade: int
    url: str = ""


@dataclass(frozen=True)
class Step:
    """One shade of the legend and the counts it stands for."""

    shade: int
    label: str


class TileMap(list):
    """The tiles (a list, in reading order: north to south, west to east) and the legend of their shades."""

    def __init__(self, tiles: list[Tile], legend: list[Step]):
        super().__init__(tiles)
        self.legend = legend

    @property
    def by_count(self) -> list[Tile]:
        """The tiles for the table: most first, then by name."""
        return sorted(self, key=lambda tile: (-tile.count, tile.name))

    @property
    def total(self) -> int:
        return sum(tile.count for tile in self)


def shade_of(count: int, top: int) -> int:
    """0 for none; otherwise 1 … SHADES, the share of the largest count in equal steps (the largest is darkest)."""
    if count <= 0 or top <= 0:
        return 0
    return min(SHADES, -(-count * SHADES // top))  # ceil(count / top * SHADES) in integers


def legend(top: int) -> list[Step]:
    """The counts each shade stands for, for the largest count `top` (a shade no count can have is left out)."""
    steps = [Step(0, gettext("none"))]
    low = 1
    for shade in range(1, SHADES + 1):
        high = top * shade // SHADES
        if high < low:
            continue
        steps.append(Step(shade, str(low) if low == high else f"{low}–{high}"))
        low = high + 1
    return steps


def tiles(counts: dict[int, int], *, url: Callable[[Region], str] | None = None) -> TileMap:
    """A tile for each of the 20 regions with its count from `counts` (region id → count, absent is 0), its name
    in the active language, its place on the grid and its shade; `url(region)` links a tile and its table row."""
    language = (get_language() or "kk")[:2]
    short = SHORT.get(language, SHORT["en"])
    top = max(counts.values(), default=0)
    found = []
    for region in Region.objects.order_by("kato"):
        code = region.kato[:2]
        if code not in POSITIONS:
            continue
        column, row = POSITIONS[code]
        short_name, abbreviation = short.get(code, (region.name, region.name[:4]))
        count = int(counts.get(region.pk, 0))
        found.append(
            Tile(
                region_id=region.pk,
                kato=region.kato,
                name=region.name,
                short_name=short_name,
                abbreviation=abbreviation,
                count=count,
                column=column,
                row=row,
                shade=shade_of(count, top),
                url=url(region) if url else "",
            )
        )
    found.sort(key=lambda tile: (tile.row, tile.column))
    return TileMap(found, legend(top))
