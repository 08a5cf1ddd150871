"""Writes to the registry: registering organisations, editing them, and managing their people."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from azamat.core.errors import DomainError
from azamat.core.notifications import notify
from azamat.core.public_cache import topics_bump
from azamat.registry import errors, selectors
from azamat.registry.logos import logo_prepared
from azamat.registry.models import AllianceMembership, Invitation, Membership, Organisation
from azamat.registry.permissions import can_edit_organisation, can_manage_members, can_request_membership

if TYPE_CHECKING:  # people come from accounts, a layer above: the registry only names them
    from azamat.accounts.models import User

PROFILE_FIELDS = [
    "name_kk",
    "name_ru",
    "short_name",
    "legal_form",
    "registered_on",
    "region",
    "address",
    "about_kk",
    "about_ru",
    "about_en",
    "staff_count",
    "volunteer_count",
    "website",
    "email",
    "phone",
    "is_alliance",
]


def _error(code: str, field: str | None = None, **params) -> DomainError:
    message = errors.MESSAGES[code]
    return DomainError(code, message % params if params else message, field=field)


def _validation_error(exc: ValidationError) -> DomainError:
    field, messages = (
        next(iter(exc.message_dict.items())) if hasattr(exc, "error_dict") else (None, exc.messages)
    )
    return DomainError(
        "invalid", " ".join(str(m) for m in messages), field=None if field == "__all__" else field
    )


def _save(organisation: Organisation, by: User | None) -> None:
    organisation._history_user = by
    if (
        isinstance(organisation.registered_on, datetime.date)
        and organisation.registered_on > timezone.localdate()
    ):
        raise _error(errors.REGISTERED_IN_FUTURE, field="registered_on")
    try:
        organisation.full_clean()
    except ValidationError as exc:
        if (
            "bin" in exc.message_dict
            and Organisation.objects.filter(bin=organisation.bin).exclude(pk=organisation.pk).exists()
        ):
            raise _error(errors.DUPLICATE_BIN, field="bin") from exc
        raise _validation_error(exc) from exc
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:  # a concurrent registration of the same BIN
        raise _error(errors.DUPLICATE_BIN, field="bin") from exc
    topics_bump("registry")  # the directory, profiles and the home page show it


@transaction.atomic
def organisation_register(*, by: User, data: dict, areas=(), logo=None) -> Organisation:
    """Register an organisation; the person registering it becomes its first administrator."""
    if Organisation.objects.filter(bin=data.get("bin", "")).exists():
        raise _error(errors.DUPLICATE_BIN, field="bin")
    if logo:
        logo = logo_prepared(logo)
    organisation = Organisation(
        bin=data.get("bin", ""), **{k: v for k, v in data.items() if k in PROFILE_FIELDS}
    )
    if logo:
        organisation.logo = logo
    _save(organisation, by)
    organisation.areas.set(areas)
    membership = Membership(
        user=by,
        organisation=organisation,
        role=Membership.Role.ADMIN,
        status=Membership.Status.ACTIVE,
        decided_at=timezone.now(),
        decided_by=by,
    )
    membership._history_user = by
    membership.save()
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    by: User,
    data: dict,
    areas=None,
    logo=None,
    remove_logo: bool = False,
    loaded_at: datetime.datetime | None = None,
) -> Organisation:
    """Save the profile. With `loaded_at` (when the form was loaded), a save made since is not undone: only the
    fields this save changes are written, and a field both changed, to different values, refuses the save
    (`errors.EditedMeanwhile`, naming them). A new `logo` replaces the current one; `remove_logo` without one
    takes it off the profile (the history keeps that it was there)."""
    decision = can_edit_organisation(by, organisation)
    if not decision:
        raise DomainError(errors.NOT_ALLOWED, decision.reason)
    if logo:
        logo = logo_prepared(logo)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if loaded_at is not None and organisation.updated_at != loaded_at:
        mine = _changed_since(organisation, loaded_at, data, areas, logo=bool(logo or remove_logo))
        data = {field: value for field, value in data.items() if field in mine}
        areas = areas if "areas" in mine else None
    for field, value in data.items():
        if field in PROFILE_FIELDS:
            setattr(organisation, field, value)
    if logo:
        organisation.logo = logo
    elif remove_logo:
        organisation.logo = ""
    if areas is not None:
        # Set before the save and without a history record of its own: the save's record holds the areas too,
        # so one save of the profile is one entry in its history, not two.
        organisation.skip_history_when_saving = True
        try:
            organisation.areas.set(areas)
        finally:
            del organisation.skip_history_when_saving
    _save(organisation, by)
    return organisation


def _comparable(value):
    """A profile's value as two versions compare it: a region by its id, areas as a set of ids."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set | frozenset | QuerySet):
        return frozenset(_comparable(item) for item in value)
    return value


def _profile_values(version, areas_ids) -> dict:
    values = {
        field: _comparable(getattr(version, f"{field}_id" if field == "region" else field))
        for field in PROFILE_FIELDS
    }
    return values | {"areas": frozenset(areas_ids), "logo": str(version.logo or "")}


def _changed_since(organisation: Organisation, loaded_at, data: dict, areas, *, logo: bool) -> set[str]:
    """The fields this save changes from the profile as it was loaded (at `loaded_at`); refused with
    EditedMeanwhile where a colleague's save since changed one of them to something else. The profile as loaded
    is read from its history; without it, every field sent counts as changed, and any save since refuses."""
    loaded = organisation.history.filter(updated_at=loaded_at).order_by("-history_id").first()
    sent = {field: _comparable(value) for field, value in data.items() if field in PROFILE_FIELDS}
    if areas is not None:
        sent["areas"] = _comparable(list(areas))
    now = _profile_values(organisation, organisation.areas.values_list("pk", flat=True))
    if loaded is None:
        raise errors.EditedMeanwhile(fields=[], mine=[*sent, *(["logo"] if logo else [])])
    before = _profile_values(loaded, loaded.areas.values_list("activityarea_id", flat=True))
    mine = {field for field, value in sent.items() if value != before[field]} | ({"logo"} if logo else set())
    theirs = {field for field, value in now.items() if value != before[field]}
    both = [
        field
        for field in [*PROFILE_FIELDS, "areas", "logo"]
        if field in mine & theirs and (field == "logo" or sent[field] != now[field])
    ]
    if both:
        raise errors.EditedMeanwhile(fields=both, mine=sorted(mine))
    return mine


def _admin_emails(organisation: Organisation) -> list[str]:
    return list(
        organisation.memberships.filter(
            role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
        ).values_list("user__email", flat=True)
    )


@transaction.atomic
def membership_request(*, organisation: Organisation, user: User, message: str = "") -> Membership:
    """Ask to join an organisation; its administrators are told by email."""
    decision = can_request_membership(user, organisation)
    if not decision:
        raise DomainError(errors.ALREADY_MEMBER, decision.reason)
    membership, _created = Membership.objects.update_or_create(
        user=user,
        organisation=organisation,
        defaults={
            "status": Membership.Status.PENDING,
            "role": Membership.Role.MEMBER,
            "message": message[:500],
            "decided_at": None,
            "decided_by": None,
        },
    )
    notify(
        to=_admin_emails(organisation),
        template="registry/email/membership_requested",
        context={"organisation": organisation, "person": user, "message": message},
    )
    return membership


@transaction.atomic
def membership_decide(*, membership: Membership, by: User, accept: bool) -> Membership:
    decision = can_manage_members(by, membership.organisation)
    if not decision:
        raise DomainError(errors.NOT_ALLOWED, decision.reason)
    # Answered meanwhile (another tab, another administrator): a stale "Decline" must not put out a member.
    membership = (
        Membership.objects.select_for_update().select_related("user", "organisation").get(pk=membership.pk)
    )
    if membership.status == Membership.Status.ACTIVE:
        raise _error(errors.REQUEST_ACCEPTED, person=str(membership.user))
    if membership.status == Membership.Status.DECLINED:
        raise _error(errors.REQUEST_DECLINED)
    membership.status = Membership.Status.ACTIVE if accept else Membership.Status.DECLINED
    membership.decided_at = timezone.now()
    membership.decided_by = by
    membership._history_user = by
    membership.save()
    notify(
        to=[membership.user.email],
        template="registry/email/membership_decided",
        context={"organisation": membership.organisation, "accepted": accept},
    )
    return membership


def _ensure_admin_remains(membership: Membership) -> None:
    # Two administrators each stepping down, or removing the other, at the same moment: each saw the other still an
    # administrator and both went. Every such change takes the organisation's row first, so the second waits for the
    # first and sees it.
    list(Organisation.objects.select_for_update().filter(pk=membership.organisation_id).values_list("pk"))
    if not selectors.has_other_administrators(membership=membership):
        raise _error(errors.LAST_ADMIN)


@transaction.atomic
def membership_set_role(*, membership: Membership, by: User, role: str) -> Membership:
    decision = can_manage_members(by, membership.organisation)
    if not decision:
        raise DomainError(errors.NOT_ALLOWED, decision.reason)
    if role not in Membership.Role.values:
        raise DomainError("invalid_role", errors.MESSAGES[errors.NOT_ALLOWED])
    if membership.role == Membership.Role.ADMIN and role != Membership.Role.ADMIN:
        _ensure_admin_remains(membership)
    membership.role = role
    membership._history_user = by
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    decision = can_manage_members(by, membership.organisation)
    if not decision and by != membership.user:
        raise DomainError(errors.NOT_ALLOWED, decision.reason)
    if membership.role == Membership.Role.ADMIN and membership.status == Membership.Status.ACTIVE:
        _ensure_admin_remains(membership)
    membership._history_user = by
    membership.delete()


@transaction.atomic
def invitation_send(*, organisation: Organisation, by: User, email: str, role: str) -> Invitation:
    """Invite a person by email address to join in a role, whether or not they have an account yet; the email says
    how to answer. Inviting the same address again updates the role and sends the email again."""
    decision = can_manage_members(by, organisation)
    if not decision:
        raise DomainError(errors.NOT_ALLOWED, decision.reason)
    if role not in Membership.Role.values:
        raise DomainError("invalid_role", errors.MESSAGES[errors.NOT_ALLOWED])
    email = email.strip().lower()
    person = get_user_model().objects.filter(email__iexact=email).first()
    if person and organisation.memberships.filter(user=person, status=Membership.Status.ACTIVE).exists():
        raise _error(errors.INVITEE_IS_MEMBER, field="email", email=email)
    invitation, _created = Invitation.objects.update_or_create(
        organisation=organisation, email=email, defaults={"role": role, "invited_by": by}
    )
    notify(
        to=[email],
        template="registry/email/invitation",
        context={
            "invitation": invitation,
            "organisation": organisation,
            "by": by,
            "has_account": bool(person),
        },
    )
    return invitation


@transaction.atomic
def invitation_answer(*, invitation_id: int, user: User, accept: bool) -> Membership | None:
    """The invited person accepts (they join in the role offered, or keep a higher one) or declines; either way
    the invitation is closed. Refused when it is no longer open (withdrawn, or answered from another tab) or was
    sent to another address."""
    invitation = Invitation.objects.select_for_update().filter(pk=invitation_id).first()
    if invitation is None:
        raise _error(errors.INVITATION_GONE)
    if invitation.email.lower() != (user.email or "").lower():
        raise _error(errors.INVITATION_NOT_YOURS, email=invitation.email)
    invitation._history_user = user
    membership = None
    if accept:
        membership = Membership.objects.filter(user=user, organisation=invitation.organisation).first()
        if membership is None:
            membership = Membership(user=user, organisation=invitation.organisation)
        if membership.status != Membership.Status.ACTIVE or invitation.role == Membership.Role.ADMIN:
            membership.role = invitation.role
        membership.status = Membership.Status.ACTIVE
        membership.decided_at = timezone.now()
        membership.decided_by = invitation.invited_by
        membership._history_user = user
        membership.save()
    invitation.delete()
    return membership


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, by: User) -> None:
    decision = can_manage_members(by, invitation.organisation)
    if not decision:
        raise DomainError(errors.NOT_ALLOWED, decision.reason)
    invitation._history_user = by
    invitation.delete()


@transaction.atomic
def alliance_member_add(
    *, alliance: Organisation, member: Organisation, kind: str, by: User | None, joined_on=None
) -> AllianceMembership:
    link = AllianceMembership(alliance=alliance, member=member, kind=kind, joined_on=joined_on)
    link._history_user = by
    try:
        link.full_clean()
    except ValidationError as exc:
        raise _validation_error(exc) from exc
    link.save()
    topics_bump("registry")
    return link
