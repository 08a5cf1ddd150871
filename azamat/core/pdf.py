"""The platform's PDF documents (fpdf2) share one page: A4, the DejaVu fonts vendored in azamat/grants/fonts
(Cyrillic with the Kazakh letters), a footer with the document's name and page numbers, headings kept with what
follows them, and paragraphs."""

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

FONTS_DIR = Path(__file__).resolve().parents[1] / "grants" / "fonts"
FONT = "DejaVu"
LINE = 5.2


class DocumentPDF(FPDF):
    HEADING_SIZE = 13
    KEEP_WITH_HEADING = 25  # mm a heading needs below it, else it starts the next page

    def __init__(self, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.add_font(FONT, "", str(FONTS_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(16, 16, 16)

    def footer(self):
        self.set_y(-13)
        self.set_font(FONT, size=8)
        self.cell(0, 6, f"{self.footer_text} · {self.page_no()}/{{nb}}", align="C")

    def heading(self, text: str, size: int | None = None) -> None:
        if self.will_page_break(self.KEEP_WITH_HEADING):
            self.add_page()
        self.ln(2)
        self.set_font(FONT, "B", size or self.HEADING_SIZE)
        self.multi_cell(0, LINE + 1, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, size=10)

    def para(self, text: str) -> None:
        self.set_font(FONT, size=10)
        self.multi_cell(0, LINE, text or "—", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def table_rows(self, headings, rows, widths: tuple) -> None:
        """A table with a bold heading row; empty cells for None."""
        self.set_font(FONT, size=8.5)
        with self.table(
            col_widths=widths,
            text_align="LEFT",
            line_height=LINE - 1,
            headings_style=FontFace(emphasis="BOLD"),
        ) as table:
            table.row([str(h) for h in headings])
            for row in rows:
                table.row(["" if cell is None else str(cell) for cell in row])
        self.ln(1)
