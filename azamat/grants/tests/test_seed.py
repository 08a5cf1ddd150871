"""The grants part of the data generator: the demo must hold a coherent cycle, in every phase and state."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import F, Sum

from azamat.grants.models import Activity, Application, Call, Payment, Project, Report, Sitting
from azamat.grants.selectors import amount_range
from azamat.grants.selectors_evaluation import effectiveness, projects_for_evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    call_command("seed", scale=0.5, seed=3, verbosity=0)


def test_every_phase_and_state_is_in_the_demo(seeded):
    assert {call.phase for call in Call.objects.all()} >= {"discussion", "open", "closed", "results"}
    states = set(Application.objects.values_list("status", flat=True))
    assert states >= {"draft", "submitted", "compliant", "rejected", "reviewed", "awarded", "not_awarded"}
    assert Sitting.objects.filter(closed_at__isnull=False).exists()
    assert Report.objects.filter(status="approved").exists() and Report.objects.filter(status="due").exists()


def test_activities_fall_within_the_project_months(seeded):
    outside = (
        Activity.objects.filter(application__duration_months__lt=F("ends_month"))
        | Activity.objects.filter(starts_month__lt=1)
        | Activity.objects.filter(starts_month__gt=F("ends_month"))
    )
    assert not outside.exists(), list(
        outside.values_list(
            "application__number", "starts_month", "ends_month", "application__duration_months"
        )[:5]
    )


def test_submitted_budgets_are_within_the_grant_types_limits(seeded):
    submitted = (
        Application.objects.exclude(status__in=["draft", "withdrawn"])
        .annotate(total=Sum(F("budget_lines__quantity") * F("budget_lines__unit_cost")))
        .select_related("call__grant_type")
    )
    ranges = {}
    for application in submitted:
        limits = ranges.setdefault(application.call_id, amount_range(application.call))
        assert limits.minimum <= application.total <= limits.maximum, application.number
    assert len(ranges) >= 4


def test_projects_have_their_tranches_and_some_money_arrives_late(seeded):
    projects = Project.objects.annotate(tranched=Sum("tranches__amount"))
    assert projects.exists()
    for project in projects:
        assert project.tranched == project.amount, project.agreement_number
        advance = project.tranches.get(number=1)
        assert advance.is_advance and advance.amount == (project.amount * Decimal("0.3")).quantize(
            Decimal("0.01")
        )
    late = Payment.objects.filter(tranche__due_on__lt=F("paid_on"))
    assert late.exists() and Payment.objects.filter(tranche__due_on__gte=F("paid_on")).exists()


def test_submitted_reports_carry_their_figures_so_effectiveness_can_be_scored(seeded):
    sent = Report.objects.exclude(status="due")
    assert sent.exists() and not sent.filter(submitted_at__isnull=True).exists()
    assert not sent.filter(indicator_actuals__isnull=True).exists()
    assert not sent.filter(expenditures__isnull=True).exists()
    scores = [effectiveness(p)["score"] for p in projects_for_evaluation()]
    scored = [s for s in scores if s is not None]
    assert len(scored) > len(scores) / 2 and min(scored) < max(scored)  # scored, and not all alike
