"""Writes to an organisation's founding documents: uploading (a new file of a kind replaces the current one, which
stays as an earlier version) and showing one on the public profile or not.

Files are checked by their content as every module's are (`core.uploads`): a real PDF, DOCX, PNG or JPEG up to
10 MB, an iPhone's HEIC photo kept as a JPEG, and a photo's location and camera data left out
(`uploads.converted` → `without_metadata`)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.core import uploads
from azamat.core.errors import DomainError
from azamat.core.public_cache import topics_bump
from azamat.registry import errors
from azamat.registry.document_models import FoundingDocument
from azamat.registry.document_permissions import can_manage_founding_documents
from azamat.registry.models import Organisation

if TYPE_CHECKING:
    from azamat.accounts.models import User

MAX_BYTES = 10 * 1024 * 1024
KINDS = ("pdf", "docx", "png", "jpg", "jpeg")
UNKNOWN_KIND = "unknown_document_kind"
DATED_IN_FUTURE = "document_dated_in_future"
MESSAGES = {
    uploads.FILE_EMPTY: _("The file is empty."),
    uploads.FILE_TOO_LARGE: _("The file is too large: at most %(limit)s MB."),
    uploads.FILE_TYPE: _("Upload a PDF, DOCX, PNG or JPEG file; “%(name)s” is not one of them."),
    uploads.FILE_CONTENT: _(
        "“%(name)s” is not a genuine %(kind)s file; save it again as %(kind)s and upload it."
    ),
    uploads.FILE_ENCRYPTED: _(
        "“%(name)s” is protected with a password; save it without the password and upload it."
    ),
    UNKNOWN_KIND: _("Choose which document this is: the charter or the certificate of state registration."),
    DATED_IN_FUTURE: _("The date of the document cannot be in the future."),
}


def _error(code: str, field: str | None = "file", **params) -> DomainError:
    message = MESSAGES[code]
    return DomainError(code, message % params if params else message, field=field)


def _require_manager(organisation: Organisation, by: User) -> None:
    decision = can_manage_founding_documents(by, organisation)
    if not decision:
        raise DomainError(errors.NOT_ALLOWED, decision.reason)


def document_file(upload):
    """The file as it is kept and its extension, or DomainError on "file" saying why not."""
    try:
        return uploads.kept(upload, kinds=KINDS, max_bytes=MAX_BYTES)
    except uploads.Refused as refused:
        raise _error(refused.code, **refused.values) from None


@transaction.atomic
def founding_document_upload(
    *, organisation: Organisation, by: User, kind: str, upload, dated: datetime.date, public: bool = False
) -> FoundingDocument:
    """Put a file on file as the organisation's `kind` of document; the current one of that kind, if any, becomes
    an earlier version (its file kept). Nothing changes when the file is refused."""
    _require_manager(organisation, by)
    if kind not in FoundingDocument.Kind.values:
        raise _error(UNKNOWN_KIND, field="kind")
    if dated > timezone.localdate():
        raise _error(DATED_IN_FUTURE, field="dated")
    upload, ext = document_file(upload)
    # Two uploads of one kind at once: the second waits for the first and replaces it in turn.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).values_list("pk").first()
    previous = FoundingDocument.objects.filter(organisation=organisation, kind=kind, current=True).first()
    if previous is not None:
        previous.current = False
        previous._history_user = by
        previous.save(update_fields=["current"])
    original = uploads.stored_as(upload, kind, ext)
    document = FoundingDocument(
        organisation=organisation,
        kind=kind,
        file=upload,
        original_name=original,
        size=upload.size,
        content_type=uploads.CONTENT_TYPES[ext],
        dated=dated,
        public=public,
        uploaded_by=by,
    )
    document._history_user = by
    document.save()
    if public or (previous is not None and previous.public):
        topics_bump("registry")  # the public profile lists it
    return document


@transaction.atomic
def founding_document_publish(*, document: FoundingDocument, by: User, public: bool) -> FoundingDocument:
    """Show the current document on the organisation's public profile, or stop showing it."""
    document = FoundingDocument.objects.select_for_update().select_related("organisation").get(pk=document.pk)
    _require_manager(document.organisation, by)
    if document.public != public:
        document.public = public
        document._history_user = by
        document.save(update_fields=["public"])
        topics_bump("registry")
    return document
