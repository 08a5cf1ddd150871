"""The confirmed signatures of a petition for submission to its addressee (CSV, XLSX, PDF), for the petition's
team only: names, regions and dates of confirmation; never emails or address keys. Cells are spreadsheet-safe
(azamat/core/exports.py). The PDF uses the DejaVu fonts vendored in azamat/grants/fonts (Cyrillic and Kazakh)."""

from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from azamat.campaigns.models import Petition
from azamat.campaigns.petition_selectors import confirmed_for_export
from azamat.core.exports import csv_for_reader, to_xlsx

FONTS_DIR = Path(__file__).resolve().parents[1] / "grants" / "fonts"
FONT = "DejaVu"


def header() -> list[str]:
    return [_("No."), _("Name"), _("Region"), _("Confirmed")]


def rows(petition: Petition, *, as_text: bool = True):
    """A row per confirmed signature; the confirmation's moment in Almaty time, as text ("2026-11-20 14:03") for
    a CSV or a PDF, or as a moment a spreadsheet sorts and filters by date (`as_text=False`, for the XLSX)."""
    for number, signature in enumerate(confirmed_for_export(petition).iterator(chunk_size=2000), start=1):
        confirmed = timezone.localtime(signature.confirmed_at).replace(tzinfo=None, second=0, microsecond=0)
        yield [
            number,
            signature.name,
            signature.region.name if signature.region_id else "",
            confirmed.strftime("%Y-%m-%d %H:%M") if as_text else confirmed,
        ]


def _pdf(petition: Petition) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.add_font(FONT, "", str(FONTS_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_page()
    pdf.set_font(FONT, "B", 13)
    pdf.multi_cell(0, 6, petition.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(
        0,
        5,
        _("Addressee: %(body)s. Signatures confirmed by email.") % {"body": petition.body.name},
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(2)
    widths = (14, 78, 52, 30)
    pdf.set_font(FONT, "B", 9)
    for width, text in zip(widths, header(), strict=True):
        pdf.cell(width, 6, text, border=1)
    pdf.ln()
    pdf.set_font(FONT, "", 9)
    for row in rows(petition):
        for width, value in zip(widths, row, strict=True):
            pdf.cell(width, 5.5, str(value)[:48], border=1)
        pdf.ln()
    return bytes(pdf.output())


def build(petition: Petition, fmt: str) -> bytes:
    if fmt == "csv":
        return csv_for_reader(header(), rows(petition)).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(header(), rows(petition, as_text=False), title=_("Signatures"))
    return _pdf(petition)
