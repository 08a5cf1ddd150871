"""The campaign workspace's rows of the authorisation matrix, and the objects they need in the world.

A private campaign of the first NGO (the owner its coordinator, the member on its team) with the other NGO an
accepted partner sharing the needs only; a public campaign showing its problem and needs; and a campaign to
which the other NGO is invited and has not answered. Risks, the team and the plan PDF are the team's alone."""

from tests.security.matrix import Case
from tests.security.world import World

TEAM = ("member", "owner")
COORDINATORS = ("owner",)
PARTNERS = ("other_member", "other_admin")
ACTING = TEAM + PARTNERS  # active members of an organisation: they may start a campaign


def build(w: World) -> None:
    import datetime

    from azamat.campaigns import services
    from azamat.campaigns.models import Need

    owner, member = w.people["owner"], w.people["member"]
    other = w.people["other_admin"]
    w.campaign_private = services.campaign_create(
        by=owner, organisation=w.ngo, title="Частная кампания", problem_statement="Проблема"
    )
    services.team_add(campaign=w.campaign_private, by=owner, email=member.email)
    partner = services.partner_invite(
        campaign=w.campaign_private, by=owner, organisation=w.other_ngo, shared_parts=["needs"]
    )
    services.partner_answer(partner=partner, by=other, accept=True, rules_agreed=True)
    w.campaign_partner = partner
    w.campaign_need = services.item_add(campaign=w.campaign_private, by=owner, model=Need, text="Нужда")
    services.risk_add(
        campaign=w.campaign_private, by=owner, threat="Угроза", exposed="НКО", likelihood=5, impact=5
    )
    services.action_add(
        campaign=w.campaign_private, by=owner, title="Встреча", starts_on=datetime.date(2026, 3, 1)
    )
    w.campaign_indicator = services.indicator_add(
        campaign=w.campaign_private, by=owner, name="Пандусы", baseline=1, target=5
    )
    w.campaign_value = services.value_add(
        indicator=w.campaign_indicator, by=owner, measured_on=datetime.date(2026, 4, 1), value=2
    )
    services.feed_token_issue(campaign=w.campaign_private, by=owner)
    w.campaign_member = w.campaign_private.team.get(user=member)
    w.campaign_public = services.campaign_create(
        by=owner,
        organisation=w.ngo,
        title="Публичная кампания",
        problem_statement="Открытая проблема",
        visibility="public",
        public_parts=["problem", "needs"],
    )
    w.campaign_invite = services.campaign_create(
        by=owner, organisation=w.ngo, title="Кампания с приглашением", problem_statement="Проблема"
    )
    w.campaign_invitation = services.partner_invite(
        campaign=w.campaign_invite, by=owner, organisation=w.other_ngo
    )


def _cases() -> dict[str, list]:
    from tests.security.matrix import NOWHERE, POST_ONLY, PUBLIC, allow

    def none(w):
        return {}

    def private(w):
        return {"pk": w.campaign_private.pk}

    def public(w):
        return {"pk": w.campaign_public.pk}

    def stage(code, which=private):
        return lambda w: {**which(w), "stage": code}

    def need(w):
        return {**private(w), "kind": "need", "item": w.campaign_need.pk}

    team_only = allow(TEAM, anonymous="403")
    readers = allow(TEAM + PARTNERS, anonymous="403")
    team_page = allow(TEAM)
    team_post = allow(TEAM, "302")
    return {
        "campaigns:list": [Case("", none, PUBLIC)],
        "campaigns:new": [Case("", none, allow(ACTING), allow(ACTING, "400"), ACTING)],
        "campaigns:campaign": [
            Case("private", private, readers),
            Case("public", public, PUBLIC),
            Case(
                "invited",
                lambda w: {"pk": w.campaign_invite.pk},
                allow(("owner",) + PARTNERS, anonymous="403"),
            ),
        ],
        "campaigns:edit": [Case("", private, team_page, allow(TEAM, "400"), TEAM)],
        # An unknown step: the team's 404, nothing changed.
        "campaigns:status": [Case("", private, POST_ONLY, allow(TEAM, "404"), TEAM)],
        "campaigns:team": [Case("", private, team_page, allow(COORDINATORS, "400"), COORDINATORS)],
        "campaigns:team_member": [
            Case(
                "",
                lambda w: {**private(w), "member": w.campaign_member.pk},
                POST_ONLY,
                allow(COORDINATORS, "302"),
                COORDINATORS,
            )
        ],
        "campaigns:partners": [Case("", private, team_page, allow(COORDINATORS, "400"), COORDINATORS)],
        "campaigns:partner_edit": [
            Case(
                "",
                lambda w: {**private(w), "partner": w.campaign_partner.pk},
                POST_ONLY,
                allow(COORDINATORS, "400"),
                COORDINATORS,
            )
        ],
        # Without an answer nothing changes (the invited organisation's people get the page back).
        "campaigns:partner_answer": [
            Case(
                "",
                lambda w: {"pk": w.campaign_invite.pk, "partner": w.campaign_invitation.pk},
                POST_ONLY,
                allow(PARTNERS, "302"),
                PARTNERS,
            )
        ],
        "campaigns:partner_leave": [
            Case(
                "",
                lambda w: {"pk": w.campaign_invite.pk, "partner": w.campaign_invitation.pk},
                POST_ONLY,
                allow(PARTNERS + COORDINATORS, "302"),
                PARTNERS + COORDINATORS,
            )
        ],
        "campaigns:security_check": [Case("", private, POST_ONLY, team_post, TEAM)],
        "campaigns:feed_token": [Case("", private, POST_ONLY, team_post, TEAM)],
        "campaigns:feed": [
            Case("", lambda w: {**private(w), "token": w.campaign_private.feed_token}, PUBLIC),
            Case("wrong token", lambda w: {**private(w), "token": "not-the-token"}, NOWHERE),
        ],
        "campaigns:plan_pdf": [Case("", private, team_page)],
        "campaigns:value_add": [
            Case(
                "",
                lambda w: {**private(w), "indicator": w.campaign_indicator.pk},
                POST_ONLY,
                allow(TEAM, "400"),
                TEAM,
            )
        ],
        # Without confirm=1 nothing is deleted.
        "campaigns:value_delete": [
            Case("", lambda w: {**private(w), "value": w.campaign_value.pk}, POST_ONLY, team_post, TEAM)
        ],
        "campaigns:stage": [
            Case("needs, shared", stage("needs"), readers),
            Case("risks", stage("risks"), team_only),
            Case("plan", stage("plan"), team_only),
            Case("public needs", stage("needs", public), PUBLIC),
            Case("public risks", stage("risks", public), allow(COORDINATORS, anonymous="403")),
            Case("no such stage", stage("nothing"), allow(TEAM + PARTNERS, "404", anonymous="403")),
        ],
        "campaigns:item_add": [
            Case("", lambda w: {**private(w), "kind": "need"}, POST_ONLY, allow(TEAM, "400"), TEAM)
        ],
        "campaigns:item_edit": [Case("", need, team_page, allow(TEAM, "400"), TEAM)],
        "campaigns:item_delete": [Case("", need, POST_ONLY, team_post, TEAM)],
    }


CASES: dict[str, list] = _cases()
