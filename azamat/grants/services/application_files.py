"""Files attached to applications: only PDF, DOCX, XLSX, PNG and JPEG, checked by name and by content."""

import os
import uuid
import zipfile

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError
from azamat.grants import selectors
from azamat.grants.models import Application, Attachment
from azamat.grants.services.applications import locked, require_editor

NOT_ALLOWED = "not_allowed"
FILE_EMPTY = "file_empty"
FILE_TOO_LARGE = "file_too_large"
FILE_TYPE = "file_type"
FILE_CONTENT = "file_content"
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
# The main part an Office Open XML package declares in its [Content_Types].xml.
OOXML_MAIN_PARTS = {
    "docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
CONTENT_TYPES_MAX_BYTES = 1024 * 1024  # a real [Content_Types].xml is a few kilobytes; more is a zip bomb

MESSAGES = {
    FILE_EMPTY: _("The file is empty."),
    FILE_TOO_LARGE: _("The file is too large: at most %(limit)s MB."),
    FILE_TYPE: _("Attach a PDF, DOCX, XLSX, PNG or JPEG file; “%(name)s” is not one of them."),
    FILE_CONTENT: _("“%(name)s” is not a genuine %(kind)s file; save it again as %(kind)s and attach it."),
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


def _ooxml_is(upload, kind: str) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > CONTENT_TYPES_MAX_BYTES:
                return False
            declared = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError, NotImplementedError):
        return False
    finally:
        upload.seek(0)
    return OOXML_MAIN_PARTS[kind] in declared


def content_matches(upload, ext: str) -> bool:
    """Whether the bytes are what the extension says: magic numbers, and for DOCX/XLSX the package's own
    declaration of its main part."""
    head = _head(upload)
    if ext == "pdf":
        return head.startswith(b"%PDF-")
    if ext == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if ext in {"jpg", "jpeg"}:
        return head.startswith(b"\xff\xd8\xff")
    if ext in OOXML_MAIN_PARTS:
        return head.startswith(b"PK\x03\x04") and _ooxml_is(upload, ext)
    return False


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
    if not content_matches(upload, ext):
        raise _error(FILE_CONTENT, name=name, kind="JPEG" if ext == "jpg" else ext.upper())
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
    attachment = Attachment(application=application, document_code=document_code, file=upload,
                            original_name=original, size=upload.size, content_type=CONTENT_TYPES[ext],
                            uploaded_by=by)
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
