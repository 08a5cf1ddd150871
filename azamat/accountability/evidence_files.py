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


def _error(code: str, **values) -> DomainError:
    message = E.MESSAGES[code]
    return DomainError(code, message % values if values else message, field="file")


def checked(upload) -> tuple[str, str]:
    """The name to store the file under (random: the person's name goes in `original_name`) and the person's
    name; refused, with the reason on the form's file field, unless a PDF, DOCX, JPEG or PNG file that is what
    its name says (a PDF locked with a password is refused too: nobody could read it)."""
    name = os.path.basename(getattr(upload, "name", "") or "")[:255]
    ext = uploads.extension(name)
    if ext not in KINDS:
        raise _error(E.EVIDENCE_FILE_TYPE, name=name)
    if not upload.size:
        raise _error(E.FILE_EMPTY)
    if upload.size > MAX_BYTES:
        raise _error(E.FILE_TOO_LARGE, limit=MAX_BYTES // (1024 * 1024))
    problem = uploads.content_problem(upload, ext)
    if problem:
        raise _error(problem, name=name, kind=uploads.kind_label(ext))
    return f"{uuid.uuid4().hex}.{ext}", name
