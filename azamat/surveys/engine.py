"""The form engine: what a question shows, accepts and computes, from a version's definition (definition.py).
Skip logic (`relevant`), constraints, calculations and choice filters are XPath evaluated by elementpath with the
ODK functions the supported types need, on the server on every page; the same rules go to the browser as small
syntax trees (`client_rules`) that static/surveys/form-logic.js evaluates as the respondent types.

Input names on a page: a question's name; a select_multiple posts its name once per ticked choice; or_other's
text is "<name>_other"; a repeat's children are "<repeat>-<index>-<child>" with "<repeat>-count" instances.
"""


class AnswerError(ValueError):
    """An answer that cannot be taken, with the message to show beside the question (in the active language)."""


def page_fields(definition: dict, page: int, answers: dict, errors: dict, language: str) -> list[dict]:
    """The questions of page `page` (index into definition.pages()) ready for `surveys/engine/_page.html`:
    label, hint, widget, choices (filtered), current value, error, relevance now, client rules."""
    raise NotImplementedError


def read_page(definition: dict, page: int, answers: dict, posted, language: str) -> tuple[dict, dict]:
    """Take the posted values of page `page` into a copy of `answers`: parse them (numbers typed as "1 234,50"),
    check required and constraints of the relevant questions, drop the answers of questions no longer relevant,
    recompute calculations. Returns (answers, errors: name → message); with errors the answers hold what was
    typed where it parsed, so nothing typed is lost."""
    raise NotImplementedError


def next_page(definition: dict, answers: dict, page: int) -> int | None:
    """The next page after `page` that has a relevant question, or None when `page` is the last."""
    raise NotImplementedError


def previous_page(definition: dict, answers: dict, page: int) -> int | None:
    raise NotImplementedError


def check_all(definition: dict, answers: dict, language: str) -> dict:
    """Every relevant question's required and constraint checks over a whole response (paper entry, the team's
    corrections, imports): name → message."""
    raise NotImplementedError


def is_relevant(definition: dict, name: str, answers: dict) -> bool:
    raise NotImplementedError
