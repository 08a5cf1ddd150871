"""A submitted application as a PDF for its organisation and the operator: every section as submitted.

Rendered in the active language like the protocol, with the vendored DejaVu fonts so that Kazakh and
Russian text (ә, ғ, қ, ң, ө, ұ, ү, һ, і) prints as typed.
"""

from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from azamat.grants.models import Application
from azamat.grants.selectors import applications as selectors
from azamat.grants.services.protocol import ProtocolPDF, money


def _number(value) -> str:
    """A quantity as the page writes it: no decimals when whole, else two."""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def application_pdf(application: Application) -> bytes:
    """The application's sections, budget and documents, as its editor page shows them."""
    pdf = ProtocolPDF(footer_text=_("Page %(page)s of %(pages)s"))
    pdf.set_title(application.title)
    pdf.set_lang(get_language() or "kk")
    pdf.set_creator("Azamat")
    pdf.add_page()
    pdf.heading(application.title, 14)
    pdf.fact(_("Number"), application.number or "—")
    pdf.fact(_("Call"), application.call.title)
    pdf.fact(_("Direction"), application.direction.title)
    pdf.fact(_("Organisation"), application.organisation.name)
    pdf.fact(_("Status"), str(application.get_status_display()))
    if application.submitted_at:
        local = timezone.localtime(application.submitted_at)
        pdf.fact(_("Submitted"), f"{date_format(local, 'DATE_FORMAT')}, {local:%H:%M}")
    pdf.ln(3)
    pdf.heading(_("Project"))
    for label, text in [
        (_("Project summary"), application.summary),
        (_("Problem and its causes"), application.problem),
        (_("Target group"), application.target_group),
        (_("Goals and tasks"), application.goals),
        (_("Team"), application.team),
    ]:
        pdf.para(label, bold=True)
        pdf.para(text or "—")
    months = application.duration_months or 0
    pdf.fact(_("Duration"), ngettext("%(months)s month", "%(months)s months", months) % {"months": months})
    pdf.fact(_("Language"), str(application.get_language_display()))
    pdf.ln(3)

    pdf.heading(_("Activities"))
    activities = list(application.activities.all())
    for activity in activities:
        pdf.para(
            _("%(title)s: months %(start)s to %(end)s")
            % {"title": activity.title, "start": activity.starts_month, "end": activity.ends_month},
            bold=True,
        )
        if activity.description:
            pdf.para(activity.description)
    if not activities:
        pdf.para(_("No activities."))
    pdf.ln(3)

    pdf.heading(_("Budget"))
    budget = selectors.budget_summary(application)
    for label, subtotal, lines in budget.categories:
        pdf.para(f"{label}: {money(subtotal)}", bold=True)
        for line in lines:
            pdf.para(
                f"{line.description}: {_number(line.quantity)} × {money(line.unit_cost)} = {money(line.total)}"
            )
    pdf.fact(_("Total requested"), money(budget.total))
    pdf.ln(3)

    pdf.heading(_("Indicators"))
    indicators = list(application.indicators.all())
    for indicator in indicators:
        pdf.para(
            _("%(name)s (%(kind)s): from %(baseline)s to %(target)s %(unit)s")
            % {
                "name": indicator.name,
                "kind": indicator.get_kind_display(),
                "baseline": _number(indicator.baseline),
                "target": _number(indicator.target),
                "unit": indicator.unit,
            }
        )
    if not indicators:
        pdf.para(_("No indicators."))
    pdf.ln(3)

    pdf.heading(_("Documents"))
    for code, name, files in selectors.documents_checklist(application):
        title = _("Other files") if code == "other" else name
        attached = ", ".join(f.original_name for f in files) or _("required, not attached yet")
        pdf.fact(str(title), attached)
    return bytes(pdf.output())
