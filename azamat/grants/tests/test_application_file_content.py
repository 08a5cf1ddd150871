"""Attachments are opened, not only sniffed: a PDF must parse and have pages, a DOCX or XLSX must be a package
whose declared main part parses (safely) as the right kind of document."""

import io

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from fpdf import FPDF

from azamat.core.errors import DomainError
from azamat.grants.factories import CallFactory, DirectionFactory
from azamat.grants.models import Attachment
from azamat.grants.services.application_files import (
    FILE_CONTENT,
    FILE_ENCRYPTED,
    attachment_add,
    content_matches,
    content_problem,
)
from azamat.grants.tests.test_applications import CLOSES, NOW, OPENS, draft
from azamat.testing.files import DOCX_MAIN, DOCX_TYPES, zipped
from azamat.testing.files import locked_pdf as encrypted_pdf

XLSX_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
    b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&lol2;'
    b"</w:document>"
)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def real_pdf(pages: int = 1) -> bytes:
    document = FPDF()
    document.set_font("helvetica", size=12)
    for number in range(pages):
        document.add_page()
        document.cell(text=f"Page {number + 1}")
    return bytes(document.output())


def real_xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "Смета"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_genuine_files_pass():
    assert content_problem(upload("a.pdf", real_pdf(3)), "pdf") is None
    assert (
        content_problem(
            upload("a.docx", zipped({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": DOCX_MAIN})),
            "docx",
        )
        is None
    )
    assert content_problem(upload("a.xlsx", real_xlsx()), "xlsx") is None


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n" + b"this is a text file renamed to .pdf\n" * 50,
        b"%PDF-1.4",
        real_pdf()[:400],  # cut short in transfer: no cross-reference table, no trailer
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",  # no pages
    ],
)
def test_a_pdf_header_on_anything_else_is_refused(content):
    assert content_problem(upload("charter.pdf", content), "pdf") == FILE_CONTENT


def test_a_password_protected_pdf_is_refused_with_its_own_reason():
    assert content_problem(upload("charter.pdf", encrypted_pdf()), "pdf") == FILE_ENCRYPTED


@pytest.mark.parametrize(
    ("ext", "content"),
    [
        # The content types say DOCX, but the main part is missing.
        ("docx", zipped({"[Content_Types].xml": DOCX_TYPES})),
        # The main part is not XML.
        ("docx", zipped({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": b"not xml at all"})),
        # The main part is XML but not a Word document.
        ("docx", zipped({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": b"<html><body/></html>"})),
        # Entity expansion is refused, not performed.
        ("docx", zipped({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": BILLION_LAUGHS})),
        # The content types are not XML, only contain the right words.
        (
            "docx",
            zipped(
                {"[Content_Types].xml": b"wordprocessingml.document.main+xml", "word/document.xml": DOCX_MAIN}
            ),
        ),
        # An XLSX whose workbook part is a Word document.
        ("xlsx", zipped({"[Content_Types].xml": XLSX_TYPES, "xl/workbook.xml": DOCX_MAIN})),
        # A DOCX renamed to XLSX.
        ("xlsx", zipped({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": DOCX_MAIN})),
    ],
)
def test_office_packages_must_parse_as_what_they_say(ext, content):
    assert content_matches(upload(f"file.{ext}", content), ext) is False


@pytest.mark.django_db
def test_a_fake_pdf_is_refused_when_attached_and_nothing_is_saved(ngo, alice):
    with time_machine.travel(NOW), translation.override("en"):
        application = draft(DirectionFactory(call=CallFactory(opens_at=OPENS, closes_at=CLOSES)), ngo, alice)
        for content, message in [
            (
                b"%PDF-1.7\n" + b"garbage " * 100,
                "“Жарғы.pdf” is not a genuine PDF file; save it again as PDF and attach it.",
            ),
            (
                encrypted_pdf(),
                "“Жарғы.pdf” is protected with a password; save it without the password and attach it.",
            ),
        ]:
            with pytest.raises(DomainError) as error:
                attachment_add(
                    application=application,
                    by=alice,
                    upload=upload("Жарғы.pdf", content),
                    document_code="charter",
                )
            assert (str(error.value), error.value.field) == (message, "file")
        assert not Attachment.objects.exists()
