"""Reports: filling, submitting, revision with a comment, approval releasing tranches, attachments, overdue."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from azamat.core.errors import DomainError
from azamat.grants.models import Attachment, ExpenditureLine, IndicatorActual, Report
from azamat.grants.selectors.projects import (
    report_attachments,
    report_indicator_rows,
    report_spending_rows,
    report_total_spent,
)
from azamat.grants.services.reports import (
    report_approve,
    report_attach,
    report_request_revision,
    report_save,
    report_submit,
)
from azamat.grants.tests.test_applications import PDF
from azamat.grants.tests.test_projects import at, make_operator, make_project
from azamat.testing.files import (
    is_plain_jpeg,
    locked_pdf,
    phone_exif,
    phone_photo,
    real_heic,
    says_nothing_of_the_phone,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(db):
    return make_operator()


@pytest.fixture
def project(ngo, operator):
    with time_machine.travel(at(datetime.date(2026, 3, 2)), tick=False):
        return make_project(
            organisation=ngo,
            operator=operator,
            amount=Decimal("2700000.00"),
            signed_on=datetime.date(2026, 3, 2),
            starts_on=datetime.date(2026, 3, 2),
        )


def lines(project):
    salaries, services = project.application.budget_lines.order_by("pk")
    return salaries, services


def fill(report, by, *, indicator=Decimal(150), salaries=Decimal(800000), services=Decimal(540000)):
    application = report.project.application
    salaries_line, services_line = application.budget_lines.order_by("pk")
    return report_save(
        report=report,
        by=by,
        narrative="Өткізілді 12 тренинг.",
        public_summary="150 жас кеңес алды.",
        actuals={application.indicators.get().pk: indicator},
        spent={salaries_line.pk: salaries, services_line.pk: services},
    )


def interim(project) -> Report:
    return project.reports.get(kind="interim")


@time_machine.travel(at(datetime.date(2026, 9, 10)), tick=False)
def test_a_member_fills_and_submits_a_full_report(project, bob):
    report = fill(interim(project), bob)
    [indicator] = report_indicator_rows(report)
    assert (indicator.actual, indicator.percent) == (Decimal("150.00"), Decimal("50.0"))
    # Six of twelve months: half of each budget line is planned to date.
    rows = [(r.planned, r.spent, r.variance, r.variance_percent) for r in report_spending_rows(report)]
    assert rows == [
        (Decimal("750000.00"), Decimal("800000.00"), Decimal("50000.00"), Decimal("6.7")),
        (Decimal("600000.00"), Decimal("540000.00"), Decimal("-60000.00"), Decimal("-10.0")),
    ]
    report = report_submit(report=report, by=bob)
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.submitted_at == at(datetime.date(2026, 9, 10))
    assert report.history.first().history_user == bob


def test_an_incomplete_report_is_not_submitted(project, bob, settings):
    settings.LANGUAGE_CODE = "en"
    report = interim(project)
    report_save(report=report, by=bob, narrative="Бастадық.", public_summary="  ")
    with pytest.raises(DomainError) as error:
        report_submit(report=report, by=bob)
    assert str(error.value) == (
        "Fill in the public summary, every indicator's actual value, the spending on every "
        "budget line before submitting the report."
    )
    report.refresh_from_db()
    assert (report.status, report.submitted_at, report.public_summary) == ("due", None, "")


def test_negative_values_are_refused_and_nothing_is_saved(project, bob, settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(DomainError) as error:
        fill(interim(project), bob, services=Decimal(-1))
    assert (error.value.code, str(error.value), error.value.field) == (
        "bad_value",
        "Values cannot be negative.",
        "spent",
    )
    assert (IndicatorActual.objects.count(), ExpenditureLine.objects.count()) == (0, 0)
    assert interim(project).narrative == ""


def test_strangers_cannot_fill_and_a_submitted_report_is_frozen(project, bob, carol):
    report = interim(project)
    with pytest.raises(DomainError) as error:
        fill(report, carol)
    assert error.value.code == "not_allowed"
    fill(report, bob)
    report_submit(report=report, by=bob)
    with pytest.raises(DomainError) as error:
        fill(report, bob, indicator=Decimal(999))
    assert error.value.code == "not_allowed"
    assert IndicatorActual.objects.get().actual == Decimal("150.00")


def test_a_simplified_report_has_only_the_total_and_the_final_one_releases_the_rest(ngo, operator, alice):
    with time_machine.travel(at(datetime.date(2026, 3, 2)), tick=False):
        project = make_project(
            organisation=ngo, operator=operator, code="short-term", months=6, amount=Decimal("2700000.00")
        )
    report = project.reports.get()
    assert report.simplified is True
    report_save(
        report=report,
        by=alice,
        narrative="Жоба аяқталды.",
        public_summary="300 жас кеңес алды.",
        total_spent=Decimal("2650000"),
    )
    assert report_total_spent(report) == Decimal("2650000.00")
    report_submit(report=report, by=alice)
    with time_machine.travel(at(datetime.date(2026, 7, 20)), tick=False):
        report_approve(report=report, by=operator)
    second = project.tranches.get(number=2)
    assert (second.due_on, second.released_by_report) == (datetime.date(2026, 8, 3), report)


def test_a_revision_needs_a_comment_and_it_is_emailed(
    project, operator, alice, bob, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.LANGUAGE_CODE = "en"
    report = interim(project)
    with time_machine.travel(at(datetime.date(2026, 9, 10)), tick=False):
        fill(report, bob)
        report_submit(report=report, by=bob)
    for empty in ["", "   \n"]:
        with pytest.raises(DomainError) as error:
            report_request_revision(report=report, by=operator, comment=empty)
        assert (error.value.code, error.value.field) == ("comment_required", "comment")
        assert str(error.value) == "Say what has to be revised: the comment is sent to the organisation."
    report.refresh_from_db()
    assert (report.status, report.reviewer_comment, len(mailoutbox)) == ("submitted", "", 0)
    with pytest.raises(DomainError) as error:
        report_request_revision(report=report, by=alice, comment="Өзім")
    assert error.value.code == "not_allowed"
    with django_capture_on_commit_callbacks(execute=True):
        report_request_revision(
            report=report, by=operator, comment="Шығыстарды растайтын құжаттарды тіркеңіз."
        )
    report.refresh_from_db()
    assert (report.status, report.reviewer_comment) == (
        "revision",
        "Шығыстарды растайтын құжаттарды тіркеңіз.",
    )
    [email] = mailoutbox
    assert email.to == ["alice@example.kz", "bob@example.kz"]
    assert "Шығыстарды растайтын құжаттарды тіркеңіз." in email.body
    with time_machine.travel(at(datetime.date(2026, 9, 25)), tick=False):
        report_submit(report=report, by=bob)
    report.refresh_from_db()
    # The first submission counts for timeliness.
    assert (report.status, report.submitted_at) == ("submitted", at(datetime.date(2026, 9, 10)))


def test_approving_reports_releases_the_next_tranches(
    project, operator, alice, bob, mailoutbox, django_capture_on_commit_callbacks
):
    report = interim(project)
    fill(report, bob)
    report_submit(report=report, by=bob)
    with pytest.raises(DomainError) as error:
        report_approve(report=report, by=bob)
    assert error.value.code == "not_allowed"
    with (
        time_machine.travel(at(datetime.date(2026, 9, 21)), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        report_approve(report=report, by=operator)
    report.refresh_from_db()
    assert (report.status, report.approved_at) == ("approved", at(datetime.date(2026, 9, 21)))
    tranches = list(project.tranches.order_by("number").values_list("due_on", "released_by_report"))
    assert tranches == [
        (datetime.date(2026, 3, 17), None),
        (datetime.date(2026, 10, 5), report.pk),
        (None, None),
    ]
    assert "AG-2026-00001" in mailoutbox[0].subject
    with pytest.raises(DomainError) as error:
        report_approve(report=report, by=operator)
    assert error.value.code == "wrong_status"
    final = project.reports.get(kind="final")
    fill(final, bob, indicator=Decimal(310), salaries=Decimal(1500000), services=Decimal(1190000))
    report_submit(report=final, by=bob)
    with time_machine.travel(at(datetime.date(2027, 3, 22)), tick=False):
        report_approve(report=final, by=operator)
    last = project.tranches.get(number=3)
    # Approved on Nauryz (22–24 March 2027 are holidays): ten working days from 25 March.
    assert (last.due_on, last.released_by_report) == (datetime.date(2027, 4, 7), final)


def test_attachments_are_checked(project, bob, settings):
    settings.LANGUAGE_CODE = "en"
    report = interim(project)
    with pytest.raises(DomainError) as error:
        report_attach(
            report=report, by=bob, upload=SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream")
        )
    assert (str(error.value), error.value.field) == (
        "Attach a PDF, DOCX, XLSX, PNG or JPEG file; “run.exe” is not one of them.",
        "attachment",
    )
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "application/pdf")
    with pytest.raises(DomainError) as error:
        report_attach(report=report, by=bob, upload=big)
    assert str(error.value) == "The file is too large: at most 10 MB."
    with pytest.raises(DomainError) as error:
        report_attach(report=report, by=bob, upload=SimpleUploadedFile("fake.pdf", b"MZ", "application/pdf"))
    assert str(error.value) == "“fake.pdf” is not a genuine PDF file; save it again as PDF and attach it."
    locked = SimpleUploadedFile("акт.pdf", locked_pdf(), "application/pdf")
    with pytest.raises(DomainError) as error:  # the reader could not open it: said as such, not "not genuine"
        report_attach(report=report, by=bob, upload=locked)
    assert (
        str(error.value)
        == "“акт.pdf” is protected with a password; save it without the password and attach it."
    )
    assert Attachment.objects.count() == 0
    attachment = report_attach(
        report=report, by=bob, upload=SimpleUploadedFile("акт.pdf", PDF, "application/pdf")
    )
    assert list(report_attachments(report)) == [attachment]
    assert (attachment.original_name, attachment.size, attachment.document_code) == (
        "акт.pdf",
        len(PDF),
        f"report-{report.pk}",
    )
    assert attachment.file.name.startswith(
        f"grants/applications/{project.application_id}/report-{report.pk}-"
    )


def test_an_iphones_photo_of_the_act_is_attached_to_the_report_as_a_jpeg(project, bob, settings):
    """ngo@ photographed the signed act of work with her iPhone: refused before, as not a PDF, DOCX, XLSX, PNG or
    JPEG. Now kept as a JPEG without the place it was taken, under a .jpg name."""
    settings.LANGUAGE_CODE = "en"
    report = interim(project)
    photo = SimpleUploadedFile("IMG_0420.HEIC", real_heic(exif=phone_exif()), "image/heic")
    attachment = report_attach(report=report, by=bob, upload=photo)
    assert (attachment.original_name, attachment.content_type) == ("IMG_0420.jpg", "image/jpeg")
    assert attachment.file.name.startswith(
        f"grants/applications/{project.application_id}/report-{report.pk}-"
    )
    assert attachment.file.name.endswith(".jpg")
    with attachment.file.open("rb") as handle:
        assert is_plain_jpeg(handle.read())
    cut = SimpleUploadedFile("IMG_0421.HEIC", real_heic()[:300], "image/heic")
    with pytest.raises(DomainError) as error:
        report_attach(report=report, by=bob, upload=cut)
    assert (str(error.value), error.value.field) == (
        "“IMG_0421.HEIC” is not a genuine HEIC file; save it again as HEIC and attach it.",
        "attachment",
    )


def test_overdue_is_computed_from_the_date_and_status(project, bob):
    report = interim(project)
    assert report.due_on == datetime.date(2026, 9, 16)
    with time_machine.travel(at(datetime.date(2026, 9, 16)), tick=False):
        assert report.is_overdue is False
    with time_machine.travel(at(datetime.date(2026, 9, 17)), tick=False):
        assert report.is_overdue is True
        fill(report, bob)
        report_submit(report=report, by=bob)
        report.refresh_from_db()
        assert report.is_overdue is False


def test_a_phone_photo_of_the_act_is_attached_to_the_report_without_its_location(project, bob):
    """Kept before as it came: the place it was taken, the phone's serial and its owner's name in it."""
    sent = phone_photo("PNG", (80, 60), orientation=6)
    attachment = report_attach(report=interim(project), by=bob, upload=SimpleUploadedFile("act.png", sent))
    with attachment.file.open("rb") as handle:
        content = handle.read()
    assert says_nothing_of_the_phone(content)
    assert Image.open(io.BytesIO(content)).size == (80, 60)
