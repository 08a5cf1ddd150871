"""Real files for tests, in the formats people attach: made by the libraries that write them, so that the
checks of core.uploads (a PDF opened and its pages read) see what a person's file is."""

from fpdf import FPDF


def real_pdf(pages: int = 1, text: str = "Page") -> bytes:
    document = FPDF()
    document.set_font("helvetica", size=12)
    for number in range(pages):
        document.add_page()
        document.cell(text=f"{text} {number + 1}")
    return bytes(document.output())
