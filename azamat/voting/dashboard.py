"""Votes on the workspace: the way in for everyone with a part in a vote, and the next step waiting for them
(a ballot to cast, a key step, credentials to send, a share to decrypt)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from azamat.core.hooks import Action
from azamat.voting import selectors


def actions(*, user, memberships, role_codes) -> list[Action]:
    votes = list(
        selectors.votes_of(user).filter(status__in=["draft", "keys", "credentials", "open", "closed"])[:5]
    )
    if (
        not votes
        and not selectors.councils_managed(user).exists()
        and not any(getattr(m, "role", "") == "admin" for m in memberships)
    ):
        return []
    result = [
        Action(
            pgettext_lazy("votings", "Votes"),
            _("Secret, verifiable votes: set one up, or take your part in one."),
            reverse("voting:mine"),
        )
    ]
    for vote in votes:
        result.append(
            Action(
                vote.title,
                vote.get_status_display(),
                reverse("voting:vote", args=[vote.pk]),
            )
        )
    return result
