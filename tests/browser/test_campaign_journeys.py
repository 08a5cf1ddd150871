"""The campaign workspace in the browser, in Russian, on a 390 px wide window: a team starts a campaign and runs
it through its stages — a need, a stakeholder from the register (the power/interest grid), a method and a
message, an action on the plan, a high risk (the heat map), an indicator with a value (its chart) — and downloads
the plan as PDF; an invited partner organisation accepts, agreeing the rules, and then sees what is shared.
Locators use the forms' fields and the addresses, so the journey holds in any language; axe-core checks pages."""

import pytest
from playwright.sync_api import expect

from azamat.campaigns.models import Campaign, Partner
from azamat.registry.models import GovernmentBody, Membership
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

from .support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def person_of(organisation, email: str, name: str):
    user = UserFactory(email=email, full_name=name)
    MembershipFactory(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    return user


def add(page, kind: str, fields: dict, selects: dict | None = None) -> None:
    """Open the add form of `kind` on a stage page, fill it and send it."""
    form = page.locator(f"form[action*='/{kind}/add/']")
    form.locator("xpath=ancestor::details").locator("summary").click()
    for name, value in fields.items():
        form.locator(f"[name='{name}']").fill(value)
    for name, value in (selects or {}).items():
        form.locator(f"select[name='{name}']").select_option(value)
    form.locator("button[type='submit']").click()


def test_a_team_runs_a_campaign_through_its_stages(make_page):
    ngo = OrganisationFactory(name_ru="Фонд «Қамқор»", name_kk="«Қамқор» қоры")
    lead = person_of(ngo, "lead@example.kz", "Айгерим Бекова")
    body = GovernmentBody.objects.get(code="mci-civil-society")

    page = make_page(locale="ru-RU", **PHONE)
    sign_in(page, lead.email)
    page.goto("/campaigns/")
    page.locator("a[href='/campaigns/new/']").first.click()
    page.locator("#id_title").fill("Пандусы в поликлиниках Караганды")
    page.locator("#id_problem_statement").fill("В трёх из пяти поликлиник нет пандуса.")
    page.locator("#id_target_audience").fill("Люди на колясках и их семьи")
    page.locator("#id_goal").fill("Пандусы во всех поликлиниках города")
    assert_accessible(page, "the new campaign form")
    page.locator("form.stack button[type='submit']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Пандусы в поликлиниках Караганды")
    campaign = Campaign.objects.get()
    base = f"/campaigns/{campaign.pk}"
    assert fits(page), "the campaign page scrolls sideways at 390 px"

    page.goto(f"{base}/stage/needs/")
    add(
        page,
        "need",
        {"text": "Попасть в поликлинику без посторонней помощи", "evidence": "Опрос 120 человек"},
        {"source": "survey"},
    )
    expect(page.locator("ul.results")).to_contain_text("Попасть в поликлинику")
    assert_accessible(page, "the needs stage")

    page.goto(f"{base}/stage/stakeholders/")
    add(
        page,
        "stakeholder",
        {},
        {"kind": "body", "body": str(body.pk), "position": "-2", "influence": "5", "interest": "4"},
    )
    expect(page.locator("#power-interest")).to_be_visible()
    expect(page.locator("table")).to_contain_text(body.name_ru)
    assert fits(page), "the grid scrolls sideways at 390 px"
    assert_accessible(page, "the stakeholders stage with the grid")

    page.goto(f"{base}/stage/methods/")
    add(
        page,
        "method",
        {"description": "Петиция акиму", "starts_on": "2026-03-01"},
        {"kind": "petition", "owner": str(lead.pk)},
    )
    add(page, "message", {"audience": "Акимат", "text": "Закон требует доступной среды"})
    expect(page.locator("main")).to_contain_text("Петиция акиму")
    expect(page.locator("main")).to_contain_text("Закон требует доступной среды")

    page.goto(f"{base}/stage/plan/")
    add(
        page,
        "action",
        {"title": "Встреча с заместителем акима", "starts_on": "2026-03-10"},
        {"kind": "meeting", "owner": str(lead.pk)},
    )
    expect(page.locator("table")).to_contain_text("Встреча с заместителем акима")
    page.locator(f"form[action='{base}/feed/'] button").click()
    expect(page.locator("#calendar a[href$='.ics']")).to_be_visible()
    assert_accessible(page, "the action plan")

    page.goto(f"{base}/stage/risks/")
    add(
        page,
        "risk",
        {"threat": "Давление на активистов после публикаций", "exposed": "активисты"},
        {"likelihood": "4", "impact": "5"},
    )
    expect(page.locator("li.risk-high")).to_contain_text("Давление на активистов")
    expect(page.locator("#risk-map")).to_be_visible()
    assert fits(page), "the risk map scrolls sideways at 390 px"
    assert_accessible(page, "the risks stage with the heat map")

    page.goto(f"{base}/stage/evaluation/")
    add(page, "indicator", {"name": "Поликлиники с пандусом", "unit": "шт.", "baseline": "2", "target": "5"})
    indicator = campaign.indicators.get()
    value_form = page.locator(f"form[action$='/indicators/{indicator.pk}/values/']")
    value_form.locator("xpath=ancestor::details").locator("summary").click()
    value_form.locator("[name='value-measured_on']").fill("2026-04-01")
    value_form.locator("[name='value-value']").fill("3")
    value_form.locator("button[type='submit']").click()
    expect(page.locator(f"#indicator-{indicator.pk} circle")).to_have_count(1)
    assert_accessible(page, "the evaluation stage with the chart")

    page.goto(base + "/")
    with page.expect_download() as download:
        page.locator(f"a[href='{base}/plan.pdf']").first.click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    assert campaign.needs.count() == campaign.stakeholders.count() == campaign.risks.count() == 1
    for part in ("team", "partners"):
        page.goto(f"{base}/{part}/")
        assert_accessible(page, f"the campaign's {part}")
        assert fits(page), f"the campaign's {part} scrolls sideways at 390 px"


def test_a_partner_accepts_the_invitation_agreeing_the_rules(make_page):
    from azamat.campaigns import services

    ngo = OrganisationFactory(name_ru="Фонд «Қамқор»", name_kk="«Қамқор» қоры")
    lead = person_of(ngo, "lead@example.kz", "Айгерим Бекова")
    partner_org = OrganisationFactory(name_ru="Союз юристов", name_kk="Заңгерлер одағы")
    partner_person = person_of(partner_org, "partner@example.kz", "Ерлан Садыков")
    campaign = services.campaign_create(
        by=lead,
        organisation=ngo,
        title="Доступная среда",
        problem_statement="Нет пандусов.",
        rules="Решения принимаются вместе; от имени коалиции говорит координатор.",
    )
    services.need_add(campaign=campaign, by=lead, text="Пандусы у входа")
    services.partner_invite(campaign=campaign, by=lead, organisation=partner_org, shared_parts=["needs"])

    page = make_page(locale="ru-RU", **PHONE)
    sign_in(page, partner_person.email)
    page.goto("/campaigns/")
    page.locator(f"a[href='/campaigns/{campaign.pk}/']").first.click()
    expect(page.locator("main")).to_contain_text("от имени коалиции говорит координатор")
    assert_accessible(page, "the invitation")
    page.locator("button[value='accept']").click()  # without agreeing the rules: refused
    assert Partner.objects.get().status == "invited"
    page.locator("input[name='rules_agreed']").check()
    page.locator("button[value='accept']").click()
    expect(page.locator(f"a[href='/campaigns/{campaign.pk}/stage/needs/']")).to_be_visible()
    assert Partner.objects.get().status == "accepted"
    page.goto(f"/campaigns/{campaign.pk}/stage/needs/")
    expect(page.locator("main")).to_contain_text("Пандусы у входа")
    assert page.goto(f"/campaigns/{campaign.pk}/stage/risks/").status == 403
