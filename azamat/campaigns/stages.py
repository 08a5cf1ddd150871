"""The workspace's stages, each with its tools and a checklist computed from the campaign's data (nothing to tick
by hand except the digital-security items), and the progress of each stage."""

from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from azamat.campaigns.models import Campaign, Risk

S = Campaign.Stage

# The team's digital-security checklist: fixed items, ticked as SecurityCheck rows.
SECURITY_ITEMS = (
    ("two_factor", _("Every team member has two-factor authentication on.")),
    ("who_sees_what", _("The team has agreed who can see what (written for each member).")),
    ("devices", _("Phones and laptops are locked with a PIN and encrypted.")),
    ("messenger", _("The team talks in a messenger with end-to-end encryption and disappearing messages.")),
    ("backups", _("Documents are backed up where only the team can reach them.")),
    ("contacts", _("The emergency contacts of a lawyer and of the team are written down and known.")),
)


@dataclass(frozen=True)
class Item:
    label: str
    done: bool


@dataclass(frozen=True)
class Stage:
    code: str
    label: str
    number: int
    items: tuple
    current: bool

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done)

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / len(self.items)) if self.items else 0

    @property
    def complete(self) -> bool:
        return self.done_count == len(self.items)


def counts(campaign: Campaign) -> dict[str, int]:
    """The numbers the checklists are computed from, in one query."""
    row = (
        Campaign.objects.filter(pk=campaign.pk)
        .annotate(
            needs_n=Count("needs", distinct=True),
            needs_checked=Count("needs", filter=~Q(needs__source=""), distinct=True),
            needs_evidence=Count("needs", filter=~Q(needs__evidence=""), distinct=True),
            objectives_n=Count("objectives", distinct=True),
            stakeholders_n=Count("stakeholders", distinct=True),
            stakeholders_opposed=Count("stakeholders", filter=Q(stakeholders__position__lt=0), distinct=True),
            methods_n=Count("methods", distinct=True),
            methods_owned=Count("methods", filter=Q(methods__owner__isnull=False), distinct=True),
            messages_n=Count("messages", distinct=True),
            actions_n=Count("actions", distinct=True),
            actions_owned=Count("actions", filter=Q(actions__owner__isnull=False), distinct=True),
            actions_done=Count("actions", filter=Q(actions__status="done"), distinct=True),
            risks_n=Count("risks", distinct=True),
            checks_done=Count(
                "security_checks",
                filter=Q(
                    security_checks__done=True, security_checks__code__in=[c for c, _l in SECURITY_ITEMS]
                ),
                distinct=True,
            ),
            indicators_n=Count("indicators", distinct=True),
            values_n=Count("indicators__values", distinct=True),
            lessons_n=Count("lessons", distinct=True),
        )
        .values()
        .get()
    )
    return row


def stages(campaign: Campaign, numbers: dict | None = None) -> list[Stage]:
    n = numbers if numbers is not None else counts(campaign)
    high_unmitigated = _high_unmitigated(campaign)
    checklists = {
        S.NEEDS: (
            Item(_("The problem and the target audience are described"), bool(campaign.target_audience)),
            Item(_("At least one need is written down"), n["needs_n"] > 0),
            Item(
                _("Each need says how it was checked"),
                n["needs_n"] > 0 and n["needs_checked"] == n["needs_n"],
            ),
            Item(_("Evidence is given for the needs"), n["needs_evidence"] > 0),
            Item(
                _("The goal and at least one SMART objective are set"),
                bool(campaign.goal) and n["objectives_n"] > 0,
            ),
        ),
        S.STAKEHOLDERS: (
            Item(_("At least three stakeholders are mapped"), n["stakeholders_n"] >= 3),
            Item(_("Those who oppose are known"), n["stakeholders_opposed"] > 0),
        ),
        S.METHODS: (
            Item(_("At least one method is chosen"), n["methods_n"] > 0),
            Item(_("Every method has an owner"), n["methods_n"] > 0 and n["methods_owned"] == n["methods_n"]),
            Item(_("A message is written for an audience"), n["messages_n"] > 0),
        ),
        S.PLAN: (
            Item(_("The action plan has actions"), n["actions_n"] > 0),
            Item(_("Every action has an owner"), n["actions_n"] > 0 and n["actions_owned"] == n["actions_n"]),
            Item(_("At least one action is done"), n["actions_done"] > 0),
        ),
        S.RISKS: (
            Item(_("The risks are assessed"), n["risks_n"] > 0),
            Item(_("Every high risk has a mitigation"), n["risks_n"] > 0 and not high_unmitigated),
            Item(_("The digital-security checklist is complete"), n["checks_done"] >= len(SECURITY_ITEMS)),
        ),
        S.EVALUATION: (
            Item(_("Indicators with a baseline and a target are set"), n["indicators_n"] > 0),
            Item(_("Actual values are measured"), n["values_n"] > 0),
            Item(_("Lessons are written down"), n["lessons_n"] > 0),
        ),
    }
    return [
        Stage(code, label, index + 1, checklists[code], campaign.stage == code)
        for index, (code, label) in enumerate(S.choices)
    ]


def _high_unmitigated(campaign: Campaign) -> bool:
    return (
        campaign.risks.filter(status=Risk.Status.OPEN, mitigation="")
        .annotate(score_value=F("likelihood") * F("impact"))
        .filter(score_value__gte=Risk.HIGH)
        .exists()
    )


def progress(campaign: Campaign) -> int:
    """The share of all checklist items done, in percent."""
    all_items = [item for stage in stages(campaign) for item in stage.items]
    return round(100 * sum(item.done for item in all_items) / len(all_items))
