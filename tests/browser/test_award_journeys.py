"""The state-grant cycle in a real browser, after the experts: the tender commission votes and decides, the operator
signs and pays while the NGO reports, and a citizen reads the results and the open data. The journeys before
it (applying, the compliance check and draw, scoring) are in test_grants_journeys.py, whose helpers these use.
"""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from azamat.grants.models import (
    AgendaItem,
    Application,
    Payment,
    Project,
    Report,
    Sitting,
    Vote,
)
from azamat.grants.services import projects as project_services
from azamat.grants.services import results as result_services

from . import grants_support as data
from .grants_support import assert_accessible
from .support import sign_in
from .test_grants_journeys import EN, main, messages

pytestmark = pytest.mark.browser


# 4. The tender commission: a member declares and votes, the chair decides and closes ---------------------------


def test_commission_member_votes_and_chair_decides(page, new_context, ngo):
    operator = data.make_operator()
    call = data.commission_call("commission-2026", "Social projects 2026")
    direction = data.direction(call, "Support for youth", budget=Decimal("6000000"), planned_grants=2)
    first = data.application(
        call,
        direction,
        ngo,
        1,
        Application.Status.REVIEWED,
        title="Youth centre in Aktau",
        final_score=Decimal("86.50"),
    )
    second = data.application(
        call,
        direction,
        data.other_organisation("Кемел"),
        2,
        Application.Status.REVIEWED,
        title="Eco-club for schoolchildren",
        final_score=Decimal("61.25"),
    )
    _commission, members, sitting = data.commission_with_sitting(call, operator)
    data.vote(
        sitting,
        first,
        members,
        {"chair": data.SUPPORT, "gov": data.SUPPORT, "opr": data.SUPPORT, "ngo2": data.SUPPORT},
    )
    data.vote(
        sitting,
        second,
        members,
        {"chair": data.AGAINST, "gov": data.AGAINST, "opr": data.ABSTAIN, "ngo2": data.AGAINST},
    )
    tie = data.other_organisation("Арман")

    # The member: declares a tie, confirms, votes on both applications.
    member = members["ngo1"].user
    sign_in(page, member.email)
    page.get_by_role("link", name="Tender commission").click()
    expect(page.locator("h1")).to_have_text("My tender commissions")
    expect(main(page)).to_contain_text("Not confirmed: you cannot vote yet.")
    assert_accessible(page, "the member's commissions")
    page.get_by_role("link", name="Declare conflicts of interest").click()
    expect(page.locator("h1")).to_have_text("Declaration of conflicts of interest")
    # Found by a word of its name, as experts find theirs; picked from what the search lists.
    declare = page.locator("form", has=page.get_by_label("Organisation: name or BIN"))
    declare.get_by_label("Organisation: name or BIN").fill("арман")
    declare.get_by_label("Relation").select_option(label="Advised it")
    declare.get_by_label("Note").fill("Advised its board in 2024")
    declare.get_by_role("button", name="Declare", exact=True).click()
    expect(main(page)).to_contain_text("Choose the organisation from the list.")
    declare = page.locator("form", has=page.get_by_label("Organisation: name or BIN"))
    declare.get_by_label(re.compile(tie.bin)).check()
    declare.get_by_role("button", name="Declare", exact=True).click()
    expect(messages(page)).to_contain_text("The tie is declared")
    tie_row = page.locator("table tr", has_text=tie.bin)
    expect(tie_row).to_contain_text(tie.name_ru)
    expect(tie_row).to_contain_text("Advised it")
    expect(tie_row).to_contain_text("Advised its board in 2024")
    assert_accessible(page, "the member's declaration")
    page.get_by_role("button", name="My declaration is complete").click()
    expect(messages(page)).to_contain_text(
        "Your declaration is confirmed; you may vote at this call's sittings."
    )
    expect(main(page)).to_contain_text("Confirmed")

    page.locator("main").get_by_role("link", name=re.compile(r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}")).click()
    expect(page.locator("h1")).to_have_text("Sitting of the tender commission")
    expect(page.locator("dl.facts").first).to_contain_text("5 of 5 members present; 4 needed")
    assert_accessible(page, "the sitting, as a member")
    for application, choice, comment in [
        (first, "Support", "A clear plan and a fair budget."),
        (second, "Against", "No plan for after the grant."),
    ]:
        page.get_by_role("link", name=f"Vote or step aside {application.number}").click()
        expect(page.locator("h1")).to_have_text(f"Vote: {application.number}")
        expect(page.locator("dl.facts").first).to_contain_text(application.organisation.name_ru)
        if application == first:
            assert_accessible(page, "the vote page")
        page.get_by_label(choice, exact=True).check()
        page.get_by_label("Comment").fill(comment)
        page.get_by_role("button", name="Cast the vote").click()
        expect(messages(page)).to_contain_text("Your vote is recorded")
        expect(page.locator(f"#item-{AgendaItem.objects.get(application=application).pk}")).to_contain_text(
            comment
        )
    votes = Vote.objects.filter(member=members["ngo1"]).order_by("item__rank")
    assert [(v.item.application, v.choice) for v in votes] == [(first, "support"), (second, "against")]

    # The chair: records the decisions the votes made, then closes the sitting.
    chair_page = new_context(**EN).new_page()
    sign_in(chair_page, members["chair"].user.email)
    chair_page.goto(f"/grants/sittings/{sitting.pk}/")
    first_item = chair_page.locator(f"#item-{AgendaItem.objects.get(application=first).pk}")
    second_item = chair_page.locator(f"#item-{AgendaItem.objects.get(application=second).pk}")
    expect(first_item).to_contain_text("The votes decide")
    expect(first_item).to_contain_text("Award the grant")
    assert_accessible(chair_page, "the sitting, as the chair")
    first_item.get_by_label("Amount awarded, ₸").fill("2500000")
    first_item.get_by_label("Reason for a reduced amount").fill("The rent line is not needed.")
    first_item.get_by_role("button", name="Award the grant").click()
    expect(messages(chair_page)).to_contain_text("The decision is recorded.")
    expect(first_item).to_contain_text(
        "Award the grant: 2,500,000.00 ₸ (reduced: The rent line is not needed.)"
    )
    second_item.get_by_role("button", name="Do not award").click()
    expect(messages(chair_page)).to_contain_text("The decision is recorded.")
    expect(second_item.locator("dl.facts")).to_contain_text("Do not award")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("awarded", "not_awarded")

    chair_page.get_by_role("button", name="Close and sign the protocol").click()
    expect(chair_page.locator("h1")).to_have_text("Close the sitting and sign the protocol?")
    chair_page.get_by_role("button", name="Confirm: close and sign the protocol").click()
    expect(messages(chair_page)).to_contain_text("The sitting is closed and its protocol is published.")
    expect(chair_page.locator("dl.facts").first).to_contain_text("Closed")
    expect(chair_page.get_by_role("link", name="Protocol (PDF)")).to_be_visible()
    sitting.refresh_from_db()
    assert sitting.closed_at is not None and sitting.protocol

    # The results are published (the operator does it in the admin); everyone reads them and the protocol.
    result_services.call_results_publish(call=call, by=operator)
    visitor = new_context(**EN).new_page()
    visitor.goto("/grants/calls/commission-2026/")
    visitor.get_by_role("link", name="Results of the call").click()
    expect(visitor.locator("h1")).to_have_text("Results: Social projects 2026")
    facts = visitor.locator("dl.facts")
    expect(facts).to_contain_text("Grants awarded")
    expect(facts).to_contain_text("2,500,000.00 ₸")
    rows = visitor.locator("table tbody tr")
    expect(rows.filter(has_text=first.number)).to_contain_text("Awarded")
    expect(rows.filter(has_text=first.number)).to_contain_text("2,500,000.00")
    expect(rows.filter(has_text=second.number)).to_contain_text("Not awarded")
    assert_accessible(visitor, "the results page")
    protocol = visitor.get_by_role("link", name="Protocol (PDF)")
    response = visitor.request.get(protocol.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    assert Sitting.objects.get().protocol.name.endswith(".pdf")


# 5. After the award: the agreement, the advance, the report, its approval -------------------------------------


def test_agreement_payment_report_and_released_tranche(page, new_context, ngo, alice, bob):
    operator = data.make_operator()
    call = data.closed_call("projects-2026", "Social projects 2026", results_published=True)
    direction = data.direction(call, "Support for youth")
    awarded = data.application(
        call, direction, ngo, 1, Application.Status.AWARDED, title="Youth centre in Aktau", created_by=bob
    )
    today = timezone.localdate()

    # The operator records the agreement from the payments desk.
    sign_in(page, operator.email)
    page.get_by_role("link", name="Grant payments and reports").click()
    expect(page.locator("h1")).to_have_text("Grant payments")
    expect(main(page)).to_contain_text("No released tranche waits for payment.")
    assert_accessible(page, "the payments desk")
    page.get_by_role("link", name=awarded.number).click()
    expect(page.locator("h1")).to_have_text("Record the agreement")
    assert_accessible(page, "recording the agreement")
    page.get_by_label("Agreement signed on").fill(today.isoformat())
    page.get_by_label("Project starts on").fill(today.isoformat())
    page.get_by_role("button", name="Record the agreement").click()

    project = Project.objects.get()
    assert project.amount == data.REQUESTED
    expect(messages(page)).to_contain_text(f"The agreement {project.agreement_number} is recorded.")
    expect(page.locator("h1")).to_have_text("Youth centre in Aktau")
    tranches = page.locator("table").filter(has_text="Due on").first.locator("tbody tr")
    expect(tranches).to_have_count(2)
    expect(tranches.nth(0)).to_contain_text("810,000.00")
    expect(tranches.nth(0)).to_contain_text("Due")
    expect(tranches.nth(1)).to_contain_text("1,890,000.00")
    expect(tranches.nth(1)).to_contain_text("Not released")
    assert_accessible(page, "the project page, as the operator")

    # The advance is paid.
    page.goto("/grants/operator/payments/")
    advance = project.tranches.get(number=1)
    row = page.locator("table tbody tr").filter(has_text=project.agreement_number)
    expect(row).to_contain_text("(advance)")
    # Pre-filled as the page writes numbers (in English 810,000), and recorded as it is.
    expect(row.get_by_label("Amount, ₸")).to_have_value(re.compile(r"^810,000(\.0+)?$"))
    expect(row.get_by_label("Paid on")).to_have_value(today.isoformat())
    row.get_by_role("button", name="Record").click()
    expect(messages(page)).to_contain_text("The payment is recorded.")
    expect(main(page)).to_contain_text("No released tranche waits for payment.")
    assert Payment.objects.get().tranche == advance

    # The NGO member fills and submits the (simplified, final) report.
    member = new_context(**EN).new_page()
    sign_in(member, bob.email)
    report = project.reports.get()
    assert (report.kind, report.simplified) == ("final", True)
    member.get_by_role("link", name=re.compile(r"^Report due .*: Youth centre in Aktau$")).click()
    expect(member.locator("h1")).to_have_text("Final report: Youth centre in Aktau")
    assert_accessible(member, "the report form")
    member.get_by_label("What was done").fill(
        "The centre opened; 320 young people took part in 24 trainings."
    )
    member.get_by_label("Public summary").fill(
        "320 young people of Aktau got career guidance at the new centre."
    )
    member.get_by_label("Total spent since the start, ₸").fill("2650000")
    member.get_by_label("Attach a document").set_input_files(data.pdf_upload("Act of completed works.pdf"))
    member.get_by_role("button", name="Submit to the operator").click()
    expect(messages(member)).to_contain_text("The report is submitted to the operator.")
    reports = member.locator("table").filter(has_text="Submitted").last
    expect(reports).to_contain_text("Final report")
    report.refresh_from_db()
    assert report.status == "submitted"

    # The operator approves it: the second tranche is released.
    page.goto("/grants/operator/payments/")
    page.get_by_role("link", name=f"{project.agreement_number}: Final report").click()
    expect(main(page)).to_contain_text("320 young people of Aktau got career guidance at the new centre.")
    expect(main(page)).to_contain_text("2,650,000.00 ₸")
    expect(page.get_by_role("link", name="Act of completed works.pdf")).to_be_visible()
    assert_accessible(page, "reviewing the report")
    page.get_by_role("button", name="Approve").click()
    expect(messages(page)).to_contain_text("The report is approved.")
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED
    second = project.tranches.get(number=2)
    assert second.due_on is not None and second.released_by_report == report
    tranches = page.locator("table").filter(has_text="Due on").first.locator("tbody tr")
    expect(tranches.nth(0)).to_contain_text("Paid")
    expect(tranches.nth(1)).to_contain_text(second.due_on.strftime("%d.%m.%Y"))
    expect(tranches.nth(1)).to_contain_text("Due")
    expect(tranches.nth(1)).not_to_contain_text("Not released")
    page.goto("/grants/operator/payments/")
    expect(page.locator("table tbody tr").filter(has_text=project.agreement_number)).to_contain_text(
        "1,890,000.00"
    )

    # Everyone sees the public part of the project, and the monitoring dashboard.
    visitor = new_context(**EN).new_page()
    visitor.goto(project.get_absolute_url())
    expect(visitor.locator("h1")).to_have_text("Youth centre in Aktau")
    public = visitor.locator("section.project-public")
    expect(public).to_contain_text(project.agreement_number)
    expect(public).to_contain_text("2,700,000.00 ₸")
    expect(public).to_contain_text("810,000.00 ₸")  # paid so far
    expect(public).to_contain_text("320 young people of Aktau got career guidance at the new centre.")
    expect(visitor.locator("main")).not_to_contain_text("Tranches")
    expect(visitor.locator("main")).not_to_contain_text("The centre opened; 320 young people")
    assert_accessible(visitor, "the public project page")
    visitor.goto("/grants/dashboard/")
    expect(visitor.locator("h1")).to_have_text("State grants: monitoring")
    stats = visitor.locator(".stats")
    expect(stats).to_contain_text("1 grants awarded")
    expect(stats).to_contain_text("2.7 mln ₸ awarded")
    assert_accessible(visitor, "the grants dashboard")


# 6. The citizen: calls, results and open data ----------------------------------------------------------------


def test_citizen_reads_calls_results_and_open_data(page, ngo):
    operator = data.make_operator()
    open_call = data.open_call("open-2026", "Civic initiatives of young people 2026")
    data.direction(open_call, "Support for youth")
    data.direction(open_call, "Clean cities and villages", position=1)
    decided = data.closed_call("results-2026", "Social projects 2025", results_published=True)
    direction = data.direction(decided, "Support for the elderly")
    awarded = data.application(
        decided,
        direction,
        ngo,
        1,
        Application.Status.AWARDED,
        title="Day centre in Aktau",
        final_score=Decimal("88.00"),
    )
    rejected = data.application(
        decided,
        direction,
        data.other_organisation("Кемел"),
        2,
        Application.Status.NOT_AWARDED,
        title="Clubs for the elderly",
        final_score=Decimal("54.00"),
    )
    project = project_services.project_create(
        application=awarded, by=operator, signed_on=timezone.localdate(), starts_on=timezone.localdate()
    )

    page.goto("/")
    page.get_by_role("link", name="Grants", exact=True).click()
    expect(page.locator("h1")).to_have_text("Calls for grant applications")
    results = page.locator("#results")
    expect(results).to_contain_text("2 calls")
    assert_accessible(page, "the list of calls, for a citizen")
    # The phase filter (htmx swaps the list in place).
    page.get_by_label("Phase").select_option(label="Results published")
    expect(results).to_contain_text("1 call")
    expect(results.get_by_role("link", name="Social projects 2025")).to_be_visible()
    expect(results.get_by_role("link", name="Civic initiatives of young people 2026")).to_have_count(0)
    page.get_by_label("Phase").select_option(label="Open for applications")
    expect(results.get_by_role("link", name="Social projects 2025")).to_have_count(0)

    results.get_by_role("link", name="Civic initiatives of young people 2026").click()
    expect(page.locator("h1")).to_have_text("Civic initiatives of young people 2026")
    expect(page.locator("ul.tags").first).to_contain_text("Open for applications")
    expect(page.get_by_role("link", name="Sign in to apply")).to_be_visible()
    expect(main(page)).to_contain_text("Clean cities and villages")
    assert_accessible(page, "an open call, for a citizen")

    page.goto("/grants/calls/results-2026/")
    expect(page.locator("ul.tags").first).to_contain_text("Results published")
    page.get_by_role("link", name="Results of the call").click()
    expect(page.locator("h1")).to_have_text("Results: Social projects 2025")
    summary = page.locator("table").first.locator("tbody tr")
    expect(summary).to_have_count(1)
    expect(summary).to_contain_text("2,700,000.00")
    rows = page.locator("table").nth(1).locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("main")).to_contain_text("2 decisions")
    expect(rows.filter(has_text=awarded.number)).to_contain_text("Awarded")
    expect(rows.filter(has_text=awarded.number)).to_contain_text("2,700,000.00")
    expect(rows.filter(has_text=rejected.number)).to_contain_text("Not awarded")
    expect(
        rows.filter(has_text=awarded.number).get_by_role("link", name="Day centre in Aktau")
    ).to_have_attribute("href", project.get_absolute_url())
    assert_accessible(page, "the results of a call")
    page.get_by_label("Decision").select_option("awarded")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("main")).to_contain_text("1 decision")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(awarded.number)

    page.get_by_role("link", name="Open data: all awarded grants").click()
    expect(page.locator("h1")).to_have_text("Open data on grants")
    assert_accessible(page, "the open data page")

    csv_link = page.get_by_role("link", name="azamat-grants.csv")
    response = page.request.get(csv_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="azamat-grants.csv"' in response.headers["content-disposition"]
    assert response.body().startswith(b"\xef\xbb\xbf")  # the BOM: Excel on Windows reads Cyrillic
    text = response.text().removeprefix("\ufeff")
    table = list(csv.DictReader(io.StringIO(text)))
    header = text.splitlines()[0].split(",")
    assert header[:3] == ["Identifier", "Title", "Description"]
    assert [row["Identifier"] for row in table] == [f"360G-azamat-{awarded.number}"]
    assert table[0]["Recipient Org:Company Number"] == ngo.bin
    assert table[0]["Amount Awarded"] == "2700000.00"
    assert table[0]["Currency"] == "KZT"

    response = page.request.get(page.get_by_role("link", name="azamat-grants.json").get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"].startswith("application/json")
    assert f"360G-azamat-{awarded.number}" in json.dumps(response.json(), ensure_ascii=False)
    response = page.request.get(page.get_by_role("link", name="azamat-grants.xlsx").get_attribute("href"))
    assert response.status == 200
    assert (
        response.headers["content-type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response.body().startswith(b"PK\x03\x04")

    # The project's public page, from the results.
    page.go_back()
    page.get_by_role("link", name="Day centre in Aktau").click()
    expect(page.locator("section.project-public")).to_contain_text(project.agreement_number)
    expect(page.locator("main")).not_to_contain_text("Tranches")
