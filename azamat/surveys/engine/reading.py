"""A page's POST read into the answers: each input parsed, a repeat's instances added and removed, the page
checked; and which repeat button the POST pressed."""

import copy

from azamat.surveys import definition as spec
from azamat.surveys.engine.answers import _choices, _parse_value
from azamat.surveys.engine.checking import _check_nodes
from azamat.surveys.engine.common import (
    ADD_PREFIX,
    MAX_REPEAT,
    REMOVE_PREFIX,
    SHOWN,
    AnswerError,
    FieldError,
    _language,
)
from azamat.surveys.engine.logic import _index, _Scope, recalculate
from azamat.surveys.engine.pages import _page_nodes


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
