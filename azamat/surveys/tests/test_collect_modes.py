"""The other ways in: invitations (added by paste or file, one per address, emailed in the background, each link
answers once, the list shows progress and never answers), interviewers (assignments, their own page, starting an
interview told about full quotas, each response carrying interviewer, assignment and region), paper entry, and
the team's review and corrections."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from azamat.registry.models import Region
from azamat.surveys.models import Assignment, Invitation, Quota, Response, ReviewDecision, Survey
from azamat.testing import surveys_factories as sf
from azamat.testing.campaigns_factories import ngo_admin
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
WHOLE = {
    "region": "711000000",
    "sex": "m",
    "age": "52",
    "services": ["sign"],
    "satisfied": "yes",
    "children-count": "0",
    "phone": "+7 777 123 45 67",
    "visited": "2026-09-15",
}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def manager(db):
    user, _organisation = ngo_admin()
    return user


@pytest.fixture
def survey(manager):
    return sf.survey(by=manager, modes=["open", "invitation", "interviewer", "paper"])


# --- invitations ------------------------------------------------------------------------------------------


def test_managers_add_addresses_by_paste_and_file_once_each(client, manager, survey):
    client.force_login(manager)
    url = reverse("surveys:invitations", args=[survey.pk])
    pasted = client.post(
        url, {"addresses": "a@example.kz, B@example.kz\nnot-an-address\na@example.kz", "language": "kk"}, **EN
    )
    assert pasted.status_code == 303
    upload = SimpleUploadedFile("list.csv", b"email,name\nb@example.kz,B\nc@example.kz,C\n", "text/csv")
    from_file = client.post(url, {"addresses": "", "file": upload, "language": "ru"}, **EN)
    assert from_file.status_code == 303
    emails = sorted(i.email for i in Invitation.objects.filter(survey=survey))
    assert emails == ["a@example.kz", "b@example.kz", "c@example.kz"]
    nothing = client.post(url, {"addresses": "no addresses here", "language": "kk"}, **EN)
    assert nothing.status_code == 400 and "No email addresses found" in nothing.content.decode()


def test_an_xlsx_column_of_addresses_is_read(client, manager, survey):
    from azamat.core.exports import to_xlsx

    client.force_login(manager)
    data = to_xlsx(["email"], [["x@example.kz"], ["y@example.kz"]])
    upload = SimpleUploadedFile("list.xlsx", data, "application/octet-stream")
    client.post(reverse("surveys:invitations", args=[survey.pk]), {"file": upload, "language": "ru"}, **EN)
    assert Invitation.objects.filter(survey=survey).count() == 2


def test_sending_emails_the_personal_links_in_the_background(
    client, manager, survey, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    url = reverse("surveys:invitations", args=[survey.pk])
    client.post(url, {"addresses": "a@example.kz", "language": "ru"}, **EN)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {"action": "send"}, **EN)
    assert sent.status_code == 303
    invitation = Invitation.objects.get(survey=survey)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["a@example.kz"]
    assert reverse("surveys:invitation", args=[invitation.token]) in mail.outbox[0].body
    assert invitation.sent_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "send"}, **EN)
    assert len(mail.outbox) == 1  # sent once


def test_an_invitation_link_answers_once_and_the_list_shows_progress_not_answers(client, manager, survey):
    invitation = Invitation.objects.create(survey=survey, email="a@example.kz", email_key="k", language="en")
    link = reverse("surveys:invitation", args=[invitation.token])
    started = client.post(link, **EN)
    response = Response.objects.get(invitation=invitation)
    assert started["Location"] == reverse("surveys:page", args=[response.resume_token, 0])
    assert client.post(link, **EN)["Location"] == started["Location"]  # resumes, no second response
    response.data = {"why": "секретный ответ"}
    response.status = Response.Status.COMPLETED
    response.save()
    used = client.post(link, **EN)
    assert used.status_code == 200 and "already been answered" in used.content.decode()
    assert Response.objects.filter(invitation=invitation).count() == 1
    client.force_login(manager)
    page = client.get(reverse("surveys:invitations", args=[survey.pk]), **EN).content.decode()
    assert "1 invited, 0 emails sent, 1 started, 1 completed." in page
    assert "секретный ответ" not in page


def test_invitations_are_for_managers_only(client, survey):
    client.force_login(UserFactory())
    assert client.get(reverse("surveys:invitations", args=[survey.pk]), **EN).status_code == 403


# --- interviewers -----------------------------------------------------------------------------------------


def test_managers_assign_an_interviewer_by_email(client, manager, survey):
    person = UserFactory(email="int@example.kz")
    region = Region.objects.create(kato="751000000", name_kk="Алматы", name_ru="Алматы", name_en="Almaty")
    client.force_login(manager)
    url = reverse("surveys:assignments", args=[survey.pk])
    unknown = client.post(url, {"email": "ghost@example.kz", "area": "A", "target": "5"}, **EN)
    assert unknown.status_code == 400 and "No one is registered" in unknown.content.decode()
    made = client.post(
        url,
        {"email": "INT@example.kz", "area": "Участок 3", "region": region.pk, "target": "12", "active": "on"},
        **EN,
    )
    assert made.status_code == 303
    work = Assignment.objects.get(survey=survey)
    assert (work.interviewer, work.target, work.region) == (person, 12, region)
    off = client.post(
        reverse("surveys:assignment", args=[survey.pk, work.pk]), {"action": "deactivate"}, **EN
    )
    assert off.status_code == 303
    work.refresh_from_db()
    assert not work.active


def test_the_assignment_form_names_the_empty_region_and_lists_regions_alphabetically(client, manager, survey):
    """Regions by their names in the page's language, not by KATO code; no region is said in words, not dashes."""
    Region.objects.create(kato="471000000", name_kk="Шымкент", name_ru="Шымкент", name_en="Shymkent")
    Region.objects.create(kato="751000000", name_kk="Алматы", name_ru="Алматы", name_en="Almaty")
    Region.objects.create(
        kato="111000000", name_kk="Ақмола облысы", name_ru="Акмолинская область", name_en="Akmola"
    )
    client.force_login(manager)
    page = client.get(
        reverse("surveys:assignments", args=[survey.pk]), HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    assert "---------" not in page
    assert "Без привязки к региону" in page
    assert page.index("Акмолинская область") < page.index("Алматы") < page.index("Шымкент")


def test_an_interviewer_starts_an_interview_told_of_full_quotas(client, survey):
    person = UserFactory()
    region = Region.objects.create(kato="711000000", name_kk="Астана", name_ru="Астана", name_en="Astana")
    work = sf.assignment(survey, person, region=region)
    sf.quota(survey, {"sex": ["m"]}, target=0, label="Мужчины")
    client.force_login(person)
    page = client.get(reverse("surveys:interviews"), **EN).content.decode()
    assert work.area in page and "Мужчины" in page and "These quota cells are full" in page
    started = client.post(reverse("surveys:interview_start", args=[survey.pk]), {"assignment": work.pk}, **EN)
    assert started.status_code == 303
    response = Response.objects.get(survey=survey)
    assert (response.mode, response.interviewer, response.assignment, response.region_code) == (
        "interviewer",
        person,
        work,
        "711000000",
    )
    shown = client.get(started["Location"], **EN).content.decode()
    assert "These quota cells are full" in shown and "Мужчины" in shown


def test_an_interviewer_cannot_use_another_interviewers_assignment_nor_see_the_responses(client, survey):
    mine, theirs = UserFactory(), UserFactory()
    sf.assignment(survey, mine)
    other = sf.assignment(survey, theirs, area="Чужой участок")
    sf.response(survey, {"why": "чужой ответ"}, interviewer=theirs, assignment=other)
    client.force_login(mine)
    refused = client.post(
        reverse("surveys:interview_start", args=[survey.pk]), {"assignment": other.pk}, **EN
    )
    assert refused.status_code == 404 and not Response.objects.filter(interviewer=mine).exists()
    page = client.get(reverse("surveys:interviews"), **EN).content.decode()
    assert "Чужой участок" not in page
    assert client.get(reverse("surveys:responses", args=[survey.pk]), **EN).status_code == 403
    board = client.get(reverse("surveys:quota_board", args=[survey.pk]), **EN)
    assert board.status_code == 200 and theirs.email not in board.content.decode()


def test_no_interview_on_a_closed_survey(client, survey):
    person = UserFactory()
    work = sf.assignment(survey, person)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    client.force_login(person)
    refused = client.post(reverse("surveys:interview_start", args=[survey.pk]), {"assignment": work.pk}, **EN)
    assert refused.status_code == 403 and not Response.objects.exists()


# --- paper entry ------------------------------------------------------------------------------------------


def test_the_team_enters_a_paper_questionnaire_checked_as_a_whole(client, manager, survey):
    client.force_login(manager)
    url = reverse("surveys:paper", args=[survey.pk])
    page = client.get(url, **EN).content.decode()
    assert 'name="region"' in page and 'name="phone"' in page  # every page on one
    wrong = client.post(url, {**WHOLE, "age": "7", "language": "en"}, **EN)
    assert wrong.status_code == 400 and "Age between 16 and 100" in wrong.content.decode()
    assert not Response.objects.exists()
    work = sf.assignment(survey, UserFactory())
    saved = client.post(url, {**WHOLE, "language": "en", "assignment": work.pk}, **EN)
    assert saved.status_code == 303
    response = Response.objects.get(survey=survey)
    assert response.mode == "paper" and response.status == Response.Status.COMPLETED
    assert response.assignment == work and response.interviewer == work.interviewer
    assert response.region_code == "711000000" and "phone" not in response.data


def test_paper_questionnaires_are_typed_in_after_the_fieldwork_closes_but_not_into_a_draft(
    client, manager, survey
):
    client.force_login(manager)
    url = reverse("surveys:paper", args=[survey.pk])
    survey.status = Survey.Status.CLOSED
    survey.save()
    saved = client.post(url, {**WHOLE, "language": "en"}, **EN)
    assert saved.status_code == 303 and Response.objects.get(survey=survey).mode == "paper"
    survey.status = Survey.Status.DRAFT
    survey.save()
    refused = client.post(url, {**WHOLE, "language": "en"}, **EN)
    assert refused.status_code != 303 and Response.objects.filter(survey=survey).count() == 1


# --- review and corrections -------------------------------------------------------------------------------


def test_rejecting_needs_a_reason_and_every_decision_is_kept(client, manager, survey):
    response = sf.response(survey)
    client.force_login(manager)
    url = reverse("surveys:response", args=[survey.pk, response.pk])
    refused = client.post(url, {"action": "review", "review": "rejected", "reason": " "}, **EN)
    assert refused.status_code == 400 and "Give the reason" in refused.content.decode()
    response.refresh_from_db()
    assert response.review == "" and not ReviewDecision.objects.exists()
    client.post(url, {"action": "review", "review": "on_hold"}, **EN)
    client.post(
        url, {"action": "review", "review": "rejected", "reason": "Интервьюер не был на адресе"}, **EN
    )
    response.refresh_from_db()
    assert (response.review, response.review_reason) == ("rejected", "Интервьюер не был на адресе")
    assert list(ReviewDecision.objects.order_by("pk").values_list("review", flat=True)) == [
        "on_hold",
        "rejected",
    ]


def test_the_team_corrects_answers_and_the_old_values_are_kept(client, manager, survey):
    quota = sf.quota(survey, {"sex": ["m"]}, target=5, label="men")
    response = sf.response(
        survey, {"region": "711000000", "sex": "f", "age": 52, "services": ["sign"], "satisfied": "yes"}
    )
    client.force_login(manager)
    url = reverse("surveys:response", args=[survey.pk, response.pk])
    form = client.get(url + "?correct=1", **EN).content.decode()
    assert 'name="age"' in form
    wrong = client.post(url, {**WHOLE, "age": "500", "action": "correct", "language": "en"}, **EN)
    assert wrong.status_code == 400
    response.refresh_from_db()
    assert response.data["age"] == 52
    fixed = client.post(url, {**WHOLE, "action": "correct", "language": "en", "reason": "опечатка"}, **EN)
    assert fixed.status_code == 303
    response.refresh_from_db()
    assert response.data["sex"] == "m"
    decision = ReviewDecision.objects.get(response=response)
    assert decision.changes["sex"] == ["f", "m"] and decision.reason == "опечатка"
    quota.refresh_from_db()
    assert quota.completed == 1
    page = client.get(url, **EN).content.decode()
    assert "Male" in page and "+7 777 123 45 67" in page  # labels in English; personal answers for the team


def test_the_responses_list_filters(client, manager, survey):
    person = UserFactory()
    sf.response(survey, too_fast=True)
    sf.response(survey, review="approved")
    sf.response(survey, {}, status=Response.Status.IN_PROGRESS, interviewer=person, region_code="")
    client.force_login(manager)
    url = reverse("surveys:responses", args=[survey.pk])
    assert "3 responses" in client.get(url, **EN).content.decode()
    assert "1 response" in client.get(url + "?flag=too_fast", **EN).content.decode()
    assert "1 response" in client.get(url + "?review=approved", **EN).content.decode()
    assert "2 responses" in client.get(url + "?status=completed", **EN).content.decode()
    assert "2 responses" in client.get(url + "?region=75", **EN).content.decode()


def test_the_responses_list_names_regions_and_keeps_the_filters_it_can_read(client, manager, survey):
    almaty = sf.response(survey, region_code="751110000")  # a district of Almaty
    sf.response(survey, region_code="990000000", too_fast=True)  # no such region: its code, not nothing
    client.force_login(manager)
    url = reverse("surveys:responses", args=[survey.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Алматы қ." in page and ">751110000<" not in page and ">990000000<" in page
    assert '<option value="75">Алматы қ.</option>' in page
    # A typed code of the old filter, refused, drops that filter alone: the quality filter still applies.
    kept = client.get(url + "?region=751110000&flag=too_fast", **EN).content.decode()
    assert "1 response" in kept and "Select a valid choice" in kept
    one = client.get(reverse("surveys:response", args=[survey.pk, almaty.pk]), HTTP_ACCEPT_LANGUAGE="kk")
    assert "Алматы қ." in one.content.decode() and ">751110000</code>" in one.content.decode()


def test_quota_views_refuse_a_negative_target_and_make_a_grid(client, manager, survey):
    client.force_login(manager)
    url = reverse("surveys:quotas", args=[survey.pk])
    refused = client.post(url, {"label": "x", "target": "-3", "c-sex": ["f"]}, **EN)
    assert refused.status_code == 400 and "cannot be below zero" in refused.content.decode()
    assert not Quota.objects.filter(survey=survey).exists()
    added = client.post(url, {"label": "", "target": "7", "c-sex": ["f"], "c-region": ["751000000"]}, **EN)
    assert added.status_code == 303
    quota = Quota.objects.get(survey=survey)
    assert quota.conditions == {"region": ["751000000"], "sex": ["f"]} and quota.target == 7
    grid = client.post(
        reverse("surveys:quota_grid", args=[survey.pk]), {"questions": ["sex"], "target": "3"}, **EN
    )
    assert grid.status_code == 303 and Quota.objects.filter(survey=survey).count() == 3
    edit = reverse("surveys:quota", args=[survey.pk, quota.pk])
    assert client.post(edit, {"label": "L", "target": "-1", "c-sex": ["f"]}, **EN).status_code == 400
    assert client.post(edit, {"action": "delete"}, **EN).status_code == 303
    assert not Quota.objects.filter(pk=quota.pk).exists()


def test_managers_change_the_grid_cells_targets_at_once_and_a_negative_one_changes_nothing(
    client, manager, survey
):
    client.force_login(manager)
    cells = [sf.quota(survey, {"sex": [sex]}, target=5, label=sex) for sex in ("f", "m")]
    url = reverse("surveys:quotas", args=[survey.pk])
    refused = client.post(
        url, {"action": "targets", f"target-{cells[0].pk}": "7", f"target-{cells[1].pk}": "-2"}, **EN
    )
    assert refused.status_code == 400 and "cannot be below zero" in refused.content.decode()
    assert 'value="-2"' in refused.content.decode()
    assert [q.target for q in Quota.objects.filter(survey=survey).order_by("label")] == [5, 5]
    saved = client.post(
        url, {"action": "targets", f"target-{cells[0].pk}": "1 200", f"target-{cells[1].pk}": "3"}, **EN
    )
    assert saved.status_code == 303
    assert [q.target for q in Quota.objects.filter(survey=survey).order_by("label")] == [1200, 3]
