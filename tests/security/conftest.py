"""The `world` fixture: the security checks' objects and personas, built once per module (see world.py)."""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from tests.security import (
    cases_accountability,
    cases_accountability_items,
    cases_appeals,
    cases_campaigns,
    cases_councils,
    cases_councils_kpi,
    cases_founding_documents,
    cases_monitoring,
    cases_monitoring_admin,
    cases_monitoring_casework,
    cases_monitoring_elections,
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
    cases_voting,
)
from tests.security.world import PERSONAS, build_world


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
            cases_founding_documents,
            cases_monitoring,
            cases_monitoring_admin,
            cases_monitoring_casework,
            cases_monitoring_elections,
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
            cases_voting,
        ):  # the later modules' objects
            module.build(built)
        # Each persona signs in once for the module: a session per persona that the tests' clients reuse.
        for persona in PERSONAS:
            if persona != "anonymous":
                client = Client()
                client.force_login(built.user(persona))
                built.sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield built
        transaction.set_rollback(True)
