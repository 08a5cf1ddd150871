"""What a person can do: the dashboard's list of actions for their roles."""

import importlib
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from azamat.accounts.models import PlatformRole
from azamat.registry.models import Membership


@dataclass
class Action:
    title: str
    description: str
    url: str


def dashboard_actions(*, user, memberships, roles) -> list[Action]:
    actions: list[Action] = []
    role_codes = {r.role for r in roles}
    for membership in memberships:
        org = membership.organisation
        if membership.status != Membership.Status.ACTIVE:
            continue
        if membership.role == Membership.Role.ADMIN:
            actions.append(Action(
                _("Edit the profile of %(name)s") % {"name": org.name},
                _("Keep the organisation's details, areas and contacts current."),
                reverse("registry:organisation_edit", args=[org.bin]),
            ))
            actions.append(Action(
                _("Members of %(name)s") % {"name": org.name},
                _("Answer requests to join, grant and remove roles."),
                reverse("registry:organisation_members", args=[org.bin]),
            ))
        else:
            actions.append(Action(org.name, _("See your organisation's profile."), org.get_absolute_url()))
    if user.is_superuser or PlatformRole.Role.PLATFORM_ADMIN in role_codes:
        actions.append(Action(_("Administration"), _("Reference data, people, roles and imports."),
                              reverse("admin:index")))
    if PlatformRole.Role.GOVERNMENT_OFFICER in role_codes:
        for role in roles:
            if role.body_id:
                actions.append(Action(role.body.name, _("The body you act for."),
                                      reverse("registry:body", args=[role.body.code])))
    if not memberships:
        actions.append(Action(_("Register an organisation"),
                              _("The first person to register an organisation becomes its administrator."),
                              reverse("registry:organisation_register")))
    actions.append(Action(_("Find an organisation"), _("Search the directory and ask to join your organisation."),
                          reverse("registry:directory")))
    for module in _dashboard_modules():
        actions.extend(module.actions(user=user, memberships=memberships, role_codes=role_codes))
    return actions


def _dashboard_modules():
    """Apps add their own actions in `<app>/dashboard.py` with `actions(*, user, memberships, role_codes)`."""
    modules = []
    for config in apps.get_app_configs():
        if config.name.startswith("azamat.") and config.name != "azamat.accounts":
            try:
                modules.append(importlib.import_module(f"{config.name}.dashboard"))
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.dashboard":
                    raise
    return modules
