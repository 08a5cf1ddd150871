"""The analysis numbers, checked against values computed by hand: frequencies and their Wilson intervals,
weighted shares on Kish's effective n, numeric summaries, crosstabs with a textbook chi-square, the filters."""

import datetime
import math

import pytest
from django.utils import timezone, translation

from azamat.surveys import analysis
from azamat.surveys.analysis import Filters
from azamat.surveys.models import Response
from azamat.testing import surveys_factories as sf

pytestmark = pytest.mark.django_db


def _answers(region="751000000", sex="f", age=30, services=("ramp",), satisfied="yes", **more):
    data = {"region": region, "sex": sex, "age": age, "services": list(services), "satisfied": satisfied}
    data.update(more)
    return data


@pytest.fixture
def survey():
    return sf.survey()


def test_wilson_interval_matches_the_formula_worked_by_hand():
    # p = 0.4 on n = 10: centre (0.4 + 1.9208/10) / 1.38415 = 0.42776, half-width 0.25011.
    low, high = analysis.wilson(0.4, 10)
    assert low == pytest.approx(0.16818, abs=1e-5)
    assert high == pytest.approx(0.68732, abs=1e-5)
    assert analysis.wilson(0.0, 0) == (0.0, 0.0)


def test_chi_square_of_a_textbook_two_by_two():
    # [[10, 20], [30, 40]]: expected 12, 18, 28, 42 → χ² = 4/12 + 4/18 + 4/28 + 4/42 = 0.79365, df 1, p 0.3730.
    result = analysis.chi_square([[10, 20], [30, 40]])
    assert result["chi2"] == pytest.approx(0.793651, abs=1e-6)
    assert result["df"] == 1
    assert result["p_value"] == pytest.approx(0.3730, abs=1e-4)
    assert result["small_expected"] == 0


def test_frequencies_of_a_single_choice_with_shares_and_intervals(survey):
    for sex in ["f"] * 6 + ["m"] * 4:
        sf.response(survey, _answers(sex=sex))
    sf.response(survey, {"region": "751000000"})  # did not answer "sex"
    sf.response(survey, _answers(sex="m"), review=Response.Review.REJECTED)  # not counted
    sf.response(survey, _answers(sex="m"), status=Response.Status.IN_PROGRESS)  # not counted
    with translation.override("en"):
        result = analysis.frequencies(survey, "sex")
    assert result["n"] == 10
    assert result["missing"] == 1
    female, male = result["rows"]
    assert (female["value"], female["label"], female["count"], female["share"]) == ("f", "Female", 6, 0.6)
    assert (male["label"], male["count"], male["share"]) == ("Male", 4, 0.4)
    assert male["ci_low"] == pytest.approx(0.16818, abs=1e-5)
    assert male["ci_high"] == pytest.approx(0.68732, abs=1e-5)


def test_frequencies_of_a_multiple_choice_count_respondents_per_choice(survey):
    sf.response(survey, _answers(services=["ramp", "sign"]))
    sf.response(survey, _answers(services=["ramp"]))
    sf.response(survey, _answers(services=["transport", "other"], services_other="Лифт"))
    sf.response(survey, {"region": "751000000"})
    with translation.override("en"):
        result = analysis.frequencies(survey, "services")
    assert result["n"] == 3
    assert result["missing"] == 1
    counts = {row["value"]: (row["label"], row["count"]) for row in result["rows"]}
    assert counts == {
        "ramp": ("Ramp", 2),
        "sign": ("Sign language", 1),
        "transport": ("Transport", 1),
        "other": ("Other", 1),
    }
    assert result["rows"][0]["share"] == pytest.approx(2 / 3)


def test_weighted_frequencies_use_the_sum_of_weights_and_kish_n(survey):
    # Weights 2, 2, 1, 1 (f, f, m, m): f share 4/6; Kish n = 36 / 10 = 3.6.
    for sex, weight in (("f", 2.0), ("f", 2.0), ("m", 1.0), ("m", 1.0)):
        sf.response(survey, _answers(sex=sex), weight=weight)
    result = analysis.frequencies(survey, "sex", weighted=True)
    female = result["rows"][0]
    assert female["count"] == 4.0
    assert female["share"] == pytest.approx(4 / 6)
    assert result["effective_n"] == pytest.approx(3.6)
    low, high = analysis.wilson(4 / 6, 3.6)
    assert (female["ci_low"], female["ci_high"]) == (pytest.approx(low), pytest.approx(high))


def test_numeric_summary_against_hand_values(survey):
    for age in (20, 30, 40, 50):
        sf.response(survey, _answers(age=age))
    result = analysis.numeric_summary(survey, "age")
    assert result["n"] == 4
    assert result["mean"] == 35
    assert result["sd"] == pytest.approx(math.sqrt(500 / 3))  # squares 225+25+25+225 over n − 1
    assert (result["min"], result["max"]) == (20, 50)
    assert (result["q1"], result["median"], result["q3"]) == (27.5, 35, 42.5)


def test_numeric_summary_weighted_mean(survey):
    sf.response(survey, _answers(age=20), weight=3.0)
    sf.response(survey, _answers(age=40), weight=1.0)
    assert analysis.numeric_summary(survey, "age", weighted=True)["mean"] == 25


def test_crosstab_counts_shares_and_chi_square(survey):
    table = {("f", "yes"): 10, ("f", "no"): 20, ("m", "yes"): 30, ("m", "no"): 40}
    for (sex, satisfied), count in table.items():
        for _ in range(count):
            sf.response(survey, _answers(sex=sex, satisfied=satisfied))
    result = analysis.crosstab(survey, "sex", "satisfied")
    assert [c["value"] for c in result["columns"]] == ["yes", "no"]
    assert result["counts"] == [[10, 20], [30, 40]]
    assert result["row_totals"] == [30, 70]
    assert result["column_totals"] == [40, 60]
    assert result["total"] == 100
    assert result["cells"][0][0]["row_share"] == pytest.approx(1 / 3)
    assert result["cells"][0][0]["column_share"] == pytest.approx(0.25)
    assert result["chi2"] == pytest.approx(0.793651, abs=1e-6)
    assert result["p_value"] == pytest.approx(0.3730, abs=1e-4)
    assert result["warning"] == ""


def test_crosstab_warns_when_expected_counts_are_small(survey):
    sf.response(survey, _answers(sex="f", satisfied="yes"))
    sf.response(survey, _answers(sex="m", satisfied="no"))
    with translation.override("en"):
        result = analysis.crosstab(survey, "sex", "satisfied")
    assert result["small_expected"] == 4
    assert "expected count under 5" in result["warning"]


def test_crosstab_of_an_unknown_question_is_refused(survey):
    with translation.override("en"), pytest.raises(analysis.AnalysisError, match="no question “nope”"):
        analysis.crosstab(survey, "sex", "nope")


def test_filters_by_date_region_quota_review_and_interviewer(survey):
    now = timezone.now()
    old = sf.response(
        survey, _answers(region="351000000", sex="m"), completed_at=now - datetime.timedelta(days=30)
    )
    sf.response(survey, _answers(region="751000000", sex="f"))
    sf.response(survey, _answers(region="751000000", sex="m"), review=Response.Review.APPROVED)
    quota = sf.quota(survey, {"region": ["751000000"], "sex": ["f"]})
    today = timezone.localdate()
    assert analysis.frequencies(survey, "sex", filters=Filters(date_from=today))["n"] == 2
    assert (
        analysis.frequencies(survey, "sex", filters=Filters(date_to=today - datetime.timedelta(days=1)))["n"]
        == 1
    )
    assert analysis.frequencies(survey, "sex", filters=Filters(region_code="35"))["n"] == 1
    assert analysis.frequencies(survey, "sex", filters=Filters(quota=quota.pk))["n"] == 1
    assert analysis.frequencies(survey, "sex", filters=Filters(review="approved"))["n"] == 1
    assert old.pk in analysis.responses(survey, Filters.from_query({"region_code": "35"})).values_list(
        "pk", flat=True
    )


def test_filters_from_a_query_string_leave_out_what_they_cannot_read():
    with translation.override("en"):
        filters = Filters.from_query({"date_from": "not a date", "region_code": "75", "review": "approved"})
    assert filters.date_from is None
    assert filters.region_code == "75"
    assert filters.review == "approved"
    assert filters.errors
    assert Filters.from_dict(filters.to_dict()) == filters


def test_the_status_filter_offers_completed_first():
    # A select submits its first option: an untouched filter form must keep the completed responses.
    from azamat.surveys.analysis_forms import FiltersForm

    assert FiltersForm().fields["status"].choices[0][0] == Response.Status.COMPLETED
