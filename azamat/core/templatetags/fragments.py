"""{% memo "name" %}…{% endmemo %}: a part of a template that is the same for every request, rendered once per process
and language.

The site's frame (templates/base.html: the head, the header's navigation, the footer) is the same on every page
for a language; rendering it again on each request, with its `{% url %}`, `{% static %}` and `{% translate %}`
tags, cost about half a millisecond, as much as a small page's SQL. A memo keeps the rendered text in a
dictionary of this process, under its name, the active language and any further values given
(`{% memo "account" user.is_authenticated %}`).

What a memo holds may depend only on those keys and on what is fixed while the process runs (settings, URLs,
static files' names, translations): never on the request, the user or the page's context. A change of settings
(tests' `override_settings`) forgets every memo.

For markup written in Python (grants/charts.py, the results' and the directory's rows): `esc(value)` writes what
`{{ value }}` writes for text, without conditional_escape()'s check for lazy arguments, which cost as much as the
escaping; `Numbers()` writes numbers as `{{ value }}` and `|intcomma` do; `url_maker()` writes a page's URL for each row
of a list with one reverse() for the list.
"""

import html
import re
from decimal import Decimal

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader_tags import BlockNode
from django.urls import reverse
from django.utils import numberformat
from django.utils.formats import get_format, localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

_rendered: dict[tuple, SafeString] = {}


def esc(value) -> str:
    """conditional_escape(value): markup (`__html__`) as it is, anything else as text, escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    _rendered.clear()


class Numbers:
    """Numbers as a template writes them, `{{ value }}` and `{{ value|intcomma }}`, for many cells: the language's
    separators looked up once rather than three times a number (django.utils.formats.number_format)."""

    def __init__(self):
        language = get_language()
        self.decimal = get_format("DECIMAL_SEPARATOR", language, use_l10n=True)
        self.grouping = get_format("NUMBER_GROUPING", language, use_l10n=True)
        self.thousand = get_format("THOUSAND_SEPARATOR", language, use_l10n=True)
        self.plain_grouped = settings.USE_THOUSAND_SEPARATOR and self.grouping != 0

    def _format(self, value, grouped: bool) -> str:
        # The common cases written directly, as numberformat.format() writes them: a count in groups of three, a
        # decimal without groups.
        if grouped and type(value) is int and self.grouping == 3:
            return f"{value:,}".replace(",", self.thousand)
        if not grouped and not self.plain_grouped and type(value) is Decimal and value.is_finite():
            _sign, digits, exponent = value.as_tuple()
            if abs(exponent) + len(digits) <= 200:  # longer ones numberformat writes in scientific notation
                return f"{value:f}".replace(".", self.decimal)
        return numberformat.format(
            value, self.decimal, None, self.grouping, self.thousand, force_grouping=grouped, use_l10n=True
        )

    def plain(self, value) -> str:
        """`{{ value }}`: a number localised, anything else as localize() writes it; escaped."""
        if isinstance(value, (Decimal, float, int)) and not isinstance(value, bool):
            return esc(self._format(value, False))
        return esc(localize(value))

    def or_dash(self, value) -> str:
        """`{{ value|default_if_none:"—" }}`"""
        return "—" if value is None else self.plain(value)

    def grouped(self, value: int) -> str:
        """`{{ value|intcomma }}` of a count."""
        return esc(self._format(int(value), True))


_PLAIN = re.compile(r"[A-Za-z0-9_-]+")


def url_maker(viewname: str, kwarg: str):
    """A function of a value giving reverse(viewname, kwargs={kwarg: value}), for the rows of a list: the URL is
    reversed once, with a placeholder of digits, and a plain value (an id, a BIN, a slug: letters, digits, - and _,
    which reverse() writes as they are) takes the placeholder's place; any other value goes through reverse().
    The values must be ones the URL accepts (records' own ids and codes): they are not checked against it."""
    placeholder = "9" * 20
    head, found, tail = reverse(viewname, kwargs={kwarg: placeholder}).partition(placeholder)

    def url(value) -> str:
        text = str(value)
        if found and _PLAIN.fullmatch(text):
            return head + text + tail
        return reverse(viewname, kwargs={kwarg: value})

    return url


class MemoNode(template.Node):
    # Not searched for blocks when a page extends the template: a memo holds none (memo() refuses them), and the
    # frame's memos are walked on every request otherwise.
    child_nodelists = ()

    def __init__(self, nodelist: template.NodeList, name: str, keys: list[template.base.FilterExpression]):
        self.nodelist = nodelist
        self.name = name
        self.keys = keys

    def render(self, context) -> SafeString:
        key = (self.name, get_language(), *(k.resolve(context) for k in self.keys))
        text = _rendered.get(key)
        if text is None:
            text = _rendered[key] = mark_safe(self.nodelist.render(context))  # noqa: S308 — rendered by the template
        return text


@register.tag
def memo(parser, token):
    """{% memo "name" [value …] %}…{% endmemo %}"""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError("{% memo %} takes a quoted name, then the values it depends on")
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError(
            "{% memo %} cannot hold a {% block %}: a page's block would be frozen"
        )
    return MemoNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])
