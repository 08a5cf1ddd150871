"""The file attached as evidence of a milestone: a document or a photo, checked by its content (core.uploads),
not its name, and stored under a name of its own. An iPhone's HEIC photo is kept as a JPEG every browser shows,
without the place it was taken or the phone (evidence is public, as the item is)."""

import os
import uuid

from azamat.accountability import errors as E
from azamat.core import uploads
from azamat.core.errors import DomainError

MAX_BYTES = 20 * 1024 * 1024
KINDS = ("pdf", "docx", "jpg", "jpeg", "png")
# The chooser offers an iPhone's photos too: they are kept as JPEG.
ACCEPT = ",".join(f".{ext}" for ext in (*KINDS, *uploads.HEIF_KINDS))


# core.uploads' refusals in this module's words (the file's kind named as evidence takes it).
CODES = {uploads.FILE_TYPE: E.EVIDENCE_FILE_TYPE}


def _refused(code: str, values: dict) -> DomainError:
    code = CODES.get(code, code)
    message = E.MESSAGES[code]
    return DomainError(code, message % values if values else message, field="file")


def checked(upload) -> tuple:
    """The file to store (a HEIC photo made a JPEG), the name to store it under (random: the person's name goes in
    `original_name`) and the person's name (.jpg for a HEIC); refused, with the reason on the form's file field,
    unless a PDF, DOCX, JPEG, PNG or HEIC file that is what its name says (a PDF locked with a password is refused
    too: nobody could read it)."""
    try:
        upload, ext = uploads.kept(upload, kinds=KINDS, max_bytes=MAX_BYTES)
    except uploads.Refused as refused:
        raise _refused(refused.code, refused.values) from None
    return upload, f"{uuid.uuid4().hex}.{ext}", os.path.basename(upload.name)[:255]
