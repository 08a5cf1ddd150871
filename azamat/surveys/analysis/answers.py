"""The open answers to one question, listed newest first and searched."""

from django.db.models import QuerySet
from django.utils import translation

from azamat.surveys.analysis.common import AnalysisError
from azamat.surveys.analysis.filters import Filters, responses
from azamat.surveys.analysis.questions import _definition, question
from azamat.surveys.analysis.sql import _answer_text
from azamat.surveys.models import Survey


def open_answers(
    survey: Survey,
    name: str,
    *,
    filters: Filters | None = None,
    search: str = "",
    definition: dict | None = None,
) -> QuerySet:
    """(id, completed_at, answer) of the responses that answered an open question, newest first, whose answer
    contains `search` (any case)."""
    definition = definition or _definition(survey)
    node = question(survey, name, definition=definition)
    if node.get("personal"):
        raise AnalysisError(translation.gettext("Personal answers are not listed here."))
    queryset = responses(survey, filters).annotate(answer=_answer_text(name)).filter(answer__gt="")
    if search:
        queryset = queryset.filter(answer__icontains=search)
    return queryset.order_by("-completed_at", "-pk").values("id", "completed_at", "answer")
