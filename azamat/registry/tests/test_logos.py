"""A logo as people have it: a phone's photo (a JPEG of megabytes, turned by its EXIF, with the place it was taken),
an iPhone's HEIC, a drawing with transparency. What the public profile serves is small, upright and says nothing
of where or with what the photo was taken."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from azamat.core.errors import DomainError
from azamat.registry import logos, services
from azamat.registry.tests.test_services import _data
from azamat.testing.files import real_heic

pytestmark = pytest.mark.django_db

ORIENTATION, MAKE, MODEL, GPS = 0x0112, 0x010F, 0x0110, 0x8825


def _phone_exif() -> Image.Exif:
    """What a phone writes: held upright (the sensor's picture turned 90°), its make and model, and where."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[MAKE], exif[MODEL] = "samsung", "Galaxy A54"
    exif.get_ifd(GPS).update({1: "N", 2: (43.0, 14.0, 20.0), 3: "E", 4: (76.0, 54.0, 10.0)})
    return exif


def _phone_photo() -> SimpleUploadedFile:
    """A 2000×1500 JPEG of some megabytes (noise does not compress), as the phone's camera stores it: sideways,
    with the orientation that turns it upright."""
    picture = Image.frombytes("RGB", (2000, 1500), os.urandom(2000 * 1500 * 3))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=95, exif=_phone_exif().tobytes())
    return SimpleUploadedFile("20261204_101500.jpg", buffer.getvalue(), content_type="image/jpeg")


def _stored(organisation) -> Image.Image:
    with organisation.logo.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
    return image


def test_a_phones_photo_is_taken_upright_small_and_without_where_it_was_taken(carol):
    """Refused before as "too large: at most 2 MB"; once smaller, it was published with its GPS position."""
    photo = _phone_photo()
    assert photo.size > 2 * 1024 * 1024
    organisation = services.organisation_register(by=carol, data=_data(), logo=photo)
    stored = _stored(organisation)
    assert stored.format == "JPEG"
    assert stored.size == (600, 800)  # upright: the phone held it in portrait
    exif = stored.getexif()
    assert exif.get(ORIENTATION) is None and exif.get(MAKE) is None and exif.get(MODEL) is None
    assert not exif.get_ifd(GPS)
    assert "exif" not in stored.info and "xmp" not in stored.info
    assert organisation.logo.size < 300 * 1024
    assert organisation.logo.name.endswith(".jpg")


def test_an_iphones_heic_photo_is_taken_as_a_jpeg_without_its_location(carol):
    exif = _phone_exif()
    del exif[ORIENTATION]
    heic = SimpleUploadedFile("IMG_0042.HEIC", real_heic((64, 48), exif=exif), content_type="image/heic")
    organisation = services.organisation_register(by=carol, data=_data(), logo=heic)
    stored = _stored(organisation)
    assert (stored.format, stored.size) == ("JPEG", (64, 48))
    assert not stored.getexif().get_ifd(GPS) and stored.getexif().get(MODEL) is None


def test_a_drawn_logo_keeps_its_transparency(carol):
    buffer = io.BytesIO()
    drawing = Image.new("RGBA", (1600, 400), (0, 0, 0, 0))
    drawing.paste((0, 88, 122, 255), (0, 0, 400, 400))
    drawing.save(buffer, "PNG")
    upload = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")
    stored = _stored(services.organisation_register(by=carol, data=_data(), logo=upload))
    assert (stored.format, stored.mode, stored.size) == ("PNG", "RGBA", (800, 200))
    assert stored.getpixel((799, 199))[3] == 0 and stored.getpixel((10, 10)) == (0, 88, 122, 255)


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4 not a picture",
        b"\xff\xd8\xff\xe0" + b"\x00" * 40,  # a JPEG's first bytes, and nothing of a picture after them
    ],
)
def test_what_is_not_a_picture_is_refused_with_the_kinds_taken(carol, content):
    with translation.override("en"):
        with pytest.raises(DomainError) as error:
            services.organisation_register(
                by=carol,
                data=_data(),
                logo=SimpleUploadedFile("logo.jpg", content, content_type="image/jpeg"),
            )
        # Read in English too: the message is lazy, and the language left active by an earlier test is no given.
        assert str(error.value) == "The logo must be a picture: PNG, JPEG, WebP or HEIC."
    assert (error.value.code, error.value.field) == ("logo_not_image", "logo")


def test_the_limit_is_a_phones_photo(carol):
    with translation.override("ru"), pytest.raises(DomainError) as error:
        services.organisation_register(
            by=carol,
            data=_data(),
            logo=SimpleUploadedFile("huge.jpg", b"\xff\xd8\xff" + b"\x00" * (logos.UPLOAD_MAX_BYTES + 1)),
        )
    assert error.value.code == "logo_too_large"
    assert "20" in str(error.value)
