"""Petitions' rows of the authorisation matrix, and the objects they need in the world.

An open, listed petition of the first NGO written by its administrator (the owner) with one confirmed
signature; a draft by the NGO's member and a petition awaiting moderation, which the NGO's active members
(owner and member: the organisation's petitions are theirs) and the moderators (platform administrators) read.
Signing and fresh links take no sign-in and no CSRF token on purpose (see petition_views.petition_sign)."""

from tests.security.matrix import Case
from tests.security.world import World

TEAM = ("member", "owner")  # the NGO's active members manage its petitions
MODERATORS = ("platform_admin",)


def build(w: World) -> None:
    from django.utils import timezone

    from azamat.campaigns import petition_services
    from azamat.campaigns.models import Petition
    from azamat.testing import campaigns_factories as cf

    owner, member = w.people["owner"], w.people["member"]
    w.petition_open = cf.petition(by=owner, organisation=w.ngo, body=w.body, title="Открытая петиция")
    Petition.objects.filter(pk=w.petition_open.pk).update(listed_at=timezone.now(), signature_count=1)
    petition_services.sign(petition=w.petition_open, name="Айгүл", email="signer@example.kz")
    petition_services.confirm(petition_services.confirmation_token(w.petition_open.pk, "signer@example.kz"))
    w.petition_draft = cf.petition(
        by=member, organisation=w.ngo, body=w.body, status=Petition.Status.DRAFT, title="Черновик петиции"
    )
    w.petition_queued = cf.petition(
        by=member, organisation=w.ngo, body=w.body, status=Petition.Status.MODERATION, title="На модерации"
    )


def _cases() -> dict[str, list]:
    from tests.security.matrix import NOWHERE, POST_ONLY, PUBLIC, SIGNED, SIGNED_IN, allow, table

    def none(w):
        return {}

    def open_(w):
        return {"pk": w.petition_open.pk}

    def draft(w):
        return {"pk": w.petition_draft.pk}

    def queued(w):
        return {"pk": w.petition_queued.pk}

    readers = allow(TEAM + MODERATORS, anonymous="403")
    anyone_post = table("405")  # no sign-in: a GET on a POST-only address
    cases = {
        "campaigns:petitions": [Case("", none, PUBLIC)],
        "campaigns:petition_new": [Case("", none, SIGNED, table("400", anonymous="login"), SIGNED_IN)],
        "campaigns:petition_moderate": [Case("", none, allow(MODERATORS))],
        "campaigns:signature_confirm": [Case("bad token", lambda w: {"token": "not-a-token"}, table("400"))],
        "campaigns:signature_resend": [Case("", none, anyone_post, table("400"))],
        "campaigns:petition": [
            Case("open", open_, PUBLIC),
            Case("draft", draft, readers),
            Case("queued", queued, readers),
        ],
        "campaigns:petition_counter": [Case("open", open_, PUBLIC), Case("draft", draft, NOWHERE)],
        "campaigns:petition_edit": [Case("", draft, allow(TEAM), allow(TEAM, "400"), TEAM)],
        "campaigns:petition_submit": [Case("", draft, POST_ONLY, allow(TEAM, "302"), TEAM)],
        # An empty form: the name and the email are required, nothing is stored.
        "campaigns:petition_sign": [Case("", open_, anyone_post, table("400"))],
        "campaigns:petition_signed": [Case("", open_, PUBLIC)],
        "campaigns:petition_publish": [Case("", queued, POST_ONLY, allow(MODERATORS, "302"), MODERATORS)],
        "campaigns:petition_reject": [Case("", queued, POST_ONLY, allow(MODERATORS, "400"), MODERATORS)],
        "campaigns:petition_invalidate": [Case("", open_, POST_ONLY, allow(MODERATORS, "400"), MODERATORS)],
        "campaigns:petition_close": [Case("", open_, POST_ONLY, allow(TEAM, "302"), TEAM)],
        "campaigns:petition_export": [
            Case(fmt, lambda w, fmt=fmt: {"pk": w.petition_open.pk, "fmt": fmt}, allow(TEAM))
            for fmt in ("csv", "xlsx", "pdf")
        ],
    }
    from azamat.api.urls import API_MODULES

    if "azamat.campaigns.petition_api" in API_MODULES:
        cases.update(
            {
                "v1:petition-list": [Case("", none, PUBLIC)],
                "v1:petition-detail": [Case("open", open_, PUBLIC), Case("draft", draft, NOWHERE)],
            }
        )
    return cases


CASES: dict[str, list] = _cases()
