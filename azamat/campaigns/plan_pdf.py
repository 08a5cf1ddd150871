"""The campaign plan as PDF (fpdf2), for the team only: the problem, goal and objectives, then each stage's
tools, risks and the team included. The DejaVu fonts vendored in azamat/grants/fonts carry the Kazakh letters;
they are referenced by path, as the problem register's export does."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from azamat.campaigns.models import Campaign
from azamat.core.pdf import FONT, LINE, DocumentPDF


class PlanPDF(DocumentPDF):
    HEADING_SIZE = 13

    def fact(self, label: str, value: str) -> None:
        self.set_font(FONT, "B", 10)
        self.write(LINE, f"{label}: ")
        self.set_font(FONT, size=10)
        self.write(LINE, value or "—")
        self.ln(LINE)

    def rows(self, headings: tuple, rows: list, widths: tuple) -> None:
        if not rows:
            self.para(_("Nothing yet."))
            return
        self.table_rows(headings, rows, widths)


def _d(date) -> str:
    return date_format(date, "SHORT_DATE_FORMAT") if date else ""


def _who(user) -> str:
    return user.get_short_name() if user else ""


def plan_pdf(campaign: Campaign) -> bytes:
    pdf = PlanPDF(_("Campaign plan: %(title)s") % {"title": campaign.title[:60]})
    pdf.set_title(campaign.title)
    pdf.add_page()
    pdf.heading(campaign.title, 16)
    pdf.para(_("For the campaign team only. Generated %(date)s.") % {"date": _d(timezone.localdate())})
    pdf.fact(_("Lead organisation"), campaign.organisation.name)
    pdf.fact(_("Status"), campaign.get_status_display())
    pdf.fact(_("Current stage"), campaign.get_stage_display())
    if campaign.problem_id:
        pdf.fact(_("Problem in the register"), str(campaign.problem))
    pdf.heading(_("Problem statement"))
    pdf.para(campaign.problem_statement)
    pdf.heading(_("Target audience"))
    pdf.para(campaign.target_audience)
    pdf.heading(_("Goal"))
    pdf.para(campaign.goal)
    pdf.heading(_("SMART objectives"))
    pdf.rows(
        (_("Objective"), _("How it is measured"), _("Target"), _("By")),
        [(o.text, o.measure, o.target, _d(o.due_on)) for o in campaign.objectives.all()],
        (80, 40, 32, 26),
    )
    pdf.heading(_("Team"))
    pdf.rows(
        (pgettext("a column of people's names", "Person"), _("Role"), _("What this person may see")),
        [(_who(m.user), m.get_role_display(), m.can_see) for m in campaign.team.select_related("user")],
        (60, 40, 78),
    )
    pdf.heading(_("Coalition partners"))
    pdf.rows(
        (_("Organisation"), _("Role"), _("Status"), _("Responsibilities")),
        [
            (p.organisation.name, p.get_role_display(), p.get_status_display(), p.responsibilities)
            for p in campaign.partners.select_related("organisation")
        ],
        (60, 28, 30, 60),
    )
    if campaign.rules:
        pdf.fact(_("Rules of interaction"), campaign.rules)
    pdf.heading(_("1. Needs"))
    pdf.rows(
        (_("Need"), _("Whose need"), _("Priority"), _("How it was checked"), _("Evidence")),
        [(n.text, n.audience, n.priority, n.get_source_display(), n.evidence) for n in campaign.needs.all()],
        (56, 30, 16, 30, 46),
    )
    pdf.heading(_("2. Stakeholders"))
    pdf.rows(
        (_("Stakeholder"), _("Kind"), _("Position"), _("Influence"), _("Interest")),
        [
            (s.display_name, s.get_kind_display(), s.get_position_display(), s.influence, s.interest)
            for s in campaign.stakeholders.select_related("body", "organisation")
        ],
        (66, 32, 32, 24, 24),
    )
    pdf.heading(_("3. Methods and messages"))
    pdf.rows(
        (_("Method"), _("Description"), _("Owner"), _("From"), _("To")),
        [
            (m.get_kind_display(), m.description, _who(m.owner), _d(m.starts_on), _d(m.ends_on))
            for m in campaign.methods.select_related("owner")
        ],
        (36, 70, 30, 21, 21),
    )
    pdf.rows(
        (_("Audience"), _("Message")),
        [(m.audience, m.text) for m in campaign.messages.all()],
        (50, 128),
    )
    pdf.heading(_("4. Action plan"))
    pdf.rows(
        (_("Action"), _("Owner"), _("Starts on"), _("Ends on"), _("Status")),
        [
            (a.title, _who(a.owner), _d(a.starts_on), _d(a.ends_on), a.get_status_display())
            for a in campaign.actions.select_related("owner")
        ],
        (72, 32, 24, 24, 26),
    )
    pdf.heading(_("5. Risks"))
    pdf.rows(
        (_("Threat"), _("Who is exposed"), _("L×I"), _("Mitigation"), _("Owner")),
        [
            (r.threat, r.exposed, f"{r.likelihood}×{r.impact}={r.score}", r.mitigation, _who(r.owner))
            for r in campaign.risks.select_related("owner")
        ],
        (50, 32, 20, 50, 26),
    )
    pdf.heading(_("6. Evaluation"))
    pdf.rows(
        (_("Indicator"), _("Baseline"), _("Target"), _("Latest value")),
        [
            (
                f"{i.name} ({i.unit})" if i.unit else i.name,
                i.baseline,
                i.target,
                (lambda vs: f"{vs[-1].value} ({_d(vs[-1].measured_on)})" if vs else "")(list(i.values.all())),
            )
            for i in campaign.indicators.prefetch_related("values")
        ],
        (78, 30, 30, 40),
    )
    lessons = list(campaign.lessons.all())
    if lessons:
        pdf.heading(_("Lessons learned"), 11)
        for lesson in lessons:
            pdf.para(f"— {lesson.text}")
    return bytes(pdf.output())
