"""What an uploaded file really is: checked by its content, not its name, for every module that takes files.

`content_problem(upload, ext)` says why the bytes are not what the extension names (an error code), or None:
PNG and JPEG by their magic numbers (Pillow re-reads images where they are shown); a PDF opened and its pages
read (one locked with a password is told apart: readers could not open it); DOCX and XLSX unpacked and their
main part parsed with defusedxml, so a crafted package can neither expand entities nor read a local file; an ODT
by its package's `mimetype` and its content.xml, parsed the same way.
Each module keeps its own list of the kinds it takes, its size limit and its messages.

A HEIC or HEIF photo (what an iPhone saves) is known by its content, whatever its name (`is_heif`); browsers
cannot show it, so a module that takes JPEG takes it as one: `converted(upload, kinds=...)` gives the JPEG to
check and store instead (`heif_as_jpeg`), the location and camera data left out unless asked to keep them.

A JPEG, PNG, WebP or TIFF photo sent as it is loses the same data on its way in (`converted` → `without_metadata`,
the one way every module removes it): the metadata segments cut out, the picture not re-encoded, so its pixels,
quality and colours stay, and a photo the phone saved sideways keeps the one tag that turns it. Monitoring alone
keeps a photo whole, when the monitor asks (evidence of where and when)."""

import io
import os
import struct
import uuid
import zipfile
import zlib

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as safe_xml
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

# Pillow reads HEIC and HEIF from here on, in every module: registered once, here (pillow_heif's opener; the
# picture comes turned as the phone showed it, and its EXIF orientation reset to match).
register_heif_opener()

FILE_TYPE = "file_type"
FILE_EMPTY = "file_empty"
FILE_TOO_LARGE = "file_too_large"
FILE_CONTENT = "file_content"
FILE_ENCRYPTED = "file_encrypted"

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
# The main part an Office Open XML package declares in its [Content_Types].xml, and the root element that
# part must have (by local name: transitional and strict OOXML name the namespace differently).
OOXML_MAIN_PARTS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
OOXML_ROOTS = {"docx": "document", "xlsx": "workbook"}
# The names a HEIF photo goes by, and the brands its `ftyp` box declares (HEVC-coded images and sequences, and
# the generic image brands). AVIF shares the container and the generic brands, and names itself: not one of ours.
HEIF_KINDS = ("heic", "heif")
# The kinds of photo whose metadata `converted` removes.
PHOTO_KINDS = frozenset({"jpg", "jpeg", "png", "webp", "tif", "tiff"})
HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}
)
AVIF_BRANDS = frozenset({b"avif", b"avis"})
JPEG_QUALITY = 90
# What reading a picture can raise when the file is not a sound one (a truncated HEIC, a crafted header).
UNREADABLE_IMAGE = (UnidentifiedImageError, OSError, SyntaxError, ValueError, RuntimeError, EOFError)
CONTENT_TYPES_MAX_BYTES = 1024 * 1024  # a real [Content_Types].xml is a few kilobytes; more is a zip bomb
MAIN_PART_MAX_BYTES = 64 * 1024 * 1024  # a 10 MB upload's text unpacked; past this, a zip bomb
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# What reading a zip package and parsing its XML can raise when the file is not a sound package.
UNREADABLE_PACKAGE = (
    zipfile.BadZipFile,
    KeyError,
    OSError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    EOFError,
    safe_xml.ParseError,
    DefusedXmlException,
)


def extension(name: str) -> str:
    """The extension in lower case ("pdf"), or "" for a name without one (".pdf" alone has none)."""
    base, dot, ext = os.path.basename(name or "").rpartition(".")
    return ext.lower() if dot and base else ""


def stored_as(upload, prefix: str, ext: str) -> str:
    """Rename `upload` for storage to `<prefix>-<random>.<ext>` (never the sender's path or name on disk) and
    return the sender's file name, at most 255 characters, which downloads give back."""
    original = os.path.basename(upload.name)[:255]
    upload.name = f"{prefix}-{uuid.uuid4().hex[:12]}.{ext}"
    return original


def kind_label(ext: str) -> str:
    """How a message names the kind: "PDF", "JPEG" (for .jpg too)."""
    return "JPEG" if ext == "jpg" else ext.upper()


def _head(upload, size: int = 16) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _local_name(tag: str) -> str:
    return tag.rpartition("}")[2]


def ooxml_is(upload, kind: str) -> bool:
    """Whether the zip is a package of that kind: its [Content_Types].xml declares the main part, and that part
    parses as XML with the right root. Both are parsed by defusedxml, which refuses DTDs and entities."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > CONTENT_TYPES_MAX_BYTES:
                return False
            types = safe_xml.fromstring(archive.read(info), forbid_dtd=True)
            parts = [
                override.get("PartName", "")
                for override in types.iter(f"{CONTENT_TYPES_NS}Override")
                if override.get("ContentType") == OOXML_MAIN_PARTS[kind]
            ]
            if len(parts) != 1:
                return False
            main = archive.getinfo(parts[0].lstrip("/"))
            if main.file_size > MAIN_PART_MAX_BYTES:
                return False
            root = safe_xml.fromstring(archive.read(main), forbid_dtd=True)
    except UNREADABLE_PACKAGE:
        return False
    finally:
        upload.seek(0)
    return _local_name(root.tag) == OOXML_ROOTS[kind]


def odt_is(upload) -> bool:
    """Whether the zip is an OpenDocument text: its `mimetype` entry names it, and content.xml parses (defusedxml)
    with the root office:document-content."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            if archive.read("mimetype").strip() != CONTENT_TYPES["odt"].encode():
                return False
            content = archive.getinfo("content.xml")
            if content.file_size > MAIN_PART_MAX_BYTES:
                return False
            root = safe_xml.fromstring(archive.read(content), forbid_dtd=True)
    except UNREADABLE_PACKAGE:
        return False
    finally:
        upload.seek(0)
    return _local_name(root.tag) == "document-content"


def pdf_check(upload) -> str | None:
    """None for a PDF that opens and has pages; else FILE_CONTENT, or FILE_ENCRYPTED for one locked with a
    password."""
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return FILE_ENCRYPTED
        return None if len(reader.pages) > 0 else FILE_CONTENT
    except FileNotDecryptedError:
        return FILE_ENCRYPTED
    # A malformed PDF can make any parser raise almost anything (its own errors, but also KeyError,
    # TypeError, RecursionError…): whatever stops pypdf from reading the pages means the file is not genuine.
    except Exception:  # noqa: BLE001
        return FILE_CONTENT
    finally:
        upload.seek(0)


def is_heif(upload) -> bool:
    """Whether the file is a HEIC or HEIF photo, by its content: an ISO base media file whose first box, `ftyp`,
    declares a HEIF brand (as its major brand or a compatible one), and not AVIF's."""
    head = _head(upload, 256)
    if head[4:8] != b"ftyp":
        return False
    size = min(int.from_bytes(head[:4], "big"), len(head))
    brands = {head[8:12], *(head[at : at + 4] for at in range(16, size - 3, 4))}
    return bool(brands & HEIF_BRANDS) and not brands & AVIF_BRANDS


def heif_as_jpeg(upload, *, keep_metadata: bool = False) -> SimpleUploadedFile | None:
    """A HEIC or HEIF photo as a JPEG every browser shows, named as the person named the photo but `.jpg`: the
    picture turned as the phone showed it and its colours (ICC profile) kept; its EXIF and XMP (location, camera,
    time) only when `keep_metadata`. None when the photo cannot be read."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.format != "HEIF":
                return None
            info = dict(image.info)
            picture = image.convert("RGB")
    except (*UNREADABLE_IMAGE, Image.DecompressionBombError):
        return None
    finally:
        upload.seek(0)
    options = {"quality": JPEG_QUALITY, "icc_profile": info.get("icc_profile")}
    if keep_metadata:
        options.update(exif=info.get("exif") or b"", xmp=info.get("xmp") or b"")
    out = io.BytesIO()
    picture.save(out, "JPEG", **{name: value for name, value in options.items() if value})
    stem = os.path.splitext(os.path.basename(getattr(upload, "name", "") or ""))[0] or "photo"
    return SimpleUploadedFile(f"{stem}.jpg", out.getvalue(), content_type=CONTENT_TYPES["jpg"])


# What a photo says of where and by what it was taken (EXIF: GPS position, camera and its serial number, owner's
# name, times; XMP; IPTC; comments; a phone's trailer after the picture) is left out of every photo a module keeps,
# unless it is kept on purpose (monitoring's evidence). JPEG, PNG and WebP are cut by their segments, never
# re-encoded: the picture and its quality stay as they were, its colours (ICC profile) too, and a photo the phone
# saved sideways keeps the one tag that turns it (Orientation) and nothing else. A TIFF is saved again (losslessly),
# turned as it was shown.
ORIENTATION = 0x0112
JPEG_KEPT_APPS = {0xE0: (b"JFIF\x00", b"JFXX\x00"), 0xE2: (b"ICC_PROFILE\x00",), 0xEE: (b"Adobe",)}
PNG_KEPT_CHUNKS = frozenset(
    {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB", b"bKGD", b"pHYs",
     b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCv", b"cLLi"}
)  # fmt: skip
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
WEBP_KEPT_CHUNKS = frozenset({b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"})
WEBP_EXIF_FLAG, WEBP_XMP_FLAG = 0x08, 0x04


def _orientation(exif_bytes: bytes) -> int:
    """The Orientation an EXIF block names (1, upright, when none or unreadable)."""
    exif = Image.Exif()
    try:
        exif.load(exif_bytes)
        value = int(exif.get(ORIENTATION, 1))
    except (*UNREADABLE_IMAGE, TypeError, KeyError, IndexError, struct.error):
        return 1
    return value if 2 <= value <= 8 else 1


def _orientation_only(orientation: int) -> bytes:
    """An EXIF block ("Exif\\0\\0" and its TIFF data) holding nothing but the Orientation."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    return exif.tobytes()


def _jpeg_kept(marker: int, payload: bytes) -> bool:
    if 0xE0 <= marker <= 0xEF:
        return payload.startswith(JPEG_KEPT_APPS.get(marker, ()))
    return marker != 0xFE  # a comment (COM): a camera's or an editor's words


def _jpeg_without_metadata(data: bytes) -> bytes | None:
    """The JPEG's segments but its APPn (other than JFIF, the ICC profile and Adobe's colour transform) and
    comments; nothing after its end (a phone's trailer, the previews of a multi-picture file). None when its
    structure cannot be followed."""
    size, pos, orientation = len(data), 2, 1
    head, body = [b"\xff\xd8"], []
    while pos < size:
        if data[pos] != 0xFF:
            return None
        while pos < size and data[pos] == 0xFF:  # fill bytes before a marker
            pos += 1
        if pos >= size:
            return None
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # the end of the picture: what follows is not the picture
            body.append(b"\xff\xd9")
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            body.append(bytes((0xFF, marker)))
            continue
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2 or pos + length > size:
            return None
        payload = data[pos + 2 : pos + length]
        if marker == 0xE1 and payload.startswith(b"Exif\x00\x00") and orientation == 1:
            orientation = _orientation(payload)
        if _jpeg_kept(marker, payload):
            (head if marker == 0xE0 and not body else body).append(data[pos - 2 : pos + length])
        pos += length
        if (
            marker == 0xDA
        ):  # a scan: its coded data runs to the next marker that is not a restart or a stuffed 0
            start = pos
            while True:
                at = data.find(b"\xff", pos)
                if at < 0 or at + 1 >= size:  # cut short in sending: kept as it came
                    body.append(data[start:])
                    pos = size
                    break
                following = data[at + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    pos = at + 1
                    continue
                body.append(data[start:at])
                pos = at
                break
    if orientation != 1:
        exif = _orientation_only(orientation)
        head.append(b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif)
    return b"".join(head + body)


def _png_without_metadata(data: bytes) -> bytes | None:
    """The PNG's chunks that draw the picture (and its colours, transparency, animation), without its text, time
    and EXIF chunks (an eXIf of the Orientation alone, when it turns the picture); nothing after IEND."""
    pos, out, orientation = len(PNG_SIGNATURE), [PNG_SIGNATURE], 1
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            return None
        if kind == b"eXIf" and orientation == 1:
            orientation = _orientation(data[pos + 8 : end - 4])
        if kind == b"IEND" and orientation != 1:
            exif = _orientation_only(orientation)[6:]
            out.append(len(exif).to_bytes(4, "big") + b"eXIf" + exif)
            out.append(zlib.crc32(b"eXIf" + exif).to_bytes(4, "big"))
        if kind in PNG_KEPT_CHUNKS:
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            return b"".join(out)
    return None


def _webp_without_metadata(data: bytes) -> bytes | None:
    """The WebP's picture chunks without its EXIF (but an Orientation that turns it) and XMP, their flags
    cleared in its VP8X header."""
    pos, chunks, orientation = 12, [], 1
    while pos + 8 <= len(data):
        kind = data[pos : pos + 4]
        length = int.from_bytes(data[pos + 4 : pos + 8], "little")
        end = pos + 8 + length + (length & 1)
        if pos + 8 + length > len(data):
            return None
        if kind == b"EXIF" and orientation == 1:
            orientation = _orientation(data[pos + 8 : pos + 8 + length])
        if kind in WEBP_KEPT_CHUNKS:
            chunks.append([kind, data[pos + 8 : pos + 8 + length]])
        pos = end
    if not chunks:
        return None
    if chunks[0][0] == b"VP8X":
        header = bytearray(chunks[0][1])
        header[0] &= 0xFF ^ WEBP_EXIF_FLAG ^ WEBP_XMP_FLAG
        if orientation != 1:
            header[0] |= WEBP_EXIF_FLAG
            chunks.append([b"EXIF", _orientation_only(orientation)[6:]])
        chunks[0][1] = bytes(header)
    body = b"".join(
        kind + len(payload).to_bytes(4, "little") + payload + b"\x00" * (len(payload) & 1)
        for kind, payload in chunks
    )
    return b"RIFF" + (len(body) + 4).to_bytes(4, "little") + b"WEBP" + body


def _saved_again(data: bytes) -> bytes | None:
    """A TIFF saved again (losslessly) from its pixels alone, turned as it was shown: its tags stay behind."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            picture = ImageOps.exif_transpose(image)
            clean = Image.frombytes(picture.mode, picture.size, picture.tobytes())
            if picture.mode == "P" and picture.getpalette():
                clean.putpalette(picture.getpalette())
            out = io.BytesIO()
            clean.save(out, "TIFF", compression="tiff_deflate")
    except (*UNREADABLE_IMAGE, Image.DecompressionBombError):
        return None
    return out.getvalue()


def without_metadata(data: bytes) -> bytes | None:
    """A photo's bytes without what it says of where and by what it was taken (see above), the picture as it was
    shown and at its quality; None when the bytes are no JPEG, PNG, WebP or TIFF whose structure can be followed.
    For every module that keeps photos: their one way to remove it."""
    if data.startswith(b"\xff\xd8\xff"):
        clean = _jpeg_without_metadata(data)
    elif data.startswith(PNG_SIGNATURE):
        clean = _png_without_metadata(data)
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        clean = _webp_without_metadata(data)
    elif data[:4] in (b"II*\x00", b"MM\x00*"):
        clean = _saved_again(data)
    else:
        return None
    if clean is None:
        return None
    try:  # what a browser would draw: the same picture, the same size
        with Image.open(io.BytesIO(data)) as before, Image.open(io.BytesIO(clean)) as after:
            same = before.size == after.size or data[:4] in (b"II*\x00", b"MM\x00*")
    except (*UNREADABLE_IMAGE, Image.DecompressionBombError):
        return None
    return clean if same else None


def stripped(upload):
    """The photo `upload` without its metadata (`without_metadata`), under the same name and type; the upload
    itself when there was none to remove, or when it is no photo whose structure can be followed."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    clean = without_metadata(data)
    if clean is None or clean == data:
        return upload
    name = os.path.basename(getattr(upload, "name", "") or "") or "photo"
    return SimpleUploadedFile(name, clean, content_type=getattr(upload, "content_type", None))


def converted(upload, *, kinds, keep_metadata: bool = False, max_bytes: int | None = None):
    """The upload as a module that takes `kinds` keeps it: a HEIC or HEIF photo (by its content, whatever its
    name) becomes a JPEG when JPEG is among them (`heif_as_jpeg`); a JPEG, PNG, WebP or TIFF photo loses what it
    says of where and by what it was taken (`stripped`), unless `keep_metadata`. Anything else, a photo that
    cannot be read or one larger than `max_bytes` comes back as it is, for `refusal` to say why."""
    if not upload or (max_bytes is not None and upload.size > max_bytes):
        return upload
    if {"jpg", "jpeg"} & set(kinds) and is_heif(upload):
        return heif_as_jpeg(upload, keep_metadata=keep_metadata) or upload
    if keep_metadata or not PHOTO_KINDS & set(kinds):
        return upload
    return stripped(upload)


def heif_reads(upload) -> bool:
    """Whether a HEIC or HEIF photo opens and its picture decodes."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.load()
            return image.format == "HEIF"
    except (*UNREADABLE_IMAGE, Image.DecompressionBombError):
        return False
    finally:
        upload.seek(0)


def _picture_is(upload, image_format: str) -> bool:
    """Whether Pillow reads the picture's header as `image_format` (the structure `converted` follows to leave
    its metadata out)."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            return image.format == image_format
    except (*UNREADABLE_IMAGE, Image.DecompressionBombError):
        return False
    finally:
        upload.seek(0)


def content_problem(upload, ext: str) -> str | None:
    """Why the bytes are not what the extension says (FILE_CONTENT, FILE_ENCRYPTED), or None."""
    head = _head(upload)
    if ext == "pdf":
        return pdf_check(upload) if head.startswith(b"%PDF-") else FILE_CONTENT
    if ext == "png":
        return None if head.startswith(PNG_SIGNATURE) and _picture_is(upload, "PNG") else FILE_CONTENT
    if ext in {"jpg", "jpeg"}:
        return None if head.startswith(b"\xff\xd8\xff") and _picture_is(upload, "JPEG") else FILE_CONTENT
    if ext in OOXML_MAIN_PARTS:
        return None if head.startswith(b"PK\x03\x04") and ooxml_is(upload, ext) else FILE_CONTENT
    if ext == "odt":
        return None if head.startswith(b"PK\x03\x04") and odt_is(upload) else FILE_CONTENT
    if ext in HEIF_KINDS:
        return None if is_heif(upload) and heif_reads(upload) else FILE_CONTENT
    return FILE_CONTENT


def content_matches(upload, ext: str) -> bool:
    """Whether the file is a genuine file of the kind its extension names."""
    return content_problem(upload, ext) is None


def refusal(upload, *, kinds, max_bytes: int) -> tuple[str, dict] | None:
    """Why an upload is refused, as (code, the message's values), or None: a kind not in `kinds` (by its
    extension), empty, larger than `max_bytes`, or bytes that are not what the extension names. The caller says
    it in its own words (its MESSAGES for these codes)."""
    name = os.path.basename(getattr(upload, "name", "") or "")[:255]
    ext = extension(name)
    if ext not in kinds:
        return FILE_TYPE, {"name": name}
    if not upload.size:
        return FILE_EMPTY, {}
    if upload.size > max_bytes:
        return FILE_TOO_LARGE, {"limit": max_bytes // (1024 * 1024)}
    problem = content_problem(upload, ext)
    if problem:
        return problem, {"name": name, "kind": kind_label(ext)}
    return None


class Refused(Exception):
    """Why `kept` refuses an upload: `code` (FILE_TYPE, FILE_EMPTY, …) and the message's `values`, for the caller
    to say in its own words."""

    def __init__(self, code: str, values: dict):
        super().__init__(code)
        self.code, self.values = code, values


def kept(upload, *, kinds, max_bytes: int) -> tuple[object, str]:
    """The upload as a module that takes `kinds` keeps it (`converted`: a HEIC photo made a JPEG, a photo without
    its metadata) and its extension; `Refused` saying why not (`refusal`). A HEIC that reads but was not made a
    JPEG (the module takes no JPEG) is "not a genuine" file of its kind: never kept as a file no browser shows."""
    upload = converted(upload, kinds=kinds, max_bytes=max_bytes)
    refused = refusal(upload, kinds=(*kinds, *HEIF_KINDS), max_bytes=max_bytes)
    if refused:
        raise Refused(*refused)
    name = os.path.basename(upload.name)[:255]
    ext = extension(name)
    if ext not in kinds:
        raise Refused(FILE_CONTENT, {"name": name, "kind": kind_label(ext)})
    return upload, ext
