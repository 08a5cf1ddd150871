"""The item's page and the body's steps on it, through the views: who may, what a refusal looks like, and
that a refused step changes nothing and keeps what was typed."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from azamat.accountability import services
from azamat.accountability.models import Item
from azamat.testing.accountability_factories import appeal, body, officer_of, other_body, recommendation
from azamat.testing.factories import UserFactory
from azamat.testing.files import real_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    ministry = body()
    author = UserFactory()
    return {
        "body": ministry,
        "officer": officer_of(ministry),
        "stranger": officer_of(other_body(ministry)),
        "author": author,
        "item": appeal(to=ministry, sent_on=datetime.date(2026, 3, 16), author=author),
    }


def test_the_page_shows_the_item_and_how_its_deadline_was_counted(client, setting):
    item = setting["item"]
    client.cookies["django_language"] = "ru"
    page = client.get(item.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert item.number in page and item.title in page
    assert "Наурыз" in page and "23 марта 2026" in page  # the holiday skipped, named, in Russian
    assert "Отправить ответ" not in page  # not for visitors


def test_an_officer_of_the_body_answers_from_the_page(client, setting):
    item = setting["item"]
    client.force_login(setting["officer"])
    assert client.get(item.get_absolute_url()).context["steps"]["accept"].decision
    response = client.post(
        reverse("accountability:item_answer", args=[item.number]), {"outcome": "accepted", "text": ""}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.outcome == "accepted" and item.answered_by == setting["officer"]


def test_a_rejection_without_reasons_comes_back_with_the_message_and_changes_nothing(client, setting):
    item = setting["item"]
    client.force_login(setting["officer"])
    response = client.post(
        reverse("accountability:item_answer", args=[item.number]),
        {"outcome": "rejected", "text": ""},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 400
    assert "Напишите обоснование" in response.content.decode()
    item.refresh_from_db()
    assert item.outcome == ""


def test_an_officer_of_another_body_cannot_answer(client, setting):
    item = setting["item"]
    client.force_login(setting["stranger"])
    response = client.post(
        reverse("accountability:item_answer", args=[item.number]), {"outcome": "accepted", "text": "Да"}
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.outcome == ""


def test_an_extension_beyond_two_months_is_refused_with_the_limit(client, setting):
    item = Item.objects.get(pk=appeal(to=setting["body"], sent_on=timezone.localdate()).pk)
    client.force_login(setting["officer"])
    too_late = services.extension_limit(item) + datetime.timedelta(days=10)
    response = client.post(
        reverse("accountability:item_extend", args=[item.number]),
        {"new_due_on": too_late.isoformat(), "reason": "Запрос в архив"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Запрос в архив" in page  # what was typed comes back
    item.refresh_from_db()
    assert item.extended_to is None


def test_a_private_item_is_read_only_by_its_author_and_its_body(client, setting):
    item = recommendation(
        to=setting["body"],
        sent_on=timezone.localdate(),
        due_on=services.add_working_days(timezone.localdate(), 10),
        author=setting["author"],
        is_public=False,
    )
    assert client.get(item.get_absolute_url()).status_code == 403
    client.force_login(setting["stranger"])
    assert client.get(item.get_absolute_url()).status_code == 403
    for reader in (setting["author"], setting["officer"]):
        client.force_login(reader)
        assert client.get(item.get_absolute_url()).status_code == 200


def test_following_an_item(client, setting):
    item = setting["item"]
    client.force_login(setting["author"])
    client.post(reverse("accountability:item_follow", args=[item.number]))
    assert item.followers.filter(user=setting["author"]).exists()
    client.post(reverse("accountability:item_follow", args=[item.number]), {"follow": "0"})
    assert not item.followers.exists()


def test_the_officer_reads_whether_the_term_to_forward_is_still_open(client, setting):
    client.force_login(setting["officer"])
    old = setting["item"]  # sent in March: its three working days to forward ended long ago
    page = client.get(old.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        "the term to forward it to the competent body ended on" in page
        and "forward it to the competent body by" not in page
    )
    fresh = appeal(to=setting["body"], sent_on=timezone.localdate(), author=setting["author"])
    page = client.get(fresh.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "forward it to the competent body by" in page and "ended on" not in page


def test_an_answer_sent_again_after_the_back_button_is_refused_with_its_reason_on_the_page(client, setting):
    item = setting["item"]
    client.force_login(setting["officer"])
    url = reverse("accountability:item_answer", args=[item.number])
    assert client.post(url, {"outcome": "accepted", "text": ""}).status_code == 302
    again = client.post(url, {"outcome": "rejected", "text": "Передумали"}, HTTP_ACCEPT_LANGUAGE="en")
    page = again.content.decode()
    reason = str(again.context["steps"]["accept"].decision.reason)
    # The answer form is gone from the page (the item is answered): the refusal is read under the heading.
    assert again.status_code == 400 and reason and 'role="alert"' in page and reason in page
    assert "Send the answer" not in page
    item.refresh_from_db()
    assert item.outcome == "accepted" and item.answer_text == ""


def _in_implementation(setting):
    item = Item.objects.get(pk=appeal(to=setting["body"], sent_on=timezone.localdate()).pk)
    services.item_answer(item=item, by=setting["officer"], outcome="accepted", text="")
    milestone = services.milestone_add(
        item=item,
        by=setting["officer"],
        title="Реестр опубликован",
        due_on=services.add_working_days(timezone.localdate(), 5),
    )
    return item, milestone


def test_a_program_named_as_a_pdf_is_refused_as_evidence_and_the_milestone_stays_open(client, setting):
    item, milestone = _in_implementation(setting)
    client.force_login(setting["officer"])
    url = reverse("accountability:milestone_done", args=[item.number, milestone.pk])
    fake = SimpleUploadedFile("приказ.pdf", b"MZ\x90\x00 a Windows program", content_type="application/pdf")
    response = client.post(url, {"text": "Опубликовано", "file": fake}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.context["evidence_forms"][milestone.pk].errors["file"] == [
        "“приказ.pdf” is not a genuine PDF file; save it again as PDF and attach it."
    ]
    assert response.context["evidence_forms"][milestone.pk]["text"].value() == "Опубликовано"
    milestone.refresh_from_db()
    assert milestone.done_on is None and not item.evidence.exists()
    program = SimpleUploadedFile("notes.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(url, {"text": "Опубликовано", "file": program}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.context["evidence_forms"][milestone.pk].errors["file"] == [
        "Attach the evidence as a PDF, DOCX, JPEG or PNG file; “notes.exe” is none of these."
    ]


def test_a_genuine_pdf_is_kept_as_evidence_under_a_name_of_its_own(client, setting):
    item, milestone = _in_implementation(setting)
    client.force_login(setting["officer"])
    url = reverse("accountability:milestone_done", args=[item.number, milestone.pk])
    pdf = SimpleUploadedFile("../приказ.pdf", real_pdf(), content_type="application/pdf")
    assert client.post(url, {"text": "Опубликовано", "file": pdf}).status_code == 302
    evidence = item.evidence.get()
    assert evidence.original_name == "приказ.pdf"
    assert evidence.file.name.endswith(".pdf") and "приказ" not in evidence.file.name


def test_the_long_texts_of_the_body_are_typed_in_boxes_of_several_lines(client, setting):
    item, milestone = _in_implementation(setting)
    client.force_login(setting["officer"])
    context = client.get(setting["item"].get_absolute_url()).context
    for form, name in [
        (context["answer_form"], "text"),
        (context["forward_form"], "reason"),
        (context["extend_form"], "reason"),
        (context["dispute_form"], "reasons"),
        (context["dispute_answer_form"], "text"),
    ]:
        assert "<textarea" in str(form[name]), name
    page = client.get(item.get_absolute_url()).content.decode()
    assert '<textarea name="text"' in page  # the evidence of the open milestone
    assert 'accept=".pdf,.docx,.jpg,.jpeg,.png,.heic,.heif"' in page


def test_a_refused_evidence_shows_its_reason_open_and_leaves_the_other_milestones_their_forms(
    client, setting
):
    item, first = _in_implementation(setting)
    second = services.milestone_add(
        item=item,
        by=setting["officer"],
        title="Приказ подписан",
        due_on=services.add_working_days(timezone.localdate(), 10),
    )
    client.force_login(setting["officer"])
    url = reverse("accountability:milestone_done", args=[item.number, first.pk])
    response = client.post(url, {"text": "  ", "link": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    page = response.content.decode()
    # The refused form is unfolded (its reason was hidden in a closed <details>) ...
    assert page.count("<details open>") == 1 and "This field is required." in page
    # ... and the other open milestone still has its own form, with ids of its own.
    for milestone in (first, second):
        done = reverse("accountability:milestone_done", args=[item.number, milestone.pk])
        assert f'action="{done}"' in page
        assert f'id="id_milestone{milestone.pk}_text"' in page


def test_a_file_chosen_with_a_missing_text_is_named_to_choose_again(client, setting):
    """officer@ chose the signed order as evidence but left "What was done" empty: the page came back with the
    text marked and the file field silently empty (a browser never re-fills it). Now the page names the file."""
    item, milestone = _in_implementation(setting)
    client.force_login(setting["officer"])
    url = reverse("accountability:milestone_done", args=[item.number, milestone.pk])
    pdf = SimpleUploadedFile("приказ.pdf", real_pdf(), content_type="application/pdf")
    response = client.post(url, {"text": "", "link": "сайт", "file": pdf}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    form = response.context["evidence_forms"][milestone.pk]
    assert form.errors["file"] == [
        "“приказ.pdf” is not attached yet: correct the marked fields, then choose the file again."
    ]
    assert form["link"].value() == "сайт"
    milestone.refresh_from_db()
    assert milestone.done_on is None and not item.evidence.exists()
