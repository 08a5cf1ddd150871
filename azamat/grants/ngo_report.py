"""What grants tells the registry's annual report (the `ngo_report` hook, see registry.report_services): the
projects an organisation ran in a year and the money paid to it on them in that year."""

import datetime
from decimal import Decimal

from django.db.models import Q, Sum

from azamat.grants.models import Payment, Project
from azamat.grants.models.programmes import Instrument

SOURCE = {
    Instrument.STATE_GRANT: "state_grant",
    Instrument.SOCIAL_ORDER: "state_order",
    Instrument.AWARD: "state_grant",
}


def received(*, organisation, year: int) -> list[dict]:
    """Each project of the organisation running in `year`: its title, its whole amount, the payments made on it
    in the year and the report's income source for its instrument; the operator is named as the donor."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    projects = (
        Project.objects.filter(application__organisation=organisation)
        .filter(Q(starts_on__lte=end, ends_on__gte=start) | Q(signed_on__year=year))
        .select_related("application__call__grant_type", "application__call__operator")
        .order_by("signed_on", "pk")
    )
    paid = dict(
        Payment.objects.filter(tranche__project__in=projects, paid_on__year=year)
        .values("tranche__project")
        .annotate(total=Sum("amount"))
        .values_list("tranche__project", "total")
    )
    return [
        {
            "title": project.application.title,
            "project_amount": project.amount,
            "amount": paid.get(project.pk) or Decimal(0),
            "source": SOURCE.get(project.application.call.grant_type.instrument, "state_grant"),
            "donor": project.application.call.operator.name,
        }
        for project in projects
    ]
