"""The registry's lists written in Python rather than by template loops, which cost several times the pages' SQL:
the directory's organisations (`{{ page|organisation_rows }}`) and the government bodies (`{{ page|body_rows }}`).
Each writes what the loop it replaced wrote, escaped the same way. (gettext() outside the f-strings: makemessages
does not look inside them.)"""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from azamat.core.templatetags.fragments import esc, url_maker
from azamat.registry.report_countries import country_name

register = template.Library()


def _choice_labels(rows, display: str, field: str) -> dict:
    """get_<field>_display() once per value rather than once per row (each call builds a dictionary of choices)."""
    labels = {}
    for row in rows:
        value = getattr(row, field)
        if value not in labels:
            labels[value] = esc(getattr(row, display)())
    return labels


@register.filter(is_safe=True)
def organisation_rows(page) -> SafeString:
    """The directory's page of organisations: name (linked to the profile), BIN, region, legal form, areas."""
    rows = list(page)
    if not rows:
        none = gettext("No organisation matches. Try fewer words or other filters.")
        return mark_safe(f"\n    <li>{esc(none)}</li>\n    ")  # noqa: S308 — escaped
    url = url_maker("registry:organisation", "bin")  # Organisation.get_absolute_url(), reversed once
    bin_label = esc(gettext("BIN"))
    forms = _choice_labels(rows, "get_legal_form_display", "legal_form")
    filed, not_filed = gettext("report on %(year)s filed"), gettext("report on %(year)s not filed")
    out = []
    for org in rows:
        areas = "".join(f"<li>{esc(area.name)}</li>" for area in org.areas.all())
        report = ""
        if hasattr(org, "report_current"):  # annotated by report_selectors.with_report_current
            report = " · " + esc((filed if org.report_current else not_filed) % {"year": org.report_year})
        out.append(
            f'\n    <li>\n      <h2><a href="{esc(url(org.bin))}">{esc(org.name)}</a></h2>'
            f'\n      <div class="muted">{bin_label} {esc(org.bin)} · {esc(org.region.name)} · '
            f"{forms[org.legal_form]}{report}</div>"
            f'\n      <ul class="tags">{areas}</ul>\n    </li>\n    '
        )
    return mark_safe("".join(out))  # noqa: S308 — every value above is escaped


@register.filter(is_safe=True)
def body_rows(page) -> SafeString:
    """The government bodies' page: name (linked to the body's page), kind, level, region and parent body."""
    rows = list(page)
    if not rows:
        none = gettext("No body matches.")
        return mark_safe(f"<li>{esc(none)}</li>")  # noqa: S308 — escaped
    url = url_maker("registry:body", "code")
    kinds = _choice_labels(rows, "get_kind_display", "kind")
    levels = _choice_labels(rows, "get_level_display", "level")
    out = []
    for body in rows:
        region = f" · {esc(body.region.name)}" if body.region else ""
        parent = f" · {esc(body.parent.name)}" if body.parent else ""
        out.append(
            f'\n  <li><h2><a href="{esc(url(body.code))}">{esc(body.name)}</a></h2>'
            f'\n    <div class="muted">{kinds[body.kind]} · {levels[body.level]}{region}{parent}</div></li>\n  '
        )
    return mark_safe("".join(out))  # noqa: S308 — every value above is escaped


@register.filter
def country(code: str) -> str:
    """A founder's or donor's country by its name in the reader's language ("Германия"), not its code."""
    return country_name(code)
