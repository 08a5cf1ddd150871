"""The grants pages' repeated markup written in Python rather than by template loops, which cost several times the
pages' SQL: the dashboard's data tables (`{{ section.groups|groups_markup }}`, grants/charts.py), the rows of a
call's results (`{{ rows|results_rows }}`) and the list of calls (`{{ page|call_rows }}`). Each writes what the
loop it replaced wrote, escaped the same way. (gettext() outside the f-strings: makemessages does not look inside
them.)"""

from django import template
from django.template.defaultfilters import date, floatformat
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, gettext_noop, ngettext

from azamat.core.templatetags.fragments import Numbers, esc, url_maker
from azamat.grants import charts

register = template.Library()
register.filter("groups_markup", charts.groups_markup, is_safe=True)

# The results table's cells after the application's number, as its header names them.
RESULTS_LABELS = (
    gettext_noop("Organisation"),
    gettext_noop("Project"),
    gettext_noop("Expert score"),
    gettext_noop("Decision"),
    gettext_noop("Amount, ₸"),
)


ROW_AWARDED = ' class="row-awarded"'


@register.filter(is_safe=True)
def results_rows(rows) -> SafeString:
    """(application, its awarded amount or None) pairs as the results table's rows: the number, the organisation
    and the project (linked to its page once it has one), the score, the decision and the amount."""
    organisation, project, score, decision, amount = (esc(gettext(label)) for label in RESULTS_LABELS)
    n = Numbers()
    # Project.get_absolute_url() and Organisation.get_absolute_url(), reversed once for the page's 50 rows.
    project_url = url_maker("grants:project", "pk")
    organisation_url = url_maker("registry:organisation", "bin")
    statuses = {}  # get_status_display() builds a dictionary of every status on each call
    out = []
    for application, awarded_amount in rows:
        awarded = application.status == "awarded"
        title = esc(application.title)
        if awarded and (grant_project := getattr(application, "project", None)) is not None:
            title = f'<a href="{esc(project_url(grant_project.pk))}">{title}</a>'
        org = application.organisation
        if application.status not in statuses:
            statuses[application.status] = esc(application.get_status_display())
        kind = "awarded" if awarded else "not-awarded"
        out.append(
            f"\n    <tr{ROW_AWARDED if awarded else ''}>"
            f'<th scope="row">{n.plain(application.number or "—")}</th>'
            f'\n      <td data-label="{organisation}">'
            f'<a href="{esc(organisation_url(org.bin))}">{esc(org.name)}</a></td>'
            f'\n      <td data-label="{project}">{title}</td>'
            f'\n      <td class="num" data-label="{score}">{n.or_dash(application.final_score)}</td>'
            f'\n      <td data-label="{decision}"><span class="decision decision-{kind}">'
            f"{statuses[application.status]}</span></td>"
            f'\n      <td class="num" data-label="{amount}">'
            f"{esc(floatformat(awarded_amount, '2g')) if awarded_amount is not None else '—'}</td></tr>\n  "
        )
    return mark_safe("".join(out))  # noqa: S308 — every value above is escaped


def _when(value) -> str:
    """`{{ value|date:"d.m.Y H:i" }}`: in the site's time zone, as the template's date filter writes it."""
    return esc(date(template_localtime(value), "d.m.Y H:i"))


@register.filter(is_safe=True)
def call_rows(page) -> SafeString:
    """The calls' page: title (linked to the call), phase and grant type, customer, dates and directions."""
    rows = list(page)
    if not rows:
        none = gettext("No call matches. Try other filters.")
        return mark_safe(f"\n    <li>{esc(none)}</li>\n    ")  # noqa: S308 — escaped
    url = url_maker("grants:call", "code")  # Call.get_absolute_url(), reversed once
    n = Numbers()
    out = []
    for call in rows:
        dates = gettext("applications from %(opens)s to %(closes)s (Almaty time)") % {
            "opens": _when(call.opens_at),
            "closes": _when(call.closes_at),
        }
        directions = ngettext("%(counter)s direction", "%(counter)s directions", call.n_directions) % {
            "counter": n.plain(call.n_directions)
        }
        out.append(
            f'\n    <li>\n      <h2><a href="{esc(url(call.code))}">{esc(call.title)}</a></h2>'
            f'\n      <ul class="tags">\n        <li>{esc(call.phase_label)}</li>'
            f"\n        <li>{esc(call.grant_type.name)}</li>\n      </ul>"
            f'\n      <div class="muted">{esc(call.customer.name)} ·\n        {dates} ·\n        {directions}</div>'
            "\n    </li>\n    "
        )
    return mark_safe("".join(out))  # noqa: S308 — every value above is escaped
