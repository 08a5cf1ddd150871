"""What the report services share: the statuses, the administrators' check, a row lock, lines with history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simple_history.utils import bulk_create_with_history

from azamat.core.errors import DomainError
from azamat.registry.models import Organisation
from azamat.registry.report_models import AnnualReport
from azamat.registry.report_permissions import can_prepare_reports
from azamat.registry.report_services.errors import NOT_ALLOWED

if TYPE_CHECKING:  # people come from accounts, a layer above: the registry only names them
    from azamat.accounts.models import User

S = AnnualReport.Status


def _require_admin(organisation: Organisation, by: User) -> None:
    decision = can_prepare_reports(by, organisation)
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)


def _locked(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().get(pk=report.pk)


def _bulk(model, by):
    """Create lines in one INSERT with their history (`bulk_create` alone would leave no trace)."""

    def create(objects):
        return bulk_create_with_history(list(objects), model, default_user=by)

    return create
