"""The files a monitor attaches to an event go through the platform's one upload check (core.uploads): a program
renamed .pdf, an empty file, one over 50 MB, a PDF that is not one or is locked with a password, a DOCX that is
only a zip are refused, each with its reason in the user's language and nothing stored; a real PDF, a phone's
JPEG, a PNG, a DOCX and an XLSX are stored encrypted. Videos and audio, which core.uploads does not read, still
pass monitoring's own check for a program's first bytes. An iPhone's HEIC photo is kept as a JPEG, its location
removed unless kept on purpose."""

import io
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from azamat.core.errors import DomainError
from azamat.monitoring import files_services as services
from azamat.monitoring import storage
from azamat.monitoring.models import Attachment
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_records_factories as rf
from azamat.testing.files import locked_pdf, real_docx, real_heic, real_image, real_pdf, real_xlsx, zipped

pytestmark = pytest.mark.django_db

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
ORIENTATION = 0x0112


@pytest.fixture
def world():
    organisation, people = rf.organisation_with_team()
    event = mf.event(organisation, by=people["monitor"])
    return event, people["monitor"]


def _add(event, monitor, name: str, content: bytes):
    return services.attachment_add(event=event, by=monitor, upload=SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Протокол задержания.pdf", real_pdf(2, "Protocol"), "application/pdf"),
        ("IMG_20240512_143012.jpg", rf.jpeg_with_gps(), "image/jpeg"),
        ("Скриншот.PNG", real_image("PNG"), "image/png"),
        (
            "Жалоба.docx",
            real_docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("Список.xlsx", real_xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("VID_20240512.mp4", MP4, "video/mp4"),
    ],
)
def test_a_real_file_is_stored_encrypted(world, name, content, content_type):
    event, monitor = world
    attachment = _add(event, monitor, name, content)
    assert (attachment.original_name, attachment.content_type) == (name, content_type)
    assert storage.read(attachment)  # the decrypted copy reads back


@pytest.mark.parametrize(
    ("name", "content", "code", "english"),
    [
        ("Протокол.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, services.FILE_PROGRAM, "The file is a program"),
        (
            "Жалоба.docx",
            b"\x7fELF\x02\x01\x01" + b"\x00" * 200,
            services.FILE_PROGRAM,
            "The file is a program",
        ),
        ("VID_1.mp4", b"MZ\x90\x00\x03" + b"\x00" * 200, services.FILE_PROGRAM, "The file is a program"),
        ("empty.pdf", b"", services.FILE_EMPTY, "The file is empty."),
        # Looks like a PDF by its first bytes, but no reader can open it.
        (
            "scan.pdf",
            b"%PDF-1.7\n" + b"\x00garbage" * 50,
            services.FILE_CONTENT,
            "does not match its type “.pdf”",
        ),
        # A zip, but no Word document inside.
        (
            "Жалоба.docx",
            zipped({"a.txt": b"hello"}),
            services.FILE_CONTENT,
            "does not match its type “.docx”",
        ),
        ("Фото.jpg", real_image("PNG"), services.FILE_CONTENT, "does not match its type “.jpg”"),
        ("locked.pdf", locked_pdf(), services.FILE_ENCRYPTED, "is protected with a password"),
        ("setup.exe", b"MZ\x90\x00", services.FILE_DANGEROUS, "Files of type “.exe” are not accepted"),
        (
            "archive.rar",
            b"Rar!\x1a\x07\x00",
            services.FILE_TYPE,
            "Attach a photo (JPEG, PNG, HEIC, WebP, TIFF)",
        ),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_with_its_reason(world, name, content, code, english):
    event, monitor = world
    with translation.override("en"):
        with pytest.raises(DomainError) as error:
            _add(event, monitor, name, content)
        assert english in str(error.value)
    assert (error.value.code, error.value.field) == (code, "file")
    assert not Attachment.objects.exists()


def test_a_file_over_50_mb_is_refused_before_it_is_read(world):
    event, monitor = world
    content = b"%PDF-1.7\n" + b"\x00" * storage.MAX_BYTES
    with translation.override("en"):
        with pytest.raises(DomainError) as error:
            _add(event, monitor, "video.pdf", content)
        assert str(error.value) == "The file is larger than 50 MB: send a smaller or compressed copy."
    assert (error.value.code, error.value.field) == (services.FILE_TOO_LARGE, "file")
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("language", "name", "content", "expected"),
    [
        (
            "ru",
            "Протокол.pdf",
            b"MZ\x90\x00\x03" + b"\x00" * 200,
            "Этот файл — программа, а не документ «.pdf»",
        ),
        ("kk", "Протокол.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "Бұл файл «.pdf» құжаты емес, бағдарлама"),
        ("ru", "locked.pdf", locked_pdf(), "«locked.pdf» защищён паролем"),
        ("kk", "locked.pdf", locked_pdf(), "«locked.pdf» құпиясөзбен қорғалған"),
    ],
)
def test_the_monitor_reads_the_refusal_in_their_language_on_the_form(
    client, world, language, name, content, expected
):
    event, monitor = world
    client.force_login(monitor)
    response = client.post(
        reverse("monitoring:attachment_new", args=[event.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="application/pdf")},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 400
    with translation.override(language):
        errors = " ".join(str(e) for e in response.context["form"].errors["file"])
    assert expected in errors, errors
    assert expected in unescape(response.content.decode())
    assert not Attachment.objects.exists()


# — an iPhone's photo (HEIC) —


def _phones_exif(orientation: int = 1) -> Image.Exif:
    """What an iPhone writes into a photo: the camera, a GPS position (Almaty) and how the picture is turned."""
    exif = Image.Exif()
    exif[rf.MAKE] = "PhoneMaker"
    exif[rf.GPS_IFD] = {1: "N", 2: (43.0, 14.0, 18.0), 3: "E", 4: (76.0, 53.0, 42.0)}
    exif[ORIENTATION] = orientation
    return exif


def test_an_iphones_heic_photo_is_kept_as_a_jpeg_without_its_location(client, world):
    """Refused before ('Attach a photo (JPEG, PNG, WebP, TIFF)…'): the photo a monitor's iPhone took at the
    picket. Kept as a JPEG every browser shows, turned as the phone showed it, its location and camera gone."""
    event, monitor = world
    photo = real_heic((64, 48), exif=_phones_exif(orientation=6))  # taken holding the phone upright
    client.force_login(monitor)
    response = client.post(
        reverse("monitoring:attachment_new", args=[event.pk]),
        {"file": SimpleUploadedFile("IMG_0412.HEIC", photo, content_type="image/heic")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.original_name, attachment.content_type) == ("IMG_0412.jpg", "image/jpeg")
    assert attachment.metadata_kept is False
    kept = storage.read(attachment)
    picture = Image.open(io.BytesIO(kept))
    assert (picture.format, picture.size) == ("JPEG", (48, 64))  # upright, as the phone showed it
    assert not picture.getexif() and b"PhoneMaker" not in kept
    page = unescape(
        client.get(reverse("monitoring:event", args=[event.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert "IMG_0412.jpg" in page


def test_a_heic_photo_kept_as_evidence_keeps_its_location(world):
    event, monitor = world
    upload = SimpleUploadedFile("IMG_0413.heic", real_heic(exif=_phones_exif()))
    attachment = services.attachment_add(event=event, by=monitor, upload=upload, keep_metadata=True)
    kept = Image.open(io.BytesIO(storage.read(attachment)))
    assert kept.format == "JPEG" and attachment.metadata_kept is True
    exif = kept.getexif()
    assert exif[rf.MAKE] == "PhoneMaker" and exif.get_ifd(rf.GPS_IFD)[2] == (43.0, 14.0, 18.0)


def test_a_heic_photo_is_known_by_its_content_whatever_its_name(world):
    """A phone's photo sent on with a .jpg name (or none) is still a HEIC: kept as the JPEG made of it."""
    event, monitor = world
    for name, kept_as in (("photo.jpg", "photo.jpg"), ("Фото с пикета", "Фото с пикета.jpg")):
        attachment = _add(event, monitor, name, real_heic())
        assert (attachment.original_name, attachment.content_type) == (kept_as, "image/jpeg")
        assert Image.open(io.BytesIO(storage.read(attachment))).format == "JPEG"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("IMG_0414.heic", real_image("JPEG")),  # a JPEG renamed: not what its name says
        ("IMG_0415.HEIC", real_heic()[:300]),  # a HEIC cut short in sending: cannot be read
        ("IMG_0416.heif", MP4),  # the same container, but a video
    ],
)
def test_a_heic_that_is_not_one_or_cannot_be_read_is_refused(world, name, content):
    event, monitor = world
    with translation.override("en"), pytest.raises(DomainError) as error:
        _add(event, monitor, name, content)
    ext = name.rpartition(".")[2].lower()
    assert (
        str(error.value)
        == f"The file's content does not match its type “.{ext}”: save it again and attach it."
    )
    assert not Attachment.objects.exists()
