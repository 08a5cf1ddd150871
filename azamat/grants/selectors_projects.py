"""Reads for the project pages: visible projects, the operator's payment queue, late payments, reports to review."""

from decimal import Decimal

from django.db.models import Count, DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from azamat.grants.models import Application, Attachment, Payment, Project, Report, Tranche
from azamat.grants.permissions import is_operator
from azamat.grants.services.evaluation import projects_for_evaluation
from azamat.grants.services.projects import payment_lateness
from azamat.grants.services.reports import report_attachments, report_indicator_rows
from azamat.registry.models import Membership

MONEY = DecimalField(max_digits=14, decimal_places=2)


def projects_visible_to(*, user) -> QuerySet[Project]:
    """The operator sees every project; anyone else the projects of organisations they are an active member of."""
    qs = Project.objects.select_related("application__organisation", "application__call")
    if is_operator(user):
        return qs
    if not user.is_authenticated:
        return qs.none()
    organisations = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values("organisation")
    return qs.filter(application__organisation__in=organisations)


def project_page(*, pk: int) -> Project:
    return projects_for_evaluation(Project.objects.filter(pk=pk)).select_related("application__direction").get()


def report_page(*, project: Project, pk: int) -> Report:
    """A report with its project (already loaded with everything the page needs)."""
    report = next((r for r in project.reports.all() if r.pk == pk), None)
    if report is None:
        raise Report.DoesNotExist
    return report


def report_attachment(*, report: Report, pk: int) -> Attachment:
    return report_attachments(report).get(pk=pk)


def _paid_subquery():
    return Coalesce(
        Subquery(Payment.objects.filter(tranche=OuterRef("pk")).order_by().values("tranche")
                 .annotate(s=Sum("amount")).values("s"), output_field=MONEY),
        Value(Decimal(0), output_field=MONEY),
    )


def tranches_payable() -> QuerySet[Tranche]:
    """Released tranches not yet paid in full, the most overdue first, with what is paid and what is left."""
    return (Tranche.objects.filter(due_on__isnull=False).annotate(paid=_paid_subquery())
            .annotate(left=F("amount") - F("paid")).filter(left__gt=0)
            .select_related("project__application__organisation").order_by("due_on", "project_id", "number"))


def late_payments() -> QuerySet[Payment]:
    return (Payment.objects.filter(paid_on__gt=F("tranche__due_on"))
            .select_related("tranche__project__application__organisation").order_by("-paid_on", "-pk"))


def late_payment_counts() -> dict:
    """Late payments overall and per project (project id → count)."""
    overall = Payment.objects.aggregate(total=Count("pk"), late=Count("pk", filter=Q(paid_on__gt=F("tranche__due_on"))))
    per_project = dict(late_payments().order_by().values("tranche__project").annotate(n=Count("pk"))
                       .values_list("tranche__project", "n"))
    return {"total": overall["total"], "late": overall["late"], "per_project": per_project}


def reports_to_review() -> QuerySet[Report]:
    return (Report.objects.filter(status=Report.Status.SUBMITTED)
            .select_related("project__application__organisation").order_by("submitted_at"))


def awarded_without_agreement() -> QuerySet[Application]:
    return (Application.objects.filter(status=Application.Status.AWARDED, project__isnull=True)
            .select_related("organisation", "call").order_by("call__closes_at", "number"))


def actions(*, user, memberships, role_codes) -> list:
    """Workspace items: reports to fill for members, the payment queue for the operator."""
    from azamat.accounts.services import Action

    items = []
    organisations = [m.organisation_id for m in memberships if m.status == Membership.Status.ACTIVE]
    if organisations:
        reports = (Report.objects.filter(project__application__organisation__in=organisations,
                                         status__in=[Report.Status.DUE, Report.Status.REVISION])
                   .select_related("project__application").order_by("due_on")[:5])
        for report in reports:
            items.append(Action(
                _("Report due %(date)s: %(project)s") % {"date": report.due_on.strftime("%d.%m.%Y"),
                                                          "project": report.project.application.title},
                str(report.get_status_display()),
                reverse("grants:project_report", kwargs={"pk": report.project_id, "report_pk": report.pk}),
            ))
    if is_operator(user):
        items.append(Action(_("Grant payments and reports"),
                            _("Tranches due, late payments and reports waiting for review."),
                            reverse("grants:operator_payments")))
    return items


def project_public(project: Project) -> dict:
    """What everyone may see: amounts, the public summaries of approved reports, indicators achieved.
    Needs a project from `project_page` (everything prefetched); used by `grants/projects/_public.html`."""
    approved = sorted((r for r in project.reports.all() if r.status == Report.Status.APPROVED),
                      key=lambda r: (r.due_on, r.pk))
    with_actuals = [r for r in approved if r.indicator_actuals.all()]
    paid = sum((p.amount for t in project.tranches.all() for p in t.payments.all()), Decimal(0))
    return {
        "summaries": [r for r in approved if r.public_summary],
        "indicators": report_indicator_rows(with_actuals[-1]) if with_actuals else [],
        "indicators_report": with_actuals[-1] if with_actuals else None,
        "paid": paid,
    }


def project_private(project: Project) -> dict:
    """The agreement's tranches with their payments and lateness, and the reports, for members and the operator."""
    today = timezone.localdate()
    tranches = []
    late = 0
    for tranche in project.tranches.all():
        payments = [(p, *payment_lateness(p)) for p in tranche.payments.all()]
        late += sum(1 for _p, days, _w in payments if days)
        paid = sum((p.amount for p in tranche.payments.all()), Decimal(0))
        tranches.append({"tranche": tranche, "payments": payments, "paid": paid, "left": tranche.amount - paid,
                         "overdue": bool(tranche.due_on and tranche.due_on < today and paid < tranche.amount)})
    reports = sorted(project.reports.all(), key=lambda r: (r.due_on, r.pk))
    payment_count = sum(len(row["payments"]) for row in tranches)
    return {"tranches": tranches, "reports": reports, "late_payments": late, "payment_count": payment_count,
            "today": today}
