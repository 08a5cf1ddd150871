"""The operator's lists as spreadsheet rows (header, rows) for core.exports: queue, ranking, late payments, loads.

Reads only (selectors); texts in the active language, so the view builds them inside the language asked for.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from azamat.grants.models import Call
from azamat.grants.selectors import projects as selectors_projects
from azamat.grants.selectors import review as selectors_review


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0) if moment else None


def queue_rows(**filters) -> tuple[list[str], list[list]]:
    header = [
        _("Application"),
        _("Title"),
        _("Organisation"),
        _("BIN"),
        _("Region"),
        _("Call"),
        _("Direction"),
        _("Status"),
        _("Submitted"),
        _("Check due by"),
    ]
    due = {}
    rows = []
    for a in selectors_review.queue_applications(**filters):
        if a.call_id not in due:
            due[a.call_id] = selectors_review.compliance_due_on(a.call)
        rows.append(
            [
                a.number,
                a.title,
                a.organisation.name,
                a.organisation.bin,
                a.organisation.region.name,
                a.call.title,
                a.direction.title,
                a.get_status_display(),
                _local(a.submitted_at),
                due[a.call_id],
            ]
        )
    return header, rows


def ranking_rows(call: Call) -> tuple[list[str], list[list]]:
    header = [
        _("Direction"),
        _("Rank"),
        _("Application"),
        _("Title"),
        _("Organisation"),
        _("BIN"),
        _("Score"),
        _("Submitted"),
        _("Within the planned number"),
    ]
    rows = []
    for direction, ranked, _waiting in selectors_review.call_ranking(call):
        for row in ranked:
            a = row.application
            rows.append(
                [
                    direction.title,
                    row.rank,
                    a.number,
                    a.title,
                    a.organisation.name,
                    a.organisation.bin,
                    a.final_score,
                    _local(a.submitted_at),
                    _("yes") if row.within_plan else _("no"),
                ]
            )
    return header, rows


def late_payment_rows(**filters) -> tuple[list[str], list[list]]:
    header = [
        _("Agreement"),
        _("Organisation"),
        _("BIN"),
        _("Region"),
        _("Call"),
        _("Tranche"),
        _("Due on"),
        _("Paid on"),
        _("Amount, ₸"),
        _("Days late"),
        _("Working days late"),
    ]
    rows = []
    for payment in selectors_projects.late_payments_filtered(**filters):
        project = payment.tranche.project
        organisation = project.application.organisation
        days, working_days = selectors_projects.payment_lateness(payment)
        rows.append(
            [
                project.agreement_number,
                organisation.name,
                organisation.bin,
                organisation.region.name,
                project.application.call.title,
                payment.tranche.number,
                payment.tranche.due_on,
                payment.paid_on,
                payment.amount,
                days,
                working_days,
            ]
        )
    return header, rows


def expert_load_rows(call: Call) -> tuple[list[str], list[list]]:
    header = [
        _("Expert's code"),
        _("Expert"),
        _("Assigned"),
        _("Scored"),
        _("Recused"),
        _("Replaced by the operator"),
        _("Overdue"),
        _("Waiting, not yet due"),
        _("Next deadline"),
    ]
    rows = [
        [
            load.code,
            load.expert.user.full_name or load.expert.user.email,
            load.assigned,
            load.scored,
            load.recused,
            load.replaced,
            load.overdue,
            load.waiting,
            load.next_due_on,
        ]
        for load in selectors_review.expert_loads(call)
    ]
    return header, rows
