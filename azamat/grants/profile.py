"""Grants on an organisation's profile: its applications' public outcomes and its projects."""

from dataclasses import dataclass
from decimal import Decimal

from azamat.grants.models import Application, Project
from azamat.grants.selectors import applications as selectors


@dataclass(frozen=True)
class Outcome:
    application: Application
    awarded: bool
    amount: Decimal | None  # the agreement's amount once signed, else the commission's
    project: Project | None


def sections(organisation, user) -> list[tuple[str, dict]]:
    """(template, context) pairs the registry's profile page includes. The same for every visitor: only
    outcomes the call's published results already show are listed."""
    outcomes = []
    for application in selectors.organisation_outcomes(organisation=organisation):
        project = getattr(application, "project", None)  # a reverse one-to-one: None when there is none
        awarded = application.status == Application.Status.AWARDED
        amount = (project.amount if project else application.awarded_amount) if awarded else None
        outcomes.append(Outcome(application=application, awarded=awarded, amount=amount, project=project))
    if not outcomes:
        return []
    return [("grants/profile/_outcomes.html", {"outcomes": outcomes})]
