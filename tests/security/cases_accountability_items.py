"""The rows of an accountability item's page and the body's steps on it (the item itself is public; a private
one is read by its author and its body only). The objects: an appeal from the first NGO's member to `w.body`,
and a private one."""

import datetime

from django.utils import timezone

from tests.security.matrix import POST_ONLY, PUBLIC, Case, allow, table
from tests.security.world import PERSONAS, World


def build(w: World) -> None:
    from azamat.accountability import services

    today = timezone.localdate()
    w.acc_item = services.item_send(
        kind="appeal",
        rule="appeal",
        body=w.body,
        title="Обращение о доступе к данным",
        text="Просим опубликовать данные.",
        author=w.people["member"],
        organisation=w.ngo,
        sent_on=today,
        quiet=True,
    )
    w.acc_private = services.item_send(
        kind="recommendation",
        rule="council_recommendation",
        body=w.body,
        title="Непубличная рекомендация",
        text="Закрытый текст.",
        author=w.people["member"],
        organisation=w.ngo,
        due_on=services.add_working_days(today, 10),
        sent_on=today,
        is_public=False,
        quiet=True,
    )
    w.acc_missing = datetime.date(2000, 1, 1)


def _number(w):
    return {"number": w.acc_item.number}


def _private(w):
    return {"number": w.acc_private.number}


def _missing_pk(w):
    return {"number": w.acc_item.number, "pk": 999999}


SIGNED_IN = tuple(p for p in PERSONAS if p != "anonymous")
# The body's officers: "officer", and the commission member, who sits for the same body on a tender commission.
OFFICER = ("officer", "commission_member")
# The body's officer answers (400: the form is empty); everybody else signed in is refused.
BODY_POST = allow(OFFICER, "400")
READERS = ("member", "owner", *OFFICER, "platform_admin")  # the author, the NGO's admin, the body, the admin

CASES = {
    "accountability:item": [
        Case("", _number, PUBLIC),
        Case("private", _private, allow(READERS, anonymous="403")),
    ],
    "accountability:item_answer": [Case("", _number, POST_ONLY, BODY_POST, OFFICER)],
    "accountability:item_forward": [Case("", _number, POST_ONLY, BODY_POST, OFFICER)],
    "accountability:item_extend": [Case("", _number, POST_ONLY, BODY_POST, OFFICER)],
    "accountability:milestone_add": [Case("", _number, POST_ONLY, BODY_POST, OFFICER)],
    "accountability:milestone_done": [Case("", _missing_pk, POST_ONLY, allow(OFFICER, "404"), OFFICER)],
    # Anyone signed in may ask; the form is empty (400) — the service then checks authorship.
    "accountability:item_dispute": [Case("", _number, POST_ONLY, table("400", anonymous="login"), ())],
    "accountability:dispute_answer": [Case("", _missing_pk, POST_ONLY, allow(OFFICER, "404"), OFFICER)],
    "accountability:item_follow": [Case("", _number, POST_ONLY, table("302", anonymous="login"), SIGNED_IN)],
    "accountability:item_file": [Case("", _missing_pk, table("404", anonymous="login"))],
    "accountability:evidence_file": [Case("", _missing_pk, table("404"))],
}
