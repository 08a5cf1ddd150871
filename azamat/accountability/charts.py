"""The accountability pages' pictures, drawn on the server as SVG geometry: items sent and answered in each
month or quarter (paired columns), and how long answers took (horizontal bars, one per bucket of days).

Nothing here reads the database: `stats` hands over the counts, these functions say where each bar goes, and
the templates draw them with classes and SVG attributes (the Content Security Policy allows no inline style).
Every chart has its numbers as a table beside it for whoever does not see the picture.
"""

from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from azamat.core.numbers import format_number

# Paired columns: each period is a group of two bars (sent, answered) over a baseline.
COLUMN_WIDTH = 11
GROUP_WIDTH = 30
PLOT_HEIGHT = 150
TOP_MARGIN = 16  # room for the tallest column's value
LABEL_ROWS = 30  # under the baseline: the month (or quarter) and the year
# Horizontal bars.
BAR_AREA = 240
ROW_HEIGHT = 36
CHART_WIDTH = 360


@dataclass
class Column:
    x: int
    y: int
    height: int
    value: int
    title: str


@dataclass
class Group:
    label: str
    year_label: str
    full_label: str
    sent: Column
    answered: Column
    label_x: int


def period_label(start, period: str) -> str:
    """A period as a person reads it: "03.2026" for a month, "I quarter 2026" in words for a quarter."""
    if period == "quarter":
        quarter = (start.month - 1) // 3 + 1
        return gettext("Quarter %(quarter)s of %(year)s") % {"quarter": quarter, "year": start.year}
    return f"{start.month:02d}.{start.year}"


def _column(value: int, top: int, x: int, title: str) -> Column:
    height = round(value / top * PLOT_HEIGHT) if top else 0
    if value and not height:
        height = 1  # a period with items is never drawn as if it had none
    return Column(x=x, y=TOP_MARGIN + PLOT_HEIGHT - height, height=height, value=value, title=title)


def sent_and_answered(periods: list) -> dict:
    """Paired columns for `stats.over_time` periods: the tallest column reaches the top of the plot."""
    top = max((max(p.sent, p.answered) for p in periods), default=0)
    groups = []
    for i, p in enumerate(periods):
        x = i * GROUP_WIDTH + 3
        full = period_label(p.start, p.period)
        sent_title = ngettext("%(label)s: %(count)s item sent", "%(label)s: %(count)s items sent", p.sent) % {
            "label": full,
            "count": format_number(p.sent),
        }
        answered_title = ngettext(
            "%(label)s: %(count)s item answered", "%(label)s: %(count)s items answered", p.answered
        ) % {"label": full, "count": format_number(p.answered)}
        if p.period == "quarter":
            label = gettext("Q%(quarter)s") % {"quarter": p.quarter}
        else:
            label = f"{p.start.month:02d}"
        first_of_year = i == 0 or p.start.month <= (3 if p.period == "quarter" else 1)
        groups.append(
            Group(
                label=label,
                year_label=str(p.start.year) if first_of_year else "",
                full_label=full,
                sent=_column(p.sent, top, x, sent_title),
                answered=_column(p.answered, top, x + COLUMN_WIDTH + 1, answered_title),
                label_x=x + COLUMN_WIDTH,
            )
        )
    baseline = TOP_MARGIN + PLOT_HEIGHT
    return {
        "groups": groups,
        "width": max(CHART_WIDTH, len(periods) * GROUP_WIDTH + 6),
        "height": baseline + LABEL_ROWS,
        "baseline": baseline,
        "label_y": baseline + 13,
        "year_y": baseline + 26,
        "top": format_number(top),
        "empty": top == 0,
    }


@dataclass
class Bar:
    label: str
    value: int
    display: str
    y: int
    width: int

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


def bucket_label(low: int, high: int | None) -> str:
    if high is None:
        return ngettext("%(low)s day or more", "%(low)s days or more", low) % {"low": low}
    return ngettext("%(low)s to %(high)s day", "%(low)s to %(high)s days", high) % {"low": low, "high": high}


def answer_time_bars(buckets: list) -> dict:
    """Horizontal bars for the `stats.answer_times` buckets: the longest is BAR_AREA wide."""
    top = max((b.count for b in buckets), default=0)
    bars = [
        Bar(
            label=bucket_label(b.low, b.high),
            value=b.count,
            display=format_number(b.count),
            y=i * ROW_HEIGHT,
            width=round(b.count / top * BAR_AREA) if top else 0,
        )
        for i, b in enumerate(buckets)
    ]
    return {
        "bars": bars,
        "height": max(ROW_HEIGHT, len(bars) * ROW_HEIGHT + 4),
        "width": CHART_WIDTH,
        "empty": top == 0,
    }
