"""Reminders to experts: 3 and 1 days before their scoring deadline, and the day after it passes.

The deadline of an assignment is `selectors.review.scoring_due_on` (10 working days after the day it was made).
Each expert gets one email per call and deadline, in their language (`assignment.expert_language`), listing how
many applications still wait for their scores. Reminders go out only on the exact days, so a daily run sends
each once; a missed day is caught up with `azamat expert_reminders --today YYYY-MM-DD`.
"""

import datetime
from collections import defaultdict

from azamat.core.notifications import notify
from azamat.grants.models import Assignment
from azamat.grants.selectors.review import assigned_days_due_on, scoring_due_on
from azamat.grants.services.assignment import expert_language

DAYS_BEFORE = (3, 1)
DAYS_AFTER = 1


def expert_reminders_send(*, today: datetime.date) -> int:
    """Email every expert with unscored assignments due in 3 or 1 days, or due yesterday; returns the number of
    emails sent."""
    targets = {today + datetime.timedelta(days=d): ("scoring_due_soon", d) for d in DAYS_BEFORE}
    targets[today - datetime.timedelta(days=DAYS_AFTER)] = ("scoring_overdue", DAYS_AFTER)
    assigned_days = [day for due_on in targets for day in assigned_days_due_on(due_on)]
    assignments = (
        Assignment.objects.filter(
            status=Assignment.Status.ASSIGNED,
            assigned_at__date__in=assigned_days,
            expert__active=True,
            application__call__published=True,
        )
        .select_related("expert__user", "application__call")
        .order_by("expert_id", "application__call_id", "pk")
    )
    groups: dict[tuple[int, int, datetime.date], list[Assignment]] = defaultdict(list)
    for assignment in assignments:
        due_on = scoring_due_on(assignment.assigned_at)
        if due_on in targets:  # the day filter is by the database's date; the deadline decides
            groups[(assignment.expert_id, assignment.application.call_id, due_on)].append(assignment)
    for (_expert_id, _call_id, due_on), items in groups.items():
        expert = items[0].expert
        template, days = targets[due_on]
        notify(
            to=[expert.user.email],
            template=f"grants/review/email/{template}",
            context={"call": items[0].application.call, "count": len(items), "due_on": due_on, "days": days},
            language=expert_language(expert),
        )
    return len(groups)
