"""A photo sent as it is (a JPEG, a PNG, a WebP) is kept without what it says of where and by what it was taken
(GPS position, camera and its serial number, owner's name, XMP): core.uploads.converted leaves it out for every
module, without re-encoding the picture, which keeps its size, its quality and the way the phone showed it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from azamat.core import uploads
from azamat.testing.files import phone_photo, real_image, real_pdf, says_nothing_of_the_phone

KINDS = {"pdf", "png", "jpg", "jpeg"}


def _picture(content: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(content))
    picture.load()
    return picture


@pytest.mark.parametrize(
    ("kind", "name"), [("JPEG", "IMG_2211.JPG"), ("PNG", "screen.png"), ("WEBP", "a.webp")]
)
def test_a_phone_photo_is_kept_without_its_location_camera_and_owner(kind, name):
    sent = phone_photo(kind, (80, 60), orientation=6)
    kept = uploads.converted(SimpleUploadedFile(name, sent), kinds=KINDS | {"webp"})
    assert kept.name == name
    content = kept.read()
    assert says_nothing_of_the_phone(content)
    before, after = _picture(sent), _picture(content)
    assert (after.format, after.size) == (kind, (80, 60))
    assert after.getexif()[uploads.ORIENTATION] == 6  # still turned as the phone showed it
    assert after.tobytes() == before.tobytes()  # the same pixels: nothing re-encoded


def test_a_jpeg_keeps_its_quality_its_colours_and_loses_what_follows_its_end():
    sent = phone_photo("JPEG") + b"SEFH Aigerim's trailer with GPS"  # what some phones add after the picture
    content = uploads.without_metadata(sent)
    assert says_nothing_of_the_phone(content) and content.endswith(b"\xff\xd9")
    assert _picture(content).quantization == _picture(sent).quantization


def test_an_upright_photo_gets_no_orientation_and_one_without_metadata_comes_back_as_it_was():
    content = uploads.without_metadata(phone_photo("JPEG", orientation=1))
    assert not _picture(content).getexif()
    plain = SimpleUploadedFile("IMG.jpg", real_image("JPEG"))
    assert uploads.converted(plain, kinds=KINDS) is plain


def test_a_photo_keeps_its_metadata_when_asked_and_what_is_no_photo_is_untouched():
    photo = SimpleUploadedFile("IMG.jpg", phone_photo("JPEG"))
    assert uploads.converted(photo, kinds=KINDS, keep_metadata=True) is photo
    assert uploads.converted(photo, kinds={"pdf", "docx"}) is photo  # a module that takes no photo
    pdf = SimpleUploadedFile("act.pdf", real_pdf())
    assert uploads.converted(pdf, kinds=KINDS) is pdf
    assert (
        uploads.without_metadata(b"\xff\xd8\xff\xe1\xff\xff" + b"\x00" * 20) is None
    )  # no structure to follow


def test_a_photo_cut_short_in_sending_still_loses_its_metadata():
    sent = phone_photo("JPEG", (200, 160))
    content = uploads.without_metadata(sent[: len(sent) - 300])
    assert content is not None and says_nothing_of_the_phone(content)


def test_a_jpeg_pillow_cannot_read_is_not_a_genuine_jpeg():
    broken = SimpleUploadedFile("IMG.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40)
    assert uploads.refusal(broken, kinds=KINDS, max_bytes=10**6) == (
        uploads.FILE_CONTENT,
        {"name": "IMG.jpg", "kind": "JPEG"},
    )
