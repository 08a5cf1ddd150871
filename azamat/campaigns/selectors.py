"""What the workspace's pages read: a campaign with its parts, the public list, a person's campaigns and the
invitations their organisations have to answer. Lists are prefetched so a page's queries do not grow with it."""

from django.db.models import Prefetch, Q, QuerySet

from azamat.campaigns.models import Action, Campaign, Indicator, Partner, TeamMember
from azamat.campaigns.permissions import acting_organisations


def _listed() -> QuerySet:
    return Campaign.objects.select_related("organisation", "region").prefetch_related(
        Prefetch("partners", queryset=Partner.objects.select_related("organisation"))
    )


def campaign_detail(pk: int) -> Campaign:
    return (
        Campaign.objects.select_related("organisation", "region", "problem", "created_by")
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.select_related("organisation")),
            Prefetch("team", queryset=TeamMember.objects.select_related("user")),
        )
        .get(pk=pk)
    )


def public_campaigns(*, query: str = "") -> QuerySet:
    campaigns = (
        _listed().filter(visibility=Campaign.Visibility.PUBLIC).exclude(status=Campaign.Status.ARCHIVED)
    )
    if query:
        campaigns = campaigns.filter(
            Q(title__icontains=query)
            | Q(organisation__name_ru__icontains=query)
            | Q(organisation__name_kk__icontains=query)
        )
    return campaigns


def my_campaigns(user) -> QuerySet:
    """The campaigns this person is on the team of or sees as a partner's member."""
    if not user.is_authenticated:
        return Campaign.objects.none()
    organisations = acting_organisations(user)
    return (
        _listed()
        .filter(
            Q(team__user=user)
            | Q(partners__organisation_id__in=organisations, partners__status=Partner.Status.ACCEPTED)
        )
        .distinct()
    )


def invitations(user) -> QuerySet:
    """Invitations to the organisations this person acts for, waiting for an answer."""
    if not user.is_authenticated:
        return Partner.objects.none()
    return Partner.objects.select_related("campaign", "organisation", "campaign__organisation").filter(
        organisation_id__in=acting_organisations(user), status=Partner.Status.INVITED
    )


def next_actions(user, limit: int = 5) -> QuerySet:
    """The open actions of the campaigns this person is on the team of, soonest first."""
    return (
        Action.objects.select_related("campaign", "owner")
        .filter(campaign__team__user=user, campaign__status=Campaign.Status.ACTIVE)
        .exclude(status__in=[Action.Status.DONE, Action.Status.CANCELLED])
        .order_by("starts_on", "pk")[:limit]
    )


def indicators(campaign: Campaign) -> list[Indicator]:
    return list(campaign.indicators.prefetch_related("values"))


def team_two_factor(campaign: Campaign) -> list[tuple[TeamMember, bool]]:
    """The team, each with whether two-factor sign-in is on (a TOTP or a security key), in two queries."""
    from allauth.mfa.models import Authenticator

    members = list(campaign.team.all())
    with_2fa = set(
        Authenticator.objects.filter(
            user_id__in=[m.user_id for m in members],
            type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN],
        ).values_list("user_id", flat=True)
    )
    return [(m, m.user_id in with_2fa) for m in members]


def campaign_petitions(campaign: Campaign, *, team: bool, limit: int = 50) -> list:
    """The campaign's petitions: every one for its team, the published ones for the others."""
    from azamat.campaigns.models import Petition

    petitions = campaign.petitions.order_by("-pk")
    if not team:  # published: the states petition_selectors.PUBLIC_STATES names
        petitions = petitions.filter(
            status__in=[Petition.Status.OPEN, Petition.Status.CLOSED, Petition.Status.SENT]
        )
    return list(petitions[:limit])
