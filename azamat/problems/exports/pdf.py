"""The register as PDF (fpdf2). The DejaVu fonts vendored in azamat/grants/fonts (Cyrillic with the Kazakh
letters) are referenced by path, as the councils' annual report does: problems and grants are independent."""

from pathlib import Path

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from azamat.problems.exports.document import (
    Entry,
    action_fate,
    heading,
    language_tag,
    problem_heading,
    register,
    subtitle,
    summary,
    title,
)

FONTS_DIR = Path(__file__).resolve().parents[2] / "grants" / "fonts"
FONT = "DejaVu"
LINE = 5.2


class RegisterPDF(FPDF):
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

    def heading(self, text: str, size: int) -> None:
        self.set_font(FONT, "B", size)
        self.multi_cell(0, LINE + 1, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, size=10)

    def para(self, text: str, size: int = 10) -> None:
        self.set_font(FONT, size=size)
        self.multi_cell(0, LINE, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def fact(self, label: str, value: str) -> None:
        self.set_font(FONT, "B", 10)
        self.write(LINE, f"{label}: ")
        self.set_font(FONT, size=10)
        self.write(LINE, value)
        self.ln(LINE)


def _pdf_entry(pdf: RegisterPDF, entry: Entry) -> None:
    if pdf.will_page_break(30):
        pdf.add_page()
    pdf.heading(problem_heading(entry), 11)
    pdf.fact(_("Status"), entry.status)
    pdf.para(entry.problem.description)
    pdf.fact(_("Regions affected"), entry.regions_text)
    pdf.fact(_("Organisations endorsing"), str(entry.endorsements))
    if entry.acts:
        pdf.set_font(FONT, "B", 10)
        pdf.multi_cell(0, LINE, _("Legal acts to change") + ":", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for act in entry.acts:
            pdf.para(f"— {act}")
    if entry.actions:
        pdf.set_font(FONT, size=8.5)
        with pdf.table(
            col_widths=(78, 40, 56),
            text_align="LEFT",
            line_height=LINE - 1,
            headings_style=FontFace(emphasis="BOLD"),
        ) as table:
            head = table.row()
            for label in (_("Recommendation"), _("Body that must act"), _("What the body did")):
                head.cell(label)
            for action in entry.actions:
                row = table.row()
                row.cell(action.recommendation.text)
                row.cell(action.body)
                row.cell(action_fate(action))
    pdf.ln(4)


def register_pdf(problems: QuerySet) -> bytes:
    """The register as PDF bytes, in the active language."""
    document = register(problems)
    pdf = RegisterPDF()
    pdf.set_title(title())
    pdf.set_lang(language_tag())
    pdf.set_creator("Azamat")
    pdf.footer_text = _("Page %(page)s of %(pages)s")
    pdf.add_page()
    pdf.heading(title(), 16)
    pdf.para(subtitle(document))
    pdf.ln(2)
    for line in summary(document):
        pdf.para(line)
    for section in document.sections:
        pdf.ln(4)
        if pdf.will_page_break(40):
            pdf.add_page()
        pdf.heading(heading(section), 13)
        if not section.entries:
            pdf.para(_("No problems in this area."))
        for entry in section.entries:
            _pdf_entry(pdf, entry)
    return bytes(pdf.output())
