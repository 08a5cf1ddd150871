"""The form engine as a respondent meets it: pages, skip logic, constraints, calculations, choice filters,
repeats, numbers typed the Kazakh way, and what a page renders (with and without JavaScript)."""

import copy
import datetime
from unittest import mock

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import translation

from azamat.surveys import engine, xpath
from azamat.testing.surveys_factories import SAMPLE


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def post(text: str) -> QueryDict:
    return QueryDict(text, mutable=True)


def first_page_answers():
    answers, errors = engine.read_page(
        SAMPLE, 0, {}, post("region=751000000&sex=f&age=34&_shown=region&_shown=sex&_shown=age"), "en"
    )
    assert errors == {}
    return answers


# --- xpath -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "values", "expected"),
    [
        ("${age} > 3 and ${age} <= 100", {"age": "34"}, True),
        ("${age} > 3", {"age": ""}, False),
        ("selected(${s}, 'b')", {"s": "a b"}, True),
        ("not(selected(${s}, 'c'))", {"s": "a b"}, True),
        ("count-selected(${s}) >= 2", {"s": "a b"}, True),
        ("selected-at(${s}, 1) = 'b'", {"s": "a b"}, True),
        ("string-length(${t}) = 5", {"t": "Алмат"}, True),
        ("regex(${t}, '^[0-9]{3}$')", {"t": "123"}, True),
        ("concat(${a}, '-', ${b}) = 'x-y'", {"a": "x", "b": "y"}, True),
        ("if(${age} >= 18, 'adult', 'child') = 'adult'", {"age": "20"}, True),
        ("coalesce(${a}, 'none') = 'none'", {"a": ""}, True),
        ("int(7.9) = 7 and round(2.5) = 3 and number('4') = 4", {}, True),
        ("${d} < today()", {"d": "2000-01-01"}, True),
        ("${d} > date('2020-01-01')", {"d": "2019-12-31"}, False),
        ("boolean-from-string('true') and true() and not(false())", {}, True),
        ("10 div 4 = 2.5 and 10 mod 4 = 2 and -3 + 5 = 2", {}, True),
        ("${x} = 'a' or ${x} = 'b'", {"x": "b"}, True),
        ("../zone = 'NW'", {"zone": "NW"}, True),
    ],
)
def test_the_xpath_evaluator_reads_odk_expressions(expression, values, expected):
    tree = xpath.parse(expression)
    result = xpath.evaluate(tree, xpath.Context(lookup=lambda name: values.get(name, "")))
    assert xpath.truthy(result) is expected


def test_sum_and_count_over_a_repeat_from_outside_it():
    definition = {
        "languages": ["en"],
        "children": [
            {"name": "kids", "type": "repeat", "children": [{"name": "kid_age", "type": "integer"}]},
            {"name": "total", "type": "calculate", "calculation": "sum(${kid_age})"},
            {"name": "n", "type": "calculate", "calculation": "count(${kids})"},
        ],
        "choices": {},
    }
    answers = engine.recalculate(definition, {"kids": [{"kid_age": 3}, {"kid_age": 5}]})
    assert answers["total"] == "8"
    assert answers["n"] == "2"


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ("${age >", "bad reference"),
        ("foo(1)", "unknown function “foo()”"),
        ("age > 3", "is not a question reference"),
        ("(${a} = 1", "expected “)”"),
        ("${a} = ", "end of the expression"),
    ],
)
def test_broken_expressions_are_refused_with_the_reason(expression, reason):
    assert reason in xpath.check_syntax(expression)


@pytest.mark.parametrize(
    "expression",
    ["${age >", "${a} ^ 1", "foo(1)", "age > 3", "(${a} = 1", "(${a} = 1 2", "${a} = ", "/", "", "1 2"],
)
def test_the_reasons_are_translated_for_the_team_reading_them_in_kazakh_or_russian(expression):
    # An XLSForm refused on a Kazakh page said "unexpected “>”" in English.
    with mock.patch.object(xpath, "_", side_effect=lambda text: "[kk] " + text):
        assert xpath.check_syntax(expression).startswith("[kk] ")


# --- reading pages ---------------------------------------------------------------------------------------------


def test_a_page_takes_its_answers_and_checks_required_and_constraints():
    answers, errors = engine.read_page(SAMPLE, 0, {}, post("region=751000000&sex=&age=12"), "en")
    assert errors == {"sex": "Answer this question.", "age": "Age between 16 and 100"}
    # What parsed is kept, so nothing typed is lost.
    assert answers == {"region": "751000000", "age": 12}


def test_numbers_are_read_as_people_type_them():
    answers = first_page_answers()
    read, errors = engine.read_page(
        SAMPLE,
        1,
        answers,
        post("services=ramp&satisfied=yes&spend=1 234,50&_shown=services&_shown=satisfied&_shown=spend"),
        "en",
    )
    assert errors == {}
    assert read["spend"] == "1234.50"  # exactly as typed, places kept
    read, errors = engine.read_page(
        SAMPLE, 1, answers, post("services=ramp&satisfied=yes&spend=1234.5"), "en"
    )
    assert read["spend"] == "1234.5"
    read, errors = engine.read_page(SAMPLE, 0, {}, post("region=751000000&sex=f&age=3,5"), "en")
    assert errors["age"] == "Enter a whole number, without a fraction."
    read, errors = engine.read_page(SAMPLE, 1, answers, post("services=ramp&satisfied=yes&spend=lots"), "en")
    assert errors["spend"] == "Enter a number, e.g. 1 234,50."
    assert errors["spend"].typed == "lots"


def test_a_choice_not_offered_is_refused():
    _answers, errors = engine.read_page(SAMPLE, 0, {}, post("region=999&sex=x&age=30"), "en")
    assert errors["region"] == "Choose one of the options given."
    assert errors["sex"] == "Choose one of the options given."


def test_select_multiple_with_other_keeps_the_other_text_and_asks_for_it():
    answers = first_page_answers()
    read, errors = engine.read_page(
        SAMPLE, 1, answers, post("services=ramp&services=other&services_other=Lift&satisfied=yes"), "en"
    )
    assert errors == {}
    assert read["services"] == ["ramp", "other"]
    assert read["services_other"] == "Lift"
    _read, errors = engine.read_page(SAMPLE, 1, answers, post("services=other&satisfied=yes"), "en")
    assert errors["services"] == "Write your other answer."


def test_a_question_no_longer_relevant_loses_its_answer():
    answers = first_page_answers()
    read, errors = engine.read_page(SAMPLE, 1, answers, post("services=ramp&satisfied=no&why=Far away"), "en")
    assert errors == {}
    assert read["why"] == "Far away"
    read, errors = engine.read_page(SAMPLE, 1, read, post("services=ramp&satisfied=yes&why=Far away"), "en")
    assert "why" not in read
    assert engine.is_relevant(SAMPLE, "why", read) is False


def test_without_javascript_a_question_revealed_on_the_same_page_is_shown_before_moving_on():
    answers = first_page_answers()
    # "why" was hidden when the page was drawn (no _shown for it); answering "no" reveals it.
    posted = "services=ramp&satisfied=no&_shown=services&_shown=satisfied&_shown=spend"
    _read, errors = engine.read_page(SAMPLE, 1, answers, post(posted), "en")
    assert list(errors) == ["why"]
    # Drawn again, it is shown (and posts _shown): left empty, the page passes.
    _read, errors = engine.read_page(SAMPLE, 1, answers, post(posted + "&_shown=why&why="), "en")
    assert errors == {}


def test_dates_are_iso_or_day_month_year():
    answers = first_page_answers()
    read, errors = engine.read_page(SAMPLE, 3, answers, post("visited=2025-03-31"), "en")
    assert read["visited"] == "2025-03-31"
    read, errors = engine.read_page(SAMPLE, 3, answers, post("visited=31.03.2025"), "en")
    assert read["visited"] == "2025-03-31"
    _read, errors = engine.read_page(SAMPLE, 3, answers, post("visited=2025-02-30"), "en")
    assert errors["visited"] == "There is no such date: check the day and the month."
    _read, errors = engine.read_page(SAMPLE, 3, answers, post("visited=20255-01-01"), "en")
    assert errors["visited"] == "Enter a date as YYYY-MM-DD, e.g. 2025-03-31."


def test_repeats_take_their_instances_and_drop_the_empty_one():
    answers = first_page_answers()
    posted = post("children-count=3&children-0-child_age=5&children-1-child_age=12&children-2-child_age=")
    read, errors = engine.read_page(SAMPLE, 2, answers, posted, "en")
    assert read["children"] == [{"child_age": 5}, {"child_age": 12}]
    assert errors == {}
    posted = post("children-count=3&children-0-child_age=5&children-1-child_age=x&remove_children-0=1")
    read, errors = engine.read_page(SAMPLE, 2, answers, posted, "en")
    assert errors == {"children-0-child_age": "Enter a number, e.g. 25."}
    assert engine.page_action(SAMPLE, 2, posted) == "remove"
    assert engine.page_action(SAMPLE, 2, post("add_children=1")) == "add"
    assert engine.page_action(SAMPLE, 2, post("children-count=1")) is None


def test_repeat_children_see_their_siblings_in_the_same_instance():
    definition = {
        "languages": ["en"],
        "children": [
            {
                "name": "kids",
                "type": "repeat",
                "children": [
                    {"name": "kid_age", "type": "integer"},
                    {"name": "school", "type": "text", "relevant": "${kid_age} >= 7", "required": True},
                ],
            }
        ],
        "choices": {},
    }
    posted = post("kids-count=2&kids-0-kid_age=3&kids-1-kid_age=9")
    read, errors = engine.read_page(definition, 0, {}, posted, "en")
    assert errors == {"kids-1-school": "Answer this question."}
    assert read["kids"] == [{"kid_age": 3}, {"kid_age": 9}]


def test_choice_filter_offers_only_the_matching_choices():
    definition = {
        "languages": ["en"],
        "children": [
            {"name": "state", "type": "select_one", "list": "states", "label": {"en": "State"}},
            {
                "name": "county",
                "type": "select_one",
                "list": "counties",
                "choice_filter": "cf = ${state}",
                "label": {"en": "County"},
            },
        ],
        "choices": {
            "states": [
                {"name": "wa", "label": {"en": "Washington"}},
                {"name": "tx", "label": {"en": "Texas"}},
            ],
            "counties": [
                {"name": "king", "label": {"en": "King"}, "filter": {"cf": "wa"}},
                {"name": "dallas", "label": {"en": "Dallas"}, "filter": {"cf": "tx"}},
            ],
        },
    }
    fields = engine.page_fields(definition, 0, {"state": "wa"}, {}, "en")
    assert [choice["name"] for choice in fields[1]["choices"]] == ["king"]
    _read, errors = engine.read_page(definition, 0, {}, post("state=wa&county=dallas"), "en")
    assert errors == {"county": "Choose one of the options given."}


def test_next_and_previous_pages_skip_pages_with_nothing_relevant():
    definition = copy.deepcopy(SAMPLE)
    definition["children"][3]["relevant"] = "${age} >= 18"  # the "needs" group page
    young = {"region": "751000000", "sex": "f", "age": 16}
    assert engine.next_page(definition, young, 0) == 2
    assert engine.previous_page(definition, young, 2) == 0
    assert engine.next_page(definition, {**young, "age": 30}, 0) == 1
    assert engine.next_page(definition, young, 4) is None
    assert engine.first_page(definition, {}) == 0


def test_calculations_defaults_and_labels_with_references():
    definition = {
        "languages": ["en"],
        "children": [
            {"name": "name", "type": "text", "label": {"en": "Name"}, "default": "Aigul"},
            {"name": "greeting", "type": "calculate", "calculation": "concat('Hello, ', ${name})"},
            {"name": "age", "type": "integer", "label": {"en": "How old is ${name}?"}},
        ],
        "choices": {},
    }
    answers = engine.initial_answers(definition)
    assert answers == {"name": "Aigul", "greeting": "Hello, Aigul"}
    fields = engine.page_fields(definition, 0, answers, {}, "en")
    assert [field["name"] for field in fields] == ["name", "age"]  # calculations are not shown
    assert fields[1]["label"] == "How old is Aigul?"


def test_check_all_checks_a_whole_response():
    errors = engine.check_all(SAMPLE, {"region": "751000000", "sex": "f", "age": 7}, "en")
    assert errors == {
        "age": "Age between 16 and 100",
        "services": "Answer this question.",
        "satisfied": "Answer this question.",
    }


def test_personal_answers_split_and_join_back():
    answers = {"region": "751000000", "phone": "+7 701 000 00 00", "age": 30}
    plain, personal = engine.split_personal(SAMPLE, answers)
    assert plain == {"region": "751000000", "age": 30}
    assert personal == {"phone": "+7 701 000 00 00"}
    assert engine.join_personal(plain, personal) == answers


def test_parse_answer_for_imports_and_corrections():
    assert engine.parse_answer(SAMPLE, "spend", "1 500,25", language="ru") == "1500.25"
    with pytest.raises(engine.AnswerError):
        engine.parse_answer(SAMPLE, "age", "many")


# --- rendering -------------------------------------------------------------------------------------------------


def test_the_page_partial_renders_accessible_fields_and_client_rules():
    answers = first_page_answers()
    _read, errors = engine.read_page(SAMPLE, 1, answers, post("services=other&satisfied=no&spend=abc"), "en")
    fields = engine.page_fields(
        SAMPLE, 1, answers, errors, "en", posted=post("services=other&satisfied=no&spend=abc")
    )
    html = render_to_string("surveys/engine/_page.html", {"fields": fields})
    assert "<legend>Which services are missing?" in html
    assert 'inputmode="decimal"' in html
    assert 'value="abc"' in html  # what was typed comes back
    assert 'aria-describedby="q-spend-error"' in html
    assert "Enter a number, e.g. 1 234,50." in html
    # skip logic goes to the browser as a syntax tree
    assert 'data-relevant="[&quot;op&quot;, &quot;=&quot;, [&quot;ref&quot;, &quot;satisfied&quot;]' in html
    assert 'name="services_other"' in html


def test_a_repeat_page_renders_its_instances_an_empty_one_and_the_add_button():
    answers = {**first_page_answers(), "children": [{"child_age": 4}]}
    html = render_to_string(
        "surveys/engine/_page.html", {"fields": engine.page_fields(SAMPLE, 2, answers, {}, "en")}
    )
    assert 'name="children-0-child_age"' in html and 'value="4"' in html
    assert 'name="children-1-child_age"' in html
    assert 'name="children-count" value="2"' in html
    assert 'name="add_children"' in html
    assert 'name="remove_children-0"' in html


def test_rules_naming_other_pages_carry_those_answers_to_the_browser():
    definition = copy.deepcopy(SAMPLE)
    definition["children"][3]["children"][2]["relevant"] = "${age} > 30 and ${satisfied} = 'no'"
    fields = engine.page_fields(definition, 1, {"age": 40}, {}, "en")
    assert fields.outside == '{"age": "40"}'


def test_today_is_the_calendar_day():
    assert xpath.evaluate(xpath.parse("today()"), xpath.Context(lookup=lambda n: "")) == datetime.date.today()  # noqa: DTZ011
