"""An organisation's logo as its public profile shows it: any picture a person has (a phone's photo among them)
made small, upright, and free of the photo's metadata.

A logo is public, and a photo taken on a phone carries where it was taken (GPS), the phone and the time in its
EXIF: a crisis centre photographing its sign would publish its address to anyone who downloads the logo. So a
logo is never stored as sent: it is decoded and saved anew, turned as the phone showed it, at most `MAX_SIDE`
pixels a side, with its colour profile only. A phone's photo of 3–12 MB becomes a file of tens of kilobytes,
so the limit on what is sent (`UPLOAD_MAX_BYTES`) is a phone's photo, not the stored logo's size."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps

from azamat.core import uploads  # noqa: F401 — registers Pillow's HEIC/HEIF reader (an iPhone's photos)
from azamat.core.errors import DomainError
from azamat.registry import errors

UPLOAD_MAX_BYTES = 20 * 1024 * 1024  # a phone's photo at full resolution
MAX_SIDE = 800  # pixels: a profile shows a logo at most 200 px wide, four times over for dense screens
JPEG_QUALITY = 88
# What Pillow calls the pictures people have: MPO is the JPEG many Android phones save (a photo with its
# preview), HEIF an iPhone's HEIC.
FORMATS = frozenset({"PNG", "JPEG", "MPO", "WEBP", "HEIF"})
UNREADABLE = (*uploads.UNREADABLE_IMAGE, Image.DecompressionBombError)


def _error(code: str, **params) -> DomainError:
    message = errors.MESSAGES[code]
    return DomainError(code, message % params if params else message, field="logo")


def _has_transparency(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA", "PA"} or (image.mode == "P" and "transparency" in image.info)


def logo_prepared(upload) -> SimpleUploadedFile:
    """The logo to store for an upload: a PNG (for a drawing with transparency or a PNG sent) or a JPEG (a photo),
    upright, at most MAX_SIDE a side, without EXIF or XMP. Refused (DomainError on "logo") when larger than a
    phone's photo or not a picture Pillow reads as one of FORMATS."""
    if upload.size > UPLOAD_MAX_BYTES:
        raise _error(errors.LOGO_TOO_LARGE, limit=UPLOAD_MAX_BYTES // (1024 * 1024))
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.format not in FORMATS:
                raise _error(errors.LOGO_NOT_IMAGE)
            as_png = image.format == "PNG" or _has_transparency(image)
            icc_profile = image.info.get("icc_profile")
            picture = ImageOps.exif_transpose(image)  # also decodes it: a truncated file fails here
            picture.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    except UNREADABLE as exc:
        raise _error(errors.LOGO_NOT_IMAGE) from exc
    finally:
        upload.seek(0)
    out = io.BytesIO()
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if as_png:
        if picture.mode not in {"RGB", "RGBA", "L", "LA", "P"}:
            picture = picture.convert("RGBA")
        picture.save(out, "PNG", optimize=True, **options)
        return SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")
    picture.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, **options)
    return SimpleUploadedFile("logo.jpg", out.getvalue(), content_type="image/jpeg")
