"""The questions an analysis reads: the survey's current form, a question found by name, the questions a page
or the report shows, and an answer's label and place in a table."""

from django.utils import translation

from azamat.surveys import definition as form
from azamat.surveys.analysis.common import TOP_VALUES, AnalysisError
from azamat.surveys.models import Survey


def _definition(survey: Survey) -> dict:
    version = survey.current_version()
    return version.definition if version else {"children": [], "choices": {}}


def question(survey: Survey, name: str, *, definition: dict | None = None) -> dict:
    """The question `name` of the survey's current form (outside repeats), or AnalysisError."""
    definition = definition or _definition(survey)
    for node in form.questions(definition):
        if node["name"] == name:
            return node
    raise AnalysisError(
        translation.gettext("The form has no question “%(name)s” to analyse.") % {"name": name[:100]}
    )


def _language(language: str | None) -> str:
    return language or translation.get_language() or "ru"


def _value_label(definition: dict, node: dict, value: str, language: str) -> str:
    if node["type"] in form.CHOICE_TYPES:
        if value == form.OTHER and node.get("or_other"):
            label = form.choice_label(definition, node["list"], value, language)
            return label if label != value else translation.gettext("Other")
        return form.choice_label(definition, node["list"], value, language)
    return value


def _choice_order(definition: dict, node: dict) -> list[str]:
    if node["type"] not in form.CHOICE_TYPES:
        return []
    names = [item["name"] for item in definition.get("choices", {}).get(node["list"], [])]
    if node.get("or_other") and form.OTHER not in names:
        names.append(form.OTHER)
    return names


def _ordered(definition: dict, node: dict, counted: dict) -> list[str]:
    """The values to show: every choice in the list's order (with zeros), then any value not in the list;
    for open questions the most frequent first, at most TOP_VALUES."""
    order = _choice_order(definition, node)
    if order:
        return order + sorted(value for value in counted if value not in order)
    ranked = sorted(counted, key=lambda value: (-counted[value][0], value))
    if node["type"] in ("integer", "decimal", "date"):
        return sorted(ranked[:TOP_VALUES], key=_sort_key)
    return ranked[:TOP_VALUES]


def _sort_key(value: str):
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value)


def analysable(definition: dict, *, personal: bool = False, text: bool = True) -> list[dict]:
    """The questions an analysis shows, in form order (personal ones only when asked)."""
    return [
        node
        for node in form.questions(definition)
        if (personal or not node.get("personal")) and (text or node["type"] not in ("text", "calculate"))
    ]


def report_questions(survey: Survey, definition: dict | None = None) -> list[str]:
    """The questions the shareable report shows: those the team chose, else every non-personal question that
    is not open text; never a personal one."""
    definition = definition or _definition(survey)
    chosen = list(getattr(survey, "report_questions", None) or [])
    allowed = [node for node in form.questions(definition) if not node.get("personal")]
    if chosen:
        return [node["name"] for node in allowed if node["name"] in chosen]
    return [node["name"] for node in allowed if node["type"] not in ("text", "calculate")]
