"""The form's logic over a response's answers: the definition indexed by name, expressions evaluated in a scope
(inside one repeat instance or not), calculations recomputed and the answers of questions no longer relevant
dropped."""

import json
from functools import lru_cache

from azamat.surveys import decimals, xpath
from azamat.surveys import definition as spec


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


def _decimal_text(value) -> str:
    return "" if value is None else decimals.canonical(value)


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
        # A decimal is read as one text per number, so that 1.50 = 1.5, as when it was stored as a float.
        text = _decimal_text if node["type"] == "decimal" else _as_text
        if repeat is None:
            return text(self.answers.get(name))
        if self.instance is not None and self.repeat is not None and repeat["name"] == self.repeat["name"]:
            return text(self.instance.get(name))
        return [text(item.get(name)) for item in self.answers.get(repeat["name"]) or []]

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
