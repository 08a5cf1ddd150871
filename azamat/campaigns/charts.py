"""The workspace's pictures, drawn on the server as SVG: the stakeholders' power/interest grid, the risks' heat
map (likelihood × impact) and an indicator's values over time against its baseline and target. Colours are SVG
attributes (the Content Security Policy allows no inline style); each picture has a table beside it in the
templates for whoever does not see it, and its own <title>."""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from azamat.campaigns.models import Risk, Stakeholder
from azamat.core.numbers import format_number

CELL = 56
MARGIN = 44
SIZE = 5
INK = "#1f2933"
GRID = "#9aa5b1"
POSITION_COLOURS = {-2: "#b42318", -1: "#e07b39", 0: "#6b7583", 1: "#4c9a2a", 2: "#1e6b1e"}
HIGH, MEDIUM, LOW = "#f4a3a3", "#fbd38d", "#c6f0c2"


def quadrant(influence: int, interest: int) -> str:
    high_power, high_interest = influence >= 3, interest >= 3
    if high_power and high_interest:
        return _("Manage closely")
    if high_power:
        return _("Keep satisfied")
    if high_interest:
        return _("Keep informed")
    return _("Monitor")


@dataclass(frozen=True)
class Placed:
    number: int
    stakeholder: Stakeholder
    quadrant: str


def _frame(title: str, x_label: str, y_label: str, body: list[str], chart_id: str) -> SafeString:
    width = MARGIN + SIZE * CELL + 8
    height = SIZE * CELL + MARGIN + 8
    axis = [
        format_html(
            '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="{}">{}</text>',
            MARGIN + SIZE * CELL // 2,
            SIZE * CELL + 38,
            INK,
            x_label,
        ),
        format_html(
            '<text x="12" y="{}" text-anchor="middle" font-size="12" fill="{}" transform="rotate(-90 12 {})">{}'
            "</text>",
            SIZE * CELL // 2,
            INK,
            SIZE * CELL // 2,
            y_label,
        ),
    ]
    for i in range(1, SIZE + 1):
        axis.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="{}">{}</text>',
                MARGIN + (i - 1) * CELL + CELL // 2,
                SIZE * CELL + 16,
                INK,
                i,
            )
        )
        axis.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="{}">{}</text>',
                MARGIN - 6,
                (SIZE - i) * CELL + CELL // 2 + 4,
                INK,
                i,
            )
        )
    return format_html(
        '<svg class="bar-chart" id="{}" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>{}</svg>',
        chart_id,
        width,
        height,
        chart_id,
        chart_id,
        title,
        mark_safe("".join(str(part) for part in body + axis)),  # noqa: S308 (built with format_html)
    )


def _cell(col: int, row: int, fill: str) -> str:
    """The square of value (col, row), both 1–5, row 5 on top."""
    return format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" stroke-width="1"/>',
        MARGIN + (col - 1) * CELL,
        (SIZE - row) * CELL,
        CELL,
        CELL,
        fill,
        GRID,
    )


def power_interest(stakeholders) -> tuple[SafeString, list[Placed]]:
    """The grid: interest across, influence up; each stakeholder a numbered dot coloured by its position."""
    placed = [Placed(i + 1, s, quadrant(s.influence, s.interest)) for i, s in enumerate(stakeholders)]
    body = []
    for col in range(1, SIZE + 1):
        for row in range(1, SIZE + 1):
            shade = "#eef2f7" if (col >= 3) == (row >= 3) else "#ffffff"
            body.append(_cell(col, row, shade))
    crowd: dict[tuple[int, int], int] = {}
    for place in placed:
        s = place.stakeholder
        k = crowd.get((s.interest, s.influence), 0)
        crowd[(s.interest, s.influence)] = k + 1
        cx = MARGIN + (s.interest - 1) * CELL + 14 + (k % 3) * 14
        cy = (SIZE - s.influence) * CELL + 14 + (k // 3 % 3) * 14
        body.append(
            format_html(
                '<g><title>{}</title><circle cx="{}" cy="{}" r="7" fill="{}"/>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="8" fill="#ffffff">{}</text></g>',
                f"{place.number}. {s.display_name} ({s.get_position_display()})",
                cx,
                cy,
                POSITION_COLOURS.get(s.position, INK),
                cx,
                cy + 3,
                place.number,
            )
        )
    svg = _frame(_("Power/interest grid"), _("Interest"), _("Influence"), body, "power-interest")
    return svg, placed


def risk_level(score: int) -> str:
    if score >= Risk.HIGH:
        return "high"
    return "medium" if score >= 8 else "low"


def heat_map(risks) -> tuple[SafeString, list[dict]]:
    """Likelihood across, impact up; each cell coloured by likelihood × impact and showing how many risks."""
    cells: dict[tuple[int, int], list[Risk]] = {}
    for risk in risks:
        cells.setdefault((risk.likelihood, risk.impact), []).append(risk)
    body = []
    for col in range(1, SIZE + 1):
        for row in range(1, SIZE + 1):
            level = risk_level(col * row)
            body.append(_cell(col, row, {"high": HIGH, "medium": MEDIUM, "low": LOW}[level]))
            found = cells.get((col, row), [])
            if found:
                body.append(
                    format_html(
                        '<g><title>{}</title><text x="{}" y="{}" text-anchor="middle" font-size="16" '
                        'font-weight="bold" fill="{}">{}</text></g>',
                        "; ".join(r.threat[:60] for r in found),
                        MARGIN + (col - 1) * CELL + CELL // 2,
                        (SIZE - row) * CELL + CELL // 2 + 6,
                        INK,
                        len(found),
                    )
                )
    rows = [
        {"likelihood": lk, "impact": im, "score": lk * im, "level": risk_level(lk * im), "risks": found}
        for (lk, im), found in sorted(cells.items(), key=lambda kv: -kv[0][0] * kv[0][1])
    ]
    return _frame(_("Risk map"), _("Likelihood"), _("Impact"), body, "risk-map"), rows


def indicator_chart(indicator, values) -> SafeString:
    """The actual values over time as a line, with the baseline and the target as dashed lines. Each dashed line
    is named with its value inside the plot, at its right end: on a phone's width a name left of the plot had
    room for a word ("…значение") and lost the rest."""
    width, height, left, top, plot_w, plot_h = 360, 190, 8, 16, 344, 150
    numbers = [float(indicator.baseline), float(indicator.target), *(float(v.value) for v in values)]
    low, high = min(numbers), max(numbers)
    if high == low:
        high = low + 1

    def y(value: float) -> float:
        return round(top + plot_h - (value - low) / (high - low) * plot_h, 1)

    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
            left,
            top + plot_h,
            left + plot_w,
            top + plot_h,
            GRID,
        )
    ]
    baseline_y, target_y = y(float(indicator.baseline)), y(float(indicator.target))
    # Two lines close together would write their names over each other: the lower line's goes under it.
    under = ("baseline" if baseline_y >= target_y else "target") if abs(baseline_y - target_y) < 14 else ""
    for name, value, label, colour, line_y in (
        ("baseline", indicator.baseline, _("Baseline"), "#6b7583", baseline_y),
        ("target", indicator.target, _("Target"), "#1e6b1e", target_y),
    ):
        below = name == under
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-dasharray="4 3"/>'
                '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="{}">{}: {}</text>',
                left,
                line_y,
                left + plot_w,
                line_y,
                colour,
                left + plot_w,
                round(line_y + 12 if below else line_y - 4, 1),
                INK,
                label,
                format_number(value, decimal_places=2),
            )
        )
    if values:
        step = plot_w / max(len(values) - 1, 1)
        points = [
            (round(left + i * step, 1) if len(values) > 1 else left + plot_w / 2, y(float(v.value)))
            for i, v in enumerate(values)
        ]
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="#1d4ed8" stroke-width="2"/>',
                " ".join(f"{px},{py}" for px, py in points),
            )
        )
        for (px, py), v in zip(points, values, strict=True):
            parts.append(
                format_html(
                    '<g><title>{}: {}</title><circle cx="{}" cy="{}" r="4" fill="#1d4ed8"/></g>',
                    date_format(v.measured_on, "SHORT_DATE_FORMAT"),
                    format_number(v.value, decimal_places=2),
                    px,
                    py,
                )
            )
    chart_id = f"indicator-{indicator.pk}"
    return format_html(
        '<svg class="bar-chart" id="{}" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>{}</svg>',
        chart_id,
        width,
        height,
        chart_id,
        chart_id,
        indicator.name,
        mark_safe("".join(str(p) for p in parts)),  # noqa: S308 (built with format_html)
    )
