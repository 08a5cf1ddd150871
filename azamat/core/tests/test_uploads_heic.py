"""An iPhone's photo (HEIC) is known by its content, not its name, and a module that takes JPEG takes it as one:
core.uploads makes the JPEG, turned as the phone showed it, with its location and camera data only when asked.
A module that takes no JPEG refuses it naming what it takes, and none stores a file browsers cannot show."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from azamat.core import uploads
from azamat.testing.files import real_heic, real_image, real_pdf

GPS_IFD, MAKE, ORIENTATION = 0x8825, 0x010F, 0x0112
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
AVIF = b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + b"\x00" * 64
PHOTO_KINDS = {"pdf", "png", "jpg", "jpeg"}


def _phones_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[MAKE] = "PhoneMaker"
    exif[GPS_IFD] = {1: "N", 2: (43.0, 14.0, 18.0), 3: "E", 4: (76.0, 53.0, 42.0)}
    exif[ORIENTATION] = orientation
    return exif


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_heic_photo_is_known_by_its_content_whatever_its_name():
    for name in ("IMG_0412.HEIC", "IMG_0412.jpg", "photo", "scan.pdf"):
        assert uploads.is_heif(_upload(name, real_heic()))
    for content in (real_image("JPEG"), real_image("PNG"), real_pdf(), MP4, AVIF, b"", b"ftyp"):
        assert not uploads.is_heif(_upload("IMG_0412.heic", content))


def test_a_heic_photo_becomes_a_jpeg_turned_upright_without_its_location():
    photo = _upload("IMG_0412.HEIC", real_heic((64, 48), exif=_phones_exif(orientation=6)))
    jpeg = uploads.converted(photo, kinds=PHOTO_KINDS)
    assert (jpeg.name, jpeg.content_type) == ("IMG_0412.jpg", "image/jpeg")
    data = jpeg.read()
    picture = Image.open(io.BytesIO(data))
    assert (picture.format, picture.size) == ("JPEG", (48, 64))
    assert not picture.getexif() and b"PhoneMaker" not in data
    assert uploads.refusal(jpeg, kinds=PHOTO_KINDS, max_bytes=10**6) is None  # a genuine JPEG to the checks


def test_a_heic_photo_keeps_its_location_when_asked():
    photo = _upload("IMG_0413.heic", real_heic(exif=_phones_exif()))
    picture = Image.open(uploads.converted(photo, kinds=PHOTO_KINDS, keep_metadata=True))
    exif = picture.getexif()
    assert exif[MAKE] == "PhoneMaker" and exif.get_ifd(GPS_IFD)[2] == (43.0, 14.0, 18.0)
    assert exif.get(ORIENTATION, 1) == 1  # the picture is turned already: no viewer turns it twice


def test_what_is_not_converted_comes_back_as_it_was():
    heic = _upload("IMG_0414.HEIC", real_heic())
    assert uploads.converted(heic, kinds={"pdf", "docx"}) is heic  # a module that takes no JPEG
    assert uploads.converted(heic, kinds=PHOTO_KINDS, max_bytes=100) is heic  # too large: refusal says so
    jpeg = _upload("IMG_0415.jpg", real_image("JPEG"))
    assert uploads.converted(jpeg, kinds=PHOTO_KINDS) is jpeg
    cut = _upload("IMG_0416.heic", real_heic()[:300])  # cut short in sending: cannot be read
    assert uploads.converted(cut, kinds=PHOTO_KINDS) is cut
    assert uploads.refusal(cut, kinds=PHOTO_KINDS | {"heic"}, max_bytes=10**6) == (
        uploads.FILE_CONTENT,
        {"name": "IMG_0416.heic", "kind": "HEIC"},
    )


def test_a_heic_where_it_is_not_converted_is_refused_by_name_or_called_not_a_jpeg():
    """What lets a module that does not convert say it in its words: a photo named .HEIC is not a kind it takes
    (its message names those), and one renamed .jpg is not a genuine JPEG (save it again as JPEG)."""
    kinds = {"pdf", "docx", "png", "jpg", "jpeg"}
    assert uploads.refusal(_upload("IMG_0412.HEIC", real_heic()), kinds=kinds, max_bytes=10**6) == (
        uploads.FILE_TYPE,
        {"name": "IMG_0412.HEIC"},
    )
    assert uploads.refusal(_upload("IMG_0412.jpg", real_heic()), kinds=kinds, max_bytes=10**6) == (
        uploads.FILE_CONTENT,
        {"name": "IMG_0412.jpg", "kind": "JPEG"},
    )


def test_every_module_taking_pictures_converts_a_heic_to_a_jpeg():
    """Grants' attachments (and a report's), a milestone's evidence and a council's documents take JPEG: an
    iPhone's photo is taken as a JPEG named .jpg, without its location, never kept as a HEIC no browser shows."""
    from azamat.accountability import evidence_files
    from azamat.councils.services.councils import document_check
    from azamat.grants.services.reports import attachment_check

    for check in (attachment_check, evidence_files.checked, document_check):
        for name in ("IMG_0412.HEIC", "IMG_0412.jpg"):
            kept, *_names = check(
                _upload(name, real_heic(exif=_phones_exif()))
            )  # the file first, as it is kept
            assert kept.name == "IMG_0412.jpg", check
            data = kept.read()
            picture = Image.open(io.BytesIO(data))
            assert picture.format == "JPEG" and not picture.getexif() and b"PhoneMaker" not in data, check
