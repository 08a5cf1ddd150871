"""Demo accounts, one for each role: the logins the demo prints, with its published password only in the demo."""

from allauth.account.models import EmailAddress
from django.utils.translation import gettext_lazy as _

from azamat.accounts.models import PlatformRole, User
from azamat.core.seeding import DEMO_PASSWORD, SeedContext, seeder  # noqa: F401 — DEMO_PASSWORD for `azamat demo`
from azamat.registry.models import GovernmentBody, Membership, Organisation

# email, full name, platform role, what the login is for
DEMO_LOGINS = [
    (
        "admin@azamat.kz",
        "Гульнара Сейтказиева",
        PlatformRole.Role.PLATFORM_ADMIN,
        _("platform administrator"),
    ),
    ("operator@azamat.kz", "Ерлан Жаксылыков", PlatformRole.Role.GRANT_OPERATOR, _("grant operator staff")),
    ("expert@azamat.kz", "Динара Омарова", PlatformRole.Role.EXPERT, _("independent expert")),
    (
        "officer@azamat.kz",
        "Асхат Бекмуханбетов",
        PlatformRole.Role.GOVERNMENT_OFFICER,
        _("government body officer"),
    ),
    ("secretary@azamat.kz", "Салтанат Есенова", PlatformRole.Role.COUNCIL_SECRETARY, _("council secretary")),
    ("monitor@azamat.kz", "Тимур Касымов", PlatformRole.Role.MONITOR, _("monitor")),
    (
        "workgroup@azamat.kz",
        "Гүлмира Сейітқазы",
        PlatformRole.Role.WORKING_GROUP,
        _("NGO problems working group"),
    ),
    (
        "moderator@azamat.kz",
        "Ерлан Жақсылықов",
        PlatformRole.Role.PETITION_MODERATOR,
        _("petition moderator"),
    ),
    ("ngo@azamat.kz", "Айгерим Нурланова", None, _("NGO administrator")),
    ("member@azamat.kz", "Данияр Искаков", None, _("NGO member")),
    ("citizen@azamat.kz", "Алия Муканова", None, _("citizen")),
    ("interviewer@azamat.kz", "Бауыржан Төлеуов", None, _("survey interviewer")),
]


@seeder(40)
def seed_demo_logins(ctx: SeedContext) -> None:
    """Demo logins for each role (with the demo password only when asked: `--demo-logins`)."""
    officer_body = GovernmentBody.objects.get(code="mci-civil-society")
    almaty_ngo = (
        Organisation.objects.filter(region__kato="750000000", is_alliance=False).order_by("pk").first()
        or Organisation.objects.order_by("pk").first()
    )
    password = ctx.password_hash()
    for email, full_name, role, _label in DEMO_LOGINS:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
        if created:
            user.password = password
            if role == PlatformRole.Role.PLATFORM_ADMIN:
                user.is_staff = user.is_superuser = True
            user.save()
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if role:
            body = officer_body if role == PlatformRole.Role.GOVERNMENT_OFFICER else None
            PlatformRole.objects.get_or_create(user=user, role=role, body=body)
        if email == "ngo@azamat.kz" and almaty_ngo:
            Membership.objects.get_or_create(
                user=user,
                organisation=almaty_ngo,
                defaults={
                    "role": Membership.Role.ADMIN,
                    "status": Membership.Status.ACTIVE,
                    "position": "Директор",
                },
            )
        if email == "member@azamat.kz" and almaty_ngo:
            Membership.objects.get_or_create(
                user=user,
                organisation=almaty_ngo,
                defaults={
                    "role": Membership.Role.MEMBER,
                    "status": Membership.Status.ACTIVE,
                    "position": "Юрист",
                },
            )
    ctx.data["demo_organisation"] = almaty_ngo
