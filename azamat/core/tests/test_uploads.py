"""core.uploads reads an OpenDocument text by its package, as it reads PDF and Office Open XML files."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from azamat.core import uploads
from azamat.testing.files import real_odt, real_pdf


def _upload(name, content):
    return SimpleUploadedFile(name, content)


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def _package(mimetype: bytes, content: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def test_a_real_odt_is_taken():
    assert uploads.refusal(_upload("протокол.odt", real_odt()), kinds={"odt"}, max_bytes=10**6) is None


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">&b;'
    "</office:document-content>"
)


def test_what_is_not_an_odt_is_refused_as_not_genuine():
    refused = [
        _xlsx(),  # another zip package renamed
        real_pdf(),
        _package(b"application/vnd.oasis.opendocument.spreadsheet", "<office:document-content/>"),
        _package(b"application/vnd.oasis.opendocument.text", "<not-a-document/>"),
        _package(b"application/vnd.oasis.opendocument.text", LAUGHS),  # entities are never expanded
    ]
    for content in refused:
        got = uploads.refusal(_upload("протокол.odt", content), kinds={"odt"}, max_bytes=10**6)
        assert got == (uploads.FILE_CONTENT, {"name": "протокол.odt", "kind": "ODT"})
