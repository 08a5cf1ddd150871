"""The application pages as applicants, strangers and the operator use them."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from azamat.grants.factories import CallFactory, DirectionFactory
from azamat.grants.models import Application
from azamat.grants.services.applications import (
    application_request_clarification,
    application_submit,
    application_update,
)
from azamat.grants.tests.test_applications import CLOSES, NOW, OPENS, PDF, complete, draft
from azamat.testing.factories import MembershipFactory, OrganisationFactory
from azamat.testing.files import real_docx as docx

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW):
        yield


@pytest.fixture
def direction(db):
    return DirectionFactory(call=CallFactory(code="youth-2026", opens_at=OPENS, closes_at=CLOSES))


def rows(prefix: str, forms: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": len(forms),
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for i, form in enumerate(forms):
        data.update({f"{prefix}-{i}-{k}": v for k, v in form.items()})
    return data


def url(name: str, application, *args) -> str:
    return reverse(f"grants:{name}", args=[application.pk, *args])


def test_an_applicant_fills_in_every_section_and_submits(client, direction, ngo, alice):
    client.force_login(alice)
    apply_url = reverse("grants:call_apply", args=[direction.call.code])
    assert ngo.name_kk in client.get(apply_url).content.decode()
    response = client.post(
        apply_url,
        {"organisation": ngo.pk, "direction": direction.pk, "title": "Ауыл жастары", "language": "kk"},
    )
    application = Application.objects.get()
    assert response.url == application.get_absolute_url()
    page = client.get(response.url, **EN)
    assert "Add at least one activity to the plan." in page.content.decode()

    project = {
        "title": "Ауыл жастары",
        "summary": "Ауыл жастарына кәсіби бағдар.",
        "problem": "Жұмыссыздық.",
        "target_group": "14–29 жас",
        "goals": "300 жас",
        "team": "5 адам",
        "duration_months": 6,
        "language": "kk",
        "loaded_at": page.context["project_form"].initial["loaded_at"],
    }
    assert client.post(url("application_project", application), project).status_code == 302
    activities = rows(
        "activities",
        [
            {"title": "Тренингтер", "starts_month": 1, "ends_month": 3, "description": "12 тренинг"},
            {"title": "", "starts_month": 1, "ends_month": 1, "description": ""},  # the blank row stays blank
        ],
    )
    assert client.post(url("application_activities", application), activities).status_code == 302
    budget = rows(
        "budget",
        [{"category": "salaries", "description": "Үйлестіруші", "quantity": "6", "unit_cost": "250000"}],
    )
    assert client.post(url("application_budget", application), budget).status_code == 302
    indicators = rows(
        "indicators",
        [
            {
                "kind": "output",
                "name": "Тренингке қатысқандар",
                "unit": "адам",
                "baseline": "0",
                "target": "300",
            }
        ],
    )
    assert client.post(url("application_indicators", application), indicators).status_code == 302
    for code, name, content in [("charter", "Жарғы.pdf", PDF), ("registration", "Анықтама.docx", docx())]:
        response = client.post(
            url("application_attachment_upload", application),
            {"document_code": code, "file": SimpleUploadedFile(name, content)},
        )
        assert response.status_code == 302

    page = client.get(application.get_absolute_url(), **EN).content.decode()
    assert "Everything needed is in place." in page
    assert "The total, 1,500,000 ₸, is within this grant type’s range of 865,000 ₸ to 12,975,000 ₸." in page
    assert '<th scope="row">Тренингтер</th>' in page
    check = client.post(url("application_submit", application), **EN)
    application.refresh_from_db()
    assert (check.status_code, application.status) == (200, "draft")
    assert "Check your answers before submitting" in check.content.decode()
    response = client.post(url("application_submit", application), {"confirm": "yes"}, **EN)
    application.refresh_from_db()
    assert (response.status_code, application.status, application.number) == (
        302,
        "submitted",
        "KZ-2026-youth-0001",
    )
    snapshot = application.versions.get().snapshot
    assert (snapshot["fields"]["summary"], snapshot["budget_total"]) == (
        "Ауыл жастарына кәсіби бағдар.",
        "1500000.00",
    )

    page = client.get(application.get_absolute_url(), **EN).content.decode()
    assert "KZ-2026-youth-0001" in page and "submitted and frozen" in page
    refused = client.post(url("application_project", application), project, **EN)
    assert refused.status_code == 403
    assert "The application is submitted and frozen" in refused.content.decode()


def test_bad_rows_are_shown_with_the_reason_and_nothing_is_saved(client, direction, ngo, alice):
    application = draft(direction, ngo, alice)
    client.force_login(alice)
    budget = rows(
        "budget", [{"category": "rent", "description": "Office", "quantity": "0", "unit_cost": "100"}]
    )
    response = client.post(url("application_budget", application), budget, **EN)
    assert response.status_code == 400
    assert "Enter a number of at least 0.01." in response.content.decode()
    activities = rows("activities", [{"title": "Backwards", "starts_month": 4, "ends_month": 2}])
    response = client.post(url("application_activities", application), activities, **EN)
    assert "The activity must end in the month it starts or later." in response.content.decode()
    assert (application.budget_lines.count(), application.activities.count()) == (2, 0)


def test_a_refused_submission_lists_every_reason(client, direction, ngo, alice):
    application = draft(direction, ngo, alice)
    client.force_login(alice)
    response = client.post(url("application_submit", application), {"confirm": "yes"}, **EN)
    body = response.content.decode()
    assert response.status_code == 400
    assert "The application is not submitted. Fix these points:" in body
    assert "Attach the required document: Charter." in body
    application.refresh_from_db()
    assert (application.status, application.number) == ("draft", None)


def test_strangers_get_403_with_the_reason(client, direction, ngo, alice, carol):
    application = complete(draft(direction, ngo, alice), alice)
    attachment = application.attachments.first()
    client.force_login(carol)
    for path in [
        application.get_absolute_url(),
        url("application_versions", application),
        url("application_attachment", application, attachment.pk),
    ]:
        response = client.get(path, **EN)
        assert response.status_code == 403
        assert "You cannot see this application." in response.content.decode()
    response = client.post(url("application_project", application), {"title": "Hijack"}, **EN)
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.title != "Hijack"


def test_members_download_attachments(client, direction, ngo, alice, bob):
    application = complete(draft(direction, ngo, alice), alice)
    attachment = application.attachments.get(document_code="charter")
    client.force_login(bob)
    response = client.get(url("application_attachment", application, attachment.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment;" in response["Content-Disposition"]
    assert response.content == PDF


def test_the_operator_reads_but_does_not_edit(client, direction, ngo, alice, operator):
    application = complete(draft(direction, ngo, alice), alice)
    client.force_login(operator)
    assert client.get(application.get_absolute_url()).status_code == 200
    response = client.post(url("application_project", application), {"title": "Operator's title"}, **EN)
    assert response.status_code == 403
    assert (
        "Only members of the applicant organisation can edit this application." in response.content.decode()
    )


def test_the_versions_page_marks_changes_in_words_not_only_colour(client, direction, ngo, alice, operator):
    application = complete(draft(direction, ngo, alice), alice)
    application_submit(application=application, by=alice)
    with time_machine.travel(CLOSES + datetime.timedelta(days=1)):  # applications are checked after the close
        application_request_clarification(
            application=application, by=operator, message="Мақсаттарды нақтылаңыз."
        )
        application_update(
            application=application, by=alice, data={"goals": "Кемінде 350 жасқа кәсіби бағдар беру."}
        )
        application_submit(application=application, by=alice)
    client.force_login(alice)
    body = client.get(url("application_versions", application), **EN).content.decode()
    assert "What changed from version 1 to version 2" in body
    assert (
        '<del><span class="visually-hidden">Removed: </span>Кемінде 300 жасқа кәсіби бағдар беру, 40 волонтер '
        "даярлау.</del>"
    ) in body
    assert (
        '<ins><span class="visually-hidden">Added: </span>Кемінде 350 жасқа кәсіби бағдар беру.</ins>' in body
    )


def test_the_operator_asks_for_a_clarification_from_the_page(client, direction, ngo, alice, operator):
    application = complete(draft(direction, ngo, alice), alice)
    application_submit(application=application, by=alice)
    with time_machine.travel(CLOSES + datetime.timedelta(days=1)):  # applications are checked after the close
        client.force_login(operator)
        response = client.post(
            url("application_clarification", application), {"message": "Бюджетті түсіндіріңіз."}
        )
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    client.force_login(alice)
    body = client.get(application.get_absolute_url(), **EN).content.decode()
    assert "The operator asks for a clarification" in body and "Бюджетті түсіндіріңіз." in body
    assert "Submit again" in body


def test_members_withdraw_from_the_page(client, direction, ngo, alice):
    application = complete(draft(direction, ngo, alice), alice)
    client.force_login(alice)
    assert client.post(url("application_withdraw", application), {"confirm": "yes"}).status_code == 302
    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert (
        "The application was withdrawn" in client.get(application.get_absolute_url(), **EN).content.decode()
    )


def test_the_list_shows_only_ones_own_organisations_applications(client, direction, ngo, alice, carol):
    mine = draft(direction, ngo, alice, title="Біздің жоба")
    other = draft(direction, carol_org(carol), carol, title="Басқа жоба")
    client.force_login(alice)
    body = client.get(reverse("grants:applications"), **EN).content.decode()
    assert mine.title in body and other.title not in body


def carol_org(carol):
    organisation = OrganisationFactory()
    MembershipFactory(user=carol, organisation=organisation)
    return organisation


def test_the_check_page_switches_language_back_to_the_application_and_its_address_opened_alone_says_why(
    client, direction, ngo, alice
):
    """ngo@ switched to Russian on 'check your answers' (a page answering a form) and got a blank 405: the language
    form sent her back to the form's own address. Now it returns to the page she came from, and that address
    opened as a page explains itself in her language, with a link to the application."""
    application = draft(direction, ngo, alice)
    editor = application.get_absolute_url()
    client.force_login(alice)
    client.cookies["azamat_language"] = "kk"
    check = client.post(url("application_submit", application), HTTP_REFERER=f"http://testserver{editor}")
    assert check.status_code == 200
    assert f'name="next" value="http://testserver{editor}"' in check.content.decode()
    switched = client.post(reverse("set_language"), {"language": "ru", "next": f"http://testserver{editor}"})
    assert switched.status_code == 302 and switched["Location"] == f"http://testserver{editor}"

    opened = client.get(url("application_submit", application))
    page = opened.content.decode()
    assert opened.status_code == 405 and opened["Allow"] == "POST"
    assert "Этот адрес принимает форму" in page and f'href="{editor}"' in page
    assert Application.objects.get(pk=application.pk).status == Application.Status.DRAFT


def test_submitting_again_from_the_back_button_leads_to_the_submitted_application(
    client, direction, ngo, alice
):
    """ngo@ submitted, pressed Back to the check page and pressed "Submit" again: she got "Access denied".
    Now she is taken to her application, told it is already submitted and that nothing was sent twice."""
    application = complete(draft(direction, ngo, alice), alice)
    client.force_login(alice)
    client.post(url("application_submit", application), {"confirm": "yes"}, follow=True, **EN)
    application.refresh_from_db()
    submitted_at = application.submitted_at

    for data in [{"confirm": "yes"}, {}]:
        again = client.post(url("application_submit", application), data, follow=True, **EN)
        assert again.redirect_chain == [(application.get_absolute_url(), 302)]
        assert [str(m) for m in again.context["messages"]] == [
            f"This application is already submitted as {application.number}; nothing was sent again."
        ]
    application.refresh_from_db()
    assert (application.status, application.submitted_at, application.versions.count()) == (
        "submitted",
        submitted_at,
        1,
    )


def test_withdrawing_asks_first_as_the_step_cannot_be_undone(client, direction, ngo, alice):
    """On a phone the danger button "Withdraw the application" sits just below "Submit": one stray tap withdrew
    ngo@'s application for good. Now the tap shows what will happen and asks to confirm."""
    application = complete(draft(direction, ngo, alice), alice)
    client.force_login(alice)
    asked = client.post(url("application_withdraw", application), **EN)
    page = asked.content.decode()
    assert asked.status_code == 200
    assert "<h1>Withdraw the application?</h1>" in page
    assert "A withdrawn application is no longer considered and cannot be submitted again." in page
    assert '<input type="hidden" name="confirm" value="yes">' in page
    assert f'href="{application.get_absolute_url()}"' in page
    application.refresh_from_db()
    assert application.status == "draft"

    done = client.post(url("application_withdraw", application), {"confirm": "yes"}, **EN)
    application.refresh_from_db()
    assert (done.status_code, done.url, application.status) == (
        302,
        application.get_absolute_url(),
        "withdrawn",
    )
