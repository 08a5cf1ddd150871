"""Attachments kept encrypted on disk: the file under MEDIA_ROOT/monitoring/ is a vault token (a stolen disk or
backup shows nothing), and a photo loses its metadata (GPS position, camera, dates) on upload unless the monitor
keeps it on purpose. Files are read back only through the checked download view, never served from /media/."""

import mimetypes
import secrets
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from azamat.core import uploads, vault

FOLDER = "monitoring"
MAX_BYTES = 50 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "TIFF": "image/tiff"}


class StorageError(Exception):
    pass


def _path(stored_name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER / stored_name


def strip_metadata(data: bytes) -> tuple[bytes, bool]:
    """A photo without its metadata (core.uploads.without_metadata: the picture, its quality and orientation as
    they were); (data, True) when it was a photo whose metadata could be removed, else (the data unchanged, False).
    Monitoring keeps a photo's metadata only when the monitor asks (`kept`): evidence of where and when."""
    clean = uploads.without_metadata(data)
    return (data, False) if clean is None else (clean, True)


def file_name(upload) -> str:
    """The name the file is kept under (what the person's device called it), without any folder."""
    return Path(getattr(upload, "name", "") or "").name[:200]


def kept(upload, *, keep_metadata: bool = False) -> bytes:
    """The bytes of `upload` that are stored: a photo's without its metadata, unless kept on purpose."""
    data = upload.read()
    if len(data) > MAX_BYTES:
        raise StorageError(_("The file is larger than 50 MB."))
    return data if keep_metadata else strip_metadata(data)[0]


def store(attachment, upload, *, keep_metadata: bool = False, data: bytes | None = None) -> None:
    """Encrypt `upload` into the attachment's file and fill its name, type and size; the row is saved. `data`:
    what `kept` gave of the upload, when it was read already."""
    if data is None:
        data = kept(upload, keep_metadata=keep_metadata)
    name = getattr(upload, "name", "") or attachment.original_name or "file"
    attachment.original_name = attachment.original_name or file_name(upload) or "file"
    attachment.content_type = (
        getattr(upload, "content_type", None) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    )[:100]
    attachment.size = len(data)
    attachment.metadata_kept = keep_metadata
    attachment.stored_name = attachment.stored_name or f"{secrets.token_hex(16)}.bin"
    path = _path(attachment.stored_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(vault.encrypt_bytes(data))
    attachment.save()


def read(attachment) -> bytes:
    return vault.decrypt_bytes(_path(attachment.stored_name).read_bytes())


def delete(attachment) -> None:
    _path(attachment.stored_name).unlink(missing_ok=True)
