"""Files attached to applications: only PDF, DOCX, XLSX, PNG and JPEG, checked by name and by content. An iPhone's
HEIC photo is taken as a JPEG (core.uploads.converted), without the place it was taken or the phone: the experts'
review is blind."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from azamat.core import uploads
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
from azamat.registry import document_selectors
from azamat.registry.document_models import FoundingDocument

NOT_ALLOWED = "not_allowed"
UNKNOWN_DOCUMENT = "unknown_document"
TOO_MANY_FILES = "too_many_files"
NOT_ON_FILE = "not_on_file"

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 40
# What experts and the operator open; what the messages and the help text name. (CONTENT_TYPES, core's, knows more.)
KINDS = ("pdf", "docx", "xlsx", "png", "jpg", "jpeg")
OTHER = "other"
MESSAGES = {
    FILE_EMPTY: _("The file is empty."),
    FILE_TOO_LARGE: _("The file is too large: at most %(limit)s MB."),
    FILE_TYPE: _("Attach a PDF, DOCX, XLSX, PNG or JPEG file; “%(name)s” is not one of them."),
    FILE_CONTENT: _("“%(name)s” is not a genuine %(kind)s file; save it again as %(kind)s and attach it."),
    FILE_ENCRYPTED: _("“%(name)s” is protected with a password; save it without the password and attach it."),
    UNKNOWN_DOCUMENT: _("Choose which required document the file is, or “other”."),
    TOO_MANY_FILES: _("An application can have at most %(limit)s files."),
    NOT_ON_FILE: _(
        "The organisation has no such document on its profile now; attach the file from your device instead."
    ),
}


def _error(code: str, field: str | None = "file", **params) -> DomainError:
    message = MESSAGES[code]
    return DomainError(code, message % params if params else message, field=field)


def attachment_file(upload, *, field: str = "file"):
    """The file as it is kept and its extension: a real PDF, DOCX, XLSX, PNG or JPEG up to 10 MB, a HEIC photo as a
    JPEG named as the photo but .jpg; anything else refused, the reason on `field`. A file named .heic that is not
    a photo that reads is "not a genuine HEIC file", not "not one of them": HEIC photos are taken."""
    try:
        return uploads.kept(upload, kinds=KINDS, max_bytes=MAX_BYTES)
    except uploads.Refused as refused:
        raise _error(refused.code, field=field, **refused.values) from None


def attachment_validate(upload, *, document_code: str, grant_type):
    """The required document the file is (or "other"), then the file as `attachment_file` keeps it, and its
    extension."""
    codes = {code for code, _name in selectors.required_documents(grant_type)} | {OTHER}
    if document_code not in codes:
        raise _error(UNKNOWN_DOCUMENT, field="document_code")
    return attachment_file(upload)


@transaction.atomic
def attachment_add(*, application: Application, by, upload, document_code: str) -> Attachment:
    """Attach a file as one of the grant type's required documents (or "other") while the draft is editable."""
    application = locked(application)
    require_editor(application, by)
    if application.attachments.count() >= MAX_FILES:
        raise _error(TOO_MANY_FILES, limit=MAX_FILES)
    upload, ext = attachment_validate(
        upload, document_code=document_code, grant_type=application.call.grant_type
    )
    original = uploads.stored_as(upload, document_code, ext)
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


def attachment_from_registry(*, application: Application, by, document_code: str) -> Attachment:
    """Attach a copy of the organisation's current founding document of that kind (charter, registration) kept on
    its profile, checked as any upload is: the application keeps what it was given even when the profile's file
    is replaced later."""
    document = None
    if document_code in FoundingDocument.Kind.values:
        document = document_selectors.current_document(
            organisation=application.organisation, kind=document_code
        )
    if document is None:
        raise _error(NOT_ON_FILE, field=None)
    try:
        with document.file.open("rb") as handle:
            content = handle.read()
    except OSError as exc:  # the file is gone from the disk: as if nothing were on file
        raise _error(NOT_ON_FILE, field=None) from exc
    upload = SimpleUploadedFile(document.original_name, content, content_type=document.content_type)
    return attachment_add(application=application, by=by, upload=upload, document_code=document_code)
