"""Reminders: from 1 February, weekly until it is filed, the administrators are told their report is due."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from azamat.core.notifications import notify
from azamat.registry.models import Membership, Organisation
from azamat.registry.report_models import ReportReminder, due_on
from azamat.registry.report_selectors import report_required_year
from azamat.registry.report_services.common import S

REMINDERS_FROM = (2, 1)  # month, day: weekly reminders start on 1 February
REMINDER_INTERVAL = datetime.timedelta(days=7)


def _admin_emails_by_organisation(organisation_ids) -> dict[int, list[str]]:
    emails: dict[int, list[str]] = {}
    for organisation_id, email in Membership.objects.filter(
        organisation_id__in=organisation_ids, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
    ).values_list("organisation_id", "user__email"):
        emails.setdefault(organisation_id, []).append(email)
    return emails


def reminders_send(on: datetime.date | None = None) -> int:
    """The daily task (`azamat registry_report_reminders`): from 1 February, once a week until filed, tell the
    administrators of each organisation whose report on the year just ended (or on an earlier required year)
    is not filed. Returns how many organisations were reminded."""
    on = on or timezone.localdate()
    years = {report_required_year(on)}  # late once its due date passed: reminded until filed
    if (on.month, on.day) >= REMINDERS_FROM:
        years.add(on.year - 1)  # the year just ended: from 1 February
    sent = 0
    organisations = (
        Organisation.objects.filter(memberships__role=Membership.Role.ADMIN, memberships__status="active")
        .distinct()
        .order_by("pk")
    )
    for year in sorted(years):
        candidates = organisations.filter(registered_on__lte=datetime.date(year, 12, 31)).exclude(
            annual_reports__year=year, annual_reports__status__in=[S.FILED, S.SUPERSEDED]
        )
        recent = set(
            ReportReminder.objects.filter(year=year, sent_on__gt=on - REMINDER_INTERVAL).values_list(
                "organisation_id", flat=True
            )
        )
        batch = [o for o in candidates if o.pk not in recent]
        emails = _admin_emails_by_organisation([o.pk for o in batch])
        for organisation in batch:
            days_left = (due_on(year) - on).days
            with transaction.atomic():
                notify(
                    to=emails.get(organisation.pk, []),
                    template="registry/email/report_reminder",
                    context={
                        "organisation": organisation,
                        "year": year,
                        "due_on": date_format(due_on(year), "DATE_FORMAT"),
                        "days_left": days_left,
                        "late": days_left < 0,
                        "days_late": -days_left,
                    },
                )
                ReportReminder.objects.update_or_create(
                    organisation=organisation, year=year, defaults={"sent_on": on}
                )
                sent += 1
    return sent
