"""The sector statistics' pictures, drawn on the server as SVG geometry (as grants/charts.py and
accountability/charts.py draw theirs): horizontal bars with their values, and bars split into on time, late and
not filed for each region.

Nothing here reads the database: `report_stats` hands over the figures, these functions say where each bar goes,
and the template draws them with classes and SVG attributes (the Content Security Policy allows no inline style).
A hidden row (too few organisations) gets no bar, only its label and "—". Every chart has its numbers as a table.
"""

from dataclasses import dataclass
from decimal import Decimal

from azamat.core.numbers import format_number

CHART_WIDTH = 360  # SVG units: about the width of a phone, so labels stay legible there
BAR_AREA = 240  # the longest bar; the rest of the width holds its value
ROW_HEIGHT = 36
LABEL_LENGTH = 46


def _short(label: str) -> str:
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1] + "…"


@dataclass
class Bar:
    label: str
    display: str
    y: int
    width: int

    @property
    def short_label(self) -> str:
        return _short(self.label)

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


def bars(items: list[tuple[str, Decimal | int | None, str]]) -> dict:
    """Bars for (label, value, shown value) items: the largest is BAR_AREA wide; a None value has no bar."""
    top = max((v for _label, v, _display in items if v is not None), default=0)
    drawn = [
        Bar(
            label=str(label),
            display=display,
            y=i * ROW_HEIGHT,
            width=int(Decimal(v) / Decimal(top) * BAR_AREA) if v and top else 0,
        )
        for i, (label, v, display) in enumerate(items)
    ]
    return {
        "bars": drawn,
        "height": max(ROW_HEIGHT, len(drawn) * ROW_HEIGHT + 4),
        "width": CHART_WIDTH,
        "empty": not top,
    }


@dataclass
class Split:
    """A region's organisations as one bar of BAR_AREA: on time, late, not filed (x and width of each part)."""

    label: str
    display: str
    y: int
    hidden: bool
    on_time: tuple[int, int] = (0, 0)
    late: tuple[int, int] = (0, 0)
    missing: tuple[int, int] = (0, 0)

    @property
    def short_label(self) -> str:
        return _short(self.label)

    @property
    def label_y(self) -> int:
        return self.y + 13

    @property
    def bar_y(self) -> int:
        return self.y + 17

    @property
    def value_x(self) -> int:
        return BAR_AREA + 6

    @property
    def value_y(self) -> int:
        return self.y + 29


def filing_split(rows: list) -> dict:
    """One bar per `report_stats.Row`, its parts in proportion to the organisations registered; the value is
    the share filed on time."""
    splits = []
    for i, row in enumerate(rows):
        if row.hidden or not row.registered:
            splits.append(Split(label=row.label, display="—", y=i * ROW_HEIGHT, hidden=True))
            continue
        on_time = round(row.on_time / row.registered * BAR_AREA)
        late = round(row.filed / row.registered * BAR_AREA) - on_time
        splits.append(
            Split(
                label=row.label,
                display=f"{format_number(row.on_time_share, decimal_places=1)}%",
                y=i * ROW_HEIGHT,
                hidden=False,
                on_time=(0, on_time),
                late=(on_time, late),
                missing=(on_time + late, BAR_AREA - on_time - late),
            )
        )
    return {
        "rows": splits,
        "height": max(ROW_HEIGHT, len(splits) * ROW_HEIGHT + 4),
        "width": CHART_WIDTH,
        "bar_area": BAR_AREA,
    }
