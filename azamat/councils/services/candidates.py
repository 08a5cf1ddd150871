"""Candidates for a council's formation or rotation: a council's secretary opens a list (rotation from two months
before the term ends), registers candidates, records their declarations of kin and property relations with the
body's officials, and freezes the list at a date for the election. A refused step changes nothing."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError
from azamat.councils import kpi_errors as errors
from azamat.councils.candidate_models import Candidate, CandidateEntry, CandidateList, Relation
from azamat.councils.candidate_selectors import list_candidates, rotation_opens_on
from azamat.councils.kpi_permissions import can_manage_candidates
from azamat.councils.models import Council


def _require(decision) -> None:
    if not decision:
        raise DomainError(errors.NOT_ALLOWED, decision.reason)


def _save(obj, by, reason: str = "") -> None:
    obj._history_user = by
    if reason:
        obj._change_reason = reason
    obj.full_clean()
    obj.save()


def _open(candidate_list: CandidateList) -> CandidateList:
    candidate_list = (
        CandidateList.objects.select_for_update().select_related("council").get(pk=candidate_list.pk)
    )
    if candidate_list.is_frozen:
        raise DomainError(
            errors.LIST_FROZEN,
            _("The list was frozen on %(date)s; it can no longer change.")
            % {"date": f"{candidate_list.frozen_on:%d.%m.%Y}"},
        )
    return candidate_list


@transaction.atomic
def candidate_list_open(
    *, council: Council, kind: str, by, today: datetime.date | None = None, check_permission: bool = True
) -> CandidateList:
    if check_permission:
        _require(can_manage_candidates(by, council))
    council = Council.objects.select_for_update().get(pk=council.pk)
    today = today or timezone.localdate()
    if council.candidate_lists.filter(frozen_at__isnull=True).exists():
        raise DomainError(
            errors.LIST_ALREADY_OPEN,
            _("The council already has an open list of candidates; freeze it before opening another."),
            field="kind",
        )
    if kind == CandidateList.Kind.ROTATION and today < rotation_opens_on(council):
        raise DomainError(
            errors.ROTATION_NOT_OPEN,
            _("Rotation opens on %(date)s, two months before the council's term ends on %(end)s.")
            % {"date": f"{rotation_opens_on(council):%d.%m.%Y}", "end": f"{council.term_ends_on:%d.%m.%Y}"},
            field="kind",
        )
    if kind == CandidateList.Kind.FORMATION and council.members.filter(left_on__isnull=True).exists():
        raise DomainError(
            errors.FORMATION_HAS_MEMBERS,
            _("The council already has members; its composition changes by rotation."),
            field="kind",
        )
    candidate_list = CandidateList(council=council, kind=kind, opened_by=by)
    _save(candidate_list, by)
    return candidate_list


@transaction.atomic
def candidate_add(
    *,
    candidate_list: CandidateList,
    full_name: str,
    represents: str,
    motivation: str,
    by,
    user=None,
    organisation=None,
    check_permission: bool = True,
) -> Candidate:
    if check_permission:
        _require(can_manage_candidates(by, candidate_list.council))
    candidate_list = _open(candidate_list)
    if represents == Candidate.Represents.NGO and organisation is None:
        raise DomainError(
            errors.ORGANISATION_REQUIRED,
            _("A candidate from an NGO is put forward by an organisation in the registry."),
            field="organisation_bin",
        )
    if represents != Candidate.Represents.NGO and organisation is not None:
        raise DomainError(
            errors.ORGANISATION_FOR_NGO_ONLY,
            _("Only a candidate from an NGO names an organisation."),
            field="organisation_bin",
        )
    motivation = (motivation or "").strip()
    if not motivation:
        raise DomainError(
            errors.MOTIVATION_REQUIRED,
            _("Write why the candidate wants to join the council."),
            field="motivation",
        )
    if user is not None and candidate_list.candidates.filter(user=user).exists():
        raise DomainError(
            errors.ALREADY_CANDIDATE, _("This person is already a candidate in this list."), field="email"
        )
    candidate = Candidate(
        candidate_list=candidate_list,
        full_name=full_name.strip(),
        represents=represents,
        organisation=organisation,
        user=user,
        motivation=motivation,
        created_by=by,
    )
    _save(candidate, by)
    return candidate


@transaction.atomic
def relation_declare(
    *,
    candidate: Candidate,
    kind: str,
    official_name: str,
    official_position: str,
    relation: str,
    by,
    check_permission: bool = True,
) -> Relation:
    """A kin or property relation with an official of the body the council sits at; the candidate is then not
    eligible for this council, with the relation as the reason."""
    if check_permission:
        _require(can_manage_candidates(by, candidate.candidate_list.council))
    candidate_list = _open(candidate.candidate_list)
    found = Relation(
        candidate=candidate,
        kind=kind,
        official_name=official_name.strip(),
        official_position=official_position.strip(),
        relation=relation.strip(),
        body=candidate_list.council.body,
    )
    _save(found, by)
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.declared_at is None:
        candidate.declared_at = timezone.now()
        _save(candidate, by, reason="declaration")
    return found


@transaction.atomic
def declaration_make(*, candidate: Candidate, by, check_permission: bool = True) -> Candidate:
    """The candidate's declaration is complete: the relations recorded, if any, are all there are."""
    if check_permission:
        _require(can_manage_candidates(by, candidate.candidate_list.council))
    _open(candidate.candidate_list)
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    candidate.declared_at = timezone.now()
    _save(candidate, by, reason="declaration")
    return candidate


@transaction.atomic
def candidate_list_freeze(
    *, candidate_list: CandidateList, by, on: datetime.date | None = None, check_permission: bool = True
) -> CandidateList:
    """Freeze the list at a date: one entry per candidate, numbered in alphabetical order, with their
    eligibility and its reason as they stand; nothing in the list changes afterwards."""
    if check_permission:
        _require(can_manage_candidates(by, candidate_list.council))
    candidate_list = _open(candidate_list)
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise DomainError(
            errors.FREEZE_DATE, _("A list is frozen on today's date or an earlier one."), field="on"
        )
    candidates = list_candidates(candidate_list)
    if not candidates:
        raise DomainError(errors.LIST_EMPTY, _("The list has no candidates to freeze."))
    for position, (candidate, found) in enumerate(candidates, start=1):
        entry = CandidateEntry(
            candidate_list=candidate_list,
            candidate=candidate,
            position=position,
            full_name=candidate.full_name,
            organisation_name=candidate.organisation.name if candidate.organisation else "",
            eligible=found.eligible,
            reason=found.reason,
        )
        _save(entry, by)
    candidate_list.frozen_on = on
    candidate_list.frozen_at = timezone.now()
    candidate_list.frozen_by = by
    _save(candidate_list, by, reason="frozen")
    return candidate_list
