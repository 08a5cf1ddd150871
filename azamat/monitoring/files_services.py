"""The files of the record, kept encrypted: an event's photos, videos, recordings and documents (its evidence), and
a case's documents (its papers: a ruling, a power of attorney, a complaint as filed, a photo of one). Each is
checked by its content first (core.uploads, then monitoring's own look at what core does not read), a photo's
metadata removed unless kept on purpose, and read, added and deleted by who may read or edit its record."""

import os

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from azamat.core import twice, uploads
from azamat.core.errors import DomainError
from azamat.core.permissions import Decision, deny
from azamat.monitoring import permissions, storage
from azamat.monitoring.models import Attachment, Case, Event

NOT_ALLOWED = "not_allowed"
# The upload refusals are core.uploads' own codes, said in monitoring's words (MESSAGES).
FILE_EMPTY = uploads.FILE_EMPTY
FILE_TOO_LARGE = uploads.FILE_TOO_LARGE
FILE_DANGEROUS = "file_dangerous"
FILE_PROGRAM = "file_program"
FILE_TYPE = uploads.FILE_TYPE
DOCUMENT_TYPE = "document_type"
FILE_CONTENT = uploads.FILE_CONTENT
FILE_ENCRYPTED = uploads.FILE_ENCRYPTED
FILE_SENT_TWICE = "file_sent_twice"
DOCUMENT_SENT_TWICE = "document_sent_twice"

MESSAGES = {
    FILE_EMPTY: _("The file is empty."),
    FILE_TOO_LARGE: _("The file is larger than 50 MB: send a smaller or compressed copy."),
    FILE_DANGEROUS: _(
        "Files of type “.%(ext)s” are not accepted: they can run programs or scripts when opened. "
        "Attach a photo, a video, an audio recording or a document."
    ),
    FILE_PROGRAM: _("The file is a program, not a “.%(ext)s” document: it is not accepted."),
    FILE_TYPE: _(
        "Attach a photo (JPEG, PNG, HEIC, WebP, TIFF), a video (MP4, MOV, WebM, 3GP, AVI, MKV), an audio recording "
        "(MP3, M4A, OGG, WAV, AAC, OPUS) or a document (PDF, DOC, DOCX, ODT, RTF, TXT, XLS, XLSX, ODS, CSV)."
    ),
    FILE_CONTENT: _("The file's content does not match its type “.%(ext)s”: save it again and attach it."),
    FILE_ENCRYPTED: _("“%(name)s” is protected with a password; save it without the password and attach it."),
    DOCUMENT_TYPE: _("Attach a document (PDF, DOCX, XLSX) or a photo of one (JPEG, PNG, HEIC)."),
    FILE_SENT_TWICE: _(
        "You attached “%(name)s” a moment ago: see it among the event's files rather than attach it twice."
    ),
    DOCUMENT_SENT_TWICE: _(
        "You attached “%(name)s” a moment ago: see it among the case's documents rather than attach it twice."
    ),
}

IMAGES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
IMAGES |= {"tif": "image/tiff", "tiff": "image/tiff"}
# An iPhone's photo: taken, and kept as the JPEG core.uploads makes of it (browsers cannot show HEIC).
IMAGES |= {"heic": "image/heic", "heif": "image/heif"}
VIDEOS = {
    "mp4": "video/mp4",
    "m4v": "video/mp4",
    "mov": "video/quicktime",
    "webm": "video/webm",
    "3gp": "video/3gpp",
    "avi": "video/x-msvideo",
    "mkv": "video/x-matroska",
}
AUDIO = {
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "ogg": "audio/ogg",
    "oga": "audio/ogg",
    "opus": "audio/ogg",
    "wav": "audio/wav",
    "aac": "audio/aac",
}
DOCUMENTS = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "rtf": "application/rtf",
    "txt": "text/plain",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
}
CONTENT_TYPES = IMAGES | VIDEOS | AUDIO | DOCUMENTS
# Named with their own message: a browser or a computer runs them (a page's script, a program).
DANGEROUS = {
    "exe", "msi", "com", "bat", "cmd", "scr", "pif", "dll", "sys", "cpl", "lnk", "ps1", "psm1", "vbs", "vbe",
    "js", "mjs", "jse", "wsf", "wsh", "hta", "jar", "apk", "app", "dmg", "sh", "bash", "py", "pl", "php",
    "html", "htm", "xhtml", "shtml", "mht", "mhtml", "svg", "svgz", "xml", "xsl", "swf", "reg", "iso",
}  # fmt: skip
# The kinds core.uploads reads by their content (a PDF opened, a DOCX or XLSX unpacked, a photo's signature);
# the others monitoring takes (videos, audio, WebP and TIFF photos, older office formats) it cannot read, so for
# them its "not what the name says" is no verdict, and monitoring's own checks below apply.
READ_BY_CORE = frozenset(uploads.CONTENT_TYPES) | frozenset(uploads.HEIF_KINDS)
# The first bytes of programs, whatever the name says.
EXECUTABLE_HEADS = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
ZIP_DOCUMENTS = {"docx", "xlsx", "odt", "ods"}
# A case's documents: papers and photos of them, the kinds core.uploads reads by their content.
CASE_DOCUMENTS = {ext: DOCUMENTS[ext] for ext in ("pdf", "docx", "xlsx")}
CASE_DOCUMENTS |= {ext: IMAGES[ext] for ext in ("jpg", "jpeg", "png")}
CASE_DOCUMENTS |= {ext: IMAGES[ext] for ext in uploads.HEIF_KINDS}


def _error(code: str, field: str | None = None, **values) -> DomainError:
    message = MESSAGES[code]
    return DomainError(code, message % values if values else message, field=field)


def _require(decision: Decision) -> None:
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)


def _check_file(upload, *, kinds: dict, keep_metadata: bool, wrong_type: str = FILE_TYPE) -> str:
    """The file's extension when it is one of `kinds` and its content agrees; else a DomainError (`wrong_type`:
    the message that names the kinds). The platform's check (core.uploads: kind, empty, size, content) first; then
    what monitoring adds: a program named as a document is called one, a photo must re-encode (or its location
    could not be removed), and the kinds core.uploads does not read get monitoring's own look at their first
    bytes."""
    name = os.path.basename(getattr(upload, "name", "") or "")[:255]
    ext = uploads.extension(name)
    if ext in DANGEROUS:
        raise _error(FILE_DANGEROUS, "file", ext=ext)
    refused = uploads.refusal(upload, kinds=kinds, max_bytes=storage.MAX_BYTES)
    code, values = refused or (None, {})
    if code == uploads.FILE_CONTENT and ext not in READ_BY_CORE:
        code = None  # no verdict on a video or audio file: ours below
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if code == uploads.FILE_TYPE:
        raise _error(wrong_type, "file")
    if code in (uploads.FILE_EMPTY, uploads.FILE_TOO_LARGE):
        raise _error(code, "file", **values)
    if not head:
        raise _error(FILE_EMPTY, "file")
    if head.startswith(EXECUTABLE_HEADS):
        raise _error(FILE_PROGRAM, "file", ext=ext)
    if code:
        raise _error(code, "file", ext=ext, name=name)
    if ext in IMAGES and not (_is_image(upload) and (keep_metadata or _strips(upload))):
        raise _error(FILE_CONTENT, "file", ext=ext)
    if ext in ZIP_DOCUMENTS and not head.startswith(b"PK\x03\x04"):
        raise _error(FILE_CONTENT, "file", ext=ext)
    return ext


def _is_image(upload) -> bool:
    """Pillow reads it as one of the formats whose metadata storage.strip_metadata removes."""
    from PIL import Image, UnidentifiedImageError

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            found = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    finally:
        upload.seek(0)
    return found in storage.IMAGE_FORMATS


def _strips(upload) -> bool:
    """The photo's metadata can be removed (a photo that cannot be re-encoded would keep its GPS position)."""
    upload.seek(0)
    try:
        return storage.strip_metadata(upload.read())[1]
    finally:
        upload.seek(0)


def _attach(
    record: Event | Case, upload, *, by, kinds: dict, keep_metadata: bool, codes: tuple[str, str]
) -> Attachment:
    """`upload` checked (`_check_file`), a HEIC photo made the JPEG every browser shows, a photo's metadata removed
    unless kept on purpose, and stored encrypted as a file of `record`; the same file sent again a moment ago is
    not stored twice. `codes`: the refusals of a wrong kind and of a file sent twice, in the record's words."""
    wrong_type, sent_twice = codes
    if upload is None:
        raise _error(FILE_EMPTY, "file")
    upload = uploads.converted(upload, kinds=kinds, keep_metadata=keep_metadata, max_bytes=storage.MAX_BYTES)
    ext = _check_file(upload, kinds=kinds, keep_metadata=keep_metadata, wrong_type=wrong_type)
    upload.content_type = kinds[ext]  # ours, from the checked type: never what the browser claimed
    try:
        data = storage.kept(upload, keep_metadata=keep_metadata)
    except storage.StorageError as error:
        raise DomainError(FILE_TOO_LARGE, str(error), field="file") from error
    name = storage.file_name(upload)
    of_record = {"case": record} if isinstance(record, Case) else {"event": record}
    same = twice.recent_twin(
        Attachment,
        by=by,
        original_name=name,
        content_type=upload.content_type,
        size=len(data),
        metadata_kept=keep_metadata,
        **of_record,
    )
    if same is not None:
        raise _error(sent_twice, name=name)
    attachment = Attachment(organisation_id=record.organisation_id, uploaded_by=by, **of_record)
    attachment._history_user = by
    storage.store(attachment, upload, keep_metadata=keep_metadata, data=data)
    return attachment


@transaction.atomic
def attachment_add(*, event: Event, by, upload, keep_metadata: bool = False) -> Attachment:
    """An event's photo, video, recording or document, kept encrypted; a photo's metadata (location, camera) is
    removed unless kept on purpose (evidence of where and when)."""
    _require(permissions.can_edit_event(by, event))
    codes = (FILE_TYPE, FILE_SENT_TWICE)
    return _attach(event, upload, by=by, kinds=CONTENT_TYPES, keep_metadata=keep_metadata, codes=codes)


@transaction.atomic
def case_document_add(*, case: Case, by, upload) -> Attachment:
    """A case's document (PDF, DOCX, XLSX) or a photo of one, kept encrypted, the photo's metadata always removed:
    added by who may edit the case, its lawyers."""
    _require(permissions.can_edit_case(by, case))
    codes = (DOCUMENT_TYPE, DOCUMENT_SENT_TWICE)
    return _attach(case, upload, by=by, kinds=CASE_DOCUMENTS, keep_metadata=False, codes=codes)


def attachment_decision(user, attachment: Attachment, *, write: bool) -> Decision:
    """A file is its record's: read by who reads the event (the case, the candidate), changed by who edits it."""
    if attachment.event_id:
        decide = permissions.can_edit_event if write else permissions.can_view_event
        return decide(user, attachment.event)
    if attachment.case_id:
        decide = permissions.can_edit_case if write else permissions.can_view_case
        return decide(user, attachment.case)
    if attachment.candidate_id:
        decide = permissions.can_analyse_candidate if write else permissions.can_view_candidate
        return decide(user, attachment.candidate)
    return deny(permissions.NOT_YOURS)


@transaction.atomic
def attachment_delete(*, attachment: Attachment, by) -> None:
    """The row now, the file once that is committed (a rolled-back delete keeps a readable file)."""
    _require(attachment_decision(by, attachment, write=True))
    attachment._history_user = by
    stored = Attachment(stored_name=attachment.stored_name)
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))
