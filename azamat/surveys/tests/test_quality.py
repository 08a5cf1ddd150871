"""Data-quality flags: straight-lining, the answers' fingerprint (duplicates), too fast; and how completion sets
them on a response."""

import copy

import pytest
from django.utils import timezone

from azamat.surveys import collect_services as services
from azamat.surveys import quality
from azamat.surveys.models import Response
from azamat.testing import surveys_factories as sf


def _scale_form(count: int) -> dict:
    form = copy.deepcopy(sf.SAMPLE)
    form["children"] = [
        {"name": f"q{i}", "type": "select_one", "list": "scale", "label": {"en": f"Q{i}"}}
        for i in range(count)
    ]
    return form


def test_five_same_choices_in_a_row_of_one_list_are_straightlining():
    form = _scale_form(6)
    same = {f"q{i}": "yes" for i in range(6)}
    assert quality.straightlining(form, same)
    varied = {**same, "q2": "no"}  # runs of 2 and 3
    assert not quality.straightlining(form, varied)
    four = {f"q{i}": "yes" for i in range(4)}
    assert not quality.straightlining(form, four)


def test_the_fingerprint_ignores_order_case_and_spaces_but_not_the_answers():
    one = {"services": ["ramp", "sign"], "why": "Далеко  ехать", "age": 34}
    two = {"age": 34.0, "why": "далеко ехать", "services": ["sign", "ramp"]}
    assert quality.fingerprint(one) == quality.fingerprint(two)
    assert quality.fingerprint(one) != quality.fingerprint({**one, "age": 35})


def test_too_fast_uses_the_survey_minimum_else_a_third_of_the_median():
    assert quality.too_fast_threshold(120, [600, 600]) == 120.0
    assert quality.too_fast_threshold(None, [300, 600, 900]) == 200.0
    assert quality.too_fast_threshold(None, []) is None
    assert quality.too_fast(199, 200.0) and not quality.too_fast(200, 200.0)
    assert not quality.too_fast(5, None)


@pytest.mark.django_db
def test_completion_flags_a_fast_duplicate_straightliner():
    survey = sf.survey(definition=_scale_form(5), region_question="", min_seconds=60)
    answers = {f"q{i}": "no" for i in range(5)}
    earlier = sf.response(survey, dict(answers))
    earlier.fingerprint = quality.fingerprint(answers)
    earlier.save()
    response = Response.objects.create(
        survey=survey,
        version=survey.current_version(),
        data=dict(answers),
        started_at=timezone.now() - timezone.timedelta(seconds=20),
    )
    outcome = services.submit_page(
        response=response, page=0, posted=_posted(answers), action="next", language="en"
    )
    assert outcome.done
    response.refresh_from_db()
    earlier.refresh_from_db()
    assert response.status == Response.Status.COMPLETED
    assert response.too_fast and response.straightlining and response.duplicate
    assert earlier.duplicate  # the twin is marked too
    assert response.fingerprint == earlier.fingerprint


def _posted(answers):
    from django.http import QueryDict

    posted = QueryDict(mutable=True)
    for key, value in answers.items():
        posted.setlist(key, value if isinstance(value, list) else [str(value)])
    return posted
