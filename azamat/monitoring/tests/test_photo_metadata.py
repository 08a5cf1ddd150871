"""A monitor's phone photo (JPEG, PNG, WebP) attached to an event or a case: stored without the place it was taken,
the camera and its owner (core.uploads, the one way every module removes them), the picture turned as the phone
showed it and not re-encoded. Kept whole only when the monitor keeps it on purpose, as evidence of where and when:
monitoring's deliberate exception, marked on the file (`metadata_kept`)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from azamat.monitoring import files_services as services
from azamat.monitoring import storage
from azamat.monitoring.models import Attachment
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_records_factories as rf
from azamat.testing.files import phone_photo, says_nothing_of_the_phone

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    organisation, people = rf.organisation_with_team()
    event = mf.event(organisation, by=people["monitor"])
    return event, people["monitor"]


def _pixels(content: bytes) -> bytes:
    with Image.open(io.BytesIO(content)) as picture:
        return picture.tobytes()


@pytest.mark.parametrize(
    ("kind", "name"), [("JPEG", "IMG_0501.jpg"), ("PNG", "IMG_0502.png"), ("WEBP", "a.webp")]
)
def test_a_phone_photo_is_kept_turned_as_shown_without_its_location(client, world, kind, name):
    """Before: re-encoded from its pixels alone, the photo lost the tag that turns it (a portrait stored lying on
    its side) and, a JPEG, its quality."""
    event, monitor = world
    sent = phone_photo(kind, (80, 60), orientation=6)
    client.force_login(monitor)
    response = client.post(
        reverse("monitoring:attachment_new", args=[event.pk]),
        {"file": SimpleUploadedFile(name, sent)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    kept = storage.read(attachment)
    assert says_nothing_of_the_phone(kept) and attachment.metadata_kept is False
    picture = Image.open(io.BytesIO(kept))
    assert (picture.format, picture.size) == (kind, (80, 60))
    assert picture.getexif()[0x0112] == 6
    assert _pixels(kept) == _pixels(sent)


def test_a_photo_kept_on_purpose_is_stored_as_it_came(world):
    event, monitor = world
    sent = phone_photo("JPEG")
    upload = SimpleUploadedFile("IMG_0503.jpg", sent)
    attachment = services.attachment_add(event=event, by=monitor, upload=upload, keep_metadata=True)
    assert storage.read(attachment) == sent and attachment.metadata_kept is True
