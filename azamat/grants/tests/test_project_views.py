"""Project pages: full and public parts, filling and reviewing reports, the operator's payments, the dashboard."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse

from azamat.grants.models import Activity, Application, Payment, Project
from azamat.grants.selectors import projects as selectors_projects
from azamat.grants.services.reports import report_approve, report_attach, report_save, report_submit
from azamat.grants.tests.test_applications import PDF
from azamat.grants.tests.test_projects import at, awarded_application, make_operator, make_project

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def operator(db):
    return make_operator()


@pytest.fixture
def project(ngo, operator, alice, bob):
    with time_machine.travel(at(datetime.date(2026, 3, 2)), tick=False):
        return make_project(
            organisation=ngo,
            operator=operator,
            amount=Decimal("2700000.00"),
            signed_on=datetime.date(2026, 3, 2),
            starts_on=datetime.date(2026, 3, 2),
        )


def report_url(report, suffix=""):
    return reverse("grants:project_report", kwargs={"pk": report.project_id, "report_pk": report.pk}) + suffix


def complete(report, by, summary="Ауылдағы 150 жас кәсіби бағдар алды."):
    application = report.project.application
    salaries, services = application.budget_lines.order_by("pk")
    report_save(
        report=report,
        by=by,
        narrative="12 тренинг өтті.",
        public_summary=summary,
        actuals={application.indicators.get().pk: Decimal(150)},
        spent={salaries.pk: Decimal(700000), services.pk: Decimal(600000)},
    )
    report_submit(report=report, by=by)


def test_the_public_part_is_for_everyone_and_the_rest_for_members_and_the_operator(
    client, project, operator, bob, carol, alice
):
    interim = project.reports.get(kind="interim")
    complete(interim, bob)
    report_approve(report=interim, by=operator)
    url = project.get_absolute_url()
    for person in [None, carol]:
        client.logout()
        if person:
            client.force_login(person)
        page = client.get(url, **EN).content.decode()
        assert "AG-2026-00001" in page
        assert "Ауылдағы 150 жас кәсіби бағдар алды." in page
        assert "Indicators achieved" in page and "50.0" in page
        assert "2,700,000.00 ₸" in page
        assert "Tranches" not in page and "Effectiveness" not in page
    for person in [alice, operator]:
        client.force_login(person)
        page = client.get(url, **EN).content.decode()
        assert "Tranches" in page and "Effectiveness" in page
        assert "The score is the weighted mean of three components" in page


def test_before_the_results_are_published_only_insiders_see_the_project(client, project, alice, carol):
    call = project.application.call
    call.results_published = False
    call.save()
    client.force_login(carol)
    assert client.get(project.get_absolute_url()).status_code == 404
    client.force_login(alice)
    assert client.get(project.get_absolute_url()).status_code == 200


def test_the_project_page_makes_a_fixed_number_of_queries(
    client, project, alice, django_assert_max_num_queries
):
    client.force_login(alice)
    with django_assert_max_num_queries(25):
        assert client.get(project.get_absolute_url()).status_code == 200


def test_strangers_get_403_on_reports(client, project, carol):
    report = project.reports.get(kind="interim")
    client.force_login(carol)
    response = client.get(report_url(report), **EN)
    assert response.status_code == 403
    assert "Only the grantee organisation" in response.content.decode()
    assert client.post(report_url(report), {"narrative": "x"}).status_code == 403
    assert client.post(report_url(report, "review/"), {"action": "approve"}).status_code == 403


def test_a_member_saves_then_submits_the_report(client, project, bob):
    report = project.reports.get(kind="interim")
    application = project.application
    salaries, services = application.budget_lines.order_by("pk")
    indicator = application.indicators.get()
    client.force_login(bob)
    assert client.get(report_url(report)).status_code == 200
    data = {
        "narrative": "12 тренинг өтті.",
        "public_summary": "",
        f"actual_{indicator.pk}": "150",
        f"spent_{salaries.pk}": "700000",
        "action": "submit",
    }
    response = client.post(report_url(report), data, **EN)
    assert response.status_code == 400
    assert (
        "Fill in the public summary, the spending on every budget line before submitting the report."
        in response.content.decode()
    )
    report.refresh_from_db()
    assert (report.status, report.narrative) == ("due", "12 тренинг өтті.")  # the draft is kept
    data.update(
        {
            "public_summary": "150 жас.",
            f"spent_{services.pk}": "600000",
            "attachment": SimpleUploadedFile("акт.pdf", PDF, "application/pdf"),
        }
    )
    response = client.post(report_url(report), data)
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    report.refresh_from_db()
    assert report.status == "submitted"
    [attachment] = selectors_projects.report_attachments(report)
    file_url = reverse(
        "grants:project_report_file",
        kwargs={"pk": project.pk, "report_pk": report.pk, "file_pk": attachment.pk},
    )
    assert client.get(file_url).content == PDF


def test_a_bad_attachment_is_refused_and_nothing_is_saved(client, project, bob):
    report = project.reports.get(kind="interim")
    client.force_login(bob)
    response = client.post(
        report_url(report),
        {
            "narrative": "Жаңа мәтін",
            "public_summary": "",
            "attachment": SimpleUploadedFile("x.exe", b"MZ"),
            "action": "save",
        },
        **EN,
    )
    assert response.status_code == 400
    assert (
        "Attach a PDF, DOCX, XLSX, PNG or JPEG file; “x.exe” is not one of them." in response.content.decode()
    )
    report.refresh_from_db()
    assert report.narrative == ""


def test_the_operator_reviews_a_report(client, project, operator, bob, carol):
    report = project.reports.get(kind="interim")
    complete(report, bob)
    client.force_login(operator)
    page = client.get(report_url(report), **EN).content.decode()
    assert "Ask for a revision" in page and "700,000.00" in page
    response = client.post(report_url(report, "review/"), {"action": "revision", "comment": "  "}, **EN)
    assert response.status_code == 400
    assert "Say what has to be revised: the comment is sent to the organisation." in response.content.decode()
    report.refresh_from_db()
    assert report.status == "submitted"
    response = client.post(
        report_url(report, "review/"), {"action": "revision", "comment": "Актіні тіркеңіз."}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.reviewer_comment) == ("revision", "Актіні тіркеңіз.")
    report_submit(report=report, by=bob)
    with time_machine.travel(at(datetime.date(2026, 9, 21)), tick=False):
        assert client.post(report_url(report, "review/"), {"action": "approve"}).status_code == 302
    assert project.tranches.get(number=2).due_on == datetime.date(2026, 10, 5)


@time_machine.travel(at(datetime.date(2026, 4, 1)), tick=False)
def test_the_operator_records_payments(client, project, operator, bob):
    url = reverse("grants:operator_payments")
    client.force_login(bob)
    assert client.get(url).status_code == 403
    client.force_login(operator)
    page = client.get(url, **EN).content.decode()
    assert "AG-2026-00001" in page and "810,000.00" in page and "late" in page
    advance, second, _third = project.tranches.order_by("number")
    response = client.post(
        url,
        {"tranche": advance.pk, f"t{advance.pk}-amount": "810000.01", f"t{advance.pk}-paid_on": "2026-03-20"},
        **EN,
    )
    assert response.status_code == 400
    assert (
        "The payment exceeds what remains of the tranche (810,000.00 ₸) by 0.01 ₸."
        in response.content.decode()
    )
    response = client.post(
        url,
        {"tranche": second.pk, f"t{second.pk}-amount": "100", f"t{second.pk}-paid_on": "2026-03-20"},
        **EN,
    )
    assert response.status_code == 400
    assert "This tranche is not released yet" in response.content.decode()
    assert Payment.objects.count() == 0
    response = client.post(
        url,
        {"tranche": advance.pk, f"t{advance.pk}-amount": "810000", f"t{advance.pk}-paid_on": "2026-03-20"},
    )
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert (payment.amount, payment.days_late, payment.recorded_by) == (Decimal("810000.00"), 3, operator)
    page = client.get(url, **EN).content.decode()
    assert "No released tranche waits for payment." in page
    assert "late payment of 1" in page


@time_machine.travel(at(datetime.date(2026, 3, 2)), tick=False)
def test_the_operator_records_an_agreement(client, ngo, operator, alice):
    application = awarded_application(organisation=ngo, decided=Decimal("2700000.00"))
    url = reverse("grants:project_create", kwargs={"application_pk": application.pk})
    client.force_login(alice)
    assert client.get(url).status_code == 403
    client.force_login(operator)
    assert application.title in client.get(reverse("grants:operator_payments")).content.decode()
    response = client.post(url, {"signed_on": "2026-03-02", "starts_on": "2026-03-01"}, **EN)
    assert response.status_code == 400
    assert "The project cannot start before the agreement is signed." in response.content.decode()
    response = client.post(url, {"signed_on": "2026-03-02", "starts_on": "2026-03-02"})
    project = Project.objects.get()
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    # Opened again (the back button, another operator's tab): the reason and the agreement, not a form.
    page = client.get(url, **EN).content.decode()
    assert 'name="signed_on"' not in page
    assert "An agreement is already signed for this application." in page
    assert project.get_absolute_url() in page


@time_machine.travel(at(datetime.date(2026, 3, 2)), tick=False)
def test_no_agreement_form_for_an_application_not_awarded(client, ngo, operator):
    application = awarded_application(organisation=ngo, decided=Decimal("2700000.00"))
    Application.objects.filter(pk=application.pk).update(status=Application.Status.REJECTED)
    client.force_login(operator)
    url = reverse("grants:project_create", kwargs={"application_pk": application.pk})
    page = client.get(url, **EN).content.decode()
    assert "An agreement can be signed only for an awarded application." in page
    assert 'name="signed_on"' not in page
    response = client.post(url, {"signed_on": "2026-03-02", "starts_on": "2026-03-02"}, **EN)
    assert response.status_code == 400
    assert "An agreement can be signed only for an awarded application." in response.content.decode()
    assert not Project.objects.exists()


def test_members_list_only_their_own_projects(client, project, alice, carol, operator):
    client.force_login(alice)
    assert "AG-2026-00001" in client.get(reverse("grants:projects")).content.decode()
    client.force_login(carol)
    assert "AG-2026-00001" not in client.get(reverse("grants:projects")).content.decode()
    assert list(selectors_projects.projects_visible_to(user=operator)) == [project]


def test_the_dashboard_is_public_with_charts_and_tables(client, project):
    response = client.get(reverse("grants:dashboard"), **EN)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<svg") == 4 * 3  # four dimensions; payment delay charts are empty without payments
    assert page.count("<details>") == 4
    assert "2,700,000.00" in page
    # 2019 had no calls: the filter is ignored and everything is shown.
    assert "2,700,000.00" in client.get(reverse("grants:dashboard"), {"year": "2019"}, **EN).content.decode()
    filtered = client.get(
        reverse("grants:dashboard"), {"year": "2026", "customer": "mci-civil-society"}, **EN
    )
    assert "2,700,000.00" in filtered.content.decode()


def test_the_public_part_can_be_included_elsewhere(project):
    loaded = selectors_projects.project_page(pk=project.pk)
    html = render_to_string(
        "grants/projects/_public.html",
        {"project": loaded, "public": selectors_projects.project_public(loaded)},
    )
    assert "AG-2026-00001" in html and "<h2" in html


def test_attachments_of_reports_are_private(client, project, bob, carol):
    report = project.reports.get(kind="interim")
    attachment = report_attach(
        report=report, by=bob, upload=SimpleUploadedFile("a.pdf", PDF, "application/pdf")
    )
    url = reverse(
        "grants:project_report_file",
        kwargs={"pk": project.pk, "report_pk": report.pk, "file_pk": attachment.pk},
    )
    client.force_login(carol)
    assert client.get(url).status_code == 403


def test_approving_a_report_that_is_not_submitted_shows_why(client, project, operator):
    report = project.reports.get(kind="interim")
    client.force_login(operator)
    response = client.post(report_url(report, "review/"), {"action": "approve"}, **EN)
    assert response.status_code == 400
    assert "Only a submitted report can be approved or sent back for revision." in response.content.decode()
    report.refresh_from_db()
    assert report.status == "due"
    assert client.post(reverse("grants:operator_payments"), {"tranche": "abc"}).status_code == 404


def test_the_public_page_tells_what_the_project_is_its_plan_and_its_budget_by_category(client, project):
    Activity.objects.create(
        application=project.application, title="Кәсіби бағдар тренингтері", starts_month=2, ends_month=5
    )
    Activity.objects.create(
        application=project.application, title="Ашық есік күні", starts_month=1, ends_month=1
    )
    page = client.get(project.get_absolute_url(), **EN).content.decode()
    assert "About the project" in page
    assert "Ауыл жастарына арналған кәсіби бағдар беру" in page  # the summary
    assert page.index("Ашық есік күні") < page.index("Кәсіби бағдар тренингтері")  # by the month they start
    assert '<td class="num">2–5</td>' in page and '<td class="num">1</td>' in page
    # By category, largest first; the lines themselves (who is paid what) are not public.
    assert page.index("Salaries") < page.index("Services")
    assert '<td class="num">1,500,000.00</td>' in page and '<td class="num">1,200,000.00</td>' in page
    assert '<td class="num">2,700,000.00</td>' in page
    assert "Жоба үйлестірушісі" not in page


def test_a_revision_sent_from_a_stale_tab_gives_the_comment_back(client, project, operator, bob):
    # Given a submitted report open in two tabs, and approved in the first,
    report = project.reports.get(kind="interim")
    complete(report, bob)
    client.force_login(operator)
    with time_machine.travel(at(datetime.date(2026, 9, 21)), tick=False):
        report_approve(report=report, by=operator)
    # when the second tab sends it back with a comment,
    response = client.post(
        report_url(report, "review/"),
        {"action": "revision", "comment": "Приложите акты выполненных работ."},
        **EN,
    )
    # then the page says why, and gives the comment back to copy instead of dropping it.
    page = response.content.decode()
    assert response.status_code == 400
    assert "Only a submitted report can be approved or sent back for revision." in page
    assert "Your comment was not sent; here it is to copy:" in page
    assert "Приложите акты выполненных работ." in page
    report.refresh_from_db()
    assert (report.status, report.reviewer_comment) == ("approved", "")


def test_a_file_chosen_with_a_mistyped_figure_is_named_to_choose_again(client, project, bob):
    """ngo@ chose the act of work, mistyped a sum and pressed "Save": the page came back with the figure marked,
    and the file field was silently empty (a browser never re-fills it). Now the page names the file."""
    report = project.reports.get(kind="interim")
    salaries, _services = project.application.budget_lines.order_by("pk")
    client.force_login(bob)
    response = client.post(
        report_url(report),
        {
            "narrative": "12 тренинг өтті.",
            f"spent_{salaries.pk}": "700 000 тг",
            "attachment": SimpleUploadedFile("акт.pdf", PDF, "application/pdf"),
            "action": "save",
        },
        **EN,
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["attachment"] == [
        "“акт.pdf” is not attached yet: correct the marked fields, then choose the file again."
    ]
    assert form[f"spent_{salaries.pk}"].value() == "700 000 тг"
    assert not selectors_projects.report_attachments(report).exists()
