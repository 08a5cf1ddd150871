"""What an uploaded file really is: checked by its content, not its name, for every module that takes files.

`content_problem(upload, ext)` says why the bytes are not what the extension names (an error code), or None:
PNG and JPEG by their magic numbers (Pillow re-reads images where they are shown); a PDF opened and its pages
read (one locked with a password is told apart: readers could not open it); DOCX and XLSX unpacked and their
main part parsed with defusedxml, so a crafted package can neither expand entities nor read a local file; an ODT
by its package's `mimetype` and its content.xml, parsed the same way.
Each module keeps its own list of the kinds it takes, its size limit and its messages.

A HEIC or HEIF photo (what an iPhone saves) is known by its content, whatever its name (`is_heif`); browsers
cannot show it, so a module that takes JPEG takes it as one: `converted(upload, kinds=...)` gives the JPEG to
check and store instead (`heif_as_jpeg`), the location and camera data left out unless asked to keep them."""

import io
import os
import zipfile

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as safe_xml
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, UnidentifiedImageError
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


def converted(upload, *, kinds, keep_metadata: bool = False, max_bytes: int | None = None):
    """The upload as a module that takes `kinds` keeps it: a HEIC or HEIF photo (by its content, whatever its
    name) becomes a JPEG when JPEG is among them (`heif_as_jpeg`); anything else, a photo that cannot be read or
    one larger than `max_bytes` comes back as it is, for `refusal` to say why."""
    if (
        not ({"jpg", "jpeg"} & set(kinds))
        or not upload
        or (max_bytes is not None and upload.size > max_bytes)
    ):
        return upload
    if not is_heif(upload):
        return upload
    return heif_as_jpeg(upload, keep_metadata=keep_metadata) or upload


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


def content_problem(upload, ext: str) -> str | None:
    """Why the bytes are not what the extension says (FILE_CONTENT, FILE_ENCRYPTED), or None."""
    head = _head(upload)
    if ext == "pdf":
        return pdf_check(upload) if head.startswith(b"%PDF-") else FILE_CONTENT
    if ext == "png":
        return None if head.startswith(b"\x89PNG\r\n\x1a\n") else FILE_CONTENT
    if ext in {"jpg", "jpeg"}:
        return None if head.startswith(b"\xff\xd8\xff") else FILE_CONTENT
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
