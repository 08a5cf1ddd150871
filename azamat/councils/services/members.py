"""A council's composition: members join and leave (never deleted), under the rules of the council's level —
its size, one member per NGO, the state's share — and the roles one person holds at a time."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from azamat.core.errors import DomainError
from azamat.core.public_cache import topics_bump
from azamat.councils import errors
from azamat.councils.models import NAME_LANGUAGES, Committee, Council, Member
from azamat.councils.permissions import can_manage_council
from azamat.councils.selectors import active_members, composition_rule, same_text

# The roles one person holds at a time, and what a second one is told.
SINGLE_ROLES = {
    Member.Role.CHAIR: _("The council already has a chair; the chair must leave the role first."),
    Member.Role.SECRETARY: _("The council already has a secretary; the secretary must leave the role first."),
}


def _require(decision) -> None:
    if not decision:
        raise DomainError(errors.NOT_ALLOWED, decision.reason)


def _save(obj, by, reason: str = "") -> None:
    obj._history_user = by
    if reason:
        obj._change_reason = reason
    obj.full_clean()
    obj.save()


def composition_problems(council: Council) -> list[str]:
    """What the current composition lacks or exceeds under the level's rule, in plain words; empty when it meets
    every rule."""
    rule = composition_rule(council.level)
    members = list(active_members(council))
    total = len(members)
    problems = []
    if total < rule.min_members:
        problems.append(
            ngettext(
                "The council has %(count)s member; a council of this level needs at least %(minimum)s.",
                "The council has %(count)s members; a council of this level needs at least %(minimum)s.",
                total,
            )
            % {"count": total, "minimum": rule.min_members}
        )
    if total > rule.max_members:
        problems.append(
            _("The council has %(count)s members; a council of this level may have at most %(maximum)s.")
            % {"count": total, "maximum": rule.max_members}
        )
    state = sum(1 for m in members if m.represents == Member.Represents.STATE)
    if state * rule.state_denominator > total * rule.state_numerator and total:
        problems.append(
            _(
                "%(state)s of %(count)s members represent state bodies; at most %(numerator)s in every "
                "%(denominator)s may."
            )
            % {
                "state": state,
                "count": total,
                "numerator": rule.state_numerator,
                "denominator": rule.state_denominator,
            }
        )
    if not any(m.role == Member.Role.CHAIR for m in members) and members:
        problems.append(str(_("The council has no chair.")))
    return problems


def _check_seat(council: Council, member: Member, *, exclude: int | None = None) -> None:
    """The rules a new or changed seat must keep; raises with the rule's message, before anything is written."""
    if member.represents == Member.Represents.NGO and member.organisation_id is None:
        raise DomainError(
            errors.ORGANISATION_REQUIRED,
            _("Choose the organisation a member from an NGO represents."),
            field="organisation",
        )
    if member.represents != Member.Represents.NGO and member.organisation_id is not None:
        raise DomainError(
            errors.ORGANISATION_NOT_NGO,
            _("Only a member who represents an NGO is linked to an organisation."),
            field="organisation",
        )
    if not (council.term_starts_on <= member.joined_on <= council.term_ends_on):
        raise DomainError(
            errors.JOINED_OUTSIDE_TERM,
            _("A member joins within the council's term, from %(start)s to %(end)s.")
            % {"start": f"{council.term_starts_on:%d.%m.%Y}", "end": f"{council.term_ends_on:%d.%m.%Y}"},
            field="joined_on",
        )
    others = active_members(council).select_for_update()
    if exclude is not None:
        others = others.exclude(pk=exclude)
    others = list(others)
    rule = composition_rule(council.level)
    if exclude is None and len(others) + 1 > rule.max_members:
        raise DomainError(
            errors.TOO_MANY_MEMBERS,
            _(
                "The council already has %(count)s members, the most a council of this level may have. "
                "A member must leave before another joins."
            )
            % {"count": len(others)},
        )
    if member.user_id and any(m.user_id == member.user_id for m in others):
        raise DomainError(errors.ALREADY_MEMBER, _("This person already sits on the council."), field="user")
    if member.organisation_id and any(m.organisation_id == member.organisation_id for m in others):
        raise DomainError(
            errors.NGO_ALREADY_SEATED,
            _("%(organisation)s already has a member on this council; one member per NGO.")
            % {"organisation": member.organisation.name},
            field="organisation",
        )
    if member.represents == Member.Represents.STATE:
        state = 1 + sum(1 for m in others if m.represents == Member.Represents.STATE)
        limit = rule.state_limit(len(others) + 1)
        if state > limit:
            raise DomainError(
                errors.STATE_SHARE,
                _(
                    "State bodies may hold at most %(numerator)s in every %(denominator)s seats: "
                    "%(limit)s for this council now. Add members from civil society first."
                )
                % {
                    "numerator": rule.state_numerator,
                    "denominator": rule.state_denominator,
                    "limit": limit,
                },
                field="represents",
            )
    if member.role in SINGLE_ROLES and any(m.role == member.role for m in others):
        raise DomainError(errors.ROLE_TAKEN, SINGLE_ROLES[member.role], field="role")


@transaction.atomic
def member_add(
    *,
    council: Council,
    full_name: str,
    represents: str,
    joined_on: datetime.date,
    by,
    role: str = Member.Role.MEMBER,
    user=None,
    organisation=None,
    state_body=None,
    position: str = "",
    committees=(),
    check_permission: bool = True,
) -> Member:
    """Seat a person on the council, refusing (and writing nothing) when a composition rule would break."""
    if check_permission:
        _require(can_manage_council(by, council))
    council = Council.objects.select_for_update().get(pk=council.pk)
    member = Member(
        council=council,
        full_name=full_name.strip(),
        represents=represents,
        joined_on=joined_on,
        role=role,
        user=user,
        organisation=organisation,
        state_body=state_body,
        position=position,
    )
    _check_seat(council, member)
    _save(member, by)
    _set_committees(member, committees, by)
    topics_bump("councils")
    return member


def _set_committees(member: Member, committees, by) -> None:
    committees = list(committees)
    if any(c.council_id != member.council_id for c in committees):
        raise DomainError(
            errors.FOREIGN_COMMITTEE, _("A committee of another council was chosen."), field="committees"
        )
    member._history_user = by
    member.committees.set(committees)


@transaction.atomic
def member_change(
    *, member: Member, by, role: str | None = None, position: str | None = None, committees=None
) -> Member:
    """Change a current member's role, position or committees."""
    _require(can_manage_council(by, member.council))
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.left_on is not None:
        raise DomainError(errors.ALREADY_LEFT, _("This member has left the council."))
    if role is not None:
        member.role = role
    if position is not None:
        member.position = position
    _check_seat(member.council, member, exclude=member.pk)
    _save(member, by)
    if committees is not None:
        _set_committees(member, committees, by)
    topics_bump("councils")
    return member


@transaction.atomic
def member_leave(
    *,
    member: Member,
    by,
    left_on: datetime.date | None = None,
    reason: str = "",
    check_permission: bool = True,
) -> Member:
    """Record that a member left on a date; the seat stays in the council's history."""
    if check_permission:
        _require(can_manage_council(by, member.council))
    member = Member.objects.select_for_update().get(pk=member.pk)
    left_on = left_on or timezone.localdate()
    if member.left_on is not None:
        raise DomainError(errors.ALREADY_LEFT, _("This member has already left the council."))
    if left_on < member.joined_on:
        raise DomainError(
            errors.LEFT_BEFORE_JOINED,
            _("A member cannot leave before joining (%(date)s).") % {"date": f"{member.joined_on:%d.%m.%Y}"},
            field="left_on",
        )
    today = timezone.localdate()
    if left_on > today:
        # A leaving date ahead took the seat out of the composition at once, and a typo year (2099) kept it so.
        raise DomainError(
            errors.LEFT_IN_FUTURE,
            _(
                "A member's leaving is recorded once it has happened: the date can be no later than today, %(date)s."
            )
            % {"date": f"{today:%d.%m.%Y}"},
            field="left_on",
        )
    member.left_on = left_on
    member.leave_reason = reason.strip()
    _save(member, by, reason=reason.strip() or "left")
    topics_bump("councils")
    return member


@transaction.atomic
def committee_add(
    *, council: Council, name_kk: str, name_ru: str, name_en: str = "", by, check_permission: bool = True
) -> Committee:
    """A permanent committee named in Kazakh and Russian (English optional), as the council is; no two committees
    of a council share a name in any language, whatever the case (the form sent twice adds one)."""
    if check_permission:
        _require(can_manage_council(by, council))
    Council.objects.select_for_update().filter(pk=council.pk).first()  # two requests at once: checked in turn
    committee = Committee(
        council=council, name_kk=name_kk.strip(), name_ru=name_ru.strip(), name_en=name_en.strip()
    )
    # Compared in Python, as a reader would (case and spacing aside): SQLite folds the case of Latin letters only.
    taken = {
        (code, same_text(getattr(c, f"name_{code}")))
        for c in council.committees.all()
        for code in NAME_LANGUAGES
    }
    for code in NAME_LANGUAGES:
        name = getattr(committee, f"name_{code}")
        if name and (code, same_text(name)) in taken:
            raise DomainError(
                errors.COMMITTEE_EXISTS,
                _("The council already has a committee with this name."),
                field=f"name_{code}",
            )
    _save(committee, by)
    topics_bump("councils")
    return committee
