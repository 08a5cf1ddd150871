"""Campaigns, petitions and appeals for tests, made directly from the models (the services are tested on their
own): `campaign(by=...)` gives a campaign of `by`'s organisation with `by` its coordinator."""

import datetime

from django.utils import timezone

from azamat.campaigns.models import Campaign, Petition, TeamMember
from azamat.registry.models import GovernmentBody
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory


def ngo_admin(**user_fields):
    """A person who administers a fresh organisation (active membership)."""
    membership = MembershipFactory(
        user=UserFactory(**user_fields), organisation=OrganisationFactory(), role="admin"
    )
    return membership.user, membership.organisation


def campaign(*, by=None, organisation=None, **fields) -> Campaign:
    if by is None:
        by, organisation = ngo_admin()
    if organisation is None:
        organisation = by.memberships.filter(status="active").first().organisation
    fields.setdefault("title", "Доступная среда в поликлиниках Караганды")
    fields.setdefault("problem_statement", "В трёх из пяти поликлиник нет пандуса.")
    made = Campaign.objects.create(organisation=organisation, created_by=by, **fields)
    TeamMember.objects.create(campaign=made, user=by, role=TeamMember.Role.COORDINATOR)
    return made


def body(code: str = "mci-civil-society") -> GovernmentBody:
    return GovernmentBody.objects.get(code=code)


def petition(*, by=None, status: str = Petition.Status.OPEN, **fields) -> Petition:
    if by is None:
        by, organisation = ngo_admin()
        fields.setdefault("organisation", organisation)
    fields.setdefault("title", "Пандусы во всех поликлиниках")
    fields.setdefault("text", "Мы просим оборудовать пандусами все поликлиники города.")
    fields.setdefault("demands", "Оборудовать пандусами поликлиники до 1 сентября.")
    fields.setdefault("body", body())
    fields.setdefault("closes_on", timezone.localdate() + datetime.timedelta(days=90))
    fields.setdefault("languages", ["kk", "ru"])
    if status in (Petition.Status.OPEN, Petition.Status.CLOSED, Petition.Status.SENT):
        fields.setdefault("opened_at", timezone.now())
    return Petition.objects.create(created_by=by, status=status, **fields)


def appeal(*, campaign=None, by=None, **fields):
    """An unsent appeal of `campaign`'s organisation (or of a fresh organisation of `by`'s)."""
    from azamat.campaigns.models import Appeal

    if campaign is not None:
        by = by or campaign.created_by
        fields.setdefault("organisation", campaign.organisation)
    elif by is None:
        by, organisation = ngo_admin()
        fields.setdefault("organisation", organisation)
    else:
        fields.setdefault("organisation", by.memberships.filter(status="active").first().organisation)
    fields.setdefault("kind", Appeal.Kind.INFORMATION)
    fields.setdefault("language", Appeal.Language.RU)
    fields.setdefault("body", body())
    fields.setdefault("subject", "Запрос информации о пандусах")
    fields.setdefault("text", "Просим сообщить, когда будут установлены пандусы.")
    fields.setdefault("signatory", "Председатель А. Б. Ахметова")
    return Appeal.objects.create(campaign=campaign, created_by=by, **fields)


def court_action(campaign, **fields):
    from azamat.campaigns.models import Action

    fields.setdefault("title", "Иск о признании бездействия незаконным")
    fields.setdefault("starts_on", timezone.localdate())
    return Action.objects.create(campaign=campaign, kind=Action.Kind.COURT, **fields)
