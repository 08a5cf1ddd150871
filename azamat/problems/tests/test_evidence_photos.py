"""A problem's evidence photo from a phone is public: kept without where it was taken, the camera and its owner,
through core.uploads (the one way every module removes them), the picture itself not re-encoded: its pixels, size
and the tag that turns it as the phone showed it stay."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from azamat.problems.tests.factories import registered, working_group_member
from azamat.testing.files import phone_photo, says_nothing_of_the_phone

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("kind", "name"), [("JPEG", "IMG_2025.JPG"), ("PNG", "Скриншот.png")])
def test_a_phone_photo_is_public_without_its_location_and_as_the_phone_showed_it(client, alice, kind, name):
    """Before: saved again from its pixels at a lower quality, turned by hand."""
    problem = registered(by=alice, group=working_group_member(email="group@example.kz"))
    client.force_login(alice)
    sent = phone_photo(kind, (80, 60), orientation=6)
    response = client.post(
        reverse("problems:evidence_add", args=[problem.number]),
        {
            "evidence-kind": "document",
            "evidence-text": "Фото объявления",
            "evidence-file": SimpleUploadedFile(name, sent),
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    evidence = problem.evidence.get()
    served = client.get(reverse("problems:evidence_file", args=[problem.number, evidence.pk]))
    body = b"".join(served.streaming_content) if served.streaming else served.content
    assert says_nothing_of_the_phone(body)
    picture, before = Image.open(io.BytesIO(body)), Image.open(io.BytesIO(sent))
    assert (picture.format, picture.size, picture.getexif()[0x0112]) == (kind, (80, 60), 6)
    assert picture.tobytes() == before.tobytes()
