"""Real files for tests, in the formats people attach: made by the libraries that write them (or, for a Word
document, the parts Word writes; for an iPhone's photo, libheif), so that the checks of core.uploads (a PDF opened
and its pages read, a package unpacked and parsed, a HEIC photo decoded) see what a person's file is."""

import io
import zipfile

import openpyxl
import pillow_heif
from fpdf import FPDF
from PIL import Image
from pypdf import PdfWriter

DOCX_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
    b'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
    b'main+xml"/></Types>'
)
DOCX_MAIN = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.'
    b'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>\xd0\xa3\xd1\x81\xd1\x82\xd0'
    b"\xb0\xd0\xb2</w:t></w:r></w:p></w:body></w:document>"
)


def zipped(parts: dict[str, bytes]) -> bytes:
    """A zip of these parts (a package's pieces, or a zip that is no package at all)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def real_docx() -> bytes:
    """A Word document reduced to the parts that make it one: the content types declare word/document.xml, which
    is a Word document."""
    return zipped({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": DOCX_MAIN})


def real_xlsx(text: str = "Бюджет") -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = text
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def real_image(kind: str = "PNG") -> bytes:
    """A small white picture as Pillow saves it ("PNG", "JPEG")."""
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, kind)
    return buffer.getvalue()


def real_heic(size=(64, 48), colour=(200, 40, 40), *, exif: Image.Exif | None = None) -> bytes:
    """A photo as an iPhone saves it: HEIC (HEVC-coded, brand `heic`), encoded by libheif through pillow_heif,
    with `exif` (a location, the camera, an orientation: the phone's metadata) when given."""
    photo = pillow_heif.from_pillow(Image.new("RGB", size, colour))
    buffer = io.BytesIO()
    photo.save(buffer, quality=80, exif=exif.tobytes() if exif is not None else None)
    return buffer.getvalue()


def phone_exif(orientation: int = 1) -> Image.Exif:
    """What a phone writes into a photo: the camera's maker and the place it was taken (GPS), and how to turn it."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (43.0, 14.0, 18.0), 3: "E", 4: (76.0, 53.0, 42.0)}  # the GPS IFD: Almaty
    exif[0x0112] = orientation
    return exif


def phone_photo(kind: str = "JPEG", size=(64, 48), *, orientation: int = 6) -> bytes:
    """A photo as a phone saves it ("JPEG", "PNG", "WEBP"): the place it was taken (GPS), the camera, its serial
    number and its owner's name in EXIF, XMP saying the place again, and saved sideways (`orientation` 6: a
    viewer turns it a quarter to show it upright)."""
    exif = phone_exif(orientation)
    exif[0xA431] = "SN-0042-PHONE"  # BodySerialNumber
    exif[0xA430] = "Aigerim Owner"  # CameraOwnerName
    options = {"exif": exif, "xmp": b"<x:xmpmeta><exif:GPSLatitude>43,14N</exif:GPSLatitude></x:xmpmeta>"}
    if kind == "JPEG":
        options.update(quality=87, comment=b"Aigerim Owner's phone")
    buffer = io.BytesIO()
    Image.radial_gradient("L").resize(size).convert("RGB").save(buffer, kind, **options)
    return buffer.getvalue()


def says_nothing_of_the_phone(content: bytes) -> bool:
    """Whether a photo's bytes are free of where and by what it was taken: no GPS, camera, serial, owner or XMP."""
    with Image.open(io.BytesIO(content)) as picture:
        exif = picture.getexif()
        return (
            not exif.get_ifd(0x8825)
            and set(exif) <= {0x0112}  # the orientation alone, which turns the picture as the phone showed it
            and not any(
                word in content for word in (b"PhoneMaker", b"SN-0042", b"Aigerim", b"GPS", b"xmpmeta")
            )
        )


def is_plain_jpeg(content: bytes) -> bool:
    """Whether the bytes are a JPEG that says nothing of the phone or the place (no EXIF at all)."""
    with Image.open(io.BytesIO(content)) as picture:
        return picture.format == "JPEG" and not picture.getexif() and b"PhoneMaker" not in content


def locked_pdf() -> bytes:
    """A PDF that opens only with a password."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", owner_password="owner")  # noqa: S106 (a test file's lock)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def real_pdf(pages: int = 1, text: str = "Page") -> bytes:
    document = FPDF()
    document.set_font("helvetica", size=12)
    for number in range(pages):
        document.add_page()
        document.cell(text=f"{text} {number + 1}")
    return bytes(document.output())


def real_odt(text: str = "Протокол") -> bytes:
    """A text document as LibreOffice saves it, in the parts the OpenDocument package needs: `mimetype` first and
    stored, the manifest, and content.xml."""
    from xml.sax.saxutils import escape

    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f"<office:body><office:text><text:p>{escape(text)}</text:p></office:text></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
