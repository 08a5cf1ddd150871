"""The form engine: what a question shows, accepts and computes, from a version's definition (definition.py).
Skip logic (`relevant`), constraints, calculations and choice filters are XPath (xpath.py) evaluated with the ODK
functions the supported types need, on the server on every page; the same rules go to the browser as small
syntax trees that static/surveys/form-logic.js evaluates as the respondent types.

Input names on a page: a question's name; a select_multiple posts its name once per ticked choice; or_other's
text is "<name>_other"; a repeat's children are "<repeat>-<index>-<child>" with "<repeat>-count" instances; every
question shown as relevant posts "_shown" = its input name (so that without JavaScript a question that becomes
relevant on the same page is shown before the respondent moves on).
"""

import copy
import datetime
import json
import re
from functools import lru_cache

from django.utils import translation
from django.utils.translation import gettext as _

from azamat.core.numbers import NumberError, format_number, parse_decimal, parse_integer
from azamat.surveys import definition as spec
from azamat.surveys import xpath

ADD_PREFIX = "add_"  # the "add another" button of a repeat posts add_<repeat>
REMOVE_PREFIX = "remove_"  # remove_<repeat>-<index> removes an instance
SHOWN = "_shown"
MAX_REPEAT = 200


class AnswerError(ValueError):
    """An answer that cannot be taken, with the message to show beside the question (in the active language)."""


class FieldError(str):
    """An error message that remembers what was typed, so the page shows it back."""

    typed: object = None

    def __new__(cls, message: str, typed=None):
        made = super().__new__(cls, message)
        made.typed = typed
        return made


class PageFields(list):
    """The fields of a page; `outside` is the JSON of the answers the page's client rules read from other
    pages."""

    outside = "{}"


# --- the form's structure -------------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _tree(expression: str, columns: bool = False):
    try:
        return xpath.parse(expression, columns=columns)
    except xpath.XPathError:
        return None


def _index(definition: dict) -> dict:
    """name → (node, repeat node or None, ancestors [containers outside in])."""
    found: dict = {}

    def visit(nodes, repeat, ancestors):
        for node in nodes:
            found[node["name"]] = (node, repeat, ancestors)
            if node["type"] in spec.CONTAINER_TYPES:
                inner_repeat = node if node["type"] == "repeat" else repeat
                visit(node.get("children", []), inner_repeat, [*ancestors, node])

    visit(definition.get("children", []), None, [])
    return found


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return xpath.as_string(value)
    return str(value)


class _Scope:
    """Evaluates expressions over `answers`, inside one repeat instance when `instance` is given."""

    def __init__(self, definition, answers, index, language="", repeat=None, instance=None, position=1):
        self.definition = definition
        self.answers = answers
        self.index = index
        self.language = language
        self.repeat = repeat
        self.instance = instance
        self.position = position

    def lookup(self, name: str):
        entry = self.index.get(name)
        if entry is None:
            return ""
        node, repeat, _ancestors = entry
        if node["type"] == "repeat":
            return ["" for _item in self.answers.get(name) or []]
        if repeat is None:
            return _as_text(self.answers.get(name))
        if self.instance is not None and self.repeat is not None and repeat["name"] == self.repeat["name"]:
            return _as_text(self.instance.get(name))
        return [_as_text(item.get(name)) for item in self.answers.get(repeat["name"]) or []]

    def choice_name(self, question: str, value: str) -> str:
        entry = self.index.get(question)
        if not entry or not entry[0].get("list"):
            return value
        return spec.choice_label(self.definition, entry[0]["list"], value, self.language)

    def value(self, expression: str, current="", *, columns=False, filter_values=None):
        tree = _tree(expression, columns)
        if tree is None:
            return None
        context = xpath.Context(
            lookup=self.lookup,
            current=current,
            position=self.position,
            choice_name=self.choice_name,
            filter_values=filter_values,
        )
        try:
            return xpath.evaluate(tree, context)
        except (ValueError, TypeError, OverflowError, ZeroDivisionError, IndexError):
            return None

    def test(self, expression: str, current="", default=True) -> bool:
        if not expression:
            return default
        result = self.value(expression, current)
        return default if result is None else xpath.truthy(result)

    def relevant(self, name: str) -> bool:
        node, _repeat, ancestors = self.index[name]
        return all(self.test(item.get("relevant", "")) for item in [*ancestors, node])

    def inside(self, repeat, instance, position):
        return _Scope(self.definition, self.answers, self.index, self.language, repeat, instance, position)


def _scope(definition, answers, language="") -> _Scope:
    return _Scope(definition, answers, _index(definition), language)


def recalculate(definition: dict, answers: dict) -> dict:
    """Recompute the calculations and drop the answers of questions that are not relevant, in place."""
    index = _index(definition)
    for _round in range(3):  # relevance and calculations may feed each other; forms settle in a round or two
        before = json.dumps(answers, sort_keys=True, default=str)
        scope = _Scope(definition, answers, index)
        _settle(definition.get("children", []), answers, scope)
        if json.dumps(answers, sort_keys=True, default=str) == before:
            break
    return answers


def _settle(nodes, store: dict, scope: _Scope):
    for node in nodes:
        name = node["name"]
        relevant = scope.test(node.get("relevant", ""))
        if node["type"] == "group":
            if relevant:
                _settle(node.get("children", []), store, scope)
            else:
                for inner in spec.walk(node.get("children", [])):
                    store.pop(inner["name"], None)
                    store.pop(f"{inner['name']}_other", None)
            continue
        if node["type"] == "repeat":
            if not relevant:
                store.pop(name, None)
                continue
            instances = store.get(name) or []
            for position, instance in enumerate(instances, start=1):
                _settle(node.get("children", []), instance, scope.inside(node, instance, position))
            continue
        if not relevant:
            store.pop(name, None)
            store.pop(f"{name}_other", None)
            continue
        if node["type"] == "calculate" and node.get("calculation"):
            result = scope.value(node["calculation"])
            text = "" if result is None else xpath.as_string(result)
            if text and text != "NaN":
                store[name] = text
            else:
                store.pop(name, None)
        elif node["type"] in spec.CHOICE_TYPES and node.get("or_other"):
            chosen = store.get(name)
            picked = chosen if isinstance(chosen, list) else [chosen]
            if spec.OTHER not in picked:
                store.pop(f"{name}_other", None)


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


# --- reading answers -------------------------------------------------------------------------------------------


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
        return None if number is None else float(number)
    if kind == "date":
        return _parse_date(value)
    if len(value) > 10000:
        raise AnswerError(_("This answer is too long (at most 10,000 characters)."))
    return value


_DMY = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")


def _parse_date(value: str) -> str:
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    match = _DMY.fullmatch(value)
    if match:
        try:
            return datetime.date(int(match[3]), int(match[2]), int(match[1])).isoformat()
        except ValueError:
            pass
    raise AnswerError(_("Enter a date as YYYY-MM-DD, e.g. 2025-03-31."))


def parse_answer(definition: dict, name: str, raw, answers: dict | None = None, language: str = ""):
    """One answer read from text (API, imports, the team's corrections); raises AnswerError."""
    with _language(language):
        node = spec.find(definition, name)
        if node is None or node["type"] not in spec.ANSWERED_TYPES:
            raise AnswerError(_("There is no such question."))
        choices = _choices(definition, node, _scope(definition, answers or {}))
        return _parse_value(node, raw, choices, definition)


class _language:
    def __init__(self, language):
        self.override = translation.override(language) if language else None

    def __enter__(self):
        if self.override:
            self.override.__enter__()

    def __exit__(self, *exc):
        if self.override:
            self.override.__exit__(*exc)


def _posted(posted, key: str, multiple=False):
    if hasattr(posted, "getlist"):
        return posted.getlist(key) if multiple else posted.get(key)
    value = posted.get(key)
    if multiple:
        return value if isinstance(value, list) else ([] if value is None else [value])
    return value


def _read_node(definition, node, input_name, store, posted, scope, errors, error_prefix=""):
    kind = node["type"]
    name = node["name"]
    if kind in ("note", "calculate") or node.get("read_only"):
        return
    raw = _posted(posted, input_name, multiple=kind == "select_multiple")
    choices = _choices(definition, node, scope) if kind in spec.CHOICE_TYPES else []
    try:
        value = _parse_value(node, raw, choices, definition)
    except AnswerError as error:
        errors[error_prefix + name] = FieldError(str(error), raw)
        return
    if value is None:
        store.pop(name, None)
    else:
        store[name] = value
    if node.get("or_other"):
        other = (_posted(posted, f"{input_name}_other") or "").strip()[:1000]
        if other:
            store[f"{name}_other"] = other
        else:
            store.pop(f"{name}_other", None)


def _page_nodes(definition, page) -> list[dict]:
    all_pages = spec.pages(definition)
    if page < 0 or page >= len(all_pages):
        return []
    return all_pages[page]


def read_page(definition: dict, page: int, answers: dict, posted, language: str) -> tuple[dict, dict]:
    """Take the posted values of page `page` into a copy of `answers`: parse them (numbers typed as "1 234,50"),
    check required and constraints of the relevant questions, drop the answers of questions no longer relevant,
    recompute calculations. Returns (answers, errors: name → message); with errors the answers hold what was
    typed where it parsed, so nothing typed is lost. The errors of a repeat's child are keyed
    "<repeat>-<index>-<child>"."""
    with _language(language):
        result = copy.deepcopy(answers or {})
        errors: dict = {}
        index = _index(definition)
        scope = _Scope(definition, result, index, language)
        nodes = _page_nodes(definition, page)
        for node in nodes:
            _read_nodes(definition, node, result, posted, scope, errors)
        recalculate(definition, result)
        shown = set(_posted(posted, SHOWN, multiple=True) or [])
        check_shown = bool(_posted(posted, SHOWN, multiple=True))
        scope = _Scope(definition, result, index, language)
        _check_nodes(definition, nodes, result, scope, errors, shown if check_shown else None)
        return result, errors


def _read_nodes(definition, node, result, posted, scope, errors):
    if node["type"] == "group":
        for child in node.get("children", []):
            _read_nodes(definition, child, result, posted, scope, errors)
        return
    if node["type"] == "repeat":
        name = node["name"]
        try:
            count = min(int(_posted(posted, f"{name}-count") or 0), MAX_REPEAT)
        except ValueError:
            count = 0
        instances = []
        for position in range(count):
            if any(
                key.startswith(f"{REMOVE_PREFIX}{name}-{position}") for key in _keys(posted)
            ):  # the respondent removed this instance
                continue
            instance: dict = {}
            inner = scope.inside(node, instance, position + 1)
            for child in spec.walk(node.get("children", [])):
                if child["type"] in spec.CONTAINER_TYPES:
                    continue
                _read_node(
                    definition,
                    child,
                    f"{name}-{position}-{child['name']}",
                    instance,
                    posted,
                    inner,
                    errors,
                    error_prefix=f"{name}-{len(instances)}-",
                )
            if instance or any(key.startswith(f"{name}-{len(instances)}-") for key in errors):
                instances.append(instance)
        if instances:
            result[name] = instances
        else:
            result.pop(name, None)
        return
    _read_node(definition, node, node["name"], result, posted, scope, errors)


def _keys(posted):
    return list(posted.keys()) if hasattr(posted, "keys") else []


def _check_one(node, value, scope, errors, key, shown):
    if key in errors:
        return
    name = node["name"]
    if node["type"] in ("note", "calculate", "group", "repeat"):
        return
    empty = value is None or value == "" or value == []
    languages = scope.definition.get("languages")
    if empty:
        if node.get("required") and not node.get("read_only"):
            errors[key] = spec.text(node.get("required_message"), scope.language, languages) or _(
                "Answer this question."
            )
        elif shown is not None and key not in shown and not node.get("read_only"):
            errors[key] = _("This question now applies to you: answer it, or leave it empty and go on.")
        return
    if node["type"] in spec.CHOICE_TYPES and node.get("or_other"):
        picked = value if isinstance(value, list) else [value]
        store = scope.instance if scope.instance is not None else scope.answers
        if spec.OTHER in picked and not store.get(f"{name}_other"):
            errors[key] = _("Write your other answer.")
            return
    constraint = node.get("constraint", "")
    if constraint and not scope.test(constraint, current=_as_text(value)):
        errors[key] = spec.text(node.get("constraint_message"), scope.language, languages) or _(
            "This answer is not accepted."
        )


def _check_nodes(definition, nodes, result, scope, errors, shown):
    for node in nodes:
        if not scope.test(node.get("relevant", "")):
            continue
        if node["type"] == "group":
            _check_nodes(definition, node.get("children", []), result, scope, errors, shown)
        elif node["type"] == "repeat":
            for position, instance in enumerate(result.get(node["name"]) or []):
                inner = scope.inside(node, instance, position + 1)
                for child in _flat_children(node, inner):
                    key = f"{node['name']}-{position}-{child['name']}"
                    _check_one(child, instance.get(child["name"]), inner, errors, key, None)
        else:
            _check_one(node, result.get(node["name"]), scope, errors, node["name"], shown)


def _flat_children(repeat, scope):
    """A repeat's relevant questions (its groups flattened)."""

    def visit(nodes):
        for node in nodes:
            if not scope.test(node.get("relevant", "")):
                continue
            if node["type"] in spec.CONTAINER_TYPES:
                yield from visit(node.get("children", []))
            else:
                yield node

    return list(visit(repeat.get("children", [])))


def check_all(definition: dict, answers: dict, language: str) -> dict:
    """Every relevant question's required and constraint checks over a whole response (paper entry, the team's
    corrections, imports): name → message."""
    with _language(language):
        errors: dict = {}
        scope = _scope(definition, answers, language)
        _check_nodes(definition, definition.get("children", []), answers, scope, errors, None)
        return errors


def is_relevant(definition: dict, name: str, answers: dict) -> bool:
    scope = _scope(definition, answers)
    entry = scope.index.get(name)
    if entry is None:
        return False
    node, repeat, ancestors = entry
    if repeat is None:
        return scope.relevant(name)
    instances = answers.get(repeat["name"]) or []
    outside = [item for item in ancestors if item is not repeat and item not in repeat.get("children", [])]
    if not all(scope.test(item.get("relevant", "")) for item in outside[: ancestors.index(repeat) + 1]):
        return False
    return any(
        scope.inside(repeat, instance, i + 1).test(node.get("relevant", ""))
        for i, instance in enumerate(instances or [{}])
    )


# --- pages -----------------------------------------------------------------------------------------------------


def _page_shows(definition, nodes, scope) -> bool:
    for node in nodes:
        if node["type"] == "calculate" or not scope.test(node.get("relevant", "")):
            continue
        if node["type"] == "group":
            if _page_shows(definition, node.get("children", []), scope):
                return True
            continue
        return True
    return False


def page_is_relevant(definition: dict, answers: dict, page: int) -> bool:
    return _page_shows(definition, _page_nodes(definition, page), _scope(definition, answers))


def next_page(definition: dict, answers: dict, page: int) -> int | None:
    """The next page after `page` that has a relevant question, or None when `page` is the last."""
    scope = _scope(definition, answers)
    all_pages = spec.pages(definition)
    for number in range(max(page + 1, 0), len(all_pages)):
        if _page_shows(definition, all_pages[number], scope):
            return number
    return None


def previous_page(definition: dict, answers: dict, page: int) -> int | None:
    scope = _scope(definition, answers)
    all_pages = spec.pages(definition)
    for number in range(min(page, len(all_pages)) - 1, -1, -1):
        if _page_shows(definition, all_pages[number], scope):
            return number
    return None


def first_page(definition: dict, answers: dict) -> int | None:
    return next_page(definition, answers, -1)


# --- showing a page --------------------------------------------------------------------------------------------


def _display(definition, index, answers, language, instance=None):
    def replace(match):
        name = match.group(1)
        entry = index.get(name)
        source = instance if instance is not None and instance.get(name) is not None else answers
        value = source.get(name)
        if entry is None or value is None:
            return ""
        node = entry[0]
        if node.get("list"):
            picked = value if isinstance(value, list) else [value]
            return ", ".join(spec.choice_label(definition, node["list"], item, language) for item in picked)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return format_number(value)
        return str(value)

    return replace


def _label(labels, definition, index, answers, language, instance=None) -> str:
    text = spec.text(labels, language, definition.get("languages"))
    if "${" in text:
        text = xpath.REF.sub(_display(definition, index, answers, language, instance), text)
    return text


def _rule(expression, node, index, repeat, *, constraint=False) -> str:
    """The client rule of an expression as JSON, or "" when the browser cannot evaluate it."""
    if not expression:
        return ""
    tree = _tree(expression)
    if tree is None:
        return ""

    def known(name):
        entry = index.get(name)
        if entry is None or entry[0]["type"] in ("calculate", "repeat", "group", "note"):
            return False
        other_repeat = entry[1]
        return other_repeat is None or (repeat is not None and other_repeat["name"] == repeat["name"])

    if not xpath.client_safe(tree, known):
        return ""
    return json.dumps(tree, ensure_ascii=False)


def _shown_value(node, value):
    if value is None:
        return ""
    if node["type"] == "decimal" and isinstance(value, (int, float)):
        return format_number(value)
    if node["type"] == "integer" and isinstance(value, int):
        return str(value)
    return str(value)


def _field(definition, node, index, answers, errors, language, scope, store, prefix, repeat, parent_relevant):
    name = node["name"]
    kind = node["type"]
    input_name = f"{prefix}{name}"
    relevant = parent_relevant and scope.test(node.get("relevant", ""))
    languages = definition.get("languages")
    instance = store if repeat is not None else None
    field = {
        "name": name,
        "input_name": input_name,
        "id": "q-" + re.sub(r"[^A-Za-z0-9_\-]", "-", input_name),
        "type": kind,
        "label": _label(node.get("label"), definition, index, answers, language, instance) or name,
        "hint": _label(node.get("hint"), definition, index, answers, language, instance),
        "required": bool(node.get("required")),
        "read_only": bool(node.get("read_only")),
        "appearance": node.get("appearance", ""),
        "relevant": relevant,
        "relevant_rule": _rule(node.get("relevant", ""), node, index, repeat),
        "constraint_rule": _rule(node.get("constraint", ""), node, index, repeat, constraint=True),
        "constraint_message": spec.text(node.get("constraint_message"), language, languages)
        or (_("This answer is not accepted.") if node.get("constraint") else ""),
        "required_message": spec.text(node.get("required_message"), language, languages)
        or _("Answer this question."),
        "error": errors.get(input_name, ""),
        "personal": bool(node.get("personal")),
    }
    if kind == "group":
        field["children"] = [
            _field(
                definition, child, index, answers, errors, language, scope, store, prefix, repeat, relevant
            )
            for child in node.get("children", [])
            if child["type"] != "calculate"
        ]
        return field
    if kind == "repeat":
        instances = answers.get(name) or []
        field["instances"] = []
        for position, item in enumerate([*instances, {}]):
            inner = scope.inside(node, item, position + 1)
            field["instances"].append(
                {
                    "index": position,
                    "number": position + 1,
                    "prefix": f"{name}-{position}-",
                    "empty": not item,
                    "remove_name": f"{REMOVE_PREFIX}{name}-{position}",
                    "fields": [
                        _field(
                            definition,
                            child,
                            index,
                            answers,
                            errors,
                            language,
                            inner,
                            item,
                            f"{name}-{position}-",
                            node,
                            relevant,
                        )
                        for child in node.get("children", [])
                        if child["type"] != "calculate"
                    ],
                }
            )
        field["count_name"] = f"{name}-count"
        field["count"] = len(field["instances"])
        field["add_name"] = f"{ADD_PREFIX}{name}"
        return field
    error = field["error"]
    value = store.get(name)
    typed = getattr(error, "typed", None)
    if kind == "select_multiple":
        chosen = typed if isinstance(typed, list) else (value if isinstance(value, list) else [])
    else:
        chosen = typed if typed is not None else _shown_value(node, value)
        if isinstance(chosen, list):
            chosen = chosen[0] if chosen else ""
    field["value"] = chosen
    field["widget"] = {
        "text": "textarea" if "multiline" in field["appearance"] else "text",
        "integer": "number",
        "decimal": "number",
        "date": "date",
        "select_one": "radio" if "minimal" not in field["appearance"] else "dropdown",
        "select_multiple": "checkbox",
        "note": "note",
    }.get(kind, "text")
    field["inputmode"] = {"integer": "numeric", "decimal": "decimal"}.get(kind, "")
    if kind in spec.CHOICE_TYPES:
        picked = chosen if isinstance(chosen, list) else [chosen]
        items = _choices(definition, node, scope)
        field["choices"] = [
            {
                "name": item["name"],
                "label": _label(item.get("label"), definition, index, answers, language, instance)
                or item["name"],
                "checked": item["name"] in picked,
                "id": f"{field['id']}-{i}",
            }
            for i, item in enumerate(items)
        ]
        if node.get("or_other"):
            field["choices"].append(
                {
                    "name": spec.OTHER,
                    "label": _("Other"),
                    "checked": spec.OTHER in picked,
                    "id": f"{field['id']}-other",
                }
            )
            field["other_name"] = f"{input_name}_other"
            field["other_value"] = store.get(f"{name}_other", "")
            field["other_error"] = ""
    return field


def page_fields(
    definition: dict, page: int, answers: dict, errors: dict, language: str, *, posted=None
) -> list[dict]:
    """The questions of page `page` (index into definition.pages()) ready for `surveys/engine/_page.html`:
    label, hint, widget, choices (filtered), current value, error, relevance now, client rules.

    Each field: name, input_name, id, type, widget (text|textarea|number|date|radio|dropdown|checkbox|note),
    inputmode, label, hint, required, read_only, relevant (now), relevant_rule / constraint_rule (JSON trees or
    ""), constraint_message, required_message, error, value (a list for select_multiple), choices [{name, label,
    checked, id}], other_name/other_value for or_other; a group has children; a repeat has instances [{index,
    number, prefix, fields}], count_name, count, add_name. The list's `outside` attribute is the JSON of other
    pages' answers that the client rules read. `posted` (the refused POST) shows back what was typed."""
    with _language(language):
        answers = answers or {}
        errors = errors or {}
        index = _index(definition)
        view = answers
        if posted is not None:
            view, _errors = read_page(definition, page, answers, posted, language)
        scope = _Scope(definition, view, index, language)
        nodes = _page_nodes(definition, page)
        fields = PageFields(
            _field(definition, node, index, view, errors, language, scope, view, "", None, True)
            for node in nodes
            if node["type"] != "calculate"
        )
        on_page = {item["name"] for top in nodes for item in spec.walk([top])}
        wanted: set[str] = set()
        for top in nodes:
            for item in spec.walk([top]):
                for key in ("relevant", "constraint"):
                    tree = _tree(item.get(key, "") or "")
                    if tree is not None:
                        wanted |= xpath.references(tree)
        outside = {
            name: _as_text(view.get(name))
            for name in sorted(wanted - on_page)
            if name in index and index[name][1] is None and index[name][0]["type"] != "calculate"
        }
        fields.outside = json.dumps(outside, ensure_ascii=False)
        return fields


def split_personal(definition: dict, answers: dict) -> tuple[dict, dict]:
    """(plain, personal): the answers of questions marked personal (and their "other" text, and repeat children
    marked personal) apart from the rest."""
    personal_names = {
        node["name"] for node in spec.walk(definition.get("children", [])) if node.get("personal")
    }
    plain: dict = {}
    personal: dict = {}
    index = _index(definition)
    for key, value in (answers or {}).items():
        base = key[: -len("_other")] if key.endswith("_other") and key not in index else key
        entry = index.get(base)
        if entry and entry[0]["type"] == "repeat" and isinstance(value, list):
            kept, sealed = [], []
            for instance in value:
                kept.append({k: v for k, v in instance.items() if _base(k) not in personal_names})
                sealed.append({k: v for k, v in instance.items() if _base(k) in personal_names})
            plain[key] = kept
            if any(sealed):
                personal[key] = sealed
        elif base in personal_names:
            personal[key] = value
        else:
            plain[key] = value
    return plain, personal


def _base(key: str) -> str:
    return key[: -len("_other")] if key.endswith("_other") else key


def join_personal(plain: dict, personal: dict) -> dict:
    """The whole answers again from `split_personal`'s two halves."""
    joined = copy.deepcopy(plain or {})
    for key, value in (personal or {}).items():
        if isinstance(value, list) and isinstance(joined.get(key), list):
            merged = []
            for i, instance in enumerate(joined[key]):
                extra = value[i] if i < len(value) and isinstance(value[i], dict) else {}
                merged.append({**instance, **extra})
            joined[key] = merged
        else:
            joined[key] = value
    return joined


def page_action(definition: dict, page: int, posted) -> str | None:
    """ "add" or "remove" when the POST is a repeat's "add another" / "remove" button on page `page` (the page view
    then stays on the page), else None."""
    keys = set(_keys(posted))
    for node in _page_nodes(definition, page):
        for item in spec.walk([node]):
            if item["type"] != "repeat":
                continue
            if f"{ADD_PREFIX}{item['name']}" in keys:
                return "add"
            if any(key.startswith(f"{REMOVE_PREFIX}{item['name']}-") for key in keys):
                return "remove"
    return None
