"""The accountability module's rows of the authorisation matrix, and the objects they need in the world."""

from tests.security.matrix import Case  # noqa: F401
from tests.security.world import World


def build(w: World) -> None:
    """Add the module's objects to the security world."""
    _build_control(w)
    _build_public(w)


CASES: dict[str, list] = {}


# public control (control) ----------------------------------------------------------------------------------
# A check in progress run by the first NGO (its member leads the team; its owner administers the NGO), with
# findings, a final document not yet public, a named outside expert and a draft recommendation; and a completed
# check whose final document is public.


def _build_control(w: World) -> None:
    import datetime

    from django.utils import timezone

    from azamat.accountability import control
    from azamat.testing import control_factories as make

    today = timezone.localdate()
    member = w.people["member"]
    w.control_check = make.check(
        by=member, organisation=w.ngo, body=w.body, starts_on=today - datetime.timedelta(days=10)
    )
    make.with_findings(w.control_check, by=member)
    control.check_document_upload(check=w.control_check, by=member, upload=make.pdf())
    w.control_named_member = control.check_member_add(
        check=w.control_check, by=member, name="Внешний эксперт Серік Ахметов", role="expert"
    )
    w.control_draft = make.draft(w.control_check, by=member, body=w.other_body)
    w.control_completed = make.check(
        by=member,
        organisation=w.ngo,
        body=w.other_body,
        subject="Общественная экспертиза программы",
        method="expertise",
        starts_on=today - datetime.timedelta(days=90),
        ends_on=today - datetime.timedelta(days=30),
    )
    make.completed(w.control_completed, by=member, completed_on=today - datetime.timedelta(days=30))


def _control_cases() -> dict[str, list]:
    from tests.security.matrix import POST_ONLY, PUBLIC, allow, table

    editors = (
        "member",
        "owner",
        "platform_admin",
    )  # the team's lead, the NGO's administrator, the platform's
    creators = (
        "member",
        "owner",
        "other_member",
        "other_admin",
        "platform_admin",
    )  # active members of an NGO

    def running(w):
        return {"pk": w.control_check.pk}

    def completed(w):
        return {"pk": w.control_completed.pk}

    def post(code, kwargs=running):
        return [Case("", kwargs, POST_ONLY, allow(editors, code), editors)]

    return {
        "accountability:control_checks": [Case("", lambda w: {}, PUBLIC)],
        "accountability:control_check": [
            Case("in progress", running, PUBLIC),
            Case("completed", completed, PUBLIC),
        ],
        "accountability:control_check_create": [
            Case("", lambda w: {}, allow(creators), allow(creators, "400"), creators)
        ],
        "accountability:control_check_edit": [
            Case("", running, allow(editors), allow(editors, "400"), editors)
        ],
        "accountability:control_check_team_add": post("400"),
        "accountability:control_check_team_remove": post(
            "302", lambda w: {"pk": w.control_check.pk, "member_pk": w.control_named_member.pk}
        ),
        "accountability:control_check_results": [
            Case("", running, allow(editors), allow(editors, "400"), editors)
        ],
        "accountability:control_check_document_upload": post("400"),
        # Before completion only those who run the check read the final document; the others learn nothing.
        "accountability:control_check_document": [
            Case("in progress", running, table("404", **dict.fromkeys(editors, "200"))),
            Case("completed", completed, PUBLIC),
        ],
        # Without the confirmation the summary to confirm (200), and nothing changes.
        "accountability:control_check_complete": post("200"),
        "accountability:control_check_recommendations": [
            Case("", running, allow(editors), allow(editors, "400"), editors)
        ],
        "accountability:control_recommendation_remove": post(
            "302", lambda w: {"pk": w.control_check.pk, "recommendation_pk": w.control_draft.pk}
        ),
        "accountability:control_recommendations_send": [
            Case("", running, allow(editors), allow(editors, "200"), editors)
        ],
    }


CASES.update(_control_cases())
# end of public control (control) ---------------------------------------------------------------------------


# public pages (accpublic) ----------------------------------------------------------------------------------
# The figures, ranking, items list, downloads and feeds are public; following a body or a region takes a
# signed-in person and a POST. Two items of the officer's body: a public one answered, and a private one,
# which the API does not show.


def _build_public(w: World) -> None:
    import datetime

    from django.utils import timezone

    from azamat.accountability import services

    today = timezone.localdate()
    sent = today - datetime.timedelta(days=40)
    w.acc_public_item = services.item_send(
        kind="appeal",
        rule="appeal",
        body=w.body,
        title="Обращение о публичных слушаниях",
        text="Просим провести слушания.",
        sent_on=sent,
        quiet=True,
    )
    services.item_answer(
        item=w.acc_public_item,
        by=w.people["officer"],
        outcome="accepted",
        text="",
        answered_on=sent + datetime.timedelta(days=5),
    )
    w.acc_private_item = services.item_send(
        kind="appeal",
        rule="appeal",
        body=w.body,
        title="Закрытое обращение",
        text="Не для публикации.",
        sent_on=today,
        is_public=False,
        quiet=True,
    )


def _public_cases() -> dict[str, list]:
    from tests.security.matrix import NOWHERE, POST_ONLY, PUBLIC, SIGNED_IN, table

    def none(w):
        return {}

    def body(w):
        return {"code": w.body.code}

    def region(w):
        return {"kato": "750000000"}

    follow = table("302", anonymous="login")  # follows (or, with follow=0, unfollows), then back to the page
    cases = {
        "accountability:overview": [Case("", none, PUBLIC)],
        "accountability:body": [Case("", body, PUBLIC)],
        "accountability:body_follow": [Case("", body, POST_ONLY, follow, SIGNED_IN)],
        "accountability:body_feed_overdue": [Case("", body, PUBLIC)],
        "accountability:body_feed_answered": [Case("", body, PUBLIC)],
        "accountability:region": [Case("", region, PUBLIC)],
        "accountability:region_follow": [Case("", region, POST_ONLY, follow, SIGNED_IN)],
        "accountability:ranking": [Case("", none, PUBLIC)],
        "accountability:ranking_download": [Case("", lambda w: {"fmt": "csv"}, PUBLIC)],
        "accountability:items": [Case("", none, PUBLIC)],
        "accountability:items_download": [Case("", lambda w: {"fmt": "xlsx"}, PUBLIC)],
        "accountability:feed_overdue": [Case("", none, PUBLIC)],
        "accountability:feed_answered": [Case("", none, PUBLIC)],
    }
    from azamat.api.urls import API_MODULES

    if "azamat.accountability.api" in API_MODULES:  # the API's rows once azamat/api/urls.py registers it
        cases.update(
            {
                "v1:accountability-item-list": [Case("", none, PUBLIC)],
                "v1:accountability-item-detail": [
                    Case("public", lambda w: {"number": w.acc_public_item.number}, PUBLIC),
                    Case("private", lambda w: {"number": w.acc_private_item.number}, NOWHERE),
                ],
                "v1:accountability-body-statistics-list": [Case("", none, PUBLIC)],
            }
        )
    return cases


CASES.update(_public_cases())
# end of public pages (accpublic) ---------------------------------------------------------------------------
