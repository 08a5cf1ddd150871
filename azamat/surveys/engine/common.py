"""What the engine's parts share: the input names' prefixes, the errors an answer raises, a page's list of
fields, the language a call works in."""

from django.utils import translation

ADD_PREFIX = "add_"  # the "add another" button of a repeat posts add_<repeat>
REMOVE_PREFIX = "remove_"  # remove_<repeat>-<index> removes an instance
SHOWN = "_shown"
MAX_REPEAT = 200


class AnswerError(ValueError):
    """An answer that cannot be taken, with the message to show beside the question (in the active language)."""


class FieldError(str):
    """An error message that remembers what was typed, so the page shows it back."""

    typed: object = None

    def __new__(cls, message: str, typed=None):
        made = super().__new__(cls, message)
        made.typed = typed
        return made


class PageFields(list):
    """The fields of a page; `outside` is the JSON of the answers the page's client rules read from other
    pages."""

    outside = "{}"


class _language:
    def __init__(self, language):
        self.override = translation.override(language) if language else None

    def __enter__(self):
        if self.override:
            self.override.__enter__()

    def __exit__(self, *exc):
        if self.override:
            self.override.__exit__(*exc)
