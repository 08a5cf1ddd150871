"""Accountability on the workspace: a body's officer sees the items waiting for its answer (overdue first),
disputes to answer and milestones due; an author sees their items reported implemented, which they may dispute."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from azamat.accountability import selectors
from azamat.accountability.models import Item
from azamat.accountability.permissions import officer_bodies
from azamat.core.hooks import Action

MAX_LISTED = 5
S = Item.Status


def actions(*, user, memberships, role_codes) -> list[Action]:
    result: list[Action] = []
    bodies = officer_bodies(user)
    if bodies:
        waiting = (
            selectors.items(public_only=False)
            .filter(
                body_id__in=bodies, computed_status__in=[S.LONG_OVERDUE, S.OVERDUE, S.AWAITING, S.DISPUTED]
            )
            .order_by("current_due", "pk")
        )
        count = waiting.count()
        for item in waiting[:MAX_LISTED]:
            if item.status == S.DISPUTED:
                description = _("The author disputes that it was carried out: answer the dispute.")
            elif item.status in (S.OVERDUE, S.LONG_OVERDUE):
                # Overdue from the day after the last day to answer, as the item's timeline says.
                description = _("Overdue since %(date)s: answer it now.") % {
                    "date": date_format(item.current_due + datetime.timedelta(days=1), "DATE_FORMAT")
                }
            else:
                description = _("Answer due on %(date)s.") % {
                    "date": date_format(item.current_due, "DATE_FORMAT")
                }
            result.append(Action(f"{item.number} · {item.title}", description, item.get_absolute_url()))
        late = (
            selectors.items(public_only=False)
            .filter(body_id__in=bodies, computed_status=S.IMPLEMENTATION_OVERDUE)
            .order_by("pk")[:MAX_LISTED]
        )
        for item in late:
            result.append(
                Action(
                    f"{item.number} · {item.title}",
                    _("A milestone of the implementation plan is overdue: mark it done with its evidence."),
                    item.get_absolute_url(),
                )
            )
        if count > MAX_LISTED:
            result.append(
                Action(
                    _("Items addressed to your body"),
                    ngettext(
                        "%(count)s item waits for your body's answer.",
                        "%(count)s items wait for your body's answer.",
                        count,
                    )
                    % {"count": count},
                    reverse("accountability:items") + f"?body={next(iter(bodies))}",
                )
            )
    organisations = [m.organisation_id for m in memberships if m.status == "active"]
    mine = selectors.items(public_only=False).filter(
        Q(author=user) | Q(organisation_id__in=organisations), computed_status=S.IMPLEMENTED
    )
    for item in mine.order_by("-implemented_on", "-pk")[:3]:
        result.append(
            Action(
                f"{item.number} · {item.title}",
                _("The body reports it implemented. Was it carried out? You can dispute it."),
                item.get_absolute_url(),
            )
        )
    return result
