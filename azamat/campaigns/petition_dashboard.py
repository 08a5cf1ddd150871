"""The workspace dashboard's entries for petition moderators: the petitions awaiting moderation. core/hooks
looks for a module named `dashboard` in each app, which the workspace owns: its `dashboard.py` calls
`actions(...)` (the same signature as the other apps' dashboards) or `cards(request)`."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from azamat.campaigns.permissions import is_moderator
from azamat.campaigns.petition_selectors import moderation_queue
from azamat.core.hooks import Action

MAX_LISTED = 5


def actions(*, user, memberships=None, role_codes=None) -> list[Action]:
    if not is_moderator(user):
        return []
    waiting = moderation_queue()
    count = waiting.count()
    result = [
        Action(
            petition.title,
            _("Awaiting moderation: publish it or reject it with a reason."),
            petition.get_absolute_url(),
        )
        for petition in waiting[:MAX_LISTED]
    ]
    result.append(
        Action(
            _("Petitions awaiting moderation"),
            ngettext("%(count)s petition awaits moderation.", "%(count)s petitions await moderation.", count)
            % {"count": count},
            reverse("campaigns:petition_moderate"),
        )
    )
    return result


def cards(request) -> list[Action]:
    return actions(user=request.user)
