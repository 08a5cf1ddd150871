"""The ranking of a period as an SVG bar chart, written in Python: geometry and colours as SVG attributes, no
style attribute or element and no script (the Content Security Policy allows neither inline)."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from azamat.core.numbers import format_number

WIDTH = 640
LABEL_WIDTH = 230
BAR_AREA = 340
ROW = 26
TOP = 8
BAR_COLOUR = "#2f6f8f"
TEXT_COLOUR = "#1d1d1d"
GRID_COLOUR = "#c8c8c8"


def ranking_svg(results, *, title: str = "") -> SafeString:
    """A horizontal bar per member, longest for the highest total (0–100), with rank, name and total."""
    rows = list(results)
    height = TOP * 2 + ROW * max(len(rows), 1) + 18
    title = title or _("Members' totals, out of 100")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="kpi-chart-title" class="kpi-chart">',
        f'<title id="kpi-chart-title">{escape(title)}</title>',
    ]
    for tick in (0, 25, 50, 75, 100):
        x = LABEL_WIDTH + BAR_AREA * tick // 100
        parts.append(
            f'<line x1="{x}" y1="{TOP}" x2="{x}" y2="{height - 18}" stroke="{GRID_COLOUR}" stroke-width="1"/>'
            f'<text x="{x}" y="{height - 4}" font-size="11" text-anchor="middle" fill="{TEXT_COLOUR}">{tick}</text>'
        )
    for index, result in enumerate(rows):
        y = TOP + index * ROW
        name = result.member.full_name
        short = name if len(name) <= 30 else name[:29] + "…"
        width = int(BAR_AREA * float(result.total) / 100)
        total = format_number(result.total, decimal_places=1)
        parts.append(
            f"<g><title>{escape(f'{result.rank}. {name}: {total}')}</title>"
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 17}" font-size="12" text-anchor="end" '
            f'fill="{TEXT_COLOUR}">{escape(f"{result.rank}. {short}")}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{width}" height="{ROW - 8}" fill="{BAR_COLOUR}"/>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 17}" font-size="12" '
            f'fill="{TEXT_COLOUR}">{escape(total)}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped
