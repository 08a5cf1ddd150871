"""The file attached as evidence of a milestone: a document or a photo, checked by its content (core.uploads),
not its name, and stored under a name of its own."""

import os
import uuid

from azamat.accountability import errors as E
from azamat.core import uploads
from azamat.core.errors import DomainError

MAX_BYTES = 20 * 1024 * 1024
KINDS = ("pdf", "docx", "jpg", "jpeg", "png")
ACCEPT = ",".join(f".{ext}" for ext in KINDS)


# core.uploads' refusals in this module's words (the file's kind named as evidence takes it).
CODES = {uploads.FILE_TYPE: E.EVIDENCE_FILE_TYPE}


def checked(upload) -> tuple[str, str]:
    """The name to store the file under (random: the person's name goes in `original_name`) and the person's
    name; refused, with the reason on the form's file field, unless a PDF, DOCX, JPEG or PNG file that is what
    its name says (a PDF locked with a password is refused too: nobody could read it)."""
    refused = uploads.refusal(upload, kinds=KINDS, max_bytes=MAX_BYTES)
    if refused:
        code, values = refused
        code = CODES.get(code, code)
        message = E.MESSAGES[code]
        raise DomainError(code, message % values if values else message, field="file")
    name = os.path.basename(getattr(upload, "name", "") or "")[:255]
    return f"{uuid.uuid4().hex}.{uploads.extension(name)}", name
