"""A problem's evidence file: what an organisation has at hand (a PDF, a Word document, an Excel table, a photo
taken with a phone), checked by core.uploads for what it really is, and kept under a name of its own.

Evidence is public, as the register is: a photo is kept without its metadata (where it was taken, the phone, the
time), re-encoded with the picture turned as the phone showed it; an iPhone's HEIC becomes a JPEG, which every
browser shows."""

import io
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps

from azamat.core import uploads
from azamat.core.errors import DomainError
from azamat.problems import errors as E

KINDS = ("pdf", "docx", "xlsx", "jpg", "jpeg", "png")
MAX_BYTES = 10 * 1024 * 1024
PHOTOS = ("jpg", "jpeg", "png")
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


def _without_metadata(upload, ext: str) -> bytes:
    """The picture alone: turned as its EXIF orientation says, saved again without EXIF, XMP or comments."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            picture = ImageOps.exif_transpose(image)
            fmt = "PNG" if ext == "png" else "JPEG"
            if fmt == "JPEG" and picture.mode not in ("RGB", "L"):
                picture = picture.convert("RGB")
            out = io.BytesIO()
            picture.save(out, fmt, **({"quality": uploads.JPEG_QUALITY} if fmt == "JPEG" else {}))
    except (*uploads.UNREADABLE_IMAGE, Image.DecompressionBombError) as exc:
        name = getattr(upload, "name", "")
        raise _refused(uploads.FILE_CONTENT, {"name": name, "kind": uploads.kind_label(ext)}) from exc
    finally:
        upload.seek(0)
    return out.getvalue()


def prepared(upload):
    """The file as it is kept (a photo without its metadata, a HEIC as a JPEG), under a name of its own; or a
    DomainError on the field "file" saying why it is refused."""
    photo = uploads.converted(upload, kinds=KINDS, max_bytes=MAX_BYTES)
    converted, upload = photo is not upload, photo  # a HEIC made a JPEG, its metadata already left out
    refused = uploads.refusal(upload, kinds=KINDS, max_bytes=MAX_BYTES)
    if refused is not None:
        raise _refused(*refused)
    ext = uploads.extension(upload.name)
    name = f"{uuid.uuid4().hex}.{'jpg' if ext == 'jpeg' else ext}"
    if ext in PHOTOS and not converted:
        return SimpleUploadedFile(
            name, _without_metadata(upload, ext), content_type=uploads.CONTENT_TYPES[ext]
        )
    upload.name = name
    return upload


def content_type(file) -> str:
    return uploads.CONTENT_TYPES.get(uploads.extension(file.name), "application/octet-stream")
