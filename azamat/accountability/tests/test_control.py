"""Public-control checks: who may run them, every refusal (with its message, changing nothing), the
recommendations sent as accountability items, and the pages."""

import datetime
import re
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from azamat.accountability import control
from azamat.accountability.control_selectors import checks_public, recommendations_fate
from azamat.accountability.models import Check, CheckMember, CheckRecommendation, Item
from azamat.accountability.selectors import items_of_source
from azamat.core.errors import DomainError
from azamat.registry.models import Membership
from azamat.testing import control_factories as make
from azamat.testing.accountability_factories import body as body_of
from azamat.testing.accountability_factories import other_body
from azamat.testing.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def body():
    return body_of()


@pytest.fixture
def running(alice, ngo, body):
    """A check that started 20 days ago, run by Alice for her NGO."""
    return make.check(by=alice, organisation=ngo, body=body)


def _day(value):
    return date_format(value, "DATE_FORMAT")


def refused(code: str, message: str, call):
    with pytest.raises(DomainError) as raised:
        call()
    assert raised.value.code == code
    assert str(raised.value) == message
    return raised.value


# --- Starting a check ---------------------------------------------------------------------------------------


def test_an_active_member_starts_a_check_and_leads_its_team(alice, ngo, body):
    found = make.check(by=alice, organisation=ngo, body=body, starts_on=TODAY - 3 * DAY)
    assert found.status == Check.Status.IN_PROGRESS
    assert found.status_label == "In progress"
    assert [(m.user, m.role) for m in found.team.all()] == [(alice, CheckMember.Role.LEAD)]
    assert found.history.count() == 1
    assert make.check(by=alice, organisation=ngo, body=body, starts_on=TODAY + DAY).status == "planned"


def test_a_stranger_cannot_start_a_check_for_an_organisation(ngo, body, carol):
    pending = UserFactory()
    MembershipFactory(user=pending, organisation=ngo, status=Membership.Status.PENDING)
    for person in (carol, pending):
        refused(
            control.NOT_ALLOWED,
            "Only an active member of an organisation registered on Azamat can start a public-control check "
            "for it.",
            lambda person=person: make.check(by=person, organisation=ngo, body=body),
        )
    assert not Check.objects.exists()


def test_a_member_needs_an_organisation(alice, body):
    refused(
        control.ORGANISATION_REQUIRED,
        "Choose the organisation that runs the check.",
        lambda: make.check(by=alice, organisation=None, body=body),
    )
    assert not Check.objects.exists()


def test_a_check_cannot_end_before_it_starts(alice, ngo, body):
    refused(
        control.ENDS_BEFORE_START,
        "The check cannot end before it starts.",
        lambda: make.check(by=alice, organisation=ngo, body=body, starts_on=TODAY, ends_on=TODAY - DAY),
    )
    assert not Check.objects.exists()


def test_an_update_is_refused_to_a_stranger_and_when_it_ends_before_it_starts(running, alice, carol):
    values = {
        "subject": "Новая тема",
        "body": running.body,
        "method": "hearing",
        "starts_on": running.starts_on,
        "ends_on": running.starts_on - DAY,
    }
    refused(
        control.NOT_ALLOWED,
        "Only the check's team, its organisation's administrators and platform administrators can do this.",
        lambda: control.check_update(check=running, by=carol, **values),
    )
    refused(
        control.ENDS_BEFORE_START,
        "The check cannot end before it starts.",
        lambda: control.check_update(check=running, by=alice, **values),
    )
    running.refresh_from_db()
    assert (running.subject, running.method) == ("Мониторинг доступности поликлиник", "monitoring")
    assert running.history.count() == 1


def test_team_members_edit_and_a_named_member_is_shown_only(running, alice, carol):
    control.check_member_add(check=running, by=alice, email=carol.email.upper(), role="expert")
    control.check_member_add(check=running, by=alice, name="Независимый эксперт Серік Ахметов")
    control.check_update(
        check=running,
        by=carol,
        subject="Доступность поликлиник Алматы",
        body=running.body,
        method="monitoring",
        starts_on=running.starts_on,
        ends_on=running.ends_on,
    )
    assert Check.objects.get().subject == "Доступность поликлиник Алматы"
    refused(
        control.ALREADY_IN_TEAM,
        "Камила Омарова is already in the team.",
        lambda: control.check_member_add(check=running, by=alice, email=carol.email),
    )
    refused(
        control.PERSON_REQUIRED,
        "Give the email of a person registered on Azamat, or a name.",
        lambda: control.check_member_add(check=running, by=alice, email="nobody@example.kz"),
    )
    assert running.team.count() == 3


def test_the_last_person_on_azamat_cannot_leave_the_team(running, alice):
    lead = running.team.get(user=alice)
    refused(
        control.LAST_PERSON,
        "The team needs at least one person registered on Azamat to run the check.",
        lambda: control.check_member_remove(member=lead, by=alice),
    )
    assert running.team.count() == 1


# --- Findings, final document, completion -------------------------------------------------------------------


def test_completing_without_findings_is_refused(running, alice):
    refused(
        control.FINDINGS_REQUIRED,
        "Write the findings first: a check is completed with its findings.",
        lambda: control.check_complete(check=running, by=alice),
    )
    running.refresh_from_db()
    assert running.completed_on is None


def test_empty_findings_are_refused(running, alice):
    refused(
        control.FINDINGS_REQUIRED,
        "Write the findings first: a check is completed with its findings.",
        lambda: control.check_findings_save(check=running, by=alice, findings="   "),
    )


def test_a_planned_check_cannot_be_completed(alice, ngo, body):
    planned = make.check(by=alice, organisation=ngo, body=body, starts_on=TODAY + 5 * DAY)
    make.with_findings(planned, by=alice)
    refused(
        control.NOT_STARTED,
        "The check has not started yet: it can be completed from its start date.",
        lambda: control.check_complete(check=planned, by=alice),
    )
    assert Check.objects.get().completed_on is None


def test_completion_dates_must_fall_between_the_start_and_today(running, alice):
    make.with_findings(running, by=alice)
    refused(
        control.COMPLETED_BEFORE_START,
        f"A check cannot be completed before it starts ({_day(running.starts_on)}).",
        lambda: control.check_complete(check=running, by=alice, completed_on=running.starts_on - DAY),
    )
    refused(
        control.COMPLETED_IN_FUTURE,
        "A check cannot be completed on a date still to come.",
        lambda: control.check_complete(check=running, by=alice, completed_on=TODAY + DAY),
    )
    assert Check.objects.get().completed_on is None


def test_a_completed_check_no_longer_changes(running, alice):
    make.completed(running, by=alice)
    assert running.status == Check.Status.COMPLETED
    assert running.history.first().history_change_reason == "complete"
    refused(
        control.COMPLETED,
        "The check is completed: it can no longer be changed.",
        lambda: control.check_findings_save(check=running, by=alice, findings="Другое"),
    )
    refused(
        control.COMPLETED,
        "The check is completed: it can no longer be changed.",
        lambda: control.check_complete(check=running, by=alice),
    )


def test_the_final_document_is_checked_by_its_name_and_content(running, alice):
    fake = SimpleUploadedFile("Акт.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    refused(
        control.FILE_CONTENT,
        "“Акт.pdf” is not a genuine PDF file; save it again as PDF and attach it.",
        lambda: control.check_document_upload(check=running, by=alice, upload=fake),
    )
    script = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    refused(
        control.FILE_TYPE,
        "Attach the final document as a PDF or DOCX file; “run.exe” is neither.",
        lambda: control.check_document_upload(check=running, by=alice, upload=script),
    )
    assert not Check.objects.get().document
    control.check_document_upload(check=running, by=alice, upload=make.pdf())
    stored = Check.objects.get()
    assert (stored.document_name, stored.document_type) == ("Итоговый документ.pdf", "application/pdf")
    assert stored.document.name.startswith(f"accountability/control/{stored.pk}/")


# --- Recommendations ----------------------------------------------------------------------------------------


def test_recommendations_before_findings_are_refused(running, alice, body):
    make.draft(running, by=alice, body=body)
    refused(
        control.NO_FINDINGS_FOR_RECOMMENDATIONS,
        "Write the findings first: the recommendations follow from them.",
        lambda: control.recommendations_send(check=running, by=alice),
    )
    assert not Item.objects.exists()
    assert Check.objects.get().recommendations_sent_on is None


def test_a_recommendation_needs_a_body_and_a_text(running, alice, body):
    refused(
        control.RECOMMENDATION_BODY_REQUIRED,
        "Choose the body the recommendation is addressed to.",
        lambda: control.recommendation_add(check=running, by=alice, body=None, title="Пандусы", text="Текст"),
    )
    refused(
        control.RECOMMENDATION_TEXT_REQUIRED,
        "Write the recommendation.",
        lambda: control.recommendation_add(check=running, by=alice, body=body, title="Пандусы", text="  "),
    )
    assert not CheckRecommendation.objects.exists()


def test_nothing_to_send_is_refused(running, alice):
    make.with_findings(running, by=alice)
    refused(
        control.NO_RECOMMENDATIONS,
        "Add at least one recommendation to send.",
        lambda: control.recommendations_send(check=running, by=alice),
    )


def test_a_stranger_cannot_draft_or_send(running, alice, body, carol):
    make.with_findings(running, by=alice)
    make.draft(running, by=alice, body=body)
    message = (
        "Only the check's team, its organisation's administrators and platform administrators can do this."
    )
    refused(control.NOT_ALLOWED, message, lambda: make.draft(running, by=carol, body=body))
    refused(control.NOT_ALLOWED, message, lambda: control.recommendations_send(check=running, by=carol))
    assert CheckRecommendation.objects.count() == 1
    assert not Item.objects.exists()


def test_recommendations_become_items_with_due_dates_that_link_back(running, alice, ngo, body):
    second_body = other_body(body)
    make.with_findings(running, by=alice)
    first = make.draft(running, by=alice, body=body)
    second = make.draft(running, by=alice, body=second_body, title="Опубликовать график", text="Публиковать.")
    items = control.recommendations_send(check=running, by=alice)

    assert [item.body for item in items] == [body, second_body]
    for item in items:
        assert (item.kind, item.rule.code, item.sent_on) == ("recommendation", "public_control", TODAY)
        assert item.due_on == TODAY + 30 * DAY  # 30 calendar days
        assert (item.author, item.organisation, item.source) == (alice, ngo, running)
        assert item.number.startswith(f"R-{TODAY.year}-")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.item, second.item) == (items[0], items[1])
    assert list(items_of_source(running)) == items
    fate, rows = recommendations_fate(running)
    assert [(row.status, row.count) for row in rows] == [("awaiting", 2)]
    assert Check.objects.get().recommendations_sent_on == TODAY
    refused(
        control.ALREADY_SENT,
        "The recommendations of this check have already been sent.",
        lambda: control.recommendations_send(check=running, by=alice),
    )
    refused(
        control.ALREADY_SENT,
        "The recommendations of this check have already been sent.",
        lambda: make.draft(running, by=alice, body=body),
    )
    assert Item.objects.count() == 2


def test_the_generator_runs_a_check_in_the_past(alice, ngo, body):
    start = TODAY - 200 * DAY
    found = make.check(by=alice, organisation=ngo, body=body, starts_on=start, ends_on=start + 30 * DAY)
    make.completed(found, by=alice, completed_on=start + 31 * DAY)
    make.draft(found, by=alice, body=body)
    (item,) = control.recommendations_send(check=found, by=alice, sent_on=start + 32 * DAY, quiet=True)
    assert item.due_on == start + 62 * DAY
    assert item.status == Item.Status.LONG_OVERDUE
    assert found.status == Check.Status.COMPLETED


def test_the_public_list_filters_by_body_region_method_year_and_status(alice, ngo, body):
    elsewhere = other_body(body)
    make.check(by=alice, organisation=ngo, body=body, subject="Первая")
    last_year = TODAY.replace(year=TODAY.year - 1, month=3, day=1)
    make.check(
        by=alice, organisation=ngo, body=elsewhere, subject="Вторая", method="hearing", starts_on=last_year
    )

    def subjects(**filters):
        return [c.subject for c in checks_public(**filters)]

    assert subjects() == ["Первая", "Вторая"]
    assert subjects(body=elsewhere.code) == ["Вторая"]
    assert subjects(method="hearing") == ["Вторая"]
    assert subjects(year=last_year.year) == ["Вторая"]
    assert subjects(status="in_progress") == ["Первая", "Вторая"]
    assert subjects(status="completed") == []
    if body.region_id:
        assert "Первая" in subjects(region=body.region.kato)


# --- Pages --------------------------------------------------------------------------------------------------


def test_public_pages_answer_everyone(client, running, alice, body):
    make.with_findings(running, by=alice)
    make.draft(running, by=alice, body=body)
    control.recommendations_send(check=running, by=alice)
    listing = client.get(reverse("accountability:control_checks"), HTTP_ACCEPT_LANGUAGE="en")
    assert listing.status_code == 200
    assert running.subject in listing.content.decode()
    filtered = client.get(reverse("accountability:control_checks"), {"method": "hearing"})
    assert running.subject not in filtered.content.decode()
    page = client.get(running.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Установить пандусы" in text
    assert "Awaiting answer" in text
    assert "В трёх из пяти поликлиник нет пандуса." in text  # public once the recommendations are sent


def test_a_stranger_gets_403_on_the_editing_pages(client, running, carol):
    client.force_login(carol)
    for name in (
        "control_check_edit",
        "control_check_results",
        "control_check_recommendations",
        "control_recommendations_send",
    ):
        assert client.get(reverse(f"accountability:{name}", args=[running.pk])).status_code == 403
    response = client.post(
        reverse("accountability:control_check_edit", args=[running.pk]),
        {
            "subject": "Взлом",
            "body": running.body_id,
            "method": "monitoring",
            "starts_on": "2026-01-01",
            "ends_on": "2026-02-01",
        },
    )
    assert response.status_code == 403
    assert Check.objects.get().subject == "Мониторинг доступности поликлиник"


def test_the_final_document_is_private_until_the_check_is_completed(client, running, alice, carol):
    control.check_document_upload(check=running, by=alice, upload=make.pdf())
    url = reverse("accountability:control_check_document", args=[running.pk])
    assert client.get(url).status_code == 404
    client.force_login(carol)
    assert client.get(url).status_code == 404
    client.force_login(alice)
    assert client.get(url).status_code == 200
    make.completed(running, by=alice, document=False)
    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF-")


def test_starting_a_check_through_the_form_keeps_what_was_typed_on_an_error(client, alice, ngo, body):
    client.force_login(alice)
    url = reverse("accountability:control_check_create")
    values = {
        "organisation": ngo.pk,
        "subject": "Проверка школьного питания",
        "body": body.pk,
        "method": "monitoring",
        "starts_on": "2026-05-10",
        "ends_on": "2026-05-01",
    }
    response = client.post(url, values, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "The check cannot end before it starts." in response.content.decode()
    assert "Проверка школьного питания" in response.content.decode()
    assert not Check.objects.exists()
    response = client.post(url, {**values, "ends_on": "2026-06-01"})
    found = Check.objects.get()
    assert response.status_code == 302
    assert response["Location"] == found.get_absolute_url()


def test_drafting_keeps_the_text_on_an_error_and_sending_asks_first(client, running, alice, body):
    client.force_login(alice)
    url = reverse("accountability:control_check_recommendations", args=[running.pk])
    response = client.post(
        url, {"title": "Пандусы", "text": "Установить пандусы у входа."}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "Choose the body the recommendation is addressed to." in response.content.decode()
    assert "Установить пандусы у входа." in response.content.decode()
    assert (
        client.post(url, {"body": body.pk, "title": "Пандусы", "text": "Установить пандусы."}).status_code
        == 302
    )
    send = reverse("accountability:control_recommendations_send", args=[running.pk])
    refusal = client.get(send, HTTP_ACCEPT_LANGUAGE="en")
    assert "Write the findings first: the recommendations follow from them." in refusal.content.decode()
    make.with_findings(running, by=alice)
    summary = client.get(send, HTTP_ACCEPT_LANGUAGE="en")
    assert summary.status_code == 200 and "Confirm: send the recommendations" in summary.content.decode()
    assert client.post(send, {}).status_code == 200  # without the confirmation: the summary again
    assert not Item.objects.exists()
    assert client.post(send, {"confirm": "yes"}).status_code == 302
    assert Item.objects.get().source == running


def test_completing_through_the_page_asks_first(client, running, alice):
    make.with_findings(running, by=alice)
    client.force_login(alice)
    url = reverse("accountability:control_check_complete", args=[running.pk])
    assert client.post(url, {}).status_code == 200
    assert Check.objects.get().completed_on is None
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert Check.objects.get().completed_on == TODAY


def test_the_table_covers_every_status_and_the_query_agrees_with_the_record(alice, ngo, body):
    from azamat.accountability.control_selectors import with_status

    assert control.CHECK.every_state() == set(Check.Status.values)
    make.check(by=alice, organisation=ngo, body=body, starts_on=TODAY + DAY, subject="Жоспар")
    make.check(by=alice, organisation=ngo, body=body, starts_on=TODAY, subject="Жүріп жатыр")
    make.completed(make.check(by=alice, organisation=ngo, body=body, subject="Аяқталды"), by=alice)
    for found in with_status():
        assert found.computed_status == found.status_on()
    assert sorted(with_status().values_list("computed_status", flat=True)) == [
        "completed",
        "in_progress",
        "planned",
    ]


def test_junk_in_every_form_is_refused_without_a_server_error(client, running, alice):
    client.force_login(alice)
    junk = {
        "organisation": "abc",
        "subject": "x" * 400,
        "description": "<script>alert(1)</script>",
        "body": "999999",
        "method": "' OR 1=1 --",
        "starts_on": "2026-13-45",
        "ends_on": "вчера",
        "email": "not an email",
        "name": "",
        "role": "king",
        "findings": "",
        "file": "not a file",
        "title": "y" * 301,
        "text": "",
        "confirm": "maybe",
        "year": "MMXX",
        "status": "gone",
        "page": "-1",
    }
    pk = running.pk
    for name, args in [
        ("control_check_create", []),
        ("control_check_edit", [pk]),
        ("control_check_team_add", [pk]),
        ("control_check_results", [pk]),
        ("control_check_document_upload", [pk]),
        ("control_check_recommendations", [pk]),
    ]:
        assert client.post(reverse(f"accountability:{name}", args=args), junk).status_code == 400, name
    for name in ("control_check_complete", "control_recommendations_send"):
        assert client.post(reverse(f"accountability:{name}", args=[pk]), junk).status_code == 200, name
    assert client.get(reverse("accountability:control_checks"), junk).status_code == 200
    assert Check.objects.get().history.count() == 1  # only its creation: the junk changed nothing


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgresql
def test_two_people_sending_at_once_send_the_recommendations_once(alice, bob, ngo, body):
    found = make.check(by=alice, organisation=ngo, body=body)
    control.check_member_add(check=found, by=alice, email=bob.email)
    make.with_findings(found, by=alice)
    make.draft(found, by=alice, body=body)
    barrier = threading.Barrier(2)
    errors = []

    def send(person):
        try:
            barrier.wait()
            control.recommendations_send(check=Check.objects.get(pk=found.pk), by=person, quiet=True)
        except DomainError as exc:
            errors.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(person,)) for person in (alice, bob)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [control.ALREADY_SENT]
    assert Item.objects.count() == 1


def test_the_body_lists_start_with_a_prompt_not_dashes(client, running, alice):
    """ngo@ opened "Start a check" and the recommendation form on a phone: the body list read "---------".
    Now it asks to choose a body, in the reader's language."""
    client.force_login(alice)
    for name, args in [
        ("accountability:control_check_create", []),
        ("accountability:control_check_recommendations", [running.pk]),
    ]:
        page = client.get(reverse(name, args=args), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert re.search(
            r'<select name="body"[^>]*>\s*<option value=""( selected)?>Choose a body</option>', page
        ), name
        assert "---------" not in page, name
