"""Writes to the registry: registering organisations, editing them, and managing their people."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from azamat.core.errors import DomainError
from azamat.core.notifications import notify
from azamat.core.public_cache import topics_bump
from azamat.registry import errors
from azamat.registry.models import AllianceMembership, Membership, Organisation
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
ALLOWED_LOGO_FORMATS = {"PNG", "JPEG", "WEBP"}


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


def logo_validate(upload) -> None:
    """Refuse a logo that is too large or is not really a PNG, JPEG or WebP image."""
    if upload.size > settings.LOGO_MAX_BYTES:
        raise _error(errors.LOGO_TOO_LARGE, field="logo", limit=settings.LOGO_MAX_BYTES // (1024 * 1024))
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
            if image.format not in ALLOWED_LOGO_FORMATS:
                raise _error(errors.LOGO_NOT_IMAGE, field="logo")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _error(errors.LOGO_NOT_IMAGE, field="logo") from exc
    finally:
        upload.seek(0)


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
        logo_validate(logo)
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
    """Save the profile. With `loaded_at` (when the form was loaded), refuse to overwrite a save made since.
    A new `logo` replaces the current one; `remove_logo` without one takes it off the profile (the history
    keeps that it was there)."""
    decision = can_edit_organisation(by, organisation)
    if not decision:
        raise DomainError(errors.NOT_ALLOWED, decision.reason)
    if logo:
        logo_validate(logo)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if loaded_at is not None and organisation.updated_at != loaded_at:
        raise _error(errors.EDITED_MEANWHILE)
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
    others = membership.organisation.memberships.filter(
        role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
    ).exclude(pk=membership.pk)
    if not others.exists():
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
