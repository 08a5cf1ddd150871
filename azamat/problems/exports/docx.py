"""The register as a Word document: Office Open XML written with the standard library (no python-docx in the
lock): headings for the areas and problems, a table of recommendations for each."""

import io
import re
import zipfile
from xml.sax.saxutils import escape

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from azamat.problems.exports.document import (
    action_fate,
    heading,
    language_tag,
    problem_heading,
    register,
    subtitle,
    summary,
    title,
)

# Characters XML 1.0 does not allow (control characters a pasted text may carry).
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


def _styles(language: str) -> str:
    def heading(style_id: str, name: str, size: int, level: int | None) -> str:
        outline = f'<w:outlineLvl w:val="{level}"/>' if level is not None else ""
        return (
            f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
            f'<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/>{outline}</w:pPr>'
            f'<w:rPr><w:b/><w:sz w:val="{size}"/></w:rPr></w:style>'
        )

    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {W}>'
        '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="DejaVu Sans" w:hAnsi="DejaVu Sans" '
        f'w:cs="DejaVu Sans" w:eastAsia="DejaVu Sans"/><w:sz w:val="20"/><w:lang w:val="{language}"/></w:rPr>'
        '</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80"/></w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
        + heading("Title", "Title", 36, None)
        + heading("Heading1", "heading 1", 28, 0)
        + heading("Heading2", "heading 2", 22, 1)
        + '<w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>'
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="999999"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + '</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style></w:styles>"
    )


def _core(document_title: str, language: str) -> str:
    now = timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_text(document_title)}</dc:title><dc:creator>Azamat</dc:creator>"
        f"<dc:language>{language}</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created></cp:coreProperties>'
    )


def _text(value) -> str:
    return escape(NOT_XML.sub("", str(value)))


def _runs(text: str, bold: bool = False) -> str:
    """A run of text; line breaks inside it become `<w:br/>`."""
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    lines = NOT_XML.sub("", str(text)).split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return f"<w:r>{props}{body}</w:r>"


def _paragraph(text: str = "", style: str = "", label: str = "") -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    lead = _runs(f"{label}: ", bold=True) if label else ""
    return f"<w:p>{props}{lead}{_runs(text) if text else ''}</w:p>"


def _table(header: list[str], rows: list[list[str]], widths: list[int]) -> str:
    """A table with a repeated bold header row; widths in twentieths of a point."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)

    def cell(text: str, width: int, bold: bool = False) -> str:
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f'<w:p><w:pPr><w:spacing w:after="0"/></w:pPr>{_runs(text, bold)}</w:p></w:tc>'
        )

    head = (
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
        + "".join(cell(t, w, True) for t, w in zip(header, widths, strict=True))
        + "</w:tr>"
    )
    body = "".join(
        "<w:tr>" + "".join(cell(t, w) for t, w in zip(row, widths, strict=True)) + "</w:tr>" for row in rows
    )
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{head}{body}</w:tbl>'
        "<w:p/>"
    )


def register_docx(problems: QuerySet) -> bytes:
    """The register as a Word document (headings for the areas and problems, a table of recommendations for
    each), written as Office Open XML with the standard library."""
    document = register(problems)
    language = language_tag()
    parts = [_paragraph(title(), "Title"), _paragraph(subtitle(document))]
    parts += [_paragraph(line) for line in summary(document)]
    columns = [_("Recommendation"), _("Body that must act"), _("What the body did")]
    for section in document.sections:
        parts.append(_paragraph(heading(section), "Heading1"))
        if not section.entries:
            parts.append(_paragraph(_("No problems in this area.")))
        for entry in section.entries:
            parts.append(_paragraph(problem_heading(entry), "Heading2"))
            parts.append(_paragraph(entry.status, label=_("Status")))
            parts.append(_paragraph(entry.problem.description))
            parts.append(_paragraph(entry.regions_text, label=_("Regions affected")))
            parts.append(_paragraph(str(entry.endorsements), label=_("Organisations endorsing")))
            if entry.acts:
                parts.append(_paragraph(label=_("Legal acts to change")))
                parts += [_paragraph(f"— {act}") for act in entry.acts]
            if entry.actions:
                rows = [[a.recommendation.text, a.body, action_fate(a)] for a in entry.actions]
                parts.append(_table(columns, rows, [4300, 2300, 3000]))
    section = (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1000" w:right="1000" w:bottom="1000" w:left="1000" w:header="500" w:footer="500" '
        'w:gutter="0"/></w:sectPr>'
    )
    body = (
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
        package.writestr("word/document.xml", body)
        package.writestr("word/styles.xml", _styles(language))
        package.writestr("docProps/core.xml", _core(title(), language))
    return buffer.getvalue()
