"""The checks of the relevant questions' answers: required, "other" written, constraints; on a page as it is
posted and over a whole response."""

from django.utils.translation import gettext as _

from azamat.surveys import definition as spec
from azamat.surveys.engine.common import _language
from azamat.surveys.engine.logic import _as_text, _decimal_text, _scope


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
    current = (
        _decimal_text(value) if node["type"] == "decimal" else _as_text(value)
    )  # "." as ${name} reads it
    if constraint and not scope.test(constraint, current=current):
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
