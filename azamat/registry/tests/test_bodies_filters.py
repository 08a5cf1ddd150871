"""The government bodies' list with filters a person did not mean: a search too long for its box, a stale
region in a link. Each is refused beside its field, in the reader's language; the others still apply."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _page(client, language: str = "en", **filters) -> str:
    return client.get("/government-bodies/", filters, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def _listed(page: str) -> list[str]:
    return re.findall(r'<a href="/government-bodies/([\w-]+)/">', page)


def test_a_search_too_long_says_so_and_lists_no_body(client):
    """An edited address or a pasted paragraph: not every body as if nothing had been asked."""
    page = _page(client, q="министерство " * 20)
    assert 'role="alert"' in page and "At most 200 characters, please; this text has 259." in page
    assert _listed(page) == []
    assert "0 bodies found" in page


def test_a_stale_region_in_a_link_drops_only_itself_and_says_why(client):
    """The search still applies: not every body of the country under a valid search."""
    searched = _listed(_page(client, q="министерство"))
    page = _page(client, q="министерство", region="99999")
    assert "Select a valid choice. 99999 is not one of the available choices." in page
    assert 'role="alert"' in page
    assert searched and _listed(page) == searched


def test_the_refusal_is_in_the_readers_language(client):
    page = _page(client, "ru", q="а" * 201)
    assert "Не более 200 символов; сейчас в тексте 201." in page and _listed(page) == []
