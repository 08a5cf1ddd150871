"""What the crawl found, pinned: each was a 500, a ten-second request or an English page before its fix."""

import pytest
from allauth.core.internal.ratelimit import handler429
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.utils import translation

from azamat.grants.forms.applications import FORMSETS
from azamat.registry.forms import OrganisationForm

from .english import english_on_page

pytestmark = pytest.mark.django_db

TOO_BIG = "9" * 30


@pytest.mark.parametrize("membership", ["абв", TOO_BIG, ""])
def test_a_garbled_membership_in_the_members_form_is_not_found_not_a_server_error(
    client, alice, ngo, membership
):
    client.force_login(alice)
    response = client.post(
        f"/organisations/{ngo.bin}/members/", {"membership": membership, "action": "accept"}
    )
    assert response.status_code == 404


def test_an_area_id_no_database_can_hold_is_a_form_error(db):
    form = OrganisationForm(data={"areas": [TOO_BIG]})
    with translation.override("en"):
        assert not form.is_valid()
        assert form.errors["areas"] == [f"“{TOO_BIG}” is not a valid value."]


@pytest.mark.parametrize("section", sorted(FORMSETS))
def test_a_forged_row_count_builds_no_more_rows_than_a_section_allows(section):
    formset_class = FORMSETS[section]
    formset = formset_class(
        {f"{section}-TOTAL_FORMS": TOO_BIG, f"{section}-INITIAL_FORMS": "0"}, prefix=section
    )
    assert len(formset.forms) == formset_class.max_num
    assert not formset.is_valid()
    assert formset.non_form_errors()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_too_many_requests_page_is_in_the_language(language):
    """allauth answers a rate-limited sign-in with 429.html, or an English page of its own when there is none."""
    request = RequestFactory().get("/accounts/login/")
    request.user = AnonymousUser()
    with translation.override(language):
        response = handler429(request)
    html = response.content.decode()
    assert response.status_code == 429
    assert f'<html lang="{language}">' in html
    assert english_on_page(html, language) == []


def test_the_open_data_page_marks_the_standards_english_name_as_english(db):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    response = client.get("/grants/open-data/")
    assert response.status_code == 200
    assert '<span lang="en">360Giving Data Standard</span>' in response.content.decode()
