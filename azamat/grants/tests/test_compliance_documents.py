"""The operator's compliance page opens each attached document and the whole application, through the views
that check permission; a payment takes back the amount the page pre-filled."""

import datetime
import html
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory, ExpertFactory
from azamat.grants.models import Application, Assignment, Attachment, Payment
from azamat.grants.services.projects import payment_record
from azamat.grants.tests.test_form_inputs import shown_value
from azamat.grants.tests.test_projects import at, make_operator, make_project

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
NBSP = "\u00a0"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def operator(db):
    return make_operator()


@pytest.fixture
def submitted(ngo, alice):
    now = timezone.now()
    call = CallFactory(
        code="documents-2026",
        opens_at=now - datetime.timedelta(days=40),
        closes_at=now - datetime.timedelta(days=1),
    )
    application = ApplicationFactory(
        direction=DirectionFactory(call=call),
        call=call,
        organisation=ngo,
        status=Application.Status.SUBMITTED,
        number="KZ-2026-documents-0003",
        submitted_at=now - datetime.timedelta(days=2),
    )
    Attachment.objects.create(
        application=application,
        document_code="charter",
        file=ContentFile(b"%PDF-1.4 charter" + b"." * 2032, "charter-1a2b.pdf"),
        original_name="Устав.pdf",
        size=2048,
        content_type="application/pdf",
    )
    Attachment.objects.create(
        application=application,
        document_code="other",
        file=ContentFile(b"PK\x03\x04 budget", "budget-3c4d.docx"),
        original_name="Смета.docx",
        size=15,
        content_type=DOCX,
    )
    return application


def _links(page: str) -> dict[str, str]:
    """Each link of the documents section: its text (tags and spacing removed) by its address."""
    section = re.search(r'<section id="documents".*?</section>', page, re.S).group(0)
    return {
        html.unescape(href): " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())
        for href, text in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', section, re.S)
    }


def _urls(application):
    charter, budget = application.attachments.order_by("pk")
    return {
        "charter": reverse("grants:application_attachment", args=[application.pk, charter.pk]),
        "budget": reverse("grants:application_attachment", args=[application.pk, budget.pk]),
        "pdf": reverse("grants:application_pdf", args=[application.pk]),
    }


def test_the_page_links_each_document_and_the_whole_application_with_type_and_size(
    client, operator, submitted
):
    client.force_login(operator)
    page = client.get(reverse("grants:compliance_check", args=[submitted.pk]), **EN).content.decode()
    urls = _urls(submitted)
    assert _links(page) == {
        urls[
            "pdf"
        ]: "The whole application KZ-2026-documents-0003 (PDF, made as you open it; opens in a new tab)",
        urls["charter"]: "Устав.pdf (PDF, 2.0 KB; opens in a new tab)",
        urls["budget"]: "Смета.docx (DOCX, 15 bytes; opens in a new tab)",
    }
    assert "/media/" not in page and "charter-1a2b" not in page


def test_the_operator_opens_each_document_and_the_pdf(client, operator, submitted):
    client.force_login(operator)
    urls = _urls(submitted)
    charter = client.get(urls["charter"])
    assert (charter.status_code, charter["Content-Type"]) == (200, "application/pdf")
    assert b"".join(charter.streaming_content if charter.streaming else [charter.content]).startswith(
        b"%PDF-1.4 charter"
    )
    budget = client.get(urls["budget"])
    assert (budget.status_code, budget["Content-Type"]) == (200, DOCX)
    whole = client.get(urls["pdf"], **EN)
    assert (whole.status_code, whole["Content-Type"]) == (200, "application/pdf")
    assert whole.content.startswith(b"%PDF-")
    assert whole["Content-Disposition"] == 'attachment; filename="application-kz-2026-documents-0003.pdf"'


def test_nobody_else_opens_them(client, submitted, carol):
    urls = _urls(submitted)
    for url in urls.values():
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    client.force_login(carol)
    for url in urls.values():
        assert client.get(url, **EN).status_code == 403
    expert = ExpertFactory()
    Assignment.objects.create(application=submitted, expert=expert)
    client.force_login(expert.user)
    for url in urls.values():
        response = client.get(url, **EN)
        assert response.status_code == 403
        assert "Experts read applications on their assignment page" in response.content.decode()
    # A document of another application is not reached through this one's address.
    other = ApplicationFactory(organisation=submitted.organisation)
    client.force_login(make_operator("operator2@example.kz"))
    charter = submitted.attachments.order_by("pk").first()
    wrong = reverse("grants:application_attachment", args=[other.pk, charter.pk])
    assert client.get(wrong).status_code == 404


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("kk", f"1{NBSP}234{NBSP}567,89"),
        ("ru", f"1{NBSP}234{NBSP}567,89"),
        ("en", "1,234,567.89"),
    ],
)
def test_a_payment_records_the_prefilled_amount_as_the_page_writes_it(client, ngo, language, shown):
    operator = make_operator()
    with time_machine.travel(at(datetime.date(2026, 3, 2)), tick=False):
        project = make_project(
            organisation=ngo,
            operator=operator,
            amount=Decimal("10000000.00"),
            signed_on=datetime.date(2026, 3, 2),
            starts_on=datetime.date(2026, 3, 2),
        )
        advance = project.tranches.get(number=1)
        payment_record(
            tranche=advance,
            amount=advance.amount - Decimal("1234567.89"),
            paid_on=datetime.date(2026, 3, 2),
            by=operator,
        )
    url = reverse("grants:operator_payments")
    client.force_login(operator)
    with time_machine.travel(at(datetime.date(2026, 3, 5)), tick=False):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        prefix = f"t{advance.pk}"
        assert shown_value(page, f"{prefix}-amount") == shown
        response = client.post(
            url,
            {
                "tranche": advance.pk,
                f"{prefix}-amount": shown_value(page, f"{prefix}-amount"),
                f"{prefix}-paid_on": shown_value(page, f"{prefix}-paid_on"),
            },
            HTTP_ACCEPT_LANGUAGE=language,
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    payment = Payment.objects.order_by("pk").last()
    assert (payment.tranche_id, payment.amount, payment.paid_on) == (
        advance.pk,
        Decimal("1234567.89"),
        datetime.date(2026, 3, 5),
    )
    assert sum(p.amount for p in advance.payments.all()) == advance.amount
