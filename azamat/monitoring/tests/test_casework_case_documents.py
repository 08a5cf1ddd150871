"""A case's documents: the lawyers of a case attach its papers — a ruling, a power of attorney, a complaint as filed,
a spreadsheet of costs, a phone's photo of a document — to the case itself (not to an event: a case's papers are
not evidence of what happened, and its events may be restricted to others). They are checked by their content
like an event's files, kept encrypted, a photo's location removed, listed on the case's page and served only to
who may read the case, each download logged."""

import io
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from azamat.monitoring import storage
from azamat.monitoring.models import Attachment, ReadLog
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_records_factories as rf
from azamat.testing.factories import UserFactory
from azamat.testing.files import real_docx, real_heic, real_pdf, real_xlsx

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
RULING = real_pdf(2, "Ruling")


def _phones_exif() -> Image.Exif:
    """What a phone writes into a photo: the camera and a GPS position (Almaty)."""
    exif = Image.Exif()
    exif[rf.MAKE] = "PhoneMaker"
    exif[rf.GPS_IFD] = {1: "N", 2: (43.0, 14.0, 18.0), 3: "E", 4: (76.0, 53.0, 42.0)}
    return exif


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    organisation, people = rf.organisation_with_team()
    case = mf.case(organisation, lawyer=people["lawyer"], by=people["lawyer"])
    return case, people


def _attach(client, case, name: str, content: bytes):
    return client.post(
        reverse("monitoring:case_document_new", args=[case.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="application/octet-stream")},
        **EN,
    )


@pytest.mark.parametrize(
    ("name", "content", "kept_as", "content_type"),
    [
        ("Постановление суда.pdf", RULING, "Постановление суда.pdf", "application/pdf"),
        (
            "Апелляционная жалоба.docx",
            real_docx(),
            "Апелляционная жалоба.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "Расходы.xlsx",
            real_xlsx(),
            "Расходы.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("Доверенность.jpg", rf.jpeg_with_gps(), "Доверенность.jpg", "image/jpeg"),
        ("IMG_2231.HEIC", real_heic(exif=_phones_exif()), "IMG_2231.jpg", "image/jpeg"),
    ],
)
def test_the_lawyer_attaches_a_document_to_the_case(client, world, name, content, kept_as, content_type):
    case, people = world
    client.force_login(people["lawyer"])
    page = client.get(reverse("monitoring:case", args=[case.pk]), **EN).content.decode()
    assert reverse("monitoring:case_document_new", args=[case.pk]) in page
    assert client.get(reverse("monitoring:case_document_new", args=[case.pk]), **EN).status_code == 200

    response = _attach(client, case, name, content)

    case_page = reverse("monitoring:case", args=[case.pk])
    assert response.status_code == 302 and response["Location"] == f"{case_page}#documents"
    document = Attachment.objects.get()
    assert (document.case, document.event, document.uploaded_by) == (case, None, people["lawyer"])
    assert (document.original_name, document.content_type) == (kept_as, content_type)
    on_disk = (storage._path(document.stored_name)).read_bytes()
    assert content[:64] not in on_disk  # kept encrypted
    kept = storage.read(document)
    if content_type == "image/jpeg":
        assert not Image.open(io.BytesIO(kept)).getexif()  # the phone's location and camera are gone
    else:
        assert kept == content
    page = unescape(client.get(reverse("monitoring:case", args=[case.pk]), **EN).content.decode())
    assert kept_as in page and reverse("monitoring:attachment", args=[document.pk]) in page
    download = client.get(reverse("monitoring:attachment", args=[document.pk]), **EN)
    assert download.status_code == 200 and download["Content-Type"] == content_type
    assert ReadLog.objects.filter(
        user=people["lawyer"], action="download", record_type="attachment", record_id=document.pk
    ).exists()


@pytest.mark.parametrize(
    ("name", "content", "english"),
    [
        (
            "Запись заседания.mp4",
            b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64,
            "Attach a document (PDF, DOCX, XLSX) or a photo of one (JPEG, PNG, HEIC).",
        ),
        ("Постановление.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "The file is a program"),
        ("Жалоба.docx", b"PK\x03\x04" + b"\x00" * 100, "does not match its type “.docx”"),
    ],
)
def test_a_file_that_is_not_a_document_is_refused_with_its_reason(client, world, name, content, english):
    case, people = world
    client.force_login(people["lawyer"])

    response = _attach(client, case, name, content)

    assert response.status_code == 400
    assert english in " ".join(str(e) for e in response.context["form"].errors["file"])
    assert not Attachment.objects.exists()


def test_only_who_reads_the_case_reads_or_attaches_its_documents(client, world):
    case, people = world
    client.force_login(people["lawyer"])
    assert _attach(client, case, "Постановление.pdf", RULING).status_code == 302
    document = Attachment.objects.get()
    other_lawyer = mf.grant(UserFactory(email="lawyer2@monitoring.example.kz"), case.organisation, "lawyer")
    for stranger in (people["verifier"], people["monitor"], other_lawyer):
        client.force_login(stranger)
        assert client.get(reverse("monitoring:case_document_new", args=[case.pk]), **EN).status_code == 403
        assert _attach(client, case, "Другое.pdf", RULING).status_code == 403
        assert client.get(reverse("monitoring:attachment", args=[document.pk]), **EN).status_code == 403
        assert (
            client.post(reverse("monitoring:attachment_delete", args=[document.pk]), **EN).status_code == 403
        )
    assert Attachment.objects.count() == 1
    assert (
        ReadLog.objects.filter(action="refused", record_id=document.pk, record_type="attachment").count() == 6
    )


def test_the_lawyer_deletes_a_document_from_the_case(client, world, django_capture_on_commit_callbacks):
    case, people = world
    client.force_login(people["lawyer"])
    assert _attach(client, case, "Черновик.pdf", RULING).status_code == 302
    document = Attachment.objects.get()
    page = client.get(reverse("monitoring:case", args=[case.pk]), **EN).content.decode()
    assert reverse("monitoring:attachment_delete", args=[document.pk]) in page

    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the delete is committed
        response = client.post(reverse("monitoring:attachment_delete", args=[document.pk]), **EN)

    assert response.status_code == 302
    assert response["Location"] == reverse("monitoring:case", args=[case.pk]) + "#documents"
    assert not Attachment.objects.exists() and not storage._path(document.stored_name).exists()


def test_a_document_sent_twice_is_stored_once(client, world):
    case, people = world
    client.force_login(people["lawyer"])
    assert _attach(client, case, "scan.pdf", RULING).status_code == 302

    again = _attach(client, case, "scan.pdf", RULING)

    assert again.status_code == 400
    assert (
        "You attached “scan.pdf” a moment ago: see it among the case's documents rather than attach it twice."
        in " ".join(str(e) for e in again.context["form"].non_field_errors())
    )
    assert Attachment.objects.filter(case=case).count() == 1
