"""An appeal as a letter to file on e-Otinish or on paper: DOCX (Office Open XML written with the standard
library, as the problem register's export: python-docx is not in the lock) and PDF (fpdf2 with the DejaVu fonts
vendored in azamat/grants/fonts, which carry the Kazakh letters). The layout of an official letter: the
addressee and the sender at the top right, the subject, the text, the date and the signature."""

import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils import timezone
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from azamat.campaigns.appeal_texts import blanks_note, date_line, heading_lines, signature_lines

FONTS_DIR = Path(__file__).resolve().parents[1] / "grants" / "fonts"
FONT = "DejaVu"
LINE = 5.6
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LANGUAGE_TAGS = {"kk": "kk-KZ", "ru": "ru-RU"}


def _clean(value) -> str:
    return NOT_XML.sub("", str(value))


def _styles(language: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {W}>'
        '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
        'w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="28"/>'
        f'<w:lang w:val="{language}"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        "</w:style></w:styles>"
    )


def _core(title: str, language: str) -> str:
    now = timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(_clean(title))}</dc:title><dc:creator>Azamat</dc:creator>"
        f"<dc:language>{language}</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created></cp:coreProperties>'
    )


def _paragraph(
    text: str,
    *,
    align: str = "",
    bold: bool = False,
    indent: int = 0,
    after: int | None = None,
    warning: bool = False,
) -> str:
    props = []
    if after is not None:
        props.append(f'<w:spacing w:after="{after}"/>')
    if indent:
        props.append(f'<w:ind w:left="{indent}"/>')
    if align:
        props.append(f'<w:jc w:val="{align}"/>')
    run_props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    if warning:  # the draft's note: bold, dark red on yellow, so nobody files it by mistake
        props.insert(
            0,
            '<w:pBdr><w:top w:val="single" w:sz="8" w:space="4" w:color="C00000"/>'
            '<w:bottom w:val="single" w:sz="8" w:space="4" w:color="C00000"/></w:pBdr>',
        )
        run_props = '<w:rPr><w:b/><w:color w:val="C00000"/><w:highlight w:val="yellow"/></w:rPr>'
    lines = _clean(text).split("\n")
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return f"<w:p><w:pPr>{''.join(props)}</w:pPr><w:r>{run_props}{runs}</w:r></w:p>"


def appeal_docx(appeal) -> bytes:
    """The letter as a Word document."""
    addressee, sender = heading_lines(appeal)
    language = LANGUAGE_TAGS.get(appeal.language, appeal.language)
    block = 5000  # the heading block's left indent (twentieths of a point): the right half of the page
    note = blanks_note(appeal)
    parts = [_paragraph(note, warning=True)] if note else []
    parts += [_paragraph(line, indent=block, after=0) for line in addressee]
    parts.append(_paragraph("", after=0))
    parts += [_paragraph(line, indent=block, after=0) for line in sender]
    parts.append(_paragraph(""))
    parts.append(_paragraph(appeal.subject, bold=True, align="center"))
    parts += [
        _paragraph(paragraph, align="both") for paragraph in appeal.text.split("\n\n") if paragraph.strip()
    ]
    parts.append(_paragraph(""))
    parts.append(_paragraph(date_line(appeal)))
    parts += [_paragraph(line) for line in signature_lines(appeal)]
    section = (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" '
        'w:gutter="0"/></w:sectPr>'
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>'
        + "".join(parts)
        + section
        + "</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", PACKAGE_RELS)
        package.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        package.writestr("word/document.xml", document)
        package.writestr("word/styles.xml", _styles(language))
        package.writestr("docProps/core.xml", _core(appeal.subject, language))
    return buffer.getvalue()


class LetterPDF(FPDF):
    def __init__(self):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.add_font(FONT, "", str(FONTS_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=20)
        self.set_margins(30, 20, 15)

    def footer(self):
        self.set_y(-13)
        self.set_font(FONT, size=8)
        self.cell(0, 6, f"{self.page_no()} / {{nb}}", align="C")


def appeal_pdf(appeal) -> bytes:
    """The letter as PDF."""
    pdf = LetterPDF()
    pdf.set_title(_clean(appeal.subject))
    pdf.set_lang(LANGUAGE_TAGS.get(appeal.language, appeal.language))
    pdf.set_creator("Azamat")
    pdf.add_page()
    note = blanks_note(appeal)
    if note:  # the draft's note, in dark red in a frame, above the letter
        pdf.set_font(FONT, "B", 11)
        pdf.set_text_color(192, 0, 0)
        pdf.set_draw_color(192, 0, 0)
        pdf.multi_cell(0, LINE, _clean(note), border=1, padding=2, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        pdf.ln(4)
    addressee, sender = heading_lines(appeal)
    width = pdf.epw / 2
    pdf.set_font(FONT, size=11)
    for lines in (addressee, sender):
        for line in lines:
            pdf.set_x(pdf.l_margin + width)
            pdf.multi_cell(width, LINE, _clean(line), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)
    pdf.ln(4)
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, LINE + 0.6, _clean(appeal.subject), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.set_font(FONT, size=11)
    for paragraph in appeal.text.split("\n\n"):
        if paragraph.strip():
            pdf.multi_cell(0, LINE, _clean(paragraph.strip()), align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2)
    pdf.ln(6)
    pdf.multi_cell(0, LINE, date_line(appeal), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    for line in signature_lines(appeal):
        pdf.multi_cell(0, LINE, _clean(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
