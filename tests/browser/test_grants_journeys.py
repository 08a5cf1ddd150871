"""The state-grant cycle in a real browser, one journey per role: the NGO member applies, the operator checks
and draws experts, an expert scores blind, the tender commission votes and decides, the operator signs and
pays while the NGO reports, and a citizen reads the results and the open data (from the commission on, in
test_award_journeys.py).

Each journey clicks through its own role's steps; what came before is set up with the services and factories
(tests/browser/grants_support.py). Every main grants page visited is checked with axe-core (WCAG 2.1 AA, no
serious or critical violation). Pages are in English (the `page` fixture), so the text does not depend on
the kk/ru catalogues.
"""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from azamat.grants.models import (
    Application,
    Assignment,
    ComplianceCheck,
    Criterion,
    Draw,
    Score,
)
from azamat.grants.selectors.review import expert_code
from azamat.grants.services import assignment as assignment_services

from . import grants_support as data
from .grants_support import assert_accessible
from .support import run_axe, sign_in

pytestmark = pytest.mark.browser

EN = {"locale": "en-US"}


def messages(page):
    return page.locator("ul.messages")


def main(page):
    return page.locator("main")


# 1. The NGO member applies ---------------------------------------------------------------------------------------


@pytest.fixture
def youth_call(db):
    call = data.open_call(
        "youth-2026",
        "Civic initiatives of young people 2026",
        description_en="Grants for projects of young people in towns and villages.",
    )
    data.direction(call, "Support for youth", position=0)
    data.direction(
        call, "Clean cities and villages", position=1, budget=Decimal("30000000"), planned_grants=3
    )
    return call


def test_ngo_member_applies_and_submits(page, bob, ngo, youth_call):
    sign_in(page, bob.email)
    page.get_by_role("link", name="Grants", exact=True).click()
    page.wait_for_url("**/grants/")
    expect(page.locator("h1")).to_have_text("Calls for grant applications")
    call_link = page.get_by_role("link", name="Civic initiatives of young people 2026")
    expect(call_link).to_be_visible()
    expect(page.locator("#results")).to_contain_text("Open for applications")
    assert_accessible(page, "the list of calls")

    call_link.click()
    expect(page.locator("h1")).to_have_text("Civic initiatives of young people 2026")
    expect(main(page)).to_contain_text("Clean cities and villages")
    expect(main(page)).to_contain_text("Certificate of state registration")  # a document to attach
    assert_accessible(page, "the call page")

    page.get_by_role("link", name="Apply", exact=True).click()
    expect(page.locator("h1")).to_have_text("Start an application")
    assert_accessible(page, "starting an application")
    page.get_by_label("Organisation").select_option(label=ngo.name_ru)
    page.get_by_label("Direction").select_option(label="Clean cities and villages")
    page.get_by_label("Project title").fill("Green yards of Aktau")
    page.get_by_label("Language of the application").select_option(label="Russian")
    page.get_by_role("button", name="Create the draft").click()

    expect(messages(page)).to_contain_text("The draft is saved. Fill in each section")
    expect(page.locator("h1")).to_have_text("Green yards of Aktau")
    application = Application.objects.get()
    assert (
        application.direction.title_en,
        application.organisation,
        application.status,
        application.language,
    ) == ("Clean cities and villages", ngo, "draft", "ru")
    expect(page.locator("dl.facts").first).to_contain_text("Draft")

    # The project section.
    project = page.locator("#project")
    project.get_by_label("Project summary").fill("Residents of five yards turn waste ground into gardens.")
    project.get_by_label("Problem and its causes").fill(
        "Yards in the old districts of Aktau have no greenery."
    )
    project.get_by_label("Target group").fill("Families of five yards of the 3rd microdistrict")
    project.get_by_label("Goals and tasks").fill("Plant 200 trees; teach 40 volunteers to care for them.")
    project.get_by_label("Team").fill("A coordinator, a landscape designer, 40 volunteers.")
    project.get_by_label("Duration, months").fill("6")
    project.get_by_role("button", name="Save the project section").click()
    expect(messages(page)).to_contain_text("The project section is saved.")

    # The plan: two activities.
    activities = page.locator("#activities")
    activities.get_by_label("Activity, row 1", exact=True).fill("Design the yards with residents")
    activities.get_by_label("From month, row 1").fill("1")
    activities.get_by_label("To month, row 1").fill("2")
    activities.get_by_label("Activity, row 2", exact=True).fill("Plant trees and train volunteers")
    activities.get_by_label("From month, row 2").fill("3")
    activities.get_by_label("To month, row 2").fill("6")
    activities.get_by_role("button", name="Save the activities").click()
    expect(messages(page)).to_contain_text("The activities are saved.")
    timeline = page.locator("#activities table").first
    expect(timeline).to_contain_text("Design the yards with residents")
    expect(timeline).to_contain_text("Plant trees and train volunteers")

    # The budget: two lines, 1,500,000 + 1,200,000 ₸.
    budget = page.locator("#budget")
    budget.get_by_label("Category, row 1").select_option(label="Salaries")
    budget.get_by_label("Item, row 1").fill("Project coordinator")
    budget.get_by_label("Quantity, row 1").fill("6")
    budget.get_by_label("Unit cost, ₸, row 1").fill("250000")
    budget.get_by_label("Category, row 2").select_option(label="Equipment")
    budget.get_by_label("Item, row 2").fill("Saplings and tools")
    budget.get_by_label("Quantity, row 2").fill("200")
    budget.get_by_label("Unit cost, ₸, row 2").fill("6000")
    budget.get_by_role("button", name="Save the budget").click()
    expect(messages(page)).to_contain_text("The budget is saved.")
    expect(page.locator("#budget tfoot")).to_contain_text("2,700,000.00")
    expect(page.locator("#budget")).to_contain_text("2,700,000 ₸, is within this grant type")

    # The indicators.
    indicators = page.locator("#indicators")
    indicators.get_by_label("Kind, row 1").select_option(label="Output")
    indicators.get_by_label("Indicator, row 1", exact=True).fill("Trees planted")
    indicators.get_by_label("Unit, row 1", exact=True).fill("trees")
    indicators.get_by_label("Target, row 1").fill("200")
    indicators.get_by_label("Kind, row 2").select_option(label="Outcome")
    indicators.get_by_label("Indicator, row 2", exact=True).fill("Yards still green a year later")
    indicators.get_by_label("Unit, row 2", exact=True).fill("yards")
    indicators.get_by_label("Target, row 2").fill("5")
    indicators.get_by_role("button", name="Save the indicators").click()
    expect(messages(page)).to_contain_text("The indicators are saved.")
    assert_accessible(page, "the application editor, filled in")

    # Submitting without the required documents is refused, in plain words.
    page.get_by_role("button", name="Submit the application").click()
    refusal = page.locator("#submit [role=alert]")
    expect(refusal).to_contain_text("The application is not submitted. Fix these points:")
    expect(refusal).to_contain_text("Attach the required document: Charter.")
    expect(refusal).to_contain_text("Attach the required document: Certificate of state registration.")
    application.refresh_from_db()
    assert (application.status, application.number) == ("draft", None)
    page.get_by_role("link", name="Back to the application").click()

    # Attach both documents: real, small PDF files.
    attachments = page.locator("#attachments")
    for label, name in [
        ("Charter", "Charter of Zharkyn Bolashak.pdf"),
        ("Certificate of state registration", "Registration certificate.pdf"),
    ]:
        attachments.get_by_label("Document").select_option(label=label)
        attachments.get_by_label("File").set_input_files(data.pdf_upload(name))
        attachments.get_by_role("button", name="Attach the file").click()
        expect(messages(page)).to_contain_text("The file is attached.")
        expect(page.locator("#attachments")).to_contain_text(name)
    download = page.get_by_role("link", name="Charter of Zharkyn Bolashak.pdf")
    response = page.request.get(download.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF-1.4")
    expect(page.locator("#submit")).to_contain_text("Everything needed is in place.")

    # A second tab left open on the editor, to try to edit after the submission.
    stale = page.context.new_page()
    stale.goto(page.url.split("#")[0])
    expect(stale.get_by_role("button", name="Save the project section")).to_be_visible()

    page.get_by_role("button", name="Submit the application").click()
    # The check page lists every answer before the irreversible step.
    expect(page.locator("h1")).to_have_text("Check your answers before submitting")
    expect(main(page)).to_contain_text("Trees planted")
    application.refresh_from_db()
    assert application.status == "draft"
    page.get_by_role("button", name="Submit the application").click()
    expect(messages(page)).to_contain_text("The application is submitted as")
    application.refresh_from_db()
    assert application.status == "submitted"
    assert re.fullmatch(r"KZ-2026-youth-0001", application.number), application.number
    expect(messages(page)).to_contain_text(f"The application is submitted as {application.number}.")
    facts = page.locator("dl.facts").first
    expect(facts).to_contain_text("Submitted")
    expect(facts).to_contain_text(application.number)
    expect(main(page)).to_contain_text(
        "The application is submitted and frozen; it can change only when the "
        "operator asks for a clarification."
    )
    expect(page.get_by_role("button", name="Save the project section")).to_have_count(0)
    expect(page.get_by_role("button", name="Submit the application")).to_have_count(0)
    expect(main(page)).to_contain_text("Trees planted")
    assert_accessible(page, "a submitted application")

    # Back to the check page and "Submit" again: the application as submitted, nothing sent twice.
    page.go_back()
    expect(page.locator("h1")).to_have_text("Check your answers before submitting")
    page.get_by_role("button", name="Submit the application").click()
    expect(messages(page)).to_have_text(
        f"This application is already submitted as {application.number}; nothing was sent again."
    )
    expect(page.locator("dl.facts").first).to_contain_text("Submitted")

    # The second try to edit is refused, with the reason.
    stale.locator("#project").get_by_label("Project summary").fill("Changed after the submission.")
    stale.get_by_role("button", name="Save the project section").click()
    expect(stale.locator("h1")).to_have_text("Not allowed")
    expect(stale.locator("main")).to_contain_text(
        "The application is submitted and frozen; it can change only "
        "when the operator asks for a clarification."
    )
    application.refresh_from_db()
    assert application.summary == "Residents of five yards turn waste ground into gardens."
    assert application.versions.count() == 1


def test_editing_a_budget_line_with_the_blank_rows_left_empty(page, bob, ngo, youth_call):
    draft = data.application(
        youth_call,
        youth_call.directions.first(),
        ngo,
        1,
        Application.Status.DRAFT,
        number=None,
        submitted_at=None,
        title="Green yards of Aktau",
    )
    sign_in(page, bob.email)
    page.goto(draft.get_absolute_url())
    budget = page.locator("#budget")
    budget.get_by_label("Quantity, row 1").fill("5")
    budget.get_by_role("button", name="Save the budget").click()
    expect(page.locator("#budget [role=alert]")).to_have_count(0, timeout=3000)
    expect(messages(page)).to_contain_text("The budget is saved.")


def test_a_flash_message_is_accessible(page, bob, ngo, youth_call):
    sign_in(page, bob.email)
    page.goto("/grants/calls/youth-2026/apply/")
    page.get_by_label("Project title").fill("Green yards of Aktau")
    page.get_by_role("button", name="Create the draft").click()
    expect(messages(page)).to_contain_text("The draft is saved.")
    assert [v["id"] for v in run_axe(page)] == []


# 2. The operator checks compliance and draws the experts ------------------------------------------------------


def test_operator_checks_compliance_and_draws_experts(page, new_context, ngo):
    operator = data.make_operator()
    call = data.closed_call("review-2026", "Social projects 2026")
    direction = data.direction(call, "Support for youth")
    submitted = data.application(
        call, direction, ngo, 1, Application.Status.SUBMITTED, title="Youth centre in Aktau"
    )
    data.attach_required_documents(submitted)
    compliant = data.application(
        call,
        direction,
        data.other_organisation("Кемел"),
        2,
        Application.Status.COMPLIANT,
        title="Eco-club for schoolchildren",
    )
    pool = data.experts(4)

    sign_in(page, operator.email)
    page.get_by_role("link", name="Applications to check").click()
    expect(page.locator("h1")).to_have_text("Compliance check")
    expect(main(page)).to_contain_text("Social projects 2026")
    expect(main(page)).to_contain_text(submitted.number)
    assert_accessible(page, "the compliance queue")

    page.get_by_role("link", name=f"Check {submitted.number}").click()
    expect(page.locator("h1")).to_have_text(f"Compliance check: {submitted.number}")
    expect(main(page)).to_contain_text("Charter.pdf")
    assert_accessible(page, "the compliance check")
    checklist = page.locator("fieldset").first.locator("input[type=checkbox]")
    assert checklist.count() == 6  # four standing items and the two required documents
    # An item left unticked: "compliant" is refused, and says which item.
    for k in range(checklist.count() - 1):
        checklist.nth(k).check()
    page.get_by_label("Compliant", exact=True).check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("[role=alert]")).to_contain_text(
        "An application is compliant only when every item of the "
        "checklist is met: Document attached: Certificate of state "
        "registration"
    )
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    checklist.nth(checklist.count() - 1).check()
    page.get_by_label("Compliant", exact=True).check()
    page.get_by_role("button", name="Record the decision").click()

    expect(messages(page)).to_contain_text(f"The decision on {submitted.number} is recorded.")
    expect(main(page)).to_contain_text("No submitted application is waiting for the check.")
    submitted.refresh_from_db()
    assert submitted.status == "compliant"
    check = ComplianceCheck.objects.get(application=submitted)
    assert check.decision == "compliant" and all(check.checklist.values()) and check.checked_by == operator

    # The random draw with a published seed.
    review = page.locator("table").filter(has_text="Social projects 2026")
    review.get_by_role("link", name="Experts", exact=True).click()
    expect(page.locator("h1")).to_have_text("Experts: Social projects 2026")
    assert_accessible(page, "the operator's experts page")
    page.get_by_label("Seed").fill("2026-03-16 public session 4821")
    page.get_by_role("button", name="Draw experts").click()
    expect(page.locator("#confirm-draw")).to_contain_text("2026-03-16 public session 4821")
    assert not Draw.objects.exists()
    page.get_by_role("button", name="Confirm and assign the experts").click()

    expect(messages(page)).to_contain_text("Experts are assigned; the draw is published.")
    draw = Draw.objects.get()
    assert (draw.method, draw.seed, draw.created_by) == ("random", "2026-03-16 public session 4821", operator)
    draw_url = page.url
    assert draw_url.endswith(f"/grants/calls/review-2026/draw/{draw.pk}/")

    # The public draw page: anyone sees the seed and the assignments by expert code, never by name.
    visitor = new_context(**EN).new_page()
    visitor.goto(draw_url)
    expect(visitor.locator("h1")).to_have_text("Random draw: Social projects 2026")
    expect(visitor.locator("dl.facts")).to_contain_text("2026-03-16 public session 4821")
    rows = visitor.locator("table").last.locator("tbody tr")
    expect(rows).to_have_count(2)
    for application in [submitted, compliant]:
        codes = sorted(expert_code(a.expert_id) for a in Assignment.objects.filter(application=application))
        assert len(codes) == 3
        row = rows.filter(has_text=application.number)
        expect(row).to_have_count(1)
        shown = re.findall(r"E-\d{3}", row.inner_text())
        assert sorted(shown) == codes
    for expert in pool:
        expect(visitor.locator("main")).not_to_contain_text(expert.user.full_name)
    assert_accessible(visitor, "the public draw page")


# 3. The expert scores blind ----------------------------------------------------------------------------------------


def test_expert_confirms_declaration_and_scores_blind(page, ngo, carol):
    operator = data.make_operator()
    call = data.closed_call("blind-2026", "Social projects 2026")
    direction = data.direction(call, "Support for youth")
    application = data.application(
        call,
        direction,
        ngo,
        1,
        Application.Status.COMPLIANT,
        title="Youth centre of «Жарқын болашақ»",
        summary=f"Our association «Жарқын болашақ» (BIN {ngo.bin}) opens a youth centre in Aktau.",
    )
    data.attach_required_documents(application)
    expert, *_others = data.experts(3, first=carol)
    assignment_services.draw_random(call=call, by=operator, seed="blind-seed")
    assignment = Assignment.objects.get(application=application, expert=expert)

    sign_in(page, carol.email)
    page.get_by_role("link", name="Your expert assignments").click()
    expect(page.locator("h1")).to_have_text("My reviews")
    expect(main(page)).to_contain_text(f"Your public code in draws: {expert_code(expert.pk)}.")
    expect(main(page)).to_contain_text("Before you read the applications, declare your ties")
    assert_accessible(page, "the expert's home, before the declaration")

    page.get_by_role("link", name="Declaration of conflicts of interest").click()
    expect(page.locator("h1")).to_have_text("Declaration of conflicts of interest")
    expect(main(page)).to_contain_text("You have declared no ties.")
    assert_accessible(page, "the expert's declaration")
    page.get_by_role("button", name="Confirm my declaration").click()
    expect(messages(page)).to_contain_text("Your declaration is confirmed for this call.")

    page.get_by_role("link", name=application.number).click()
    expect(page.locator("h1")).to_have_text(f"Application {application.number}")
    body = main(page)
    expect(body).to_contain_text(
        "Blind review: the applicant's names, people, BIN, town and contacts are blacked out."
    )
    expect(body).to_contain_text("opens a youth centre in Aktau")
    for identity in [ngo.name_ru, ngo.name_kk, "Жарқын болашақ", ngo.bin]:
        expect(body).not_to_contain_text(identity)
    assert ngo.bin not in page.content() and "Жарқын" not in page.content()
    assert_accessible(page, "the blind assignment page")

    # A second tab left open on the form, to try to score again afterwards.
    stale = page.context.new_page()
    stale.goto(page.url)

    criteria = list(Criterion.objects.filter(grant_type=call.grant_type).order_by("position"))
    values = [8, 7, 9, 6, 8, 7]
    for criterion, value in zip(criteria, values, strict=True):
        group = page.locator("fieldset").filter(has_text=criterion.name_en)
        group.get_by_label("Score (0–10)").fill(str(value))
        group.get_by_label("Justification").fill(
            f"{criterion.name_en}: justified by the plan, budget and team."
        )
    page.get_by_role("button", name="Submit my scores").click()
    expect(page.locator("#confirm-scores")).to_contain_text("8 / 10")
    assert not Score.objects.filter(assignment=assignment).exists()
    page.get_by_role("button", name="Confirm and submit my scores").click()

    expect(messages(page)).to_contain_text("Your scores are submitted.")
    assignment.refresh_from_db()
    assert assignment.status == "submitted"
    assert sorted(Score.objects.filter(assignment=assignment).values_list("value", flat=True)) == sorted(
        values
    )
    # Frozen: the scores are shown, the form is gone.
    expect(page.get_by_role("button", name="Submit my scores")).to_have_count(0)
    expect(page.locator("input[type=number]")).to_have_count(0)
    scores = page.locator("table").last
    expect(scores.locator("tbody tr")).to_have_count(6)
    expect(scores).to_contain_text("8 / 10")
    expect(main(page)).to_contain_text("Your total: 74.50")
    expect(main(page)).to_contain_text("Mean total of 1 expert: 74.50.")
    assert_accessible(page, "the assignment page, scored")

    # The old tab's form changes nothing: it leads to the scores as submitted, saying why.
    for criterion in criteria:
        group = stale.locator("fieldset").filter(has_text=criterion.name_en)
        group.get_by_label("Score (0–10)").fill("10")
        group.get_by_label("Justification").fill("A second try at scoring, after the submission.")
    stale.get_by_role("button", name="Submit my scores").click()
    expect(stale.locator("h1")).to_have_text(f"Application {application.number}")
    expect(messages(stale)).to_contain_text("Your scores are submitted and cannot change.")
    expect(main(stale)).to_contain_text("Your total: 74.50")
    assert sorted(Score.objects.filter(assignment=assignment).values_list("value", flat=True)) == sorted(
        values
    )

    page.get_by_role("link", name="My reviews").click()
    expect(main(page)).to_contain_text("Scored 1 of 1.")
