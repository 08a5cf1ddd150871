"""The survey's report as PDF (fpdf2): each question's table of answers, shares and 95% intervals with a bar
per answer. The DejaVu fonts vendored in azamat/grants/fonts carry the Kazakh letters."""

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf.enums import XPos, YPos

from azamat.core.dates import long_date
from azamat.core.pdf import FONT, DocumentPDF
from azamat.surveys.templatetags.survey_analysis import number, percent

BAR_WIDTH = 50


def _pct(value) -> str:
    # As the report's page writes them (12,3 % and 1 234 in Kazakh and Russian), not with Python's dot.
    return percent(value)


def _num(value, places: int = 2) -> str:
    return number(value, places)


class ReportPDF(DocumentPDF):
    HEADING_SIZE = 12
    KEEP_WITH_HEADING = 30

    def bars(self, rows: list[dict]) -> None:
        top = max((row["share"] for row in rows), default=0) or 1
        self.set_font(FONT, size=8)
        for row in rows:
            if self.will_page_break(6):
                self.add_page()
            y = self.get_y()
            self.cell(60, 5, str(row["label"])[:38])
            self.set_fill_color(47, 102, 144)
            width = BAR_WIDTH * row["share"] / top
            if width > 0:
                self.rect(self.l_margin + 62, y + 1, width, 3, style="F")
            self.set_x(self.l_margin + 62 + BAR_WIDTH + 4)
            self.cell(20, 5, _pct(row["share"]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)


def report_pdf(survey, sections: list[dict], *, total: int, weighted: bool) -> bytes:
    today = long_date(timezone.localdate())
    pdf = ReportPDF(footer_text=f"{survey.title} · {today}")
    pdf.set_title(survey.title)
    pdf.add_page()
    pdf.heading(_("Results: %(title)s") % {"title": survey.title}, size=15)
    facts = [str(survey.owner), _("Responses: %(count)s") % {"count": total}]
    if weighted:
        facts.append(_("weighted to the population"))
    pdf.para(" · ".join(facts))
    pdf.para(_("Shares come with their 95% confidence interval (Wilson)."))
    for section in sections:
        pdf.heading(section["label"])
        if section["kind"] == "choices":
            frequencies = section["frequencies"]
            rows = [
                (
                    row["label"],
                    _num(row["count"]),
                    _pct(row["share"]),
                    f"{_pct(row['ci_low'])} – {_pct(row['ci_high'])}",
                )
                for row in frequencies["rows"]
            ]
            pdf.table_rows([_("Answer"), _("Count"), _("Share"), _("95% interval")], rows, (70, 25, 25, 45))
            pdf.bars(frequencies["rows"])
            pdf.para(_("Answered: %(n)s") % {"n": _num(frequencies["n"])})
        elif section["kind"] == "numbers":
            s = section["numbers"]
            pdf.table_rows(
                ["n", _("Mean"), _("Std. deviation"), _("Minimum"), _("Median"), _("Maximum")],
                [(s["n"], _num(s["mean"]), _num(s["sd"]), _num(s["min"]), _num(s["median"]), _num(s["max"]))],
                (20, 30, 30, 30, 30, 30),
            )
        elif section["kind"] == "dates":
            d = section["dates"]
            pdf.para(
                _("Answered: %(n)s; from %(first)s to %(last)s.")
                % {"n": d["n"], "first": d["first"] or "—", "last": d["last"] or "—"}
            )
        elif section["kind"] == "text":
            for answer in section.get("answers", []):
                pdf.para(f"— {answer}")
    return bytes(pdf.output())
