"""A council's annual report, read from its records: the meetings held in the year, the decisions of the meetings
whose minutes are published, each recommendation's fate in accountability, and the published KPI results of the
periods ending in the year; as a public page and as a PDF.

The PDF uses the DejaVu fonts vendored in azamat/grants/fonts (Cyrillic with the Kazakh letters), referenced by
path: councils and grants are independent modules, so nothing is imported from grants.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from azamat.accountability.models import Item
from azamat.accountability.selectors import items
from azamat.core.collation import sorted_alphabetically
from azamat.core.dates import long_date
from azamat.core.numbers import format_number
from azamat.councils import kpi_selectors
from azamat.councils.kpi_models import AssessmentPeriod
from azamat.councils.models import Committee, Council, Decision, Meeting

FONTS_DIR = Path(__file__).resolve().parent.parent / "grants" / "fonts"
FONT = "DejaVu"
LINE = 5.5
TOP_MEMBERS = 10


@dataclass
class Recommendation:
    decision: Decision
    items: list


@dataclass
class Report:
    council: Council
    year: int
    meetings: list[Meeting]
    cancelled: int
    decisions: list[Decision]
    recommendations: list[Recommendation]
    fates: list[tuple[str, int]]
    periods: list[tuple[AssessmentPeriod, list]] = field(default_factory=list)
    committees: list[Committee] = field(default_factory=list)

    @property
    def kinds(self) -> list[tuple[str, int]]:
        counts = Counter(d.kind for d in self.decisions)
        return [(str(label), counts[value]) for value, label in Decision.Kind.choices if counts[value]]

    @property
    def implemented(self) -> int:
        return sum(n for status, n in self.fate_codes if status == Item.Status.IMPLEMENTED)

    fate_codes: list = field(default_factory=list)


def report_years(council: Council) -> list[int]:
    """The years in which the council held a meeting, newest first."""
    dates = council.meetings.filter(cancelled_at__isnull=True, starts_at__lte=timezone.now()).dates(
        "starts_at", "year", order="DESC"
    )
    return [d.year for d in dates]


def annual_report(council: Council, year: int) -> Report:
    now = timezone.now()
    meetings = list(
        council.meetings.filter(starts_at__year=year, starts_at__lte=now).order_by("starts_at", "pk")
    )
    held = [m for m in meetings if not m.cancelled_at]
    published = [m.pk for m in held if m.minutes_published_at]
    decisions = list(
        Decision.objects.filter(meeting_id__in=published)
        .select_related("meeting")
        .order_by("meeting__starts_at", "position", "pk")
    )
    recommended = [d for d in decisions if d.kind == Decision.Kind.RECOMMENDATION]
    content_type = ContentType.objects.get_for_model(Decision)
    found: dict[int, list] = {}
    for item in (
        items(public_only=False)
        .filter(source_type=content_type, source_id__in=[d.pk for d in recommended])
        .order_by("pk")
    ):
        found.setdefault(item.source_id, []).append(item)
    statuses = Counter(item.status for group in found.values() for item in group)
    fate_codes = [(status, statuses[status]) for status in Item.Status.values if statuses[status]]
    periods = list(
        council.kpi_periods.filter(published_at__isnull=False, ends_on__year=year).order_by("starts_on", "pk")
    )
    results = kpi_selectors.results_of_periods(periods)
    return Report(
        council=council,
        year=year,
        meetings=held,
        cancelled=len(meetings) - len(held),
        decisions=decisions,
        recommendations=[Recommendation(d, found.get(d.pk, [])) for d in recommended],
        fates=[(str(Item.Status(status).label), n) for status, n in fate_codes],
        fate_codes=fate_codes,
        periods=[(p, results[p.pk][:TOP_MEMBERS]) for p in periods],
        committees=list(council.committees.all()),
    )


# --- The PDF -----------------------------------------------------------------------------------------------------


class ReportPDF(FPDF):
    def __init__(self):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = ""
        self.add_font(FONT, "", str(FONTS_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 16, 18)

    def footer(self):
        self.set_y(-13)
        self.set_font(FONT, size=8)
        self.cell(0, 6, self.footer_text % {"page": self.page_no(), "pages": "{nb}"}, align="C")

    def heading(self, text: str, size: int = 12) -> None:
        self.set_font(FONT, "B", size)
        self.multi_cell(0, LINE + 1, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, size=10)

    def para(self, text: str) -> None:
        self.set_font(FONT, size=10)
        self.multi_cell(0, LINE, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def fact(self, label: str, value: str) -> None:
        self.set_font(FONT, "B", 10)
        self.write(LINE, f"{label}: ")
        self.set_font(FONT, size=10)
        self.write(LINE, value)
        self.ln(LINE)

    def rows(self, widths: tuple, header: list[str], rows: list[list[str]]) -> None:
        self.set_font(FONT, size=9)
        with self.table(
            col_widths=widths,
            text_align="LEFT",
            line_height=LINE - 0.5,
            headings_style=FontFace(emphasis="BOLD"),
        ) as table:
            head = table.row()
            for label in header:
                head.cell(label)
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(value)
        self.set_font(FONT, size=10)
        self.ln(2)


def _section(pdf: ReportPDF, report: Report) -> None:
    council = report.council
    pdf.add_page()
    pdf.footer_text = _("Page %(page)s of %(pages)s")
    pdf.heading(_("Annual report of the public council for %(year)s") % {"year": report.year}, 14)
    pdf.heading(council.name, 12)
    pdf.fact(_("Sits at"), council.body.name)
    pdf.fact(_("Term"), f"{long_date(council.term_starts_on)} – {long_date(council.term_ends_on)}")
    if report.committees:  # each part names them in its own language
        names = sorted_alphabetically(c.name for c in report.committees)
        pdf.fact(_("Permanent committees"), "; ".join(names))
    pdf.ln(2)
    pdf.heading(_("Meetings"), 12)
    pdf.fact(_("Meetings held"), str(len(report.meetings)))
    pdf.fact(_("Meetings cancelled"), str(report.cancelled))
    if report.meetings:
        pdf.rows(
            (40, 134),
            [_("Date"), _("Place")],
            [[long_date(timezone.localtime(m.starts_at).date()), m.place or "—"] for m in report.meetings],
        )
    pdf.heading(_("Decisions"), 12)
    if report.kinds:
        for label, count in report.kinds:
            pdf.fact(label, str(count))
    else:
        pdf.para(_("No decisions were published this year."))
    pdf.ln(2)
    pdf.heading(_("Recommendations and their fate"), 12)
    if report.recommendations:
        rows = []
        for rec in report.recommendations:
            for item in rec.items or [None]:
                rows.append(
                    [
                        rec.decision.title,
                        item.body.name if item else "—",
                        item.status_label if item else "—",
                    ]
                )
        pdf.rows((80, 60, 34), [_("Recommendation"), _("Addressed to"), _("Status")], rows)
        for label, count in report.fates:
            pdf.fact(label, str(count))
    else:
        pdf.para(_("The council made no recommendations this year."))
    pdf.ln(2)
    pdf.heading(_("Members' KPIs"), 12)
    if report.periods:
        for period, results in report.periods:
            pdf.para(f"{period.name} ({long_date(period.starts_on)} – {long_date(period.ends_on)})")
            pdf.rows(
                (20, 124, 30),
                [_("Rank"), pgettext("a member of a public council", "Member"), _("Total, out of 100")],
                [
                    [str(r.rank), r.member.full_name, format_number(r.total, decimal_places=1)]
                    for r in results
                ],
            )
    else:
        pdf.para(_("No KPI results were published for this year."))


def report_pdf(report: Report, languages=None) -> bytes:
    """The report as PDF bytes, one part per language (default: the active one)."""
    languages = list(languages or [get_language() or "kk"])
    pdf = ReportPDF()
    with translation.override(languages[0]):
        pdf.set_title(
            _("Annual report of the public council for %(year)s") % {"year": report.year}
            + f": {report.council.name}"
        )
    pdf.set_lang(languages[0])
    pdf.set_creator("Azamat")
    for language in languages:
        with translation.override(language):
            _section(pdf, report)
    return bytes(pdf.output())
