"""Who may do what with accountability items: `can_<verb>_<entity>(user, obj) -> Decision`."""

from django.utils.translation import gettext_lazy as _

from azamat.accountability.errors import MESSAGES, NOT_AUTHOR, NOT_OFFICER
from azamat.core.permissions import ALLOW, Decision, deny

OFFICER = "government_officer"


def officer_bodies(user) -> set[int]:
    """The bodies this person answers for (read once per request's user object)."""
    if not user.is_authenticated:
        return set()
    known = user.__dict__.get("_officer_bodies")
    if known is None:
        known = set(user.platform_roles.filter(role=OFFICER).values_list("body_id", flat=True))
        user.__dict__["_officer_bodies"] = known
    return known


def is_officer_of(user, body) -> bool:
    return body is not None and body.pk in officer_bodies(user)


def is_author(user, item) -> bool:
    """The item's author or a colleague in its organisation; or, when its source says who acts for its sender
    (`source.acts_for_sender(user)`: a council's decision names the council's secretaries and sitting members),
    those, whoever wrote or recorded it."""
    if not user.is_authenticated:
        return False
    acts_for_sender = getattr(item.source, "acts_for_sender", None) if item.source_type_id else None
    if acts_for_sender is not None:
        return acts_for_sender(user)
    if item.author_id == user.pk:
        return True
    return bool(
        item.organisation_id
        and user.memberships.filter(organisation_id=item.organisation_id, status="active").exists()
    )


def can_view_item(user, item) -> Decision:
    if item.is_public:
        return ALLOW
    if not user.is_authenticated:
        return deny(_("Sign in: this item is not public."))
    if user.has_platform_role("platform_admin") or is_officer_of(user, item.body) or is_author(user, item):
        return ALLOW
    return deny(_("This item is not public: only its author and the body it is addressed to can read it."))


def can_answer_item(user, item) -> Decision:
    return ALLOW if is_officer_of(user, item.body) else deny(MESSAGES[NOT_OFFICER])


def can_dispute_item(user, item) -> Decision:
    return ALLOW if is_author(user, item) else deny(MESSAGES[NOT_AUTHOR])


def can_follow(user) -> Decision:
    return ALLOW if user.is_authenticated else deny(_("Sign in to follow."))
