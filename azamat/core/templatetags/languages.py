"""Languages by their names, never their codes: {{ expert.languages|language_names }} → "Kazakh, Russian"."""

from django import template
from django.utils.translation import get_language_info, gettext

register = template.Library()


def language_name(code: str) -> str:
    """The name of a language in the active language; a code Django does not know (a typo typed in the admin)
    stays as typed rather than break the page."""
    try:
        return gettext(get_language_info(code)["name"])
    except KeyError:
        return str(code)


@register.filter
def language_names(codes) -> str:
    """A list of language codes as their names, comma-separated in the given order."""
    return ", ".join(language_name(code) for code in codes or [])
