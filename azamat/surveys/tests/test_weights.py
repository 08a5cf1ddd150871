"""Post-stratification weights: the questions, the population shares (pasted or per cell; refused when they do
not sum to 1 or one is negative), and the weights computed in the database, checked by hand."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.surveys import analysis, weighting
from azamat.surveys.models import Response
from azamat.testing import surveys_factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(alice, ngo):
    made = sf.survey(by=alice, organisation=ngo)
    # Sample: 3 women, 1 man (shares 0.75, 0.25); population 50/50.
    for sex in ("f", "f", "f", "m"):
        sf.response(
            made, {"region": "751000000", "sex": sex, "age": 30, "satisfied": "yes" if sex == "f" else "no"}
        )
    sf.response(made, {"region": "751000000", "sex": "m"}, status=Response.Status.IN_PROGRESS)
    return made


def test_weights_are_population_share_over_sample_share(survey, alice):
    weighting.weight_questions_set(survey=survey, names=["sex"], by=alice)
    weighting.population_shares_set(
        survey=survey, shares=[({"sex": "f"}, Decimal("0.5")), ({"sex": "m"}, Decimal("0.5"))], by=alice
    )
    result = weighting.weights_compute(survey=survey, by=alice)
    weights = dict(
        Response.objects.filter(survey=survey, status="completed")
        .values_list("data__sex", "weight")
        .distinct()
    )
    assert weights == {"f": pytest.approx(0.5 / 0.75), "m": pytest.approx(0.5 / 0.25)}
    assert Response.objects.get(survey=survey, status="in_progress").weight == 1.0
    assert result.weighted == 4 and result.unmatched == 0 and result.empty == []
    # Weighted, women and men are half each; "satisfied" follows.
    frequencies = analysis.frequencies(survey, "sex", weighted=True)
    assert [row["share"] for row in frequencies["rows"]] == [pytest.approx(0.5), pytest.approx(0.5)]
    assert frequencies["n"] == pytest.approx(4)


def test_a_cell_without_responses_is_reported(survey, alice):
    weighting.weight_questions_set(survey=survey, names=["region"], by=alice)
    weighting.population_shares_set(
        survey=survey,
        shares=[({"region": "751000000"}, Decimal("0.6")), ({"region": "711000000"}, Decimal("0.4"))],
        by=alice,
    )
    result = weighting.weights_compute(survey=survey, by=alice)
    assert result.empty == [{"cell": {"region": "711000000"}, "share": Decimal("0.4")}]
    assert set(
        Response.objects.filter(survey=survey, status="completed").values_list("weight", flat=True)
    ) == {0.6}


def test_shares_that_do_not_sum_to_one_or_are_negative_are_refused(survey, alice):
    weighting.weight_questions_set(survey=survey, names=["sex"], by=alice)
    with translation.override("en"):
        with pytest.raises(weighting.WeightError, match="sum to 0.9000"):
            weighting.population_shares_set(
                survey=survey,
                shares=[({"sex": "f"}, Decimal("0.5")), ({"sex": "m"}, Decimal("0.4"))],
                by=alice,
            )
        with pytest.raises(weighting.WeightError, match="cannot be negative"):
            weighting.population_shares_set(
                survey=survey,
                shares=[({"sex": "f"}, Decimal("1.5")), ({"sex": "m"}, Decimal("-0.5"))],
                by=alice,
            )
        with pytest.raises(weighting.WeightError, match="not a choice"):
            weighting.population_shares_set(survey=survey, shares=[({"sex": "x"}, Decimal("1"))], by=alice)
    assert not survey.population_shares.exists()


def test_a_pasted_table_with_a_header_percent_and_decimal_commas(survey, alice):
    weighting.weight_questions_set(survey=survey, names=["region", "sex"], by=alice)
    table = "region\tsex\tshare\n751000000\tf\t25%\n751000000\tm\t0,25\n711000000;f;0.3\n711000000,m,0,2\n"
    shares = weighting.parse_table(survey, table)
    assert [share for _cell, share in shares] == [
        Decimal("0.25"),
        Decimal("0.25"),
        Decimal("0.3"),
        Decimal("0.2"),
    ]
    weighting.population_shares_set(survey=survey, shares=shares, by=alice)
    assert survey.population_shares.count() == 4


def test_the_weights_page_refuses_bad_shares_with_a_message_and_keeps_the_input(client, alice, survey):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(alice)
    url = reverse("surveys:weights", args=[survey.pk])
    assert client.post(url, {"action": "questions", "questions": ["sex"]}).status_code == 302
    page = client.post(url, {"action": "cells", "share_0": "0,5", "share_1": "0,6"})
    assert page.status_code == 400
    assert "they must sum to 1" in page.content.decode()
    assert 'value="0,6"' in page.content.decode()
    assert client.post(url, {"action": "cells", "share_0": "50%", "share_1": "0,5"}).status_code == 302
    page = client.post(url, {"action": "compute"})
    assert page.status_code == 200
    assert "Weights by cell" in page.content.decode()


def test_only_managers_change_the_weights(client, bob, survey):
    from azamat.surveys.models import SurveyMember

    SurveyMember.objects.create(survey=survey, user=bob, role=SurveyMember.Role.ANALYST)
    client.force_login(bob)
    url = reverse("surveys:weights", args=[survey.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "questions", "questions": ["sex"]}).status_code == 403
