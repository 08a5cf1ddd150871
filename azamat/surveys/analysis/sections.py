"""Every question's section of the analysis (or the report), each in the kind of table or summary its type
calls for."""

from django.utils import translation

from azamat.surveys import definition as form
from azamat.surveys.analysis.common import AnalysisError
from azamat.surveys.analysis.filters import Filters, responses
from azamat.surveys.analysis.questions import _definition, _language, analysable, question
from azamat.surveys.analysis.sql import _totals
from azamat.surveys.analysis.summaries import date_summary, numeric_summary
from azamat.surveys.analysis.tables import crosstab, frequencies
from azamat.surveys.models import Survey


def summary(
    survey: Survey,
    *,
    filters: Filters | None = None,
    weighted: bool = False,
    group: str | None = None,
    names: list[str] | None = None,
    include_text: bool = True,
    language: str | None = None,
) -> list[dict]:
    """Every question's section of the analysis (or the report): its kind ("choices", "numbers", "dates",
    "text") and its numbers; split by the group question's choices when `group` is given."""
    definition = _definition(survey)
    language = _language(language)
    nodes = analysable(definition, text=include_text)
    if names is not None:
        nodes = [node for node in nodes if node["name"] in names]
    group_node = question(survey, group, definition=definition) if group else None
    if group_node and group_node["type"] not in form.CHOICE_TYPES:
        raise AnalysisError(translation.gettext("Group by a question with choices."))
    sections = []
    for node in nodes:
        label = form.text(node.get("label"), language, definition.get("languages")) or node["name"]
        section = {"name": node["name"], "label": label, "type": node["type"], "node": node}
        if node["type"] in ("integer", "decimal"):
            section["kind"] = "numbers"
            section["numbers"] = numeric_summary(
                survey,
                node["name"],
                filters=filters,
                weighted=weighted,
                definition=definition,
                group=group if group and group != node["name"] else None,
            )
        elif node["type"] == "date":
            section["kind"] = "dates"
            section["dates"] = date_summary(survey, node["name"], filters=filters, definition=definition)
        elif node["type"] == "text":
            section["kind"] = "text"
            section["answered"] = _totals(responses(survey, filters), node["name"])[0]
        else:
            section["kind"] = "choices"
            section["frequencies"] = frequencies(
                survey,
                node["name"],
                filters=filters,
                weighted=weighted,
                language=language,
                definition=definition,
            )
            if group and group != node["name"] and node["type"] != "calculate":
                section["crosstab"] = crosstab(
                    survey,
                    node["name"],
                    group,
                    filters=filters,
                    weighted=weighted,
                    language=language,
                    definition=definition,
                )
        sections.append(section)
    return sections
