"""A problem's evidence as organisations have it: a Word document, an Excel table, a PDF, a photo from a phone
(an iPhone's HEIC too) are taken and served back as what they are; a PDF locked with a password or one that is only
its first bytes is refused with its reason and nothing is published; a photo, public like all evidence, is kept
without the location and the camera its phone wrote into it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from azamat.problems.tests.factories import registered, working_group_member
from azamat.testing.files import locked_pdf, real_docx, real_heic, real_pdf, real_xlsx

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
GPS = 0x8825  # the EXIF pointer to the location a phone writes


@pytest.fixture
def problem(client, alice):
    group = working_group_member(email="group@example.kz")
    client.force_login(alice)  # the author adds evidence to the problem they filed
    return registered(by=alice, group=group)


def _attach(client, problem, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content)
    return client.post(
        reverse("problems:evidence_add", args=[problem.number]),
        {
            "evidence-kind": "document",
            "evidence-text": "Ответ акимата от 05.03.2024",
            "evidence-file": upload,
        },
        **EN,
    )


def _served(client, problem):
    evidence = problem.evidence.order_by("-pk").first()
    response = client.get(reverse("problems:evidence_file", args=[problem.number, evidence.pk]))
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return evidence, response, body


@pytest.mark.parametrize(
    ("name", "content", "kind", "content_type"),
    [
        (
            "Ответ акимата.docx",
            real_docx(),
            "DOCX",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "Опрос 240 НКО.xlsx",
            real_xlsx("Опрос"),
            "XLSX",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("Письмо.pdf", real_pdf(), "PDF", "application/pdf"),
    ],
)
def test_a_document_is_taken_and_served_as_what_it_is(client, problem, name, content, kind, content_type):
    response = _attach(client, problem, name, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    evidence, served, body = _served(client, problem)
    assert evidence.file_kind == kind
    assert served["Content-Type"] == content_type and body == content
    assert f'filename="{problem.number}-{evidence.pk}.{kind.lower()}"' in served["Content-Disposition"]
    assert name not in evidence.file.name  # stored under a name of its own
    page = client.get(problem.get_absolute_url(), **EN).content.decode()
    assert f"File ({kind})" in page


def test_a_phone_photo_is_kept_without_its_location(client, problem):
    exif = Image.Exif()
    exif[0x010F] = "Apple"  # the camera
    exif.get_ifd(GPS)[2] = (43.0, 15.0, 0.0)  # latitude: Almaty
    photo = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(photo, "JPEG", exif=exif)
    assert GPS in Image.open(io.BytesIO(photo.getvalue())).getexif()

    assert _attach(client, problem, "IMG_2024.JPG", photo.getvalue()).status_code == 302
    evidence, served, body = _served(client, problem)
    kept = Image.open(io.BytesIO(body))
    assert kept.format == "JPEG" and kept.size == (40, 30)
    assert not kept.getexif()
    assert evidence.file_kind == "JPEG"


def test_an_iphone_photo_is_kept_as_a_jpeg(client, problem):
    assert _attach(client, problem, "IMG_0001.HEIC", real_heic()).status_code == 302
    evidence, served, body = _served(client, problem)
    assert evidence.file.name.endswith(".jpg") and served["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(body)).format == "JPEG"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "Акт.pdf",
            locked_pdf(),
            "“Акт.pdf” is protected with a password; save it without the password and attach it.",
        ),
        (
            "Акт.pdf",
            b"%PDF-1.4 only the first bytes",
            "“Акт.pdf” is not a genuine PDF file; save it again as PDF and attach it.",
        ),
        (
            "Акт.doc",
            b"\xd0\xcf\x11\xe0 an old Word file",
            "Attach the evidence as a PDF, Word (DOCX) or Excel (XLSX) file or a photo (JPEG, PNG, HEIC); "
            "“Акт.doc” is none of these.",
        ),
        ("Пусто.pdf", b"", "The submitted file is empty."),  # Django's own check, before ours
    ],
)
def test_a_file_readers_could_not_open_is_refused_with_its_reason(client, problem, name, content, message):
    response = _attach(client, problem, name, content)
    assert response.status_code == 400
    page = response.content.decode()
    assert message.replace("“", "&ldquo;").replace("”", "&rdquo;") in page or message in page
    assert "Ответ акимата от 05.03.2024" in page  # what was typed is kept
    assert not problem.evidence.exists()
