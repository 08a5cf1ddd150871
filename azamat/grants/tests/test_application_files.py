"""Attachments: only real PDF, DOCX, XLSX, PNG and JPEG files up to 10 MB, each tied to a required document."""

import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from azamat.core.errors import DomainError
from azamat.grants.factories import CallFactory, DirectionFactory
from azamat.grants.forms.applications import AttachmentForm
from azamat.grants.forms.projects import ReportForm
from azamat.grants.models import Attachment
from azamat.grants.services.application_files import attachment_add, attachment_remove
from azamat.grants.tests.test_applications import CLOSES, NOW, OPENS, PDF, draft
from azamat.testing.files import (
    is_plain_jpeg,
    phone_exif,
    phone_photo,
    real_heic,
    real_odt,
    says_nothing_of_the_phone,
    zipped,
)
from azamat.testing.files import real_docx as docx
from azamat.testing.files import real_image as image
from azamat.testing.files import real_xlsx as xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW):
        yield


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def application(ngo, alice):
    call = CallFactory(opens_at=OPENS, closes_at=CLOSES)
    return draft(DirectionFactory(call=call), ngo, alice)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Жарғы.pdf", PDF, "application/pdf"),
        ("Устав.DOCX", docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("budget.xlsx", xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("scan.png", image("PNG"), "image/png"),
        ("scan.jpeg", image("JPEG"), "image/jpeg"),
        ("photo.JPG", image("JPEG"), "image/jpeg"),
    ],
)
def test_real_files_of_the_allowed_kinds_are_attached(application, bob, name, content, content_type):
    attachment = attachment_add(
        application=application, by=bob, upload=upload(name, content), document_code="charter"
    )
    assert (attachment.original_name, attachment.content_type, attachment.size) == (
        name,
        content_type,
        len(content),
    )
    assert (attachment.document_code, attachment.uploaded_by) == ("charter", bob)
    stored = attachment.file.name
    assert stored.startswith(f"grants/applications/{application.pk}/charter-") and name not in stored
    with attachment.file.open("rb") as handle:
        assert handle.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "virus.exe",
            b"MZ\x90\x00",
            "Attach a PDF, DOCX, XLSX, PNG or JPEG file; “virus.exe” is not one of them.",
        ),
        ("noextension", PDF, "Attach a PDF, DOCX, XLSX, PNG or JPEG file; “noextension” is not one of them."),
        (".pdf", PDF, "Attach a PDF, DOCX, XLSX, PNG or JPEG file; “.pdf” is not one of them."),
        (
            "charter.pdf",
            b"Just text pretending to be a PDF",
            "“charter.pdf” is not a genuine PDF file; save it again as PDF and attach it.",
        ),
        (
            "charter.docx",
            zipped({"word/document.xml": b"<w:document/>"}),
            "“charter.docx” is not a genuine DOCX file; save it again as DOCX and attach it.",
        ),
        (
            "charter.docx",
            xlsx(),
            "“charter.docx” is not a genuine DOCX file; save it again as DOCX and attach it.",
        ),
        (
            "budget.xlsx",
            b"PK\x03\x04 broken zip",
            "“budget.xlsx” is not a genuine XLSX file; save it again as XLSX and attach it.",
        ),
        (
            "scan.png",
            image("JPEG"),
            "“scan.png” is not a genuine PNG file; save it again as PNG and attach it.",
        ),
        ("scan.jpg", PDF, "“scan.jpg” is not a genuine JPEG file; save it again as JPEG and attach it."),
        ("empty.pdf", b"", "The file is empty."),
    ],
)
def test_other_files_are_refused_by_name_or_by_content(application, alice, name, content, message):
    with pytest.raises(DomainError) as error:
        attachment_add(
            application=application, by=alice, upload=upload(name, content), document_code="charter"
        )
    assert (str(error.value), error.value.field) == (message, "file")
    assert not Attachment.objects.exists()


def test_an_iphones_photo_is_attached_as_a_jpeg_without_its_location(application, bob):
    """ngo@ photographed the signed charter with her iPhone and attached it: "Attach a PDF, DOCX, XLSX, PNG or JPEG
    file; “IMG_0412.HEIC” is not one of them." Now it is kept as the JPEG every browser shows, with neither the
    place it was taken nor the phone (the experts' review is blind), and a name that says .jpg."""
    for name in ("IMG_0412.HEIC", "charter.jpg"):  # known by its content, whatever its name
        photo = upload(name, real_heic((64, 48), exif=phone_exif(orientation=6)))
        attachment = attachment_add(application=application, by=bob, upload=photo, document_code="charter")
        stem = name.rpartition(".")[0]
        assert (attachment.original_name, attachment.content_type) == (f"{stem}.jpg", "image/jpeg")
        assert attachment.file.name.endswith(".jpg")
        with attachment.file.open("rb") as handle:
            content = handle.read()
        assert is_plain_jpeg(content) and attachment.size == len(content)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "IMG_0415.HEIC",
            real_heic()[:300],  # cut short in sending: it cannot be read
            "“IMG_0415.HEIC” is not a genuine HEIC file; save it again as HEIC and attach it.",
        ),
        (
            "IMG_0416.heic",
            image("PNG"),
            "“IMG_0416.heic” is not a genuine HEIC file; save it again as HEIC and attach it.",
        ),
        (
            # The module takes what its messages and help text name: an ODT had slipped in when core.uploads
            # learnt to read ODT for the councils.
            "устав.odt",
            real_odt(),
            "Attach a PDF, DOCX, XLSX, PNG or JPEG file; “устав.odt” is not one of them.",
        ),
    ],
    ids=["heic-cut-short", "png-named-heic", "odt"],
)
def test_a_photo_that_cannot_be_read_or_a_kind_not_named_is_refused(
    application, alice, name, content, message
):
    with pytest.raises(DomainError) as error:
        attachment_add(
            application=application, by=alice, upload=upload(name, content), document_code="charter"
        )
    assert (str(error.value), error.value.field) == (message, "file")
    assert not Attachment.objects.exists()


def test_the_file_inputs_say_an_iphones_photos_are_taken_and_offer_them():
    file, attachment = AttachmentForm.base_fields["file"], ReportForm.base_fields["attachment"]
    with translation.override("ru"):
        assert str(file.help_text) == (
            "PDF, DOCX, XLSX, PNG или JPEG, не более 10 МБ. Фотографии HEIC с iPhone принимаются как JPEG."
        )
        assert str(attachment.help_text).endswith(" Фотографии HEIC с iPhone принимаются как JPEG.")
    assert file.widget.attrs["accept"] == ".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.heic,.heif"


def test_a_file_over_ten_megabytes_is_refused(application, alice):
    big = upload("scan.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(DomainError) as error:
        attachment_add(application=application, by=alice, upload=big, document_code="charter")
    assert str(error.value) == "The file is too large: at most 10 MB."
    assert not Attachment.objects.exists()


def test_a_file_is_a_required_document_or_other(application, alice):
    with pytest.raises(DomainError) as error:
        attachment_add(
            application=application, by=alice, upload=upload("a.pdf", PDF), document_code="passport"
        )
    assert (str(error.value), error.value.field) == (
        "Choose which required document the file is, or “other”.",
        "document_code",
    )
    attachment_add(application=application, by=alice, upload=upload("letter.pdf", PDF), document_code="other")
    assert list(Attachment.objects.values_list("document_code", flat=True)) == ["other"]


def test_strangers_cannot_attach_or_remove(application, alice, carol, django_capture_on_commit_callbacks):
    with pytest.raises(DomainError) as error:
        attachment_add(
            application=application, by=carol, upload=upload("a.pdf", PDF), document_code="charter"
        )
    assert str(error.value) == "Only members of the applicant organisation can edit this application."
    attachment = attachment_add(
        application=application, by=alice, upload=upload("a.pdf", PDF), document_code="charter"
    )
    with pytest.raises(DomainError):
        attachment_remove(attachment=attachment, by=carol)
    storage, stored = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(attachment=attachment, by=alice)
    assert not Attachment.objects.exists()
    assert not storage.exists(stored)


def test_a_phone_photo_is_attached_without_its_location_camera_or_owner(application, bob):
    """ngo@ photographed the signed charter with her phone and attached the JPEG as it came: kept before with the
    place it was taken, the phone's serial number and her name (the experts' review is blind). Now without them,
    the picture itself as it was (same pixels, turned as the phone showed it)."""
    sent = phone_photo("JPEG", (80, 60), orientation=6)
    attachment = attachment_add(
        application=application, by=bob, upload=upload("charter.jpg", sent), document_code="charter"
    )
    with attachment.file.open("rb") as handle:
        content = handle.read()
    assert says_nothing_of_the_phone(content) and attachment.size == len(content)
    picture = Image.open(io.BytesIO(content))
    assert (picture.size, picture.getexif()[0x0112]) == ((80, 60), 6)
    assert picture.tobytes() == Image.open(io.BytesIO(sent)).tobytes()
