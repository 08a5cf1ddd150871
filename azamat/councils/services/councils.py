"""The registry of councils: a council's record, its publication, its secretaries, committees and documents."""

import datetime
import os
import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.core import uploads
from azamat.core.errors import DomainError
from azamat.core.public_cache import topics_bump
from azamat.councils import errors
from azamat.councils.models import Council, CouncilSecretary, Document, Meeting
from azamat.councils.permissions import can_appoint_secretary, can_create_council, can_manage_council
from azamat.councils.plausible import FIRST_YEAR, last_year, plausible

COUNCIL_FIELDS = (
    "name_kk",
    "name_ru",
    "name_en",
    "level",
    "body",
    "region",
    "term_starts_on",
    "term_ends_on",
    "about",
    "email",
    "phone",
    "address",
    "website",
)
MAX_BYTES = 20 * 1024 * 1024
# What a council publishes; core.uploads reads each by its content. An iPhone's HEIC photo is published as a JPEG.
KINDS = frozenset({"pdf", "docx", "xlsx", "odt", "png", "jpg", "jpeg"})
UPLOAD_MESSAGES = {
    uploads.FILE_TYPE: (
        errors.FILE_TYPE,
        _("Upload a PDF, DOCX, XLSX, ODT, PNG or JPEG file whose content matches its name."),
    ),
    uploads.FILE_EMPTY: (errors.FILE_EMPTY, _("The file is empty.")),
    uploads.FILE_TOO_LARGE: (errors.FILE_TOO_LARGE, _("The file is larger than 20 MB.")),
    uploads.FILE_CONTENT: (
        errors.FILE_CONTENT,
        _("“%(name)s” is not a genuine %(kind)s file; save it again as %(kind)s and attach it."),
    ),
    uploads.FILE_ENCRYPTED: (
        errors.FILE_ENCRYPTED,
        _("“%(name)s” is protected with a password; save it without the password and attach it."),
    ),
}


def _require(decision) -> None:
    if not decision:
        raise DomainError(errors.NOT_ALLOWED, decision.reason)


def _save(obj, by, reason: str = "") -> None:
    obj._history_user = by
    if reason:
        obj._change_reason = reason
    obj.full_clean()
    obj.save()


def _check_term(starts_on: datetime.date, ends_on: datetime.date) -> None:
    # The members' and the KPI periods' dates are held within the term, so its years bound theirs too.
    for name, day in (("term_starts_on", starts_on), ("term_ends_on", ends_on)):
        if not plausible(day):
            raise DomainError(
                errors.BAD_TERM,
                _("Check the year: a council's term can run from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": last_year()},
                field=name,
            )
    if ends_on <= starts_on:
        raise DomainError(errors.BAD_TERM, _("The term must end after it starts."), field="term_ends_on")


@transaction.atomic
def council_create(*, by, check_permission: bool = True, **fields) -> Council:
    """Add a council to the registry (unpublished until `council_publish`)."""
    if check_permission:
        _require(can_create_council(by))
    unknown = set(fields) - set(COUNCIL_FIELDS)
    if unknown:
        raise TypeError(f"unknown council fields: {sorted(unknown)}")
    council = Council(**fields)
    _check_term(council.term_starts_on, council.term_ends_on)
    _save(council, by)
    topics_bump("councils")
    return council


@transaction.atomic
def council_update(*, council: Council, by, **fields) -> Council:
    _require(can_manage_council(by, council))
    council = Council.objects.select_for_update().get(pk=council.pk)
    for name, value in fields.items():
        if name not in COUNCIL_FIELDS:
            raise TypeError(f"unknown council field: {name}")
        setattr(council, name, value)
    _check_term(council.term_starts_on, council.term_ends_on)
    _save(council, by)
    topics_bump("councils")
    return council


@transaction.atomic
def council_publish(
    *, council: Council, by, at: datetime.datetime | None = None, check_permission=True
) -> Council:
    """Show the council on the public pages; who published it and when stay in its history."""
    if check_permission:
        _require(can_manage_council(by, council))
    council = Council.objects.select_for_update().get(pk=council.pk)
    if council.published_at is not None:
        raise DomainError(errors.ALREADY_PUBLISHED, _("The council is already published."))
    council.published_at = at or timezone.now()
    council.published_by = by
    _save(council, by, reason="published")
    topics_bump("councils")
    return council


@transaction.atomic
def secretary_appoint(*, council: Council, user, by, check_permission: bool = True) -> CouncilSecretary:
    if check_permission:
        _require(can_appoint_secretary(by, council))
    if council.secretaries.filter(user=user).exists():
        raise DomainError(
            errors.ALREADY_SECRETARY, _("This person is already a secretary of the council."), field="email"
        )
    secretary = CouncilSecretary(council=council, user=user, appointed_by=by)
    _save(secretary, by)
    return secretary


@transaction.atomic
def secretary_remove(*, secretary: CouncilSecretary, by) -> None:
    _require(can_appoint_secretary(by, secretary.council))
    secretary._history_user = by
    secretary.delete()


def _refused(code: str, values: dict) -> DomainError:
    error, message = UPLOAD_MESSAGES[code]
    return DomainError(error, message % values if values else message, field="file")


def document_check(upload):
    """The file as it is kept and its extension, when it is a kind of file councils publish and its content is
    that kind (a program renamed .pdf, an empty or a locked file are refused, saying which); else an error on the
    file field. A HEIC photo comes back a JPEG named as the photo but .jpg, without the place it was taken or the
    phone (a council's documents are public)."""
    if not upload:
        raise DomainError(errors.FILE_EMPTY, _("The file is empty."), field="file")
    try:
        return uploads.kept(upload, kinds=KINDS, max_bytes=MAX_BYTES)
    except uploads.Refused as refused:
        raise _refused(refused.code, refused.values) from None


@transaction.atomic
def document_add(
    *,
    council: Council,
    title: str,
    upload,
    by,
    kind: str = Document.Kind.OTHER,
    meeting: Meeting | None = None,
    is_public: bool = True,
    check_permission: bool = True,
) -> Document:
    if check_permission:
        _require(can_manage_council(by, council))
    upload, ext = document_check(upload)
    if meeting is not None and meeting.council_id != council.pk:
        raise DomainError(errors.NOT_ALLOWED, _("The meeting belongs to another council."))
    original = os.path.basename(upload.name)[:255]
    upload.name = f"{uuid.uuid4().hex}.{ext}"  # the stored name says nothing; the original is kept aside
    document = Document(
        council=council,
        meeting=meeting,
        kind=kind,
        title=title.strip(),
        file=upload,
        original_name=original,
        size=upload.size,
        is_public=is_public,
        uploaded_by=by,
    )
    _save(document, by)
    topics_bump("councils")
    return document


@transaction.atomic
def document_remove(*, document: Document, by) -> None:
    _require(can_manage_council(by, document.council))
    document._history_user = by
    storage, name = document.file.storage, document.file.name
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
    topics_bump("councils")
