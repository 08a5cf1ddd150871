"""A council's documents are public: a phone photo of the signed minutes (a JPEG or a PNG as sent) is published
without the place it was taken, the camera and its owner, the picture as the phone showed it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from azamat.councils.models import Level
from azamat.councils.services import councils as council_services
from azamat.testing.councils_factories import CouncilFactory
from azamat.testing.factories import PlatformRoleFactory
from azamat.testing.files import phone_photo, says_nothing_of_the_phone

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("kind", "name"), [("JPEG", "IMG_0450.jpg"), ("PNG", "minutes.png")])
def test_a_phone_photo_of_the_minutes_is_published_without_its_location(kind, name):
    """Before: published as sent, GPS position, camera serial and owner's name with it."""
    admin = PlatformRoleFactory(role="platform_admin").user
    council = CouncilFactory(level=Level.QUASI_PUBLIC)
    sent = phone_photo(kind, (80, 60), orientation=6)
    document = council_services.document_add(
        council=council, title="Протокол", upload=SimpleUploadedFile(name, sent), by=admin
    )
    with document.file.open("rb") as handle:
        content = handle.read()
    assert says_nothing_of_the_phone(content) and document.size == len(content)
    picture = Image.open(io.BytesIO(content))
    assert (picture.format, picture.size, picture.getexif()[0x0112]) == (kind, (80, 60), 6)
