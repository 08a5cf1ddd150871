"""Files attached to applications: only PDF, DOCX, XLSX, PNG and JPEG, checked by name and by content."""

import os
import uuid
import zipfile

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as safe_xml
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from azamat.core.errors import DomainError
from azamat.grants.models import Application, Attachment
from azamat.grants.selectors import applications as selectors
from azamat.grants.services.applications import locked, require_editor

NOT_ALLOWED = "not_allowed"
FILE_EMPTY = "file_empty"
FILE_TOO_LARGE = "file_too_large"
FILE_TYPE = "file_type"
FILE_CONTENT = "file_content"
FILE_ENCRYPTED = "file_encrypted"
UNKNOWN_DOCUMENT = "unknown_document"
TOO_MANY_FILES = "too_many_files"

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 40
OTHER = "other"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
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

MESSAGES = {
    FILE_EMPTY: _("The file is empty."),
    FILE_TOO_LARGE: _("The file is too large: at most %(limit)s MB."),
    FILE_TYPE: _("Attach a PDF, DOCX, XLSX, PNG or JPEG file; “%(name)s” is not one of them."),
    FILE_CONTENT: _("“%(name)s” is not a genuine %(kind)s file; save it again as %(kind)s and attach it."),
    FILE_ENCRYPTED: _("“%(name)s” is protected with a password; save it without the password and attach it."),
    UNKNOWN_DOCUMENT: _("Choose which required document the file is, or “other”."),
    TOO_MANY_FILES: _("An application can have at most %(limit)s files."),
}


def _error(code: str, field: str | None = "file", **params) -> DomainError:
    message = MESSAGES[code]
    return DomainError(code, message % params if params else message, field=field)


def extension(name: str) -> str:
    base, dot, ext = os.path.basename(name or "").rpartition(".")
    return ext.lower() if dot and base else ""


def _head(upload, size: int = 16) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _local_name(tag: str) -> str:
    return tag.rpartition("}")[2]


def _ooxml_is(upload, kind: str) -> bool:
    """Whether the zip is a package of that kind: its [Content_Types].xml declares the main part, and that part
    parses as XML with the right root. Both are parsed by defusedxml, which refuses DTDs and entities, so a
    crafted package cannot expand a billion laughs or read a local file."""
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
    except (
        zipfile.BadZipFile,
        KeyError,
        OSError,
        ValueError,
        RuntimeError,
        NotImplementedError,
        EOFError,
        safe_xml.ParseError,
        DefusedXmlException,
    ):
        return False
    finally:
        upload.seek(0)
    return _local_name(root.tag) == OOXML_ROOTS[kind]


def pdf_check(upload) -> str | None:
    """None for a PDF that opens and has pages; else FILE_CONTENT, or FILE_ENCRYPTED for one locked with a
    password (experts could not open it)."""
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
    """Why the bytes are not what the extension says (an error code), or None. PNG and JPEG by their magic
    numbers (Pillow re-reads images where they are shown); PDF opened and its pages read; DOCX and XLSX
    unpacked and their main part parsed."""
    head = _head(upload)
    if ext == "pdf":
        return pdf_check(upload) if head.startswith(b"%PDF-") else FILE_CONTENT
    if ext == "png":
        return None if head.startswith(b"\x89PNG\r\n\x1a\n") else FILE_CONTENT
    if ext in {"jpg", "jpeg"}:
        return None if head.startswith(b"\xff\xd8\xff") else FILE_CONTENT
    if ext in OOXML_MAIN_PARTS:
        return None if head.startswith(b"PK\x03\x04") and _ooxml_is(upload, ext) else FILE_CONTENT
    return FILE_CONTENT


def content_matches(upload, ext: str) -> bool:
    """Whether the file is a genuine file of the kind its extension names."""
    return content_problem(upload, ext) is None


def attachment_validate(upload, *, document_code: str, grant_type) -> str:
    """Refuse anything but a real PDF, DOCX, XLSX, PNG or JPEG up to 10 MB; returns its extension."""
    codes = {code for code, _name in selectors.required_documents(grant_type)} | {OTHER}
    if document_code not in codes:
        raise _error(UNKNOWN_DOCUMENT, field="document_code")
    name = os.path.basename(upload.name or "")
    ext = extension(name)
    if ext not in CONTENT_TYPES:
        raise _error(FILE_TYPE, name=name)
    if not upload.size:
        raise _error(FILE_EMPTY)
    if upload.size > MAX_BYTES:
        raise _error(FILE_TOO_LARGE, limit=MAX_BYTES // (1024 * 1024))
    problem = content_problem(upload, ext)
    if problem:
        raise _error(problem, name=name, kind="JPEG" if ext == "jpg" else ext.upper())
    return ext


@transaction.atomic
def attachment_add(*, application: Application, by, upload, document_code: str) -> Attachment:
    """Attach a file as one of the grant type's required documents (or "other") while the draft is editable."""
    application = locked(application)
    require_editor(application, by)
    if application.attachments.count() >= MAX_FILES:
        raise _error(TOO_MANY_FILES, limit=MAX_FILES)
    ext = attachment_validate(upload, document_code=document_code, grant_type=application.call.grant_type)
    original = os.path.basename(upload.name)[:255]
    upload.name = f"{document_code}-{uuid.uuid4().hex[:12]}.{ext}"  # never the sender's path or name on disk
    attachment = Attachment(
        application=application,
        document_code=document_code,
        file=upload,
        original_name=original,
        size=upload.size,
        content_type=CONTENT_TYPES[ext],
        uploaded_by=by,
    )
    attachment.save()
    application._history_user = by
    application.save(update_fields=["updated_at"])
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, by) -> None:
    application = locked(attachment.application)
    require_editor(application, by)
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    application._history_user = by
    application.save(update_fields=["updated_at"])
    transaction.on_commit(lambda: storage.delete(stored) if stored else None)
