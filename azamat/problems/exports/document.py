"""What the register document says, whatever its format: the problems grouped by area (in the areas' order), each
with its regions, legal acts, endorsements, status and its recommendations with what the body did (the items'
status and deadline, read from accountability), read in a fixed number of queries; and the document's headings
in the active language."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from azamat.accountability.models import Item
from azamat.core.dates import long_date
from azamat.problems.models import Area, LegalAct, Problem, Recommendation
from azamat.problems.selectors import fates
from azamat.registry.models import Region

LANGUAGE_TAGS = {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}


def language_tag() -> str:
    return LANGUAGE_TAGS.get((get_language() or "kk")[:2], "kk-KZ")


@dataclass
class Action:
    """One recommendation and what became of it: the items it was sent as (a forwarded one has several)."""

    recommendation: Recommendation
    items: list[Item]

    @property
    def body(self) -> str:
        return self.recommendation.body.name if self.recommendation.body_id else "—"


@dataclass
class Entry:
    problem: Problem
    regions: list[str]
    all_regions: bool
    acts: list[str]
    endorsements: int
    actions: list[Action]

    @property
    def status(self) -> str:
        return str(self.problem.get_status_display())

    @property
    def regions_text(self) -> str:
        if self.all_regions:
            return _("All regions")
        return ", ".join(self.regions) or "—"


@dataclass
class Section:
    area: Area
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Register:
    sections: list[Section]
    on: datetime.date

    @property
    def entries(self) -> list[Entry]:
        return [entry for section in self.sections for entry in section.entries]

    @property
    def items(self) -> list[Item]:
        return [item for entry in self.entries for action in entry.actions for item in action.items]


def register(problems: QuerySet) -> Register:
    """The problems of `problems` grouped by area, with everything the document shows, in the same few queries
    whatever their number."""
    found = list(
        problems.select_related("area")
        .prefetch_related(
            Prefetch("regions", queryset=Region.objects.order_by("kato")),
            Prefetch("legal_acts", queryset=LegalAct.objects.order_by("position", "pk")),
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.select_related("body").order_by("position", "pk"),
            ),
        )
        .annotate(endorsement_count=Count("endorsements", distinct=True))
        .order_by("area__position", "area__code", "number", "pk")
    )
    recommendations = [r for problem in found for r in problem.recommendations.all()]
    sent = fates(recommendations)
    region_count = Region.objects.count()
    sections = {area.pk: Section(area) for area in Area.objects.order_by("position", "code")}
    for problem in found:
        regions = list(problem.regions.all())
        entry = Entry(
            problem=problem,
            regions=[region.name for region in regions],
            all_regions=bool(regions) and len(regions) == region_count,
            acts=[str(act) for act in problem.legal_acts.all()],
            endorsements=problem.endorsement_count,
            actions=[Action(r, sent.get(r.pk, [])) for r in problem.recommendations.all()],
        )
        sections.setdefault(problem.area_id, Section(problem.area)).entries.append(entry)
    return Register(sections=list(sections.values()), on=timezone.localdate())


def item_fate(item: Item) -> str:
    """What the body did, in one line: the status, and the answer's or the deadline's date."""
    status = item.status
    if status in (Item.Status.AWAITING, Item.Status.OVERDUE, Item.Status.LONG_OVERDUE):
        return _("%(status)s, answer due %(date)s") % {
            "status": item.status_label,
            "date": long_date(item.current_due_on),
        }
    if status == Item.Status.IMPLEMENTED and item.implemented_on:
        return _("%(status)s on %(date)s") % {
            "status": item.status_label,
            "date": long_date(item.implemented_on),
        }
    if item.answered_on:
        return _("%(status)s, answered on %(date)s") % {
            "status": item.status_label,
            "date": long_date(item.answered_on),
        }
    return item.status_label


def action_fate(action: Action) -> str:
    if not action.items:
        return _("Not sent yet")
    return "; ".join(f"{item.number}: {item_fate(item)}" for item in action.items)


def title() -> str:
    return _("Register of Problems of NGOs")


def subtitle(document: Register) -> str:
    return _("As of %(date)s") % {"date": long_date(document.on)}


def summary(document: Register) -> list[str]:
    entries = document.entries
    items = document.items
    implemented = sum(1 for item in items if item.status == Item.Status.IMPLEMENTED)
    recommendations = sum(len(entry.actions) for entry in entries)
    lines = [
        ngettext("%(count)s problem", "%(count)s problems", len(entries)) % {"count": len(entries)},
        ngettext("%(count)s recommendation", "%(count)s recommendations", recommendations)
        % {"count": recommendations},
        ngettext("%(count)s recommendation implemented", "%(count)s recommendations implemented", implemented)
        % {"count": implemented},
    ]
    statuses = Counter(entry.problem.status for entry in entries)
    lines += [f"{label}: {statuses[value]}" for value, label in Problem.Status.choices if statuses[value]]
    return lines


def heading(section: Section) -> str:
    return f"{section.area.position}. {section.area.name}"


def problem_heading(entry: Entry) -> str:
    return f"{entry.problem.number}. {entry.problem.title}"
