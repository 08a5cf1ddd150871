"""The form engine: what a question shows, accepts and computes, from a version's definition (definition.py).
Skip logic (`relevant`), constraints, calculations and choice filters are XPath (xpath.py) evaluated with the ODK
functions the supported types need, on the server on every page; the same rules go to the browser as small
syntax trees that static/surveys/form-logic.js evaluates as the respondent types.

Input names on a page: a question's name; a select_multiple posts its name once per ticked choice; or_other's
text is "<name>_other"; a repeat's children are "<repeat>-<index>-<child>" with "<repeat>-count" instances; every
question shown as relevant posts "_shown" = its input name (so that without JavaScript a question that becomes
relevant on the same page is shown before the respondent moves on).

In parts: what they share (`common`); the form's logic over the answers, relevance and calculations (`logic`); one
answer read from text (`answers`); the required and constraint checks (`checking`); the pages the respondent walks
(`pages`); a page's POST read (`reading`); a page shown as fields (`fields`); the personal answers kept apart
(`personal`).
"""

from azamat.surveys.engine.answers import initial_answers, parse_answer
from azamat.surveys.engine.checking import check_all
from azamat.surveys.engine.common import (
    ADD_PREFIX,
    MAX_REPEAT,
    REMOVE_PREFIX,
    SHOWN,
    AnswerError,
    FieldError,
    PageFields,
)
from azamat.surveys.engine.fields import page_fields
from azamat.surveys.engine.logic import is_relevant, recalculate
from azamat.surveys.engine.pages import first_page, next_page, page_is_relevant, previous_page
from azamat.surveys.engine.personal import join_personal, split_personal
from azamat.surveys.engine.reading import page_action, read_page

__all__ = [
    "ADD_PREFIX",
    "MAX_REPEAT",
    "REMOVE_PREFIX",
    "SHOWN",
    "AnswerError",
    "FieldError",
    "PageFields",
    "check_all",
    "first_page",
    "initial_answers",
    "is_relevant",
    "join_personal",
    "next_page",
    "page_action",
    "page_fields",
    "page_is_relevant",
    "parse_answer",
    "previous_page",
    "read_page",
    "recalculate",
    "split_personal",
]
