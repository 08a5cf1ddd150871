"""What an uploaded file really is: checked by its content, not its name, for every module that takes files.

`content_problem(upload, ext)` says why the bytes are not what the extension names (an error code), or None:
PNG and JPEG by their magic numbers (Pillow re-reads images where they are shown); a PDF opened and its pages
read (one locked with a password is told apart: readers could not open it); DOCX and XLSX unpacked and their
main part parsed with defusedxml, so a crafted package can neither expand entities nor read a local file; an ODT
by its package's `mimetype` and its content.xml, parsed the same way.
Each module keeps its own list of the kinds it takes, its size limit and its messages."""

import os
import zipfile

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as safe_xml
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

FILE_TYPE = "file_type"
FILE_EMPTY = "file_empty"
FILE_TOO_LARGE = "file_too_large"
FILE_CONTENT = "file_content"
FILE_ENCRYPTED = "file_encrypted"

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
# The main part an Office Open XML package declares in its [Content_Types].xml, and the root element that
# part must have (by local name: transitional and strict OOXML name the namespace differently).
OOXML_MAIN_PARTS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
OOXML_ROOTS = {"docx": "document", "xlsx": "workbook"}
CONTENT_TYPES_MAX_BYTES = 1024 * 1024  # a real [Content_Types].xml is a few kilobytes; more is a zip bomb
MAIN_PART_MAX_BYTES = 64 * 1024 * 1024  # a 10 MB upload's text unpacked; past this, a zip bomb
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# What reading a zip package and parsing its XML can raise when the file is not a sound package.
UNREADABLE_PACKAGE = (
    zipfile.BadZipFile,
    KeyError,
    OSError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    EOFError,
    safe_xml.ParseError,
    DefusedXmlException,
)


def extension(name: str) -> str:
    """The extension in lower case ("pdf"), or "" for a name without one (".pdf" alone has none)."""
    base, dot, ext = os.path.basename(name or "").rpartition(".")
    return ext.lower() if dot and base else ""


def kind_label(ext: str) -> str:
    """How a message names the kind: "PDF", "JPEG" (for .jpg too)."""
    return "JPEG" if ext == "jpg" else ext.upper()


def _head(upload, size: int = 16) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _local_name(tag: str) -> str:
    return tag.rpartition("}")[2]


def ooxml_is(upload, kind: str) -> bool:
    """Whether the zip is a package of that kind: its [Content_Types].xml declares the main part, and that part
    parses as XML with the right root. Both are parsed by defusedxml, which refuses DTDs and entities."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > CONTENT_TYPES_MAX_BYTES:
                return False
            types = safe_xml.fromstring(archive.read(info), forbid_dtd=True)
            parts = [
                override.get("PartName", "")
                for override in types.iter(f"{CONTENT_TYPES_NS}Override")
                if override.get("ContentType") == OOXML_MAIN_PARTS[kind]
            ]
            if len(parts) != 1:
                return False
            main = archive.getinfo(parts[0].lstrip("/"))
            if main.file_size > MAIN_PART_MAX_BYTES:
                return False
            root = safe_xml.fromstring(archive.read(main), forbid_dtd=True)
    except UNREADABLE_PACKAGE:
        return False
    finally:
        upload.seek(0)
    return _local_name(root.tag) == OOXML_ROOTS[kind]


def odt_is(upload) -> bool:
    """Whether the zip is an OpenDocument text: its `mimetype` entry names it, and content.xml parses (defusedxml)
    with the root office:document-content."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            if archive.read("mimetype").strip() != CONTENT_TYPES["odt"].encode():
                return False
            content = archive.getinfo("content.xml")
            if content.file_size > MAIN_PART_MAX_BYTES:
                return False
            root = safe_xml.fromstring(archive.read(content), forbid_dtd=True)
    except UNREADABLE_PACKAGE:
        return False
    finally:
        upload.seek(0)
    return _local_name(root.tag) == "document-content"


def pdf_check(upload) -> str | None:
    """None for a PDF that opens and has pages; else FILE_CONTENT, or FILE_ENCRYPTED for one locked with a
    password."""
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return FILE_ENCRYPTED
        return None if len(reader.pages) > 0 else FILE_CONTENT
    except FileNotDecryptedError:
        return FILE_ENCRYPTED
    # A malformed PDF can make any parser raise almost anything (its own errors, but also KeyError,
    # TypeError, RecursionError…): whatever stops pypdf from reading the pages means the file is not genuine.
    except Exception:  # noqa: BLE001
        return FILE_CONTENT
    finally:
        upload.seek(0)


def content_problem(upload, ext: str) -> str | None:
    """Why the bytes are not what the extension says (FILE_CONTENT, FILE_ENCRYPTED), or None."""
    head = _head(upload)
    if ext == "pdf":
        return pdf_check(upload) if head.startswith(b"%PDF-") else FILE_CONTENT
    if ext == "png":
        return None if head.startswith(b"\x89PNG\r\n\x1a\n") else FILE_CONTENT
    if ext in {"jpg", "jpeg"}:
        return None if head.startswith(b"\xff\xd8\xff") else FILE_CONTENT
    if ext in OOXML_MAIN_PARTS:
        return None if head.startswith(b"PK\x03\x04") and ooxml_is(upload, ext) else FILE_CONTENT
    if ext == "odt":
        return None if head.startswith(b"PK\x03\x04") and odt_is(upload) else FILE_CONTENT
    return FILE_CONTENT


def content_matches(upload, ext: str) -> bool:
    """Whether the file is a genuine file of the kind its extension names."""
    return content_problem(upload, ext) is None


def refusal(upload, *, kinds, max_bytes: int) -> tuple[str, dict] | None:
    """Why an upload is refused, as (code, the message's values), or None: a kind not in `kinds` (by its
    extension), empty, larger than `max_bytes`, or bytes that are not what the extension names. The caller says
    it in its own words (its MESSAGES for these codes)."""
    name = os.path.basename(getattr(upload, "name", "") or "")[:255]
    ext = extension(name)
    if ext not in kinds:
        return FILE_TYPE, {"name": name}
    if not upload.size:
        return FILE_EMPTY, {}
    if upload.size > max_bytes:
        return FILE_TOO_LARGE, {"limit": max_bytes // (1024 * 1024)}
    problem = content_problem(upload, ext)
    if problem:
        return problem, {"name": name, "kind": kind_label(ext)}
    return None
