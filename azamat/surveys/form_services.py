"""Changing a survey's form: an XLSForm upload, and the form editor's changes (questions, groups, choice lists).
A version that has responses is never changed: the change goes to the next version (copy on write), and the
responses keep the version they answered. Every change is checked whole (names, references, XPath, lists) before
it is saved; a refused change leaves everything as it was."""

import copy
import re

from django.db import transaction
from django.utils.translation import gettext as _

from azamat.core.errors import DomainError
from azamat.surveys import definition as spec
from azamat.surveys import xlsform, xpath
from azamat.surveys.models import Survey, SurveyVersion

DEFAULT_LANGUAGES = ["kk", "ru"]
MAX_QUESTIONS = 1000
MAX_CHOICES = 2000


class FormError(DomainError):
    """A refused change of the form; `problems` lists every reason (an upload may have many)."""

    def __init__(self, code: str, message, *, field: str | None = None, problems: list | None = None):
        super().__init__(code, message, field=field)
        self.problems = problems or [str(message)]


def has_responses(version: SurveyVersion | None) -> bool:
    return bool(version) and version.responses.exists()


def empty_definition(survey: Survey, languages: list[str] | None = None) -> dict:
    languages = list(languages or DEFAULT_LANGUAGES)
    return {"title": {languages[0]: survey.title}, "languages": languages, "children": [], "choices": {}}


def _locked(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().get(pk=survey.pk)


def _store(*, survey: Survey, by, definition: dict, source_name: str = "", warnings=None) -> SurveyVersion:
    """Put `definition` on the survey: over the current version when it has no responses, else as the next."""
    survey = _locked(survey)
    current = survey.current_version()
    if current is not None and not has_responses(current):
        current.definition = definition
        if source_name or warnings is not None:
            current.source_name = source_name
            current.warnings = list(warnings or [])
        current.save(update_fields=["definition", "source_name", "warnings"])
        return current
    return SurveyVersion.objects.create(
        survey=survey,
        number=(current.number + 1) if current else 1,
        definition=definition,
        source_name=source_name
        if (source_name or warnings is not None)
        else (current.source_name if current else ""),
        warnings=list(warnings or [])
        if warnings is not None
        else (list(current.warnings) if current else []),
        created_by=by,
    )


@transaction.atomic
def form_upload(
    *, survey: Survey, by, data: bytes, filename: str, default_language: str = ""
) -> SurveyVersion:
    """The uploaded XLSForm becomes the survey's form; raises FormError with every problem (sheet and row)."""
    try:
        definition, warnings = xlsform.read_xlsform(data, filename, default_language=default_language)
    except xlsform.XLSFormError as error:
        raise FormError(
            "xlsform_refused",
            _("The form was not taken: fix these problems and upload it again."),
            field="file",
            problems=[str(problem) for problem in error.problems],
        ) from error
    if not definition.get("title"):
        definition["title"] = {definition["languages"][0]: survey.title}
    problems = validate_definition(definition)
    if problems:
        raise FormError(
            "xlsform_refused",
            _("The form was not taken: fix these problems and upload it again."),
            field="file",
            problems=problems,
        )
    return _store(
        survey=survey,
        by=by,
        definition=definition,
        source_name=filename[:255],
        warnings=[problem.as_dict() for problem in warnings],
    )


# --- checking a whole definition ------------------------------------------------------------------------------


def validate_definition(definition: dict) -> list[str]:  # noqa: C901, PLR0912 - one check after another
    """Every reason the definition cannot be a form (empty when it can), in the active language."""
    problems: list[str] = []
    names: set[str] = set()
    nodes = list(spec.walk(definition.get("children", [])))
    if len(nodes) > MAX_QUESTIONS:
        problems.append(_("A form may have at most %(max)s questions.") % {"max": MAX_QUESTIONS})
    choices = definition.get("choices", {})
    for node in nodes:
        name = node.get("name", "")
        if not xlsform.NAME.match(name or "") or len(name) > xlsform.MAX_NAME:
            problems.append(
                _(
                    "The name “%(name)s” is not valid: start with a letter or “_”, then letters, digits, “_”, "
                    "“-” or “.”, no spaces."
                )
                % {"name": name}
            )
        if name in names:
            problems.append(_("The name “%(name)s” is used twice.") % {"name": name})
        names.add(name)
        if node.get("or_other"):
            names.add(f"{name}_other")
    for node in nodes:
        name = node.get("name", "")
        if node["type"] in spec.CHOICE_TYPES and node.get("list") not in choices:
            problems.append(
                _("The question “%(name)s” uses the list “%(list)s”, which does not exist.")
                % {"name": name, "list": node.get("list", "")}
            )
        if node["type"] == "calculate" and not node.get("calculation"):
            problems.append(_("The calculation “%(name)s” has no expression.") % {"name": name})
        for column in ("relevant", "constraint", "calculation", "choice_filter", "repeat_count"):
            expression = node.get(column) or ""
            if not expression:
                continue
            try:
                tree = xpath.parse(expression, columns=column == "choice_filter")
            except xpath.XPathError as error:
                problems.append(
                    _("The %(column)s of “%(name)s”, %(expression)s, is not valid: %(reason)s")
                    % {
                        "column": xlsform.column_name(column),
                        "name": name,
                        "expression": expression,
                        "reason": error,
                    }
                )
                continue
            for missing in sorted(xpath.references(tree) - names):
                problems.append(
                    _(
                        "The %(column)s of “%(name)s”, %(expression)s, names a question that does not exist: ${%(missing)s}."
                    )
                    % {
                        "column": xlsform.column_name(column),
                        "name": name,
                        "expression": expression,
                        "missing": missing,
                    }
                )
        if node["type"] == "repeat":
            inner = list(spec.walk(node.get("children", [])))
            if any(item["type"] == "repeat" for item in inner):
                problems.append(
                    _("A repeat inside a repeat is not supported (in “%(name)s”).") % {"name": name}
                )
    for list_name, items in choices.items():
        seen: set[str] = set()
        multiple = any(node["type"] == "select_multiple" and node.get("list") == list_name for node in nodes)
        if len(items) > MAX_CHOICES:
            problems.append(_("The list “%(list)s” has too many choices.") % {"list": list_name})
        for item in items:
            choice = str(item.get("name", ""))
            if not choice:
                problems.append(_("A choice of the list “%(list)s” has no name.") % {"list": list_name})
            if multiple and " " in choice:
                problems.append(
                    _("The choice “%(choice)s” of the list “%(list)s” has a space in its name.")
                    % {"choice": choice, "list": list_name}
                )
            seen.add(choice)
    return problems


# --- the editor -----------------------------------------------------------------------------------------------


def editable_definition(survey: Survey) -> dict:
    current = survey.current_version()
    return copy.deepcopy(current.definition) if current else empty_definition(survey)


def _save(*, survey: Survey, by, definition: dict) -> SurveyVersion:
    problems = validate_definition(definition)
    if problems:
        raise FormError("invalid_form", problems[0], problems=problems)
    return _store(survey=survey, by=by, definition=definition)


def _container_list(definition: dict, parent: str | None) -> list:
    if not parent:
        return definition["children"]
    node = spec.find(definition, parent)
    if node is None or node["type"] not in spec.CONTAINER_TYPES:
        raise FormError("no_parent", _("There is no such group."), field="parent")
    return node.setdefault("children", [])


def _parent_of(definition: dict, name: str) -> tuple[list, int]:
    def search(nodes):
        for index, node in enumerate(nodes):
            if node["name"] == name:
                return nodes, index
            if node["type"] in spec.CONTAINER_TYPES:
                found = search(node.get("children", []))
                if found:
                    return found
        return None

    found = search(definition.get("children", []))
    if not found:
        raise FormError("no_question", _("There is no such question."))
    return found


def _rename_references(definition: dict, old: str, new: str):
    pattern = re.compile(r"\$\{" + re.escape(old) + r"\}")
    for node in spec.walk(definition.get("children", [])):
        for column in ("relevant", "constraint", "calculation", "choice_filter", "repeat_count"):
            if node.get(column):
                node[column] = pattern.sub("${" + new + "}", node[column])
        for column in ("label", "hint"):
            if isinstance(node.get(column), dict):
                node[column] = {
                    key: pattern.sub("${" + new + "}", text) for key, text in node[column].items()
                }


@transaction.atomic
def question_save(
    *, survey: Survey, by, node: dict, original: str | None = None, parent: str | None = None
) -> SurveyVersion:
    """Add `node` (a question, group or repeat) at the end of `parent` (a group's name, or the top level), or
    replace the question `original` with it (renaming updates the ${references} to it)."""
    definition = editable_definition(survey)
    if node.get("type") in spec.CHOICE_TYPES:
        definition.setdefault("choices", {}).setdefault(node["list"], [])
    if original is None:
        if node["type"] in spec.CONTAINER_TYPES:
            node.setdefault("children", [])
        _container_list(definition, parent).append(node)
    else:
        siblings, index = _parent_of(definition, original)
        old = siblings[index]
        if old["type"] in spec.CONTAINER_TYPES:
            if node["type"] not in spec.CONTAINER_TYPES and old.get("children"):
                raise FormError(
                    "not_empty", _("Move or delete the questions of this group first."), field="type"
                )
            node["children"] = old.get("children", [])
        siblings[index] = node
        if node["name"] != original:
            _rename_references(definition, original, node["name"])
    return _save(survey=survey, by=by, definition=definition)


@transaction.atomic
def question_delete(*, survey: Survey, by, name: str) -> SurveyVersion:
    definition = editable_definition(survey)
    siblings, index = _parent_of(definition, name)
    removed = {item["name"] for item in spec.walk([siblings[index]])}
    del siblings[index]
    users = []
    for node in spec.walk(definition.get("children", [])):
        for column in ("relevant", "constraint", "calculation", "choice_filter", "repeat_count"):
            tree = None
            try:
                tree = (
                    xpath.parse(node[column], columns=column == "choice_filter") if node.get(column) else None
                )
            except xpath.XPathError:
                continue
            if tree is not None and xpath.references(tree) & removed:
                users.append(node["name"])
    if users:
        raise FormError(
            "in_use",
            _(
                "“%(name)s” cannot be deleted: the skip logic or calculations of %(users)s use it. Change them first."
            )
            % {"name": name, "users": ", ".join(f"“{user}”" for user in sorted(set(users)))},
        )
    return _save(survey=survey, by=by, definition=definition)


MOVES = ("up", "down", "out", "into")


@transaction.atomic
def question_move(*, survey: Survey, by, name: str, direction: str, target: str = "") -> SurveyVersion:
    """Move a question up or down among its siblings, out of its group (after it), or into the group `target`
    (at its end)."""
    definition = editable_definition(survey)
    siblings, index = _parent_of(definition, name)
    node = siblings[index]
    if direction == "up":
        if index == 0:
            raise FormError("cannot_move", _("It is already the first."))
        siblings[index - 1], siblings[index] = siblings[index], siblings[index - 1]
    elif direction == "down":
        if index == len(siblings) - 1:
            raise FormError("cannot_move", _("It is already the last."))
        siblings[index + 1], siblings[index] = siblings[index], siblings[index + 1]
    elif direction == "out":
        if siblings is definition["children"]:
            raise FormError("cannot_move", _("It is not in a group."))
        container = next(
            item for item in spec.walk(definition["children"]) if item.get("children") is siblings
        )
        outer, position = _parent_of(definition, container["name"])
        del siblings[index]
        outer.insert(position + 1, node)
    elif direction == "into":
        group = spec.find(definition, target)
        if group is None or group["type"] not in spec.CONTAINER_TYPES:
            raise FormError("cannot_move", _("There is no such group."))
        if any(item["name"] == target for item in spec.walk([node])):
            raise FormError("cannot_move", _("A group cannot go into itself."))
        del siblings[index]
        group.setdefault("children", []).append(node)
    else:
        raise FormError("cannot_move", _("Choose where to move it."))
    return _save(survey=survey, by=by, definition=definition)


@transaction.atomic
def choices_save(
    *, survey: Survey, by, list_name: str, items: list[dict], new_name: str = ""
) -> SurveyVersion:
    """Replace the choice list `list_name` (created when new) with `items` ([{name, label: {lang: text}}]),
    renamed to `new_name` when given (the questions using it follow)."""
    definition = editable_definition(survey)
    choices = definition.setdefault("choices", {})
    names = [item["name"] for item in items]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise FormError(
            "duplicate_choice",
            _("Each choice needs its own name; used twice: %(names)s.") % {"names": ", ".join(duplicates)},
        )
    for name in names:
        if not xlsform.NAME.match(name) and not re.fullmatch(r"[0-9A-Za-z_.\-]+", name):
            raise FormError(
                "bad_choice",
                _("The choice name “%(name)s” may hold only letters, digits, “_”, “-” and “.”.")
                % {"name": name},
            )
    old = choices.get(list_name, [])
    kept_filters = {item["name"]: item.get("filter") for item in old if item.get("filter")}
    fresh = []
    for item in items:
        made = {"name": item["name"], "label": item.get("label") or {}}
        if kept_filters.get(item["name"]):
            made["filter"] = kept_filters[item["name"]]
        fresh.append(made)
    target = new_name or list_name
    if not xlsform.NAME.match(target):
        raise FormError("bad_list", _("The list name may hold only letters, digits, “_”, “-” and “.”."))
    if target != list_name:
        if target in choices:
            raise FormError("bad_list", _("There is already a list named “%(name)s”.") % {"name": target})
        choices.pop(list_name, None)
        for node in spec.walk(definition.get("children", [])):
            if node.get("list") == list_name:
                node["list"] = target
    choices[target] = fresh
    return _save(survey=survey, by=by, definition=definition)


@transaction.atomic
def languages_save(*, survey: Survey, by, languages: list[str]) -> SurveyVersion:
    """The form's languages (the first is the default)."""
    definition = editable_definition(survey)
    clean = [code for code in dict.fromkeys(languages) if re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})?", code)]
    if not clean:
        raise FormError("no_language", _("Choose at least one language."), field="languages")
    definition["languages"] = clean
    return _save(survey=survey, by=by, definition=definition)
