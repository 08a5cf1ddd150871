"""The `world` fixture: the security checks' objects and personas, built once per module (see world.py)."""

import pytest
from django.db import transaction

from tests.security import (
    cases_accountability,
    cases_accountability_items,
    cases_appeals,
    cases_campaigns,
    cases_councils,
    cases_councils_kpi,
    cases_monitoring,
    cases_monitoring_admin,
    cases_monitoring_casework,
    cases_monitoring_listing,
    cases_monitoring_public,
    cases_monitoring_records,
    cases_petitions,
    cases_problems,
    cases_reports,
    cases_statistics,
    cases_survey_analysis,
    cases_survey_collect,
    cases_survey_forms,
    cases_surveys,
)
from tests.security.world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world per module; everything it made is rolled back when the module ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        for module in (
            cases_accountability,
            cases_accountability_items,
            cases_appeals,
            cases_campaigns,
            cases_councils,
            cases_councils_kpi,
            cases_monitoring,
            cases_monitoring_admin,
            cases_monitoring_casework,
            cases_monitoring_listing,
            cases_monitoring_public,
            cases_monitoring_records,
            cases_petitions,
            cases_problems,
            cases_reports,
            cases_statistics,
            cases_surveys,  # the survey objects the other surveys rows use: first
            cases_survey_analysis,
            cases_survey_collect,
            cases_survey_forms,
        ):  # the later modules' objects
            module.build(built)
        yield built
        transaction.set_rollback(True)
