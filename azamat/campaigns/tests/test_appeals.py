"""Appeals and letters: written from the template in Kazakh or Russian with the campaign's data and the legal
basis, edited, downloaded as a DOCX that opens and a PDF with pages, sent once (an accountability item with the
15-working-day deadline counted over Kazakh holidays), and read only by those who wrote them."""

import datetime
import html
import io
import threading
import zipfile

import pytest
import time_machine
from defusedxml import ElementTree
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from azamat.accountability.models import Item
from azamat.campaigns import appeal_services as services
from azamat.campaigns.appeal_exports import appeal_docx, appeal_pdf
from azamat.campaigns.appeal_texts import compose
from azamat.campaigns.models import Appeal, Need, Objective
from azamat.core.errors import DomainError
from azamat.testing import campaigns_factories as cf
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the pages too, not only the code's own strings
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    admin, organisation = cf.ngo_admin(full_name="Айгүл Ахметова")
    campaign = cf.campaign(
        by=admin,
        title="Пандустар әр емханада",
        problem_statement="Қарағандының бес емханасының үшеуінде пандус жоқ.",
        goal="Барлық емханаларға 2027 жылға дейін пандус орнату.",
    )
    Need.objects.create(
        campaign=campaign,
        text="Мүгедектігі бар адамдар емханаға кіре алмайды.",
        source=Need.Source.SURVEY,
        evidence="120 адамнан сауалнама.",
    )
    Objective.objects.create(campaign=campaign, text="Бес емхананың бәріне пандус орнату", position=1)
    return admin, organisation, campaign


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {"[Content_Types].xml", "word/document.xml", "word/styles.xml"} <= set(package.namelist())
        root = ElementTree.fromstring(package.read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p"))


def test_the_templates_fill_the_campaign_data_and_the_legal_basis_in_both_languages(world):
    admin, organisation, campaign = world
    body = cf.body()
    kk = compose(kind="information", language="kk", organisation=organisation, body=body, campaign=campaign)
    assert kk.subject == "Ақпарат беру туралы сұрау салу: Пандустар әр емханада"
    assert "«Ақпаратқа қол жеткізу туралы» 2015 жылғы 16 қарашадағы № 401-V" in kk.text
    assert organisation.name_kk in kk.text and "үшеуінде пандус жоқ" in kk.text
    assert "(сауалнама: 120 адамнан сауалнама)" in kk.text  # the need's source in Kazakh
    assert (
        "1. мына бөлігінде қабылданып жатқан шаралар" in kk.text
        and "Бес емхананың бәріне пандус орнату;" in kk.text
    )
    ru = compose(kind="complaint", language="ru", organisation=organisation, body=body, campaign=campaign)
    assert ru.subject.startswith("Жалоба: ")
    assert "Административным процедурно-процессуальным кодексом Республики Казахстан" in ru.text
    assert "пятнадцать рабочих дней" in ru.text and organisation.address in ru.text
    assert "(опрос: 120" in ru.text  # the need's source in Russian, whatever the reader's language
    proposal = compose(kind="proposal", language="kk", organisation=organisation, body=body)
    assert "[мәселенің қысқаша атауы]" in proposal.subject  # no campaign: placeholders to replace
    assert "он бес жұмыс күні" in proposal.text


def test_writing_from_a_campaign_fills_then_saves_as_edited(client, world):
    admin, organisation, campaign = world
    client.force_login(admin)
    url = reverse("campaigns:appeal_new", args=[campaign.pk])
    page = client.get(url + "?language=kk")
    assert page.status_code == 200 and "Ақпарат беру туралы сұрау салу" in page.content.decode()
    body = cf.body()
    form = {
        "organisation": organisation.pk,
        "kind": "complaint",
        "language": "ru",
        "body": body.pk,
        "official": "Руководителю А. Б. Ахметову",
        "subject": "старое",
        "text": "старое",
        "signatory": "Председатель А. Ахметова",
    }
    filled = client.post(url, {**form, "draft": "1"})
    assert filled.status_code == 200
    assert "Жалоба: Пандустар әр емханада" in filled.content.decode()
    assert not Appeal.objects.exists()
    # Saving with an empty text: refused on the field, nothing saved, the subject as typed kept.
    refused = client.post(url, {**form, "subject": "Моя тема", "text": "  ", "save": "1"})
    assert refused.status_code == 400 and "Моя тема" in refused.content.decode()
    assert not Appeal.objects.exists()
    saved = client.post(
        url, {**form, "subject": "Жалоба на отсутствие пандусов", "text": "Текст.\n\nПросим.", "save": "1"}
    )
    appeal = Appeal.objects.get()
    assert saved.status_code == 302 and saved["Location"] == appeal.get_absolute_url()
    assert (appeal.campaign, appeal.kind, appeal.language, appeal.text) == (
        campaign,
        "complaint",
        "ru",
        "Текст.\n\nПросим.",
    )
    assert appeal.history.first().history_user == admin
    # An organisation neither the lead nor a partner of the campaign is refused.
    _, stranger_org = cf.ngo_admin()
    wrong = client.post(url, {**form, "organisation": stranger_org.pk, "save": "1"})
    assert wrong.status_code == 400 and Appeal.objects.count() == 1
    # Editing before sending.
    edit = client.post(
        reverse("campaigns:appeal_edit", args=[appeal.pk]),
        {**form, "subject": "Новая тема", "text": "Новый текст", "save": "1"},
    )
    assert edit.status_code == 302
    appeal.refresh_from_db()
    assert appeal.subject == "Новая тема"


def test_an_appeal_without_a_campaign_for_ones_own_organisation_only(client):
    admin, organisation = cf.ngo_admin()
    _, other = cf.ngo_admin()
    client.force_login(admin)
    url = reverse("campaigns:appeal_new_free")
    assert client.get(url + f"?organisation={organisation.pk}").status_code == 200
    form = {
        "organisation": organisation.pk,
        "kind": "proposal",
        "language": "kk",
        "body": cf.body().pk,
        "subject": "Ұсыныс",
        "text": "Мәтін",
        "signatory": "Төраға",
        "save": "1",
    }
    assert client.post(url, {**form, "organisation": other.pk}).status_code == 400
    assert client.post(url, form).status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.campaign is None and appeal.organisation == organisation
    listing = client.get(reverse("campaigns:appeals") + f"?organisation={organisation.pk}")
    assert "Ұсыныс" in listing.content.decode()
    # A citizen with no organisation cannot write one.
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    assert "Ұсыныс" not in client.get(reverse("campaigns:appeals")).content.decode()


def test_the_docx_opens_and_the_pdf_has_pages_in_kazakh(world):
    admin, organisation, campaign = world
    draft = compose(
        kind="information", language="kk", organisation=organisation, body=cf.body(), campaign=campaign
    )
    appeal = cf.appeal(
        campaign=campaign,
        language="kk",
        subject=draft.subject,
        text=draft.text,
        signatory="Төраға Ә. Құрманғали",
    )
    text = _docx_text(appeal_docx(appeal))
    assert draft.subject in text
    assert "БСН " + organisation.bin in text and cf.body().name_kk in text
    assert "Ақпаратқа қол жеткізу туралы" in text and "Төраға Ә. Құрманғали" in text
    reader = PdfReader(io.BytesIO(appeal_pdf(appeal)))
    assert len(reader.pages) >= 1
    extracted = " ".join((page.extract_text() or "") for page in reader.pages)
    assert "Ақпарат беру туралы сұрау салу" in extracted.replace("\n", " ")


def test_downloads_are_only_for_the_writers(client, world):
    admin, organisation, campaign = world
    appeal = cf.appeal(campaign=campaign)
    client.force_login(admin)
    docx = client.get(reverse("campaigns:appeal_download", args=[appeal.pk, "docx"]))
    assert docx.status_code == 200 and docx["Content-Type"].endswith("wordprocessingml.document")
    assert appeal.subject in _docx_text(docx.content)
    pdf = client.get(reverse("campaigns:appeal_download", args=[appeal.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("campaigns:appeal_download", args=[appeal.pk, "odt"])).status_code == 404
    client.force_login(UserFactory())
    assert client.get(reverse("campaigns:appeal_download", args=[appeal.pk, "docx"])).status_code == 403
    assert client.get(reverse("campaigns:appeal", args=[appeal.pk])).status_code == 403


@time_machine.travel(datetime.datetime(2026, 3, 26, 10, tzinfo=datetime.UTC), tick=False)
def test_sent_on_a_friday_before_nauryz_the_answer_is_due_after_the_holidays(world):
    admin, organisation, campaign = world
    appeal = cf.appeal(campaign=campaign)
    friday = datetime.date(2026, 3, 20)  # Nauryz: 21–23 March, the 24th and 25th observed
    item = services.appeal_sent(
        appeal=appeal, by=admin, sent_on=friday, channel="e_otinish", registration_number=" ЖТ-2026-00123/1 "
    )
    # 15 working days after the Friday, skipping the weekend and 23–25 March: 15 April 2026.
    assert item.due_on == datetime.date(2026, 4, 15)
    assert (item.kind, item.rule.code, item.is_public, item.source_id) == (
        "appeal",
        "appeal",
        False,
        appeal.pk,
    )
    appeal.refresh_from_db()
    assert appeal.item == item and appeal.registration_number == "ЖТ-2026-00123/1"
    assert appeal.history.first().history_user == admin
    with pytest.raises(DomainError) as twice:
        services.appeal_sent(appeal=appeal, by=admin, sent_on=friday, channel="post")
    assert twice.value.code == services.ALREADY_SENT and item.number in str(twice.value)
    assert Item.objects.count() == 1
    with pytest.raises(DomainError):
        services.appeal_update(appeal=appeal, by=admin, subject="Другое")


def test_a_sending_dated_with_a_mistyped_year_is_refused_not_recorded_for_good(client, world):
    admin, organisation, campaign = world
    appeal = cf.appeal(campaign=campaign)
    client.force_login(admin)
    url = reverse("campaigns:appeal_sent", args=[appeal.pk])
    today = timezone.localdate()
    year_ago = today - datetime.timedelta(days=365)
    typo = datetime.date(202, today.month, min(today.day, 28))  # "0202" for "2026"
    refused = client.post(url, {"sent-sent_on": typo.isoformat(), "sent-channel": "post"})
    assert refused.status_code == 400 and not Item.objects.exists()
    assert "cannot be more than a year ago" in refused.content.decode()
    with pytest.raises(DomainError) as error:
        services.appeal_sent(
            appeal=appeal, by=admin, sent_on=year_ago - datetime.timedelta(days=1), channel="post"
        )
    assert error.value.code == services.SENT_TOO_EARLY
    item = services.appeal_sent(appeal=appeal, by=admin, sent_on=year_ago, channel="post")
    assert item.sent_on == year_ago


def test_an_appeal_with_the_templates_blanks_left_is_not_recorded_as_sent(client, world):
    """Walking the demo: a letter still reading "[Укажите конкретно, о чём вы просите.]" was recorded as sent and
    shown in public."""
    admin, organisation, campaign = world
    appeal = cf.appeal(campaign=campaign)
    services.appeal_update(
        appeal=appeal, by=admin, text=appeal.text + "\n\n[Укажите конкретно, о чём вы просите.]"
    )
    client.force_login(admin)
    url = reverse("campaigns:appeal_sent", args=[appeal.pk])
    today = timezone.localdate().isoformat()
    refused = client.post(
        url, {"sent-sent_on": today, "sent-channel": "post", "sent-registration_number": "9"}
    )
    assert refused.status_code == 400 and not Item.objects.exists()
    page = html.unescape(refused.content.decode())
    assert "The letter still has the template's blanks in square brackets: [Укажите конкретно, о чём" in page
    assert 'value="9"' in page
    services.appeal_update(
        appeal=appeal, by=admin, text=appeal.text.replace("[Укажите", "Просим").rstrip("]")
    )
    assert client.post(url, {"sent-sent_on": today, "sent-channel": "post"}).status_code == 302


def test_recording_the_sending_on_the_page(client, world):
    admin, organisation, campaign = world
    appeal = cf.appeal(campaign=campaign)
    client.force_login(admin)
    url = reverse("campaigns:appeal_sent", args=[appeal.pk])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    future = client.post(
        url, {"sent-sent_on": tomorrow.isoformat(), "sent-channel": "post", "sent-registration_number": "77"}
    )
    assert future.status_code == 400 and "cannot be in the future" in future.content.decode()
    assert 'value="77"' in future.content.decode()  # nothing typed is lost
    not_a_date = client.post(url, {"sent-sent_on": "32.13.2026", "sent-channel": "post"})
    assert not_a_date.status_code == 400
    assert not Item.objects.exists()
    today = timezone.localdate()
    done = client.post(
        url,
        {
            "sent-sent_on": today.isoformat(),
            "sent-channel": "e_otinish",
            "sent-registration_number": "ЖТ-1/2",
            "sent-is_public": "on",
        },
    )
    assert done.status_code == 302
    item = Item.objects.get()
    assert item.is_public and item.organisation == organisation and item.author == admin
    page = client.get(appeal.get_absolute_url()).content.decode()
    assert item.number in page and "ЖТ-1/2" in page
    assert (
        item.current_due_on.strftime("%Y") in page
        and reverse("accountability:item", args=[item.number]) in page
    )
    again = client.post(url, {"sent-sent_on": today.isoformat(), "sent-channel": "post"})
    assert again.status_code == 400 and "cannot be sent twice" in again.content.decode()
    assert Item.objects.count() == 1
    assert client.get(reverse("campaigns:appeal_edit", args=[appeal.pk])).status_code == 302


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgresql
def test_two_recordings_at_once_make_one_item():
    admin, _ = cf.ngo_admin()
    appeal = cf.appeal(by=admin)
    barrier = threading.Barrier(2)
    errors = []

    def record(number):
        try:
            barrier.wait()
            services.appeal_sent(
                appeal=Appeal.objects.get(pk=appeal.pk),
                by=admin,
                sent_on=timezone.localdate(),
                channel="post",
                registration_number=number,
            )
        except DomainError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(n,)) for n in ("1", "2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [e.code for e in errors] == [services.ALREADY_SENT]
    assert Item.objects.filter(kind="appeal").count() == 1
