"""A page shown: its questions as fields ready for the template, with labels (answers piped in), widgets,
filtered choices, current values, errors and the client rules the browser evaluates."""

import json
import re

from django.utils.translation import gettext as _

from azamat.core.numbers import format_number
from azamat.surveys import decimals, xpath
from azamat.surveys import definition as spec
from azamat.surveys.engine.answers import _choices
from azamat.surveys.engine.common import ADD_PREFIX, REMOVE_PREFIX, PageFields, _language
from azamat.surveys.engine.logic import _as_text, _decimal_text, _index, _Scope, _tree
from azamat.surveys.engine.pages import _page_nodes
from azamat.surveys.engine.reading import read_page


def _display(definition, index, answers, language, instance=None):
    def replace(match):
        name = match.group(1)
        entry = index.get(name)
        source = instance if instance is not None and instance.get(name) is not None else answers
        value = source.get(name)
        if entry is None or value is None:
            return ""
        node = entry[0]
        if node["type"] == "decimal":
            return decimals.shown(value)
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
    if node["type"] == "decimal":
        return decimals.shown(value)  # "1 234,50" as typed, and an answer stored as a float before
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
            name: _decimal_text(view.get(name))
            if index[name][0]["type"] == "decimal"
            else _as_text(view.get(name))
            for name in sorted(wanted - on_page)
            if name in index and index[name][1] is None and index[name][0]["type"] != "calculate"
        }
        fields.outside = json.dumps(outside, ensure_ascii=False)
        return fields
