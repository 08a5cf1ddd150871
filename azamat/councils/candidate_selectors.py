"""Reads of candidates: when rotation opens, each candidate's eligibility with its reasons, a list with its
candidates, and the frozen list an election reads."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from azamat.core.collation import sort_key
from azamat.councils.candidate_models import Candidate, CandidateEntry, CandidateList
from azamat.councils.models import Council

ROTATION_MONTHS = 2


def months_before(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def rotation_opens_on(council: Council) -> datetime.date:
    """Rotation starts two months before the council's term ends."""
    return months_before(council.term_ends_on, ROTATION_MONTHS)


@dataclass
class Eligibility:
    eligible: bool
    reasons: list[str]

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


def eligibility(candidate: Candidate) -> Eligibility:
    """Not eligible with a declared relation (each named) or before the declaration is made. Reads
    `candidate.relations.all()`, so a list prefetches them."""
    relations = list(candidate.relations.all())
    if relations:
        return Eligibility(
            False,
            [
                _(
                    "Declared a relation with an official of the body: %(relation)s of %(official)s, %(position)s."
                )
                % {"relation": r.relation, "official": r.official_name, "position": r.official_position}
                for r in relations
            ],
        )
    if candidate.declared_at is None:
        return Eligibility(
            False, [_("The declaration of relations with the body's officials is not made yet.")]
        )
    return Eligibility(True, [])


def council_lists(council: Council) -> QuerySet[CandidateList]:
    return council.candidate_lists.select_related("opened_by", "frozen_by").order_by("-opened_at", "pk")


def list_candidates(candidate_list: CandidateList) -> list[tuple[Candidate, Eligibility]]:
    """The list's candidates in alphabetical order, each with their eligibility."""
    candidates = list(
        candidate_list.candidates.select_related("organisation", "user").prefetch_related("relations")
    )
    candidates.sort(key=lambda c: (sort_key(c.full_name), c.pk))
    return [(c, eligibility(c)) for c in candidates]


def frozen_entries(candidate_list: CandidateList, *, eligible_only: bool = False) -> QuerySet[CandidateEntry]:
    """The frozen list as an election reads it: stable numbers, names and eligibility as they stood that day."""
    entries = candidate_list.entries.select_related("candidate").order_by("position")
    if eligible_only:
        entries = entries.filter(eligible=True)
    return entries
