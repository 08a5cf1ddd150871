"""Found walking the demo as a survey's owner on a phone in Kazakh and Russian: a survey of a thousand responses
said "1000" where every other page of Azamat writes "1 000" (the overview's figures, the list of responses, the
analysis, the report, the list of surveys), and the analysis tables' counts and "no answer" likewise."""

import pytest
from django.urls import reverse

from azamat.surveys.models import Response
from azamat.testing import surveys_factories as sf

pytestmark = pytest.mark.django_db
RU = {"HTTP_ACCEPT_LANGUAGE": "ru"}
GROUPED = "1\xa0200"  # as Kazakhstan writes 1200: a non-breaking space between thousands


@pytest.fixture
def survey(alice, ngo):
    made = sf.survey(by=alice, organisation=ngo)
    first = sf.response(made, {"region": "751000000", "sex": "f", "age": 34, "services": ["ramp"]})
    Response.objects.bulk_create(
        [
            Response(
                survey=made,
                version=first.version,
                data={"region": "751000000", "sex": "f", "age": 34, "services": ["ramp"]},
                status=Response.Status.COMPLETED,
                started_at=first.started_at,
                completed_at=first.completed_at,
                duration_seconds=420,
                region_code="751000000",
            )
            for _ in range(1199)
        ]
    )
    return made


@pytest.mark.parametrize(
    "page", ["surveys:survey", "surveys:responses", "surveys:analysis", "surveys:report", "surveys:list"]
)
def test_a_thousand_responses_are_counted_with_the_thousands_apart(client, alice, survey, page):
    client.force_login(alice)
    args = [] if page == "surveys:list" else [survey.pk]
    html = client.get(reverse(page, args=args), **RU).content.decode()
    assert GROUPED in html
    assert ">1200<" not in html and "1200 " not in html


def test_the_analysis_tables_count_with_the_thousands_apart(client, alice, survey):
    client.force_login(alice)
    html = client.get(reverse("surveys:analysis", args=[survey.pk]), **RU).content.decode()
    assert f'<td data-label="n">{GROUPED}</td>' in html  # the age question's summary
