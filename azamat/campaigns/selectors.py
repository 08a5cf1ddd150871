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
