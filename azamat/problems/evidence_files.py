"""A problem's evidence file: what an organisation has at hand (a PDF, a Word document, an Excel table, a photo
taken with a phone), checked by core.uploads for what it really is, and kept under a name of its own.

Evidence is public, as the register is: a photo is kept without its metadata (where it was taken, the phone, the
time), the picture as the phone showed it (core.uploads.converted); an iPhone's HEIC becomes a JPEG, which every
browser shows."""

import uuid

from azamat.core import uploads
from azamat.core.errors import DomainError
from azamat.problems import errors as E

KINDS = ("pdf", "docx", "xlsx", "jpg", "jpeg", "png")
MAX_BYTES = 10 * 1024 * 1024
REFUSALS = {
    uploads.FILE_TYPE: E.FILE_TYPE,
    uploads.FILE_EMPTY: E.FILE_EMPTY,
    uploads.FILE_TOO_LARGE: E.FILE_TOO_LARGE,
    uploads.FILE_CONTENT: E.FILE_CONTENT,
    uploads.FILE_ENCRYPTED: E.FILE_ENCRYPTED,
}


def _refused(code: str, values: dict) -> DomainError:
    message = E.MESSAGES[REFUSALS[code]]
    return DomainError(REFUSALS[code], message % values if values else message, field="file")


def prepared(upload):
    """The file as it is kept (a photo without its metadata, a HEIC as a JPEG), under a name of its own; or a
    DomainError on the field "file" saying why it is refused."""
    upload = uploads.converted(upload, kinds=KINDS, max_bytes=MAX_BYTES)  # a photo's metadata left out
    refused = uploads.refusal(upload, kinds=KINDS, max_bytes=MAX_BYTES)
    if refused is not None:
        raise _refused(*refused)
    ext = uploads.extension(upload.name)
    upload.name = f"{uuid.uuid4().hex}.{'jpg' if ext == 'jpeg' else ext}"
    return upload


def content_type(file) -> str:
    return uploads.CONTENT_TYPES.get(uploads.extension(file.name), "application/octet-stream")
