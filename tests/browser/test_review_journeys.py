"""Stage 1 in a real browser: the operator opens an application's documents and the whole application from the
compliance page; an expert declares a tie to an organisation not on Azamat by its BIN and corrects it before
confirming the declaration."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from azamat.core.bin import make_bin
from azamat.grants.models import Application, ConflictDeclaration

from . import grants_support as data
from .grants_support import assert_accessible
from .support import sign_in

pytestmark = pytest.mark.browser

OUTSIDE_BIN = make_bin(year=2018, month=11, serial=3141)
MISTYPED_BIN = make_bin(year=2018, month=11, serial=3114)


def main(page):
    return page.locator("main")


def _open_in_new_tab(page, link) -> tuple[str, bytes]:
    """Click a link that opens in a new tab and sends a file: the file's suggested name and its bytes.
    (Chromium reports a file sent to a new tab as the opening page's download.)"""
    with page.expect_download() as sent:
        link.click()
    download = sent.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_operator_opens_each_document_and_the_whole_application(page, ngo):
    operator = data.make_operator()
    call = data.closed_call("documents-2026", "Social projects 2026")
    direction = data.direction(call, "Support for youth")
    application = data.application(
        call, direction, ngo, 1, Application.Status.SUBMITTED, title="Youth centre in Aktau"
    )
    data.attach_required_documents(application)

    sign_in(page, operator.email)
    page.get_by_role("link", name="Applications to check").click()
    page.get_by_role("link", name=f"Check {application.number}").click()
    expect(page.locator("h1")).to_have_text(f"Compliance check: {application.number}")
    documents = page.locator("#documents")
    charter = documents.get_by_role(
        "link", name=re.compile(r"^Charter\.pdf \(PDF, \d+ bytes; opens in a new tab\)$")
    )
    expect(charter).to_have_count(1)
    expect(
        documents.get_by_role("link", name=re.compile(r"^Registration certificate\.pdf \(PDF, "))
    ).to_have_count(1)
    assert "/media/" not in page.content()
    assert_accessible(page, "the compliance check with its documents")

    name, content = _open_in_new_tab(page, charter)
    assert name == "Charter.pdf" and content == data.minimal_pdf("charter")

    whole = documents.get_by_role("link", name=re.compile(r"^The whole application .* \(PDF, "))
    name, content = _open_in_new_tab(page, whole)
    assert name == f"application-{application.number.lower()}.pdf"
    assert content.startswith(b"%PDF-")
    # The compliance page stays where it was, ready for the decision.
    expect(page.locator("h1")).to_have_text(f"Compliance check: {application.number}")


def test_expert_declares_a_tie_outside_azamat_and_corrects_it(page, carol):
    call = data.closed_call("ties-2026", "Social projects 2026")
    data.experts(1, first=carol)

    sign_in(page, carol.email)
    page.goto(reverse("grants:expert_declaration", args=[call.code]))
    expect(page.locator("h1")).to_have_text("Declaration of conflicts of interest")

    # The BIN is not on Azamat: the page says so and carries it on to the form for such organisations.
    page.get_by_label("Organisation: name or BIN").fill(MISTYPED_BIN)
    page.get_by_role("button", name="Declare", exact=True).click()
    expect(main(page)).to_contain_text(
        "No organisation with this BIN is registered on Azamat; declare it below"
    )
    outside = page.locator("#outside")
    expect(outside.get_by_label("Its BIN")).to_have_value(MISTYPED_BIN)
    outside.get_by_label("Name of the organisation").fill("ТОО «Степь Консалтинг»")
    outside.get_by_label("Relation").select_option(label="Advised it")
    outside.get_by_role("button", name="Declare the tie").click()
    expect(page.locator("ul.messages")).to_contain_text("The tie is declared.")
    ties = page.locator("table")
    expect(ties).to_contain_text("ТОО «Степь Консалтинг» (not on Azamat)")
    expect(ties).to_contain_text(MISTYPED_BIN)
    assert_accessible(page, "the declaration with a tie outside Azamat")

    # The BIN was mistyped: corrected before confirming.
    ties.get_by_role("link", name=re.compile(r"^Correct.*Степь Консалтинг")).click()
    correct = page.locator("#correct")
    expect(correct.get_by_role("heading")).to_have_text("Correct the tie to ТОО «Степь Консалтинг»")
    expect(correct.get_by_label("Its BIN")).to_have_value(MISTYPED_BIN)
    correct.get_by_label("Its BIN").fill("1234")
    correct.get_by_role("button", name="Save the correction").click()
    expect(page.locator("#correct [role=alert]")).to_contain_text("A BIN has exactly 12 digits.")
    correct = page.locator("#correct")
    correct.get_by_label("Its BIN").fill(OUTSIDE_BIN)
    correct.get_by_label("Relation").select_option(label="Works or worked for it")
    correct.get_by_role("button", name="Save the correction").click()
    expect(page.locator("ul.messages")).to_contain_text("The tie is corrected.")
    expect(page.locator("table")).to_contain_text(OUTSIDE_BIN)
    expect(page.locator("table")).not_to_contain_text(MISTYPED_BIN)
    declaration = ConflictDeclaration.objects.get(person=carol)
    assert (declaration.outside_bin, declaration.relation) == (OUTSIDE_BIN, "works_for")

    page.get_by_role("button", name="Confirm my declaration").click()
    expect(page.locator("ul.messages")).to_contain_text("Your declaration is confirmed for this call.")
    page.goto(reverse("grants:expert_declaration", args=[call.code]))
    expect(page.get_by_role("link", name=re.compile("^Correct"))).to_have_count(0)
    expect(main(page)).to_contain_text("ties can be added but no longer removed")
