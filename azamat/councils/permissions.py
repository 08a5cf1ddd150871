"""Who may do what with public councils: a platform administrator everything, a council's secretary their own
council only, the public what is published."""

from django.utils.translation import gettext_lazy as _

from azamat.core.permissions import ALLOW, Decision, cached_on_user, deny
from azamat.councils.models import Member
from azamat.registry.permissions import is_platform_admin


def is_secretary_of(user, council) -> bool:
    if not (user and user.is_authenticated):
        return False
    return council.secretaries.filter(user=user).exists()


def can_act_for_council(user, council) -> Decision:
    """Who follows up what the council sent — its recommendations in accountability, where the item's "author" may
    dispute that one was carried out: the council's secretaries and its sitting members who represent the public,
    whoever proposed or recorded it. A member who represents a state body sits for the side the council addresses;
    one who has left no longer speaks for it. (Read once per council per request.)"""
    if not (user and user.is_authenticated):
        return deny(_("Sign in first."))

    def decide() -> Decision:
        if is_secretary_of(user, council):
            return ALLOW
        seated = council.members.filter(user=user, left_on__isnull=True)
        if seated.exclude(represents=Member.Represents.STATE).exists():
            return ALLOW
        return deny(
            _(
                "Only the council's secretaries and its sitting members who represent the public act for the council."
            )
        )

    return cached_on_user(user, f"_acts_for_council_{council.pk}", decide)


def can_create_council(user) -> Decision:
    if is_platform_admin(user):
        return ALLOW
    return deny(_("Only a platform administrator can add councils to the registry."))


def can_manage_council(user, council) -> Decision:
    if is_platform_admin(user) or is_secretary_of(user, council):
        return ALLOW
    return deny(_("Only the secretary of this council or a platform administrator can manage it."))


def can_appoint_secretary(user, council) -> Decision:
    if is_platform_admin(user):
        return ALLOW
    return deny(_("Only a platform administrator can appoint the secretaries of a council."))


def can_view_council(user, council) -> Decision:
    if council.is_published or can_manage_council(user, council):
        return ALLOW
    return deny(_("This council is not published yet."))


def can_view_minutes(user, meeting) -> Decision:
    if meeting.minutes_published_at or can_manage_council(user, meeting.council):
        return ALLOW
    return deny(_("The minutes of this meeting are not published yet."))


def can_get_document(user, document) -> Decision:
    if document.is_public and document.council.is_published:
        if document.meeting is None or document.kind != document.Kind.MINUTES:
            return ALLOW
        if document.meeting.minutes_published_at:
            return ALLOW
    if can_manage_council(user, document.council):
        return ALLOW
    return deny(_("This document is not public."))


def seat_of(user, council):
    """The person's sitting seat on the council (None: they have none today)."""
    if not (user and user.is_authenticated):
        return None
    return council.members.filter(user=user, left_on__isnull=True).order_by("pk").first()


def can_propose_recommendation(user, council) -> Decision:
    if not (user and user.is_authenticated):
        return deny(_("Sign in first."))
    if seat_of(user, council) is None:
        return deny(_("Only the council's sitting members propose recommendations to it."))
    return ALLOW


def can_view_proposals(user, council) -> Decision:
    """The proposals page: the council's secretaries (and a platform administrator) see every proposal, a sitting
    member their own."""
    if can_manage_council(user, council):
        return ALLOW
    return can_propose_recommendation(user, council)
