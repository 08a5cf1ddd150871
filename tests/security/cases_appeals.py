"""Appeals and court actions' rows of the authorisation matrix, and the objects they need in the world.

A private campaign of the first NGO run by its administrator (the owner: the only one on its team), with a
court action; an unsent appeal of the campaign, which the NGO's active members (owner and member) read, edit,
download and record as sent; nobody else, not even the body it is addressed to until it is sent."""

from tests.security.matrix import Case
from tests.security.world import World

WRITERS = ("member", "owner")  # the NGO's active members: its appeals are theirs
TEAM = ("owner",)  # the campaign's team
MEMBERS = ("member", "owner", "other_member", "other_admin")  # active members of an NGO may write appeals


def build(w: World) -> None:
    from azamat.testing import campaigns_factories as cf

    w.appeal_campaign = cf.campaign(
        by=w.people["owner"], organisation=w.ngo, title="Кампания со своими обращениями"
    )
    w.appeal = cf.appeal(campaign=w.appeal_campaign, body=w.body)
    w.court_action = cf.court_action(w.appeal_campaign, case_number="7527-26-00-4/1")


def _cases() -> dict[str, list]:
    from tests.security.matrix import POST_ONLY, SIGNED, allow

    def none(w):
        return {}

    def appeal(w):
        return {"pk": w.appeal.pk}

    def campaign(w):
        return {"pk": w.appeal_campaign.pk}

    def court(w):
        return {"pk": w.appeal_campaign.pk, "action_pk": w.court_action.pk}

    return {
        "campaigns:appeals": [Case("", none, SIGNED)],
        "campaigns:appeal_new_free": [Case("", none, allow(MEMBERS), allow(MEMBERS, "400"), MEMBERS)],
        "campaigns:appeal_new": [Case("", campaign, allow(TEAM), allow(TEAM, "400"), TEAM)],
        "campaigns:appeal": [Case("", appeal, allow(WRITERS))],
        "campaigns:appeal_edit": [Case("", appeal, allow(WRITERS), allow(WRITERS, "400"), WRITERS)],
        "campaigns:appeal_download": [
            Case("docx", lambda w: {"pk": w.appeal.pk, "fmt": "docx"}, allow(WRITERS)),
            Case("pdf", lambda w: {"pk": w.appeal.pk, "fmt": "pdf"}, allow(WRITERS)),
        ],
        # An empty form: the date and the channel are required, nothing is sent.
        "campaigns:appeal_sent": [Case("", appeal, POST_ONLY, allow(WRITERS, "400"), WRITERS)],
        # A private campaign: its court case is its team's (no sign-in page: the campaign says it is private).
        "campaigns:court_case": [Case("", court, allow(TEAM, anonymous="403"))],
        # An empty form clears the case's number and court (all optional): the team's 302.
        "campaigns:court_edit": [Case("", court, POST_ONLY, allow(TEAM, "302"), TEAM)],
        "campaigns:hearing_add": [Case("", court, POST_ONLY, allow(TEAM, "400"), TEAM)],
    }


CASES: dict[str, list] = _cases()
