"""The protocol of a commission sitting as a PDF: who sat, how each member voted, what was decided.

One PDF holds the protocol in each language asked for (Kazakh, then Russian), each part starting on a new
page and written as that language writes it: the call's title in that language, dates such as
"30 қараша 2026 ж." and "30 ноября 2026 г.", amounts such as "1 234 567,89 ₸". Cyrillic, including the
Kazakh letters, comes from the vendored DejaVu fonts in azamat/grants/fonts/.
"""

from decimal import Decimal
from pathlib import Path

from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from azamat.core.dates import long_date
from azamat.grants.models import AgendaItem
from azamat.grants.services.commission_record import sitting_record

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT = "DejaVu"
LINE = 5.5


class ProtocolPDF(FPDF):
    def __init__(self, footer_text: str = ""):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.add_font(FONT, "", str(FONTS_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 16, 18)

    def footer(self):
        self.set_y(-13)
        self.set_font(FONT, size=8)
        self.cell(0, 6, self.footer_text % {"page": self.page_no(), "pages": "{nb}"}, align="C")

    def heading(self, text: str, size: int = 12) -> None:
        self.set_font(FONT, "B", size)
        self.multi_cell(0, LINE + 1, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, size=10)

    def para(self, text: str, *, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", 10)
        self.multi_cell(0, LINE, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, size=10)

    def fact(self, label: str, value: str) -> None:
        self.set_font(FONT, "B", 10)
        self.write(LINE, f"{label}: ")
        self.set_font(FONT, size=10)
        self.write(LINE, value)
        self.ln(LINE)


def amount_text(amount: Decimal) -> str:
    """An amount with two decimals as the active language writes it: kk/ru `1 234 567,89`."""
    return number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)


def money(amount: Decimal | None) -> str:
    if amount is None:
        return "—"
    return f"{amount_text(amount)} ₸"


def _when(value) -> str:
    local = timezone.localtime(value)
    return f"{long_date(local)}, {local:%H:%M}"


def _person(member) -> str:
    name = member.user.get_full_name()
    return f"{name} ({_('chair')})" if member.is_chair else name


def _members(pdf: ProtocolPDF, title: str, sides) -> None:
    pdf.heading(title, 11)
    if not sides:
        pdf.para("—")
    for side, members in sides:
        pdf.fact(side, ", ".join(_person(m) for m in members))
    pdf.ln(2)


def _item(pdf: ProtocolPDF, record) -> None:
    item, application, tally = record.item, record.application, record.tally
    pdf.heading(
        _("%(rank)s. Application %(number)s: %(title)s")
        % {"rank": item.rank, "number": application.number or "—", "title": application.title},
        11,
    )
    pdf.fact(_("Applicant"), application.organisation.name)
    score = application.final_score
    pdf.fact(_("Expert score"), "—" if score is None else amount_text(score))
    pdf.fact(_("Amount requested"), money(record.requested))
    pdf.fact(_("Operator's recommendation"), str(item.get_recommendation_display()))
    if record.votes:
        pdf.set_font(FONT, size=9)
        with pdf.table(
            col_widths=(55, 28, 91),
            text_align="LEFT",
            line_height=LINE - 0.5,
            headings_style=FontFace(emphasis="BOLD"),
        ) as table:
            header = table.row()
            for label in (_("Member"), _("Vote"), _("Comment")):
                header.cell(label)
            for vote in record.votes:
                row = table.row()
                row.cell(_person(vote.member))
                row.cell(str(vote.get_choice_display()))
                row.cell(vote.comment or "—")
        pdf.set_font(FONT, size=10)
    else:
        pdf.para(_("No votes were cast."))
    for member, reason in record.recusals:
        pdf.fact(_("Recused"), f"{member.user.get_full_name()} — {reason}")
    counts = _("for: %(support)s, against: %(against)s, abstained: %(abstain)s") % {
        "support": tally.support,
        "against": tally.against,
        "abstain": tally.abstain,
    }
    if tally.tie and item.decision:
        counts += "; " + _("the votes were equal and the chair's vote decided")
    pdf.fact(_("Votes"), counts)
    pdf.fact(_("Decision"), str(item.get_decision_display()) if item.decision else _("Not decided"))
    if item.decision == AgendaItem.Decision.AWARDED:
        pdf.fact(_("Amount awarded"), money(item.amount))
        if item.reduction_reason:
            pdf.fact(_("Reason for the reduced amount"), item.reduction_reason)
    pdf.ln(3)


def _title(sitting) -> str:
    if sitting.protocol_number:
        return _("Protocol № %(number)s of the sitting of the tender commission") % {
            "number": sitting.protocol_number
        }
    return _("Protocol of the sitting of the tender commission")


def _section(pdf: ProtocolPDF, record) -> None:
    """The whole protocol in the active language, from a new page."""
    sitting = record.sitting
    call = sitting.commission.call
    pdf.add_page()
    # Set after add_page: the page just finished keeps the footer of its own language.
    pdf.footer_text = _("Page %(page)s of %(pages)s")
    pdf.heading(_title(sitting), 14)
    pdf.heading(call.title, 12)
    pdf.fact(_("Customer"), call.customer.name)
    pdf.fact(_("Date and time"), _when(sitting.starts_at))
    pdf.fact(_("Place"), sitting.place or "—")
    pdf.fact(_("Stream"), sitting.stream_url or _("not streamed"))
    if sitting.closed_at:
        pdf.fact(_("Closed"), _when(sitting.closed_at))
    quorum = record.quorum
    pdf.fact(
        _("Quorum"),
        ngettext(
            "%(present)s of %(members)s member present; %(required)s needed",
            "%(present)s of %(members)s members present; %(required)s needed",
            quorum.members,
        )
        % {"present": quorum.present, "members": quorum.members, "required": quorum.required},
    )
    pdf.ln(3)
    _members(pdf, _("Members present"), record.by_side(present=True))
    _members(pdf, _("Members absent"), record.by_side(present=False))
    for direction, items in record.directions:
        pdf.heading(_("Direction: %(title)s") % {"title": direction.title}, 12)
        pdf.ln(1)
        for item_record in items:
            _item(pdf, item_record)
    awarded = [r for r in record.items if r.item.decision == AgendaItem.Decision.AWARDED]
    pdf.heading(_("Summary of the decisions"), 12)
    pdf.para(
        _("Grants awarded: %(count)s, for %(total)s in all.")
        % {"count": len(awarded), "total": money(sum((r.item.amount or 0 for r in awarded), Decimal(0)))}
    )
    pdf.ln(6)
    chair = record.chair
    if chair:
        pdf.para(f"{_('Chair of the commission')}: {chair.user.get_full_name()}   ____________________")
        pdf.ln(2)
    secretary = sitting.commission.secretary
    if secretary:
        pdf.para(f"{_('Secretary of the commission')}: {secretary.get_full_name()}   ____________________")


def protocol_render(*, sitting, languages=None) -> bytes:
    """Render the sitting's protocol into PDF bytes: one part per language in `languages` (default: the active
    one). Each part reads the sitting's record afresh in its language, so recusal reasons and labels match."""
    languages = list(languages or [get_language() or "kk"])
    call = sitting.commission.call
    pdf = ProtocolPDF()
    with translation.override(languages[0]):
        pdf.set_title(_("Protocol of the tender commission: %(call)s") % {"call": call.title})
    pdf.set_lang(languages[0])
    pdf.set_creator("Azamat")
    for language in languages:
        with translation.override(language):
            _section(pdf, sitting_record(sitting))
    return bytes(pdf.output())
