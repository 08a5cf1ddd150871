"""The crawl's people: the generator's demo logins, one for each persona (or, when a login is missing, the
first person holding the role), and the generator run that makes them."""

from django.core.management import call_command

from azamat.accounts.models import PlatformRole, User
from azamat.registry.models import Membership

SCALE = 0.1

# persona -> (demo login, how to find one when the demo login is not there)
PERSONAS = {
    "anonymous": None,
    "citizen": ("citizen@azamat.kz", None),
    "ngo_admin": ("ngo@azamat.kz", "membership:admin"),
    "ngo_member": ("member@azamat.kz", "membership:member"),
    "operator": ("operator@azamat.kz", PlatformRole.Role.GRANT_OPERATOR),
    "expert": ("expert@azamat.kz", PlatformRole.Role.EXPERT),
    "officer": ("officer@azamat.kz", PlatformRole.Role.GOVERNMENT_OFFICER),
    "secretary": ("secretary@azamat.kz", PlatformRole.Role.COUNCIL_SECRETARY),
    "monitor": ("monitor@azamat.kz", PlatformRole.Role.MONITOR),
    "working_group": ("workgroup@azamat.kz", PlatformRole.Role.WORKING_GROUP),
    "moderator": ("moderator@azamat.kz", PlatformRole.Role.PETITION_MODERATOR),
    "interviewer": ("interviewer@azamat.kz", "survey:interviewer"),
    "hr_monitor": ("rights@azamat.kz", "monitoring:monitor"),
    "hr_verifier": ("verifier@azamat.kz", "monitoring:verifier"),
    "platform_admin": ("admin@azamat.kz", PlatformRole.Role.PLATFORM_ADMIN),
}


def seed() -> None:
    # With the demo logins' password, so the personas have a usable one (the password forms then show
    # "change", as for a real person, not "set").
    call_command("seed", scale=SCALE, seed=1, demo_logins=True, verbosity=0)


def persona_user(persona: str) -> User | None:
    spec = PERSONAS[persona]
    if spec is None:
        return None
    email, fallback = spec
    if user := User.objects.filter(email=email).first():
        return user
    if fallback is None:  # a citizen: someone with no role and no organisation
        return User.objects.filter(
            platform_roles__isnull=True, memberships__isnull=True, is_staff=False
        ).first()
    if fallback == "survey:interviewer":  # someone with an active interviewer assignment
        return User.objects.filter(survey_assignments__active=True).order_by("pk").first()
    if fallback.startswith("monitoring:"):  # someone holding that monitoring role
        from azamat.monitoring.models import MonitoringRole

        role = MonitoringRole.objects.filter(role=fallback.split(":")[1]).select_related("user").first()
        return role and role.user
    if fallback.startswith("membership:"):
        role = Membership.Role.ADMIN if fallback.endswith("admin") else Membership.Role.MEMBER
        membership = Membership.objects.filter(role=role, status=Membership.Status.ACTIVE).first()
        return membership and membership.user
    platform_role = PlatformRole.objects.filter(role=fallback).select_related("user").first()
    return platform_role and platform_role.user
