"""Demo accounts, one for each role, with a known password: the logins the demo prints."""

from allauth.account.models import EmailAddress
from django.utils.translation import gettext_lazy as _

from azamat.accounts.models import PlatformRole, User
from azamat.core.seeding import SeedContext, seeder
from azamat.registry.models import GovernmentBody, Membership, Organisation

DEMO_PASSWORD = "Azamat-demo-2026"  # noqa: S105 — a published demo password, never used in production

# email, full name, platform role, what the login is for
DEMO_LOGINS = [
    ("admin@azamat.kz", "Гульнара Сейтказиева", PlatformRole.Role.PLATFORM_ADMIN, _("platform administrator")),
    ("operator@azamat.kz", "Ерлан Жаксылыков", PlatformRole.Role.GRANT_OPERATOR, _("grant operator staff")),
    ("expert@azamat.kz", "Динара Омарова", PlatformRole.Role.EXPERT, _("independent expert")),
    ("officer@azamat.kz", "Асхат Бекмуханбетов", PlatformRole.Role.GOVERNMENT_OFFICER,
     _("government body officer")),
    ("secretary@azamat.kz", "Салтанат Есенова", PlatformRole.Role.COUNCIL_SECRETARY, _("council secretary")),
    ("monitor@azamat.kz", "Тимур Касымов", PlatformRole.Role.MONITOR, _("monitor")),
    ("ngo@azamat.kz", "Айгерим Нурланова", None, _("NGO administrator")),
    ("member@azamat.kz", "Данияр Искаков", None, _("NGO member")),
    ("citizen@azamat.kz", "Алия Муканова", None, _("citizen")),
]


@seeder(40)
def seed_demo_logins(ctx: SeedContext) -> None:
    """Demo logins for each role (password in accounts/seed.py)."""
    officer_body = GovernmentBody.objects.get(code="mci-civil-society")
    almaty_ngo = (
        Organisation.objects.filter(region__kato="750000000", is_alliance=False).order_by("pk").first()
        or Organisation.objects.order_by("pk").first()
    )
    for email, full_name, role, _label in DEMO_LOGINS:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
        if created:
            user.set_password(DEMO_PASSWORD)
            if role == PlatformRole.Role.PLATFORM_ADMIN:
                user.is_staff = user.is_superuser = True
            user.save()
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        if role:
            body = officer_body if role == PlatformRole.Role.GOVERNMENT_OFFICER else None
            PlatformRole.objects.get_or_create(user=user, role=role, body=body)
        if email == "ngo@azamat.kz" and almaty_ngo:
            Membership.objects.get_or_create(
                user=user, organisation=almaty_ngo,
                defaults={"role": Membership.Role.ADMIN, "status": Membership.Status.ACTIVE, "position": "Директор"},
            )
        if email == "member@azamat.kz" and almaty_ngo:
            Membership.objects.get_or_create(
                user=user, organisation=almaty_ngo,
                defaults={"role": Membership.Role.MEMBER, "status": Membership.Status.ACTIVE,
                          "position": "Юрист"},
            )
    ctx.data["demo_organisation"] = almaty_ngo
