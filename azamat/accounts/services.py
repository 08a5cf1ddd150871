"""What a person can do: platform roles granted and revoked, and the dashboard's list of actions for them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from azamat.accounts.models import PlatformRole, User
from azamat.core.errors import DomainError
from azamat.core.hooks import Action, app_modules
from azamat.registry.models import Membership

INVALID = "invalid"

# Roles whose workplace is the admin site: holding one makes a person staff, losing the last one ends it.
STAFF_ROLES = frozenset({PlatformRole.Role.PLATFORM_ADMIN})


def language_remember(*, user: User, language: str) -> None:
    """The language the person uses Azamat in, for the emails sent to them (core.notifications). Kept without a
    history entry, as the last sign-in is: it is a habit, not a change to the record."""
    if language in dict(settings.LANGUAGES) and user.language != language:
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language


def _validation_error(exc: ValidationError) -> DomainError:
    field, messages = (
        next(iter(exc.message_dict.items())) if hasattr(exc, "error_dict") else (None, exc.messages)
    )
    return DomainError(
        INVALID, " ".join(str(m) for m in messages), field=None if field == "__all__" else field
    )


def _staff_promote(*, user: User, by: User | None) -> None:
    if not user.is_staff:
        user.is_staff = True  # the admin site is their workplace
        user._history_user = by
        user.save(update_fields=["is_staff"])


def _staff_demote_unless_held(*, user: User, by: User | None) -> None:
    """After a staff role goes: no longer staff, unless another staff role remains or they are a superuser.

    Only called when a staff role is taken away, so staff status given by hand for another reason stays.
    """
    if user.is_superuser or not user.is_staff or user.platform_roles.filter(role__in=STAFF_ROLES).exists():
        return
    user.is_staff = False
    user._history_user = by
    user.save(update_fields=["is_staff"])


@transaction.atomic
def platform_role_save(*, grant: PlatformRole, by: User | None) -> PlatformRole:
    """Grant a platform role, or change a granted one (the admin edits them in place), keeping staff status true.

    A person given a staff role becomes staff; one whose last staff role is changed into another stops being.
    """
    previous = None
    if grant.pk:
        previous = PlatformRole.objects.filter(pk=grant.pk).values("user_id", "role").first()
    if not grant.granted_by_id:
        grant.granted_by = by
    try:
        grant.full_clean()
    except ValidationError as exc:
        raise _validation_error(exc) from exc
    grant._history_user = by
    grant.save()
    if grant.role in STAFF_ROLES:
        _staff_promote(user=grant.user, by=by)
    if previous and previous["role"] in STAFF_ROLES:
        _staff_demote_unless_held(user=User.objects.get(pk=previous["user_id"]), by=by)
    return grant


def platform_role_grant(*, user: User, role: str, by: User | None, body=None) -> PlatformRole:
    return platform_role_save(grant=PlatformRole(user=user, role=role, body=body), by=by)


@transaction.atomic
def platform_role_revoke(*, grant: PlatformRole, by: User | None) -> None:
    """Take a platform role away; a person left without a staff role is no longer staff."""
    user, role = grant.user, grant.role
    grant._history_user = by
    grant.delete()
    if role in STAFF_ROLES:
        _staff_demote_unless_held(user=user, by=by)


def dashboard_actions(*, user, memberships, roles) -> list[Action]:
    actions: list[Action] = []
    role_codes = {r.role for r in roles}
    for membership in memberships:
        org = membership.organisation
        if membership.status != Membership.Status.ACTIVE:
            continue
        if membership.role == Membership.Role.ADMIN:
            actions.append(
                Action(
                    _("Edit the profile of %(name)s") % {"name": org.name},
                    _("Keep the organisation's details, areas and contacts current."),
                    reverse("registry:organisation_edit", args=[org.bin]),
                )
            )
            actions.append(
                Action(
                    _("Members of %(name)s") % {"name": org.name},
                    _("Answer requests to join, grant and remove roles."),
                    reverse("registry:organisation_members", args=[org.bin]),
                )
            )
        else:
            actions.append(Action(org.name, _("See your organisation's profile."), org.get_absolute_url()))
    if user.is_superuser or PlatformRole.Role.PLATFORM_ADMIN in role_codes:
        actions.append(
            Action(
                _("Administration"), _("Reference data, people, roles and imports."), reverse("admin:index")
            )
        )
    if PlatformRole.Role.GOVERNMENT_OFFICER in role_codes:
        for role in roles:
            if role.body_id:
                actions.append(
                    Action(
                        role.body.name,
                        _("The body you act for."),
                        reverse("registry:body", args=[role.body.code]),
                    )
                )
    for module in app_modules("dashboard"):
        actions.extend(module.actions(user=user, memberships=memberships, role_codes=role_codes))
    # What anyone can do comes after what waits for this person in their roles, whichever module it is from.
    actions = [a for a in actions if not a.general] + [a for a in actions if a.general]
    if not memberships:
        actions.append(
            Action(
                _("Register an organisation"),
                _("The first person to register an organisation becomes its administrator."),
                reverse("registry:organisation_register"),
            )
        )
    actions.append(
        Action(
            _("Find an organisation"),
            _("Search the directory and ask to join your organisation."),
            reverse("registry:directory"),
        )
    )
    return actions
