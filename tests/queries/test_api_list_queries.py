"""Every API list makes as many queries for 2N rows as for N. A new API list without its case in
tests/queries/support.py fails `test_every_api_list_has_a_query_count_test`."""

import pytest
from django.urls import reverse

from azamat.api.urls import router
from tests.queries import (
    accountability_pages,  # noqa: F401 — registers its API cases
    monitoring_public_pages,  # noqa: F401 — registers its API cases
    petitions_pages,  # noqa: F401 — registers its API cases
    problems_pages,  # noqa: F401 — registers its API cases
    registry_reports_pages,
    surveys_analysis_pages,  # noqa: F401 — registers its API cases
)
from tests.queries.support import API_CASES, assert_flat

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("basename", sorted(API_CASES))
def test_api_list_queries_do_not_grow_with_rows(client, basename):
    url = reverse(f"v1:{basename}-list") + "?page_size=100"
    if basename in registry_reports_pages.API_SIGNED_IN:  # a private list: as the person whose rows it lists
        client.force_login(registry_reports_pages.API_SIGNED_IN[basename]())

    def build(k):
        return API_CASES[basename](k)

    assert_flat(client, url, build, marker=lambda row: f'"{row[1]}"')


def test_every_api_list_has_a_query_count_test():
    lists = {basename for _prefix, viewset, basename in router.registry if hasattr(viewset, "list")}
    assert lists, "the router lists the API"
    missing = lists - set(API_CASES)
    assert not missing, f"API lists without a query-count test in {__name__}: {sorted(missing)}"
