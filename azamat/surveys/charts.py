"""The analysis pictures, drawn on the server as SVG: a horizontal bar per answer with its 95% interval as a
whisker. Colours are SVG attributes (the Content Security Policy allows no inline style); the table beside each
chart carries the same numbers for whoever does not see it, so the SVG is aria-hidden apart from its title."""

from django.template.defaultfilters import floatformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

BAR = "#2f6690"
WHISKER = "#1f2933"
LABEL_WIDTH = 150
PLOT_WIDTH = 220
ROW = 26
INK = "#1f2933"


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bars(rows: list[dict], *, title: str) -> SafeString:
    """Bars of rows' shares (0–1) with their ci_low/ci_high whiskers; an empty string without rows."""
    if not rows:
        return SafeString("")
    top = max(max(row.get("ci_high", row["share"]), row["share"]) for row in rows) or 1.0
    scale = PLOT_WIDTH / top
    width = LABEL_WIDTH + PLOT_WIDTH + 60
    height = len(rows) * ROW + 8
    parts = []
    for index, row in enumerate(rows):
        y = 4 + index * ROW
        bar = max(1, round(row["share"] * scale)) if row["share"] else 0
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="{}">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="16" fill="{}"/>'
                '<text x="{}" y="{}" font-size="11" fill="{}">{}</text>',
                LABEL_WIDTH - 6,
                y + 13,
                INK,
                _short(str(row["label"])),
                LABEL_WIDTH,
                y,
                bar,
                BAR,
                LABEL_WIDTH + PLOT_WIDTH + 6,
                y + 13,
                INK,
                # The page language's decimal mark, as in the table beside the chart (50,0 % in Kazakh and Russian).
                f"{floatformat(row['share'] * 100, 1)} %",
            )
        )
        if "ci_low" in row and row["ci_high"] > row["ci_low"]:
            x1 = LABEL_WIDTH + round(row["ci_low"] * scale)
            x2 = LABEL_WIDTH + round(row["ci_high"] * scale)
            parts.append(
                format_html(
                    '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1.5"/>'
                    '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>'
                    '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>',
                    x1,
                    y + 8,
                    x2,
                    y + 8,
                    WHISKER,
                    x1,
                    y + 3,
                    x1,
                    y + 13,
                    WHISKER,
                    x2,
                    y + 3,
                    x2,
                    y + 13,
                    WHISKER,
                )
            )
    return format_html(
        '<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" '
        'role="img" aria-label="{}"><title>{}</title>{}</svg>',
        width,
        height,
        _("Chart: %(title)s (the numbers are in the table)") % {"title": title},
        title,
        format_html_join("", "{}", ((part,) for part in parts)),
    )
