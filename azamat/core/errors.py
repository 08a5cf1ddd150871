"""The domain error every service raises: a code for programs, a translated message for people."""

import re

from django.urls import Resolver404
from django.utils.functional import Promise
from django.utils.translation import gettext as _

# get_object_or_404's message names the model in English ("No Problem matches the given query."); our own 404s
# say what is missing in the reader's language and are shown to them.
DJANGO_NOT_FOUND = re.compile(r"^No \w[\w ]* matches the given query\.$")


def not_found_reason(exc) -> str:
    """The reason a 404 was raised with, when it is ours ("Unknown year."); "" for an unmatched address or
    get_object_or_404's English sentence, which a page then replaces with its own general one."""
    if isinstance(exc, Resolver404) or not getattr(exc, "args", None):
        return ""
    reason = exc.args[0]
    if not isinstance(reason, str | Promise):
        return ""
    reason = str(reason)
    return "" if DJANGO_NOT_FOUND.match(reason) else reason


class DomainError(Exception):
    def __init__(self, code: str, message, *, field: str | None = None):
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


def form_error(form, error: DomainError) -> None:
    """Show a service's refusal on the form: on its field when the form has that field, else above the form."""
    form.add_error(error.field if error.field in form.fields else None, str(error))


def file_not_kept(form, field: str, name: str) -> None:
    """A browser never re-fills a file field: when a form comes back with errors, name the file that was chosen
    on `field`, so the person knows to choose it again (unless the file itself is what was refused)."""
    if name and not form.has_error(field):
        form.add_error(
            field,
            _("“%(name)s” is not attached yet: correct the marked fields, then choose the file again.")
            % {"name": name},
        )
