"""A new report is pre-filled with what the platform knows: the grants module (through the `ngo_report` hook) gives
the projects the organisation ran in the year and the money paid to it on them."""

import datetime

import pytest
import time_machine

from azamat.grants.services.projects import payment_record
from azamat.grants.tests.test_projects import make_project
from azamat.registry import report_services as services
from azamat.registry.models import Membership
from azamat.testing.factories import MembershipFactory, OrganisationFactory
from tests.queries.support import make_operator

pytestmark = pytest.mark.django_db


def test_a_report_lists_the_years_grant_projects_and_the_payments_received():
    with time_machine.travel(datetime.datetime(2026, 1, 20, 10, tzinfo=datetime.UTC)):
        ngo = OrganisationFactory(name_ru="Фонд «Қамқор»")
        admin = MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN).user
        operator = make_operator()
        project = make_project(organisation=ngo, operator=operator)
    with time_machine.travel(datetime.datetime(2026, 11, 30, 10, tzinfo=datetime.UTC)):
        tranche = project.tranches.get(number=1)
        payment_record(
            tranche=tranche,
            amount=tranche.amount,
            paid_on=tranche.due_on + datetime.timedelta(days=9),
            by=operator,
        )
        report = services.report_create(organisation=ngo, year=2026, by=admin)
    assert [(p.title, p.amount) for p in report.projects.all()] == [
        (project.application.title, project.amount)
    ]
    assert [(i.source, i.amount) for i in report.income.all()] == [("state_grant", tranche.amount)]
    assert report.income_total == tranche.amount
