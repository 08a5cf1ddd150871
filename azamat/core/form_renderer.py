"""Django's form renderer with the stock widgets written out in Python instead of through templates.

A select of the 20 regions renders 21 templates (the select, one per option, each including the attributes'
template); on the directory the filter forms were a quarter of an uncached request. This renderer produces the
same bytes as Django's templates for the stock `<input>`, `<textarea>` and `<select>` widgets (a test compares
them on every form of ours) and hands anything else — our own widget templates, a label that is not text and
would be localised — to the templates as before.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.html import conditional_escape

TEXT = (str, Promise)  # what a template writes as it is (a lazy translation becomes its text)

WIDGETS = "django/forms/widgets/"
INPUTS = frozenset(
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "email",
        "url",
        "number",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
        "checkbox",
    )
)
SELECTS = frozenset({f"{WIDGETS}select.html"})
OPTION = f"{WIDGETS}select_option.html"
TEXTAREA = f"{WIDGETS}textarea.html"


def _text(value) -> str:
    """`{{ value|stringformat:'s' }}` under autoescape."""
    return conditional_escape("%s" % (value,))  # noqa: UP031 — the filter's own formatting


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: False leaves the attribute out, True writes its bare name."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{_text(value)}"'
        )
    return "".join(out)


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _textarea(widget: dict) -> str | None:
    value = widget["value"]
    if value and not isinstance(value, TEXT):
        return None  # a number or date would be localised by the template
    body = conditional_escape(str(value)) if value else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{body}</textarea>'
    )


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            if not isinstance(group_name, TEXT):
                return None
            parts.append(f'\n  <optgroup label="{conditional_escape(str(group_name))}">')
        for option in options:
            label = option["label"]
            if option.get("template_name") != OPTION or not isinstance(label, TEXT):
                return None
            parts.append(
                f'\n  <option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
                f"{conditional_escape(str(label))}</option>\n"  # the option's template ends with a new line
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FastWidgetRenderer(DjangoTemplates):
    """settings.FORM_RENDERER: the stock widgets in Python, everything else through the templates."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        html = None
        if widget is not None:
            if template_name in INPUTS:
                html = _input(widget)
            elif template_name == TEXTAREA:
                html = _textarea(widget)
            elif template_name in SELECTS:
                html = _select(widget)
        if html is None:
            return super().render(template_name, context, request)
        return html.strip()
