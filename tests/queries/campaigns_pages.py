"""The query-count cases of the campaign workspace: the list of campaigns (public ones, one's own, invitations),
a campaign's page (objectives, partners) and each stage page, the team and the coalition, registered into
`PAGE_CASES` on import. Rows vary: different organisations, bodies, owners. `LIST_PAGES` and `NOT_LISTS` declare
the module's pages."""

import datetime

from django.urls import reverse

from tests.queries.support import SERIALS, other_region, page_case


def _person_of_new_organisation(serial: int):
    from azamat.registry.models import Membership
    from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

    organisation = OrganisationFactory(region=other_region(serial))
    user = UserFactory(full_name=f"Участник {serial}")
    MembershipFactory(user=user, organisation=organisation, role=Membership.Role.ADMIN, status="active")
    return organisation, user


def _campaign(ctx):
    """Alice's campaign, made before its rows (its address names it)."""
    from azamat.campaigns import services

    if "campaign_for_page" not in ctx:
        ctx["campaign_for_page"] = services.campaign_create(
            by=ctx["alice"],
            organisation=ctx["ngo"],
            title="Кампания для подсчёта",
            problem_statement="Проблема",
        )
    return ctx["campaign_for_page"]


def _stage_url(code):
    return lambda ctx: reverse("campaigns:stage", args=[_campaign(ctx).pk, code])


@page_case("campaigns", persona="alice", url=lambda ctx: reverse("campaigns:list"))
def _list(k, ctx):
    """Public campaigns of other organisations with partners, campaigns Alice is on, invitations to her NGO."""
    from azamat.campaigns import services

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        organisation, person = _person_of_new_organisation(serial)
        public = services.campaign_create(
            by=person,
            organisation=organisation,
            title=f"Публичная {serial}",
            problem_statement="П",
            visibility="public",
        )
        partner_org, partner_person = _person_of_new_organisation(next(SERIALS))
        partner = services.partner_invite(campaign=public, by=person, organisation=partner_org)
        services.partner_answer(partner=partner, by=partner_person, accept=True, rules_agreed=True)
        invited = services.campaign_create(
            by=person, organisation=organisation, title=f"Приглашение {serial}", problem_statement="П"
        )
        services.partner_invite(campaign=invited, by=person, organisation=ctx["ngo"])
        mine = services.campaign_create(
            by=ctx["alice"], organisation=ctx["ngo"], title=f"Моя {serial}", problem_statement="П"
        )
        rows += [public.title, partner_org.name_ru, invited.title, mine.title]
    return rows


@page_case(
    "a campaign's page",
    persona="alice",
    url=lambda ctx: reverse("campaigns:campaign", args=[_campaign(ctx).pk]),
)
def _page(k, ctx):
    from azamat.campaigns import services

    campaign, rows = _campaign(ctx), []
    for _ in range(k):
        serial = next(SERIALS)
        organisation, person = _person_of_new_organisation(serial)
        partner = services.partner_invite(campaign=campaign, by=ctx["alice"], organisation=organisation)
        services.partner_answer(partner=partner, by=person, accept=True, rules_agreed=True)
        services.objective_add(campaign=campaign, by=ctx["alice"], text=f"Цель {serial}")
        rows += [organisation.name_ru, f"Цель {serial}"]
    return rows


@page_case(
    "a campaign's team", persona="alice", url=lambda ctx: reverse("campaigns:team", args=[_campaign(ctx).pk])
)
def _team(k, ctx):
    from azamat.campaigns import services
    from azamat.testing.factories import MembershipFactory, UserFactory

    campaign, rows = _campaign(ctx), []
    for _ in range(k):
        serial = next(SERIALS)
        user = UserFactory(email=f"team{serial}@example.kz", full_name=f"Член команды {serial}")
        MembershipFactory(user=user, organisation=ctx["ngo"], status="active")
        services.team_add(campaign=campaign, by=ctx["alice"], email=user.email)
        rows.append(user.full_name)
    return rows


@page_case(
    "a campaign's partners",
    persona="alice",
    url=lambda ctx: reverse("campaigns:partners", args=[_campaign(ctx).pk]),
)
def _partners(k, ctx):
    from azamat.campaigns import services

    campaign, rows = _campaign(ctx), []
    for _ in range(k):
        organisation, _person = _person_of_new_organisation(next(SERIALS))
        services.partner_invite(
            campaign=campaign, by=ctx["alice"], organisation=organisation, shared_parts=["needs"]
        )
        rows.append(organisation.name_ru)
    return rows


@page_case("stage: needs", persona="alice", url=_stage_url("needs"))
def _needs(k, ctx):
    from azamat.campaigns import services

    campaign = _campaign(ctx)
    texts = [f"Нужда {next(SERIALS)}" for _ in range(k)]
    for text in texts:
        services.need_add(campaign=campaign, by=ctx["alice"], text=text, source="survey")
    return texts


@page_case("stage: stakeholders", persona="alice", url=_stage_url("stakeholders"))
def _stakeholders(k, ctx):
    from azamat.campaigns import services
    from azamat.registry.models import GovernmentBody

    campaign, rows = _campaign(ctx), []
    bodies = list(GovernmentBody.objects.order_by("pk"))
    for _ in range(k):
        serial = next(SERIALS)
        organisation, _person = _person_of_new_organisation(serial)
        body = bodies[serial % len(bodies)]
        services.stakeholder_add(
            campaign=campaign, by=ctx["alice"], kind="body", body=body, influence=serial % 5 + 1
        )
        services.stakeholder_add(
            campaign=campaign, by=ctx["alice"], kind="organisation", organisation=organisation
        )
        rows += [body.name, organisation.name]
    return rows


@page_case("stage: methods and messages", persona="alice", url=_stage_url("methods"))
def _methods(k, ctx):
    from azamat.campaigns import services

    campaign, rows = _campaign(ctx), []
    for _ in range(k):
        serial = next(SERIALS)
        stakeholder = services.stakeholder_add(
            campaign=campaign, by=ctx["alice"], kind="media", name=f"СМИ {serial}"
        )
        services.method_add(
            campaign=campaign,
            by=ctx["alice"],
            kind="letter",
            description=f"Письмо {serial}",
            owner=ctx["alice"],
        )
        services.message_add(
            campaign=campaign,
            by=ctx["alice"],
            audience=f"Аудитория {serial}",
            stakeholder=stakeholder,
            text="Т",
        )
        rows += [f"Письмо {serial}", f"Аудитория {serial}", f"СМИ {serial}"]
    return rows


@page_case("stage: action plan", persona="alice", url=_stage_url("plan"))
def _plan(k, ctx):
    from azamat.campaigns import services

    campaign, rows = _campaign(ctx), []
    for _ in range(k):
        serial = next(SERIALS)
        method = services.method_add(campaign=campaign, by=ctx["alice"], kind="meeting")
        services.action_add(
            campaign=campaign,
            by=ctx["alice"],
            title=f"Шаг {serial}",
            method=method,
            owner=ctx["alice"],
            starts_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=serial % 300),
        )
        rows.append(f"Шаг {serial}")
    return rows


@page_case("stage: risks", persona="alice", url=_stage_url("risks"))
def _risks(k, ctx):
    from azamat.campaigns import services

    campaign, rows = _campaign(ctx), []
    for _ in range(k):
        serial = next(SERIALS)
        services.risk_add(
            campaign=campaign,
            by=ctx["alice"],
            threat=f"Угроза {serial}",
            exposed="НКО",
            likelihood=serial % 5 + 1,
            impact=(serial // 5) % 5 + 1,
            owner=ctx["alice"],
        )
        rows.append(f"Угроза {serial}")
    return rows


@page_case("stage: evaluation", persona="alice", url=_stage_url("evaluation"))
def _evaluation(k, ctx):
    from azamat.campaigns import services

    campaign, rows = _campaign(ctx), []
    for _ in range(k):
        serial = next(SERIALS)
        indicator = services.indicator_add(
            campaign=campaign, by=ctx["alice"], name=f"Показатель {serial}", baseline=0, target=10
        )
        for day in (1, 2):
            services.value_add(
                indicator=indicator, by=ctx["alice"], measured_on=datetime.date(2026, 1, day), value=day
            )
        services.lesson_add(campaign=campaign, by=ctx["alice"], text=f"Урок {serial}")
        rows += [f"Показатель {serial}", f"Урок {serial}"]
    return rows


FORM_OR_ACTION = "a form or an action: it shows no list of records"
LIST_PAGES = {
    "campaigns:list": "campaigns",
    "campaigns:campaign": "a campaign's page",
    "campaigns:team": "a campaign's team",
    "campaigns:partners": "a campaign's partners",
    "campaigns:stage": (
        "stage: needs",
        "stage: stakeholders",
        "stage: methods and messages",
        "stage: action plan",
        "stage: risks",
        "stage: evaluation",
    ),
}
NOT_LISTS = {
    "campaigns:new": FORM_OR_ACTION,
    "campaigns:edit": FORM_OR_ACTION,
    "campaigns:status": FORM_OR_ACTION,
    "campaigns:team_member": FORM_OR_ACTION,
    "campaigns:partner_answer": FORM_OR_ACTION,
    "campaigns:partner_edit": FORM_OR_ACTION,
    "campaigns:partner_leave": FORM_OR_ACTION,
    "campaigns:security_check": FORM_OR_ACTION,
    "campaigns:feed_token": FORM_OR_ACTION,
    "campaigns:feed": "a file download (the calendar: one query for the actions)",
    "campaigns:plan_pdf": "a file download (the PDF reads each part once)",
    "campaigns:value_add": FORM_OR_ACTION,
    "campaigns:value_delete": FORM_OR_ACTION,
    "campaigns:item_add": FORM_OR_ACTION,
    "campaigns:item_edit": "a form (its choices: the campaign's team, stakeholders and methods, bounded by the campaign)",
    "campaigns:item_delete": FORM_OR_ACTION,
}
