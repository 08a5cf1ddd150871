"""The survey's numbers, read-only and computed in the database: frequencies (with Wilson 95% intervals, the
weighted ones on Kish's effective n), numeric summaries, date ranges, crosstabs with a chi-square test, the
open-text answers, and the filters every page, export and API call shares.

Answers live in `Response.data` (JSON, see definition.py). Every aggregate is one GROUP BY over the answer's key
(`data->>'q'` on PostgreSQL, `json_extract` on SQLite), with `jsonb_array_elements_text` / `json_each` to unnest
a select_multiple; nothing iterates over responses in Python, so the same functions serve 1,000,000 responses.
The SQL wraps the filtered queryset's own SQL (`_base`), so filters are written once, with the ORM.

In parts: what they share (`common`); the responses counted (`filters`); the statistics (`stats`); the SQL
(`sql`); the questions read and labelled (`questions`); frequencies and crosstabs (`tables`); number and date
summaries (`summaries`); the open answers (`answers`); every question's section of a page or the report
(`sections`).
"""

from azamat.surveys.analysis.answers import open_answers
from azamat.surveys.analysis.common import REVIEW_CHOICES, TOP_VALUES, Z95, AnalysisError
from azamat.surveys.analysis.filters import Filters, quota_q, responses
from azamat.surveys.analysis.questions import analysable, question, report_questions
from azamat.surveys.analysis.sections import summary
from azamat.surveys.analysis.stats import chi_square, kish_n, wilson
from azamat.surveys.analysis.summaries import date_summary, numeric_summary
from azamat.surveys.analysis.tables import crosstab, frequencies

__all__ = [
    "AnalysisError",
    "Filters",
    "REVIEW_CHOICES",
    "TOP_VALUES",
    "Z95",
    "analysable",
    "chi_square",
    "crosstab",
    "date_summary",
    "frequencies",
    "kish_n",
    "numeric_summary",
    "open_answers",
    "question",
    "quota_q",
    "report_questions",
    "responses",
    "summary",
    "wilson",
]
