"""An appeal written without a campaign (or by an organisation with no address on Azamat) keeps the template's
blanks in square brackets; its download says at the top, in the letter's language, which blanks to replace before
sending, and the sending is refused while any is left, the address's too."""

import io
import zipfile

import pytest
from defusedxml import ElementTree
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from azamat.campaigns import appeal_services as services
from azamat.campaigns.appeal_exports import appeal_docx, appeal_pdf
from azamat.campaigns.appeal_texts import blanks_left, compose
from azamat.core.errors import DomainError
from azamat.testing import campaigns_factories as cf

pytestmark = pytest.mark.django_db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


def _docx_paragraphs(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = ElementTree.fromstring(package.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def _blank_appeal(language: str):
    admin, organisation = cf.ngo_admin()
    organisation.address = ""
    organisation.save()
    draft = compose(kind="proposal", language=language, organisation=organisation, body=cf.body())
    appeal = cf.appeal(by=admin, language=language, subject=draft.subject, text=draft.text)
    return admin, appeal


def test_the_download_of_a_letter_with_blanks_says_first_which_to_fill_in():
    admin, appeal = _blank_appeal("ru")
    assert blanks_left(appeal) == [
        "[краткое название проблемы]",
        "[Опишите проблему: что происходит, кого она затрагивает, с какого времени.]",
        "[Укажите конкретно, о чём вы просите.]",
        "[адрес]",
    ]
    first = _docx_paragraphs(appeal_docx(appeal))[0]
    assert first.startswith("ЧЕРНОВИК. Перед отправкой замените текст в квадратных скобках (4):")
    assert "[адрес]" in first
    pdf = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(appeal_pdf(appeal))).pages)
    assert "Перед отправкой замените текст в квадратных скобках" in " ".join(pdf.split())


def test_the_note_is_in_the_letters_language_and_gone_once_the_blanks_are_filled():
    admin, appeal = _blank_appeal("kk")
    first = _docx_paragraphs(appeal_docx(appeal))[0]
    assert first.startswith("ЖОБА. Жібермес бұрын тік жақшадағы мәтінді ауыстырыңыз (4):")
    appeal.subject = "Ұсыныс: пандустар"
    appeal.text = "Пандус орнатуды сұраймыз. Жауапты Алматы, Абай даңғылы, 1 мекенжайына жіберіңіз."
    appeal.save()
    assert blanks_left(appeal) == []
    paragraphs = _docx_paragraphs(appeal_docx(appeal))
    assert not any("ЖОБА" in p or "[" in p for p in paragraphs)


def test_the_sending_is_refused_while_the_address_blank_is_left(client):
    admin, appeal = _blank_appeal("ru")
    appeal.subject = "Предложение: пандусы"
    appeal.text = appeal.text.split("\n\n")[0] + "\n\nОтвет просим направить по адресу: [адрес]"
    appeal.save()
    with pytest.raises(DomainError) as refused:
        services.appeal_sent(appeal=appeal, by=admin, sent_on=appeal.created_at.date(), channel="e_otinish")
    assert "[адрес]" in str(refused.value.message)
    appeal.refresh_from_db()
    assert not appeal.is_sent
    # The page says it too, before the download.
    client.force_login(admin)
    page = client.get(reverse("campaigns:appeal", args=[appeal.pk])).content.decode()
    assert "Replace the text in square brackets before sending" in page and "[адрес]" in page
