"""The open data page says how to filter the downloads in words a reader follows: an example of each filter and
where to find a customer's code, never a raw placeholder."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_filter_hint_gives_examples_and_where_to_find_a_customers_code(client):
    page = client.get(reverse("grants:open_data"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "&lt;body code&gt;" not in page and "&lt;KATO code&gt;" not in page
    assert "?customer=labour" in page and "?region=350000000" in page and "?year=2026" in page
    # Where the code is: the last part of the address of the body's page, linked from the hint.
    before, after = page.split("?customer=labour", 1)
    hint = before.rsplit("<p>", 1)[1] + after.split("</p>", 1)[0]
    assert f'href="{reverse("registry:bodies")}"' in hint
