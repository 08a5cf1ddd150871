"""One answer read from text: parsed by its question's type (numbers typed as "1 234,50", dates as 31.03.2025),
checked against the choices its filter leaves; a new response's answers from the defaults."""

import datetime
import re

from django.utils.translation import gettext as _

from azamat.core.numbers import NumberError, parse_decimal, parse_integer
from azamat.surveys import decimals, xpath
from azamat.surveys import definition as spec
from azamat.surveys.engine.common import AnswerError, _language
from azamat.surveys.engine.logic import _Scope, _scope, recalculate


def _choices(definition, node, scope: _Scope) -> list[dict]:
    items = definition.get("choices", {}).get(node.get("list", ""), [])
    expression = node.get("choice_filter", "")
    if not expression:
        return list(items)
    kept = []
    for item in items:
        columns = {"name": item["name"], **(item.get("filter") or {})}
        result = scope.value(expression, columns=True, filter_values=columns)
        if result is None or xpath.truthy(result):
            kept.append(item)
    return kept


def _parse_value(node, raw, choices, definition):
    kind = node["type"]
    if isinstance(raw, list):
        values = [str(item).strip() for item in raw if str(item).strip()]
    else:
        values = [str(raw).strip()] if raw is not None and str(raw).strip() else []
    if not values:
        return None
    if kind == "select_multiple":
        if len(values) == 1 and " " in values[0]:
            values = values[0].split()
        allowed = {item["name"] for item in choices} | ({spec.OTHER} if node.get("or_other") else set())
        if choices and any(value not in allowed for value in values):
            raise AnswerError(_("Choose among the options given."))
        return list(dict.fromkeys(values))
    value = values[0]
    if kind == "select_one":
        allowed = {item["name"] for item in choices} | ({spec.OTHER} if node.get("or_other") else set())
        if choices and value not in allowed:
            raise AnswerError(_("Choose one of the options given."))
        return value
    if kind == "integer":
        try:
            number = parse_integer(value)
        except NumberError as error:
            if error.code == "not_whole":
                raise AnswerError(_("Enter a whole number, without a fraction.")) from error
            raise AnswerError(_("Enter a number, e.g. 25.")) from error
        if number is not None and abs(number) > 2**53:
            raise AnswerError(_("This number is too large."))
        return number
    if kind == "decimal":
        try:
            number = parse_decimal(value)
        except NumberError as error:
            raise AnswerError(_("Enter a number, e.g. 1 234,50.")) from error
        if number is not None and abs(number) > 10**15:
            raise AnswerError(_("This number is too large."))
        # Exactly as typed, places kept ("1 234,50" → "1234.50"), not a float that comes back as 1 234,5.
        return None if number is None else decimals.stored(number, value)
    if kind == "date":
        return _parse_date(value)
    if len(value) > 10000:
        raise AnswerError(_("This answer is too long (at most 10,000 characters)."))
    return value


_DMY = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _parse_date(value: str) -> str:
    """An ISO date or one typed day first (31.03.2025); a date written rightly that is not in the calendar (31.02,
    month 13) is told apart from one written wrongly."""
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    parts = None
    if match := _YMD.fullmatch(value):
        parts = int(match[1]), int(match[2]), int(match[3])
    elif match := _DMY.fullmatch(value):
        parts = int(match[3]), int(match[2]), int(match[1])
    if parts is None:
        raise AnswerError(_("Enter a date as YYYY-MM-DD, e.g. 2025-03-31."))
    try:
        return datetime.date(*parts).isoformat()
    except ValueError:
        raise AnswerError(_("There is no such date: check the day and the month.")) from None


def parse_answer(definition: dict, name: str, raw, answers: dict | None = None, language: str = ""):
    """One answer read from text (API, imports, the team's corrections); raises AnswerError."""
    with _language(language):
        node = spec.find(definition, name)
        if node is None or node["type"] not in spec.ANSWERED_TYPES:
            raise AnswerError(_("There is no such question."))
        choices = _choices(definition, node, _scope(definition, answers or {}))
        return _parse_value(node, raw, choices, definition)


def initial_answers(definition: dict) -> dict:
    """A new response's answers: the questions' defaults, then the calculations."""
    answers: dict = {}
    for node in spec.walk(definition.get("children", []), into_repeats=False):
        default = node.get("default")
        if default and node["type"] in spec.ANSWERED_TYPES:
            try:
                answers[node["name"]] = _parse_value(node, default, [], definition)
            except AnswerError:
                continue
    return recalculate(definition, answers)
