"""Files attached to applications: only PDF, DOCX, XLSX, PNG and JPEG, checked by name and by content."""

import os
import uuid

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError
from azamat.core.uploads import (  # noqa: F401 (the grants' names for them, as before)
    CONTENT_TYPES,
    FILE_CONTENT,
    FILE_EMPTY,
    FILE_ENCRYPTED,
    FILE_TOO_LARGE,
    FILE_TYPE,
    content_matches,
    content_problem,
    extension,
    kind_label,
    pdf_check,
    refusal,
)
from azamat.grants.models import Application, Attachment
from azamat.grants.selectors import applications as selectors
from azamat.grants.services.applications import locked, require_editor

NOT_ALLOWED = "not_allowed"
UNKNOWN_DOCUMENT = "unknown_document"
TOO_MANY_FILES = "too_many_files"

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 40
OTHER = "other"
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


def attachment_validate(upload, *, document_code: str, grant_type) -> str:
    """Refuse anything but a real PDF, DOCX, XLSX, PNG or JPEG up to 10 MB; returns its extension."""
    codes = {code for code, _name in selectors.required_documents(grant_type)} | {OTHER}
    if document_code not in codes:
        raise _error(UNKNOWN_DOCUMENT, field="document_code")
    refused = refusal(upload, kinds=CONTENT_TYPES, max_bytes=MAX_BYTES)
    if refused:
        code, values = refused
        raise _error(code, **values)
    return extension(upload.name)


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
