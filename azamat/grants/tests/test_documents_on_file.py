"""The charter and the registration certificate on the organisation's profile, offered in the application's
documents: alice attaches the one on file in one step, and the application keeps the copy it was given even
after the profile's file is replaced."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from azamat.core.errors import DomainError
from azamat.grants.factories import CallFactory, DirectionFactory
from azamat.grants.models import Attachment
from azamat.grants.services.application_files import attachment_from_registry
from azamat.grants.tests.test_applications import CLOSES, NOW, OPENS, draft
from azamat.registry.document_services import founding_document_upload
from azamat.testing.files import real_pdf

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW):
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SENDFILE_ROOT = tmp_path


@pytest.fixture
def application(ngo, alice):
    call = CallFactory(opens_at=OPENS, closes_at=CLOSES)  # a short-term grant: charter and registration
    return draft(DirectionFactory(call=call), ngo, alice)


def _on_file(ngo, alice, name="Устав.pdf", text="Charter 2019"):
    return founding_document_upload(
        organisation=ngo,
        by=alice,
        kind="charter",
        upload=SimpleUploadedFile(name, real_pdf(text=text)),
        dated=datetime.date(2019, 4, 12),
    )


def test_the_editor_offers_the_charter_on_file(client, application, ngo, alice):
    document = _on_file(ngo, alice)
    client.force_login(alice)
    page = client.get(reverse("grants:application", args=[application.pk]), **EN).content.decode()
    uploaded = f"{timezone.localtime(document.uploaded_at):%d.%m.%Y}"
    assert f"Use the file on the organisation’s profile (Устав.pdf, uploaded {uploaded})" in page
    assert 'name="on_file" value="charter"' in page
    assert 'name="on_file" value="registration"' not in page  # nothing on file of that kind


def test_choosing_it_attaches_a_copy_the_application_keeps(client, application, ngo, alice):
    document = _on_file(ngo, alice)
    with document.file.open("rb") as handle:
        original = handle.read()
    client.force_login(alice)
    response = client.post(
        reverse("grants:application_attachment_upload", args=[application.pk]), {"on_file": "charter"}, **EN
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(application=application)
    assert (attachment.document_code, attachment.original_name, attachment.uploaded_by) == (
        "charter",
        "Устав.pdf",
        alice,
    )
    assert attachment.file.name != document.file.name  # its own copy
    _on_file(ngo, alice, name="Устав 2026.pdf", text="Charter 2026")  # the profile's file replaced later
    with attachment.file.open("rb") as handle:
        assert handle.read() == original
    page = client.get(reverse("grants:application", args=[application.pk]), **EN).content.decode()
    assert 'name="on_file" value="charter"' not in page  # attached: no longer offered


def test_without_a_file_on_file_nothing_is_attached_and_the_applicant_is_told(application, alice):
    with pytest.raises(DomainError) as refused:
        attachment_from_registry(application=application, by=alice, document_code="charter")
    assert refused.value.code == "not_on_file"
    assert not Attachment.objects.exists()


def test_only_the_kinds_the_registry_keeps_are_taken_from_it(application, ngo, alice):
    _on_file(ngo, alice)
    with pytest.raises(DomainError) as refused:
        attachment_from_registry(application=application, by=alice, document_code="budget")
    assert refused.value.code == "not_on_file"
    assert not Attachment.objects.exists()


def test_a_stranger_cannot_take_the_file_into_the_application(client, application, ngo, alice, carol):
    _on_file(ngo, alice)
    client.force_login(carol)
    response = client.post(
        reverse("grants:application_attachment_upload", args=[application.pk]), {"on_file": "charter"}, **EN
    )
    assert response.status_code in {403, 404}
    assert not Attachment.objects.exists()
