"""An iPhone's photo (HEIC) in accountability: a milestone's evidence, which takes photos, keeps it as a JPEG every
browser shows, without the place it was taken (evidence is public); a check's final document, which is a PDF or
a DOCX, refuses it naming those, in the person's language."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from azamat.accountability import control, services
from azamat.accountability.forms.items import EvidenceForm
from azamat.accountability.models import Check, Item
from azamat.core.errors import DomainError
from azamat.testing import control_factories as make
from azamat.testing.accountability_factories import appeal, body, officer_of
from azamat.testing.files import is_plain_jpeg, phone_exif, phone_photo, real_heic, says_nothing_of_the_phone

pytestmark = pytest.mark.django_db


@pytest.fixture
def milestone():
    ministry = body()
    officer = officer_of(ministry)
    item = Item.objects.get(pk=appeal(to=ministry, sent_on=timezone.localdate()).pk)
    services.item_answer(item=item, by=officer, outcome="accepted", text="")
    return officer, services.milestone_add(
        item=item,
        by=officer,
        title="Пандус построен",
        due_on=services.add_working_days(timezone.localdate(), 5),
    )


def test_an_iphones_photo_is_kept_as_evidence_as_a_jpeg_without_its_location(client, milestone):
    """officer@ photographed the new ramp with her iPhone as the milestone's evidence: refused before ("Attach the
    evidence as a PDF, DOCX, JPEG or PNG file"). Now the public page links a JPEG named as her photo, .jpg."""
    officer, milestone = milestone
    item = milestone.item
    client.force_login(officer)
    photo = SimpleUploadedFile("IMG_0430.HEIC", real_heic(exif=phone_exif()), content_type="image/heic")
    response = client.post(
        reverse("accountability:milestone_done", args=[item.number, milestone.pk]),
        {"text": "Пандус у входа", "file": photo},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    evidence = item.evidence.get()
    assert evidence.original_name == "IMG_0430.jpg" and evidence.file.name.endswith(".jpg")
    with evidence.file.open("rb") as handle:
        assert is_plain_jpeg(handle.read())
    assert "IMG_0430.jpg" in client.get(item.get_absolute_url()).content.decode()


def test_evidence_that_only_claims_to_be_a_heic_is_refused_and_the_milestone_stays_open(milestone):
    officer, milestone = milestone
    cut = SimpleUploadedFile("IMG_0431.heic", real_heic()[:300])  # cut short in sending
    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.milestone_done(milestone=milestone, by=officer, text="Пандус у входа", file=cut)
    assert (str(refused.value), refused.value.field) == (
        "“IMG_0431.heic” is not a genuine HEIC file; save it again as HEIC and attach it.",
        "file",
    )
    milestone.refresh_from_db()
    assert milestone.done_on is None and not milestone.item.evidence.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Attach the final document as a PDF or DOCX file; “IMG_0432.HEIC” is neither."),
        (
            "ru",
            "Приложите итоговый документ файлом PDF или DOCX; «IMG_0432.HEIC» не является ни тем, ни другим.",
        ),
        (
            "kk",
            "Қорытынды құжатты PDF немесе DOCX файлы ретінде тіркеңіз; «IMG_0432.HEIC» олардың ешқайсысы емес.",
        ),
    ],
)
def test_a_photo_as_a_checks_final_document_is_refused_naming_pdf_and_docx(alice, ngo, language, message):
    """The final document is a document (PDF or DOCX), not a photo: a HEIC is refused, not turned into a JPEG,
    and the refusal names what is taken in the person's language."""
    check = make.check(by=alice, organisation=ngo, body=body())
    photo = SimpleUploadedFile("IMG_0432.HEIC", real_heic(), content_type="image/heic")
    with translation.override(language), pytest.raises(DomainError) as refused:
        control.check_document_upload(check=check, by=alice, upload=photo)
    assert (refused.value.code, str(refused.value), refused.value.field) == (
        control.FILE_TYPE,
        message,
        "file",
    )
    assert not Check.objects.get().document


def test_the_evidence_input_says_an_iphones_photos_are_taken_and_offers_them():
    file = EvidenceForm.base_fields["file"]
    with translation.override("kk"):
        assert str(file.help_text) == (
            "PDF, DOCX, JPEG немесе PNG, ең көбі 20 МБ. iPhone-ның HEIC фотосуреттері JPEG ретінде қабылданады."
        )
    assert file.widget.attrs["accept"] == ".pdf,.docx,.jpg,.jpeg,.png,.heic,.heif"


def test_a_phone_photo_is_public_evidence_without_its_location(client, milestone):
    """officer@ attached the JPEG her phone took of the ramp: public evidence, kept before with the place she stood,
    the phone's serial number and her name. Now without them, the picture as the phone showed it."""
    officer, milestone = milestone
    item = milestone.item
    client.force_login(officer)
    sent = phone_photo("JPEG", (80, 60), orientation=6)
    response = client.post(
        reverse("accountability:milestone_done", args=[item.number, milestone.pk]),
        {
            "text": "Пандус у входа",
            "file": SimpleUploadedFile("IMG_0432.jpg", sent, content_type="image/jpeg"),
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    with item.evidence.get().file.open("rb") as handle:
        content = handle.read()
    assert says_nothing_of_the_phone(content)
    picture = Image.open(io.BytesIO(content))
    assert (picture.size, picture.getexif()[0x0112]) == ((80, 60), 6)
