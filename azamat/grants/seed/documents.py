"""Small real files for the generated applications, made in memory: a PDF (fpdf2), a DOCX (its Office Open XML
parts zipped by hand) and an XLSX (openpyxl), attached through the service that checks attachments."""

import datetime
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF
from openpyxl import Workbook

from azamat.grants.services.application_files import attachment_add
from azamat.registry.document_services import founding_document_upload

FONTS = Path(__file__).resolve().parent.parent / "fonts"

# What each required document is called in the file (Kazakh, Russian) and the kind of file it comes as.
DOCUMENTS = {
    "charter": (("Жарғы", "Устав"), "pdf"),
    "registration": (("Мемлекеттік тіркеу туралы анықтама", "Справка о государственной регистрации"), "pdf"),
    "budget": (("Жоба бюджеті", "Бюджет проекта"), "xlsx"),
    "cv": (("Жоба жетекшісінің түйіндемесі", "Резюме руководителя проекта"), "docx"),
    "letters": (("Серіктестердің хаттары", "Письма партнёров"), "pdf"),
}

TEMPLATE_LINES = (
    "Үлгі құжат: демонстрациялық деректер үшін жасалған.",
    "Образец документа: создан для демонстрационных данных.",
)
_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def pdf_bytes(title: str, lines: list[str]) -> bytes:
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 14)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def docx_bytes(title: str, lines: list[str]) -> bytes:
    paragraphs = "".join(f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>" for text in [title, *lines])
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W}"><w:body>{paragraphs}</w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _DOCX_TYPES)
        archive.writestr("_rels/.rels", _DOCX_RELS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def xlsx_bytes(title: str, rows: list[tuple], sheet_title: str = "") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = (sheet_title or title)[:31]  # a sheet's name is at most 31 characters
    sheet.append([title])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_PDFS: dict[tuple[str, int], bytes] = {}  # (document code, language) → the PDF, made once per process


class Documents:
    """Makes an application's files: its budget and its leader's CV from its own text, the PDFs from a template."""

    def content(self, code: str, application, lines) -> tuple[str, bytes]:
        (names, kind) = DOCUMENTS.get(code, (("Қосымша құжат", "Дополнительный документ"), "pdf"))
        i = 0 if application.language == "kk" else 1
        organisation = application.organisation
        org_name = organisation.name_kk if i == 0 else organisation.name_ru
        title = f"{names[i]}: {org_name}"
        filename = f"{names[i]}.{kind}"  # as the organisation named its file
        if kind == "xlsx":
            rows = [
                (description, float(quantity), float(unit_cost))
                for _c, description, quantity, unit_cost in lines
            ]
            return filename, xlsx_bytes(f"{names[i]}: {application.title}", rows, sheet_title=names[i])
        if kind == "docx":
            return filename, docx_bytes(title, [application.title, application.team])
        # A PDF takes a quarter of a second to render (the font is parsed each time): one per kind and language.
        key = (code, i)
        if key not in _PDFS:
            _PDFS[key] = pdf_bytes(names[i], [TEMPLATE_LINES[i]])
        return filename, _PDFS[key]

    def attach(self, *, application, by, lines, skip=()) -> int:
        """Attach every document the grant type requires (but those in `skip`), through the checking service."""
        codes = [
            d["code"]
            for d in application.call.grant_type.required_documents or []
            if d.get("code") and d["code"] not in skip
        ]
        for code in codes:
            filename, data = self.content(code, application, lines)
            attachment_add(
                application=application,
                by=by,
                upload=SimpleUploadedFile(filename, data),
                document_code=code,
            )
        return len(codes)


def put_on_file(*, organisation, by) -> set[str]:
    """The organisation's charter and registration certificate kept on its profile (the registry's founding
    documents), made as the applications' PDFs are, in both languages; the certificate shown on the public
    profile. Gives the kinds now on file, which its draft applications take from there rather than attach."""
    kinds = {"charter": False, "registration": True}  # kind → shown on the public profile
    dated = organisation.registered_on or datetime.date(2015, 1, 15)
    for code, public in kinds.items():
        names, _kind = DOCUMENTS[code]
        title = f"{names[0]} / {names[1]}: {organisation.name_kk} / {organisation.name_ru}"
        founding_document_upload(
            organisation=organisation,
            by=by,
            kind=code,
            upload=SimpleUploadedFile(f"{names[1]}.pdf", pdf_bytes(title, list(TEMPLATE_LINES))),
            dated=dated,
            public=public,
        )
    return set(kinds)
