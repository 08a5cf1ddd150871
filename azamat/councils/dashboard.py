"""Public councils on the workspace dashboard: what a council's secretary (or a platform administrator) does next."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from azamat.accountability import selectors as accountability
from azamat.accountability.models import Item
from azamat.core.hooks import Action
from azamat.councils.kpi_models import AssessmentPeriod, Score
from azamat.councils.kpi_selectors import period_members
from azamat.councils.models import Council, CouncilSecretary, Decision, Meeting, Member, Proposal
from azamat.councils.selectors import councils_managed_by
from azamat.registry.permissions import is_platform_admin

MAX_LISTED = 5
IMPLEMENTED_LISTED = 3


def _assessments(user) -> list[Action]:
    """The KPI periods this person assesses that are not published yet: how many members wait for their scores."""
    periods = (
        AssessmentPeriod.objects.filter(assessors__user=user, published_at__isnull=True)
        .select_related("council")
        .order_by("ends_on", "pk")[:MAX_LISTED]
    )
    result = []
    for period in periods:
        members = period_members(period)
        scored = set(
            Score.objects.filter(criterion__period=period, assessor=user).values_list("member_id", flat=True)
        )
        # Her own seat (an assessor who sits on the council) is the other assessors' to score.
        waiting = sum(1 for member in members if member.pk not in scored and member.user_id != user.pk)
        result.append(
            Action(
                _("Members' KPIs to assess: %(council)s") % {"council": period.council.name},
                ngettext(
                    "%(period)s: %(count)s member waits for your scores.",
                    "%(period)s: %(count)s members wait for your scores.",
                    waiting,
                )
                % {"period": period.name, "count": waiting}
                if waiting
                else _(
                    "%(period)s: every member has your scores; they can be corrected until it is published."
                )
                % {"period": period.name},
                reverse("councils:kpi_period", args=[period.council_id, period.pk]),
            )
        )
    return result


def _reported_implemented(user, memberships) -> list[Action]:
    """The recommendations of the councils this person acts for (`permissions.can_act_for_council`: a secretary, a
    sitting member for the public) that their bodies report implemented: was it carried out? The ones they wrote
    themselves, or a colleague of their organisation did, are on accountability's own card already."""
    councils = set(CouncilSecretary.objects.filter(user=user).values_list("council_id", flat=True))
    councils |= set(
        Member.objects.filter(user=user, left_on__isnull=True)
        .exclude(represents=Member.Represents.STATE)
        .values_list("council_id", flat=True)
    )
    if not councils:
        return []
    organisations = [m.organisation_id for m in memberships if m.status == "active"]
    items = (
        accountability.items(public_only=False)
        .filter(
            source_type=ContentType.objects.get_for_model(Decision),
            source_id__in=Decision.objects.filter(meeting__council_id__in=councils).values("pk"),
            computed_status=Item.Status.IMPLEMENTED,
        )
        .exclude(Q(author=user) | Q(organisation_id__in=organisations))
        .order_by("-implemented_on", "-pk")[:IMPLEMENTED_LISTED]
    )
    return [
        Action(
            f"{item.number} · {item.title}",
            _(
                "The body reports your council's recommendation implemented. Was it carried out? You can dispute it "
                "for the council."
            ),
            item.get_absolute_url(),
        )
        for item in items
    ]


def _seats(user) -> list[Action]:
    """The councils this person sits on: propose what the council should recommend, and follow the proposals."""
    seats = (
        Member.objects.filter(user=user, left_on__isnull=True)
        .select_related("council")
        .order_by("council_id", "pk")
        .distinct()[:MAX_LISTED]
    )
    return [
        Action(
            _("Propose a recommendation: %(council)s") % {"council": seat.council.name},
            _(
                "Propose what your council should recommend to a state body, and see what became of your proposals."
            ),
            reverse("councils:proposals", args=[seat.council_id]),
        )
        for seat in seats
    ]


def _proposals_waiting(councils) -> list[Action]:
    """Members' proposed recommendations waiting for the secretary of their council: put on an agenda or declined."""
    waiting = (
        Proposal.objects.filter(council__in=councils.values("pk"), status=Proposal.Status.SUBMITTED)
        .values("council_id")
        .annotate(count=Count("pk"))
        .order_by("council_id")[:MAX_LISTED]
    )
    names = {c.pk: c.name for c in Council.objects.filter(pk__in=[row["council_id"] for row in waiting])}
    return [
        Action(
            _("Proposed recommendations: %(council)s") % {"council": names[row["council_id"]]},
            ngettext(
                "%(count)s member's proposal waits for you: put it on a coming meeting's agenda or decline it "
                "with a reason.",
                "%(count)s members' proposals wait for you: put each on a coming meeting's agenda or decline it "
                "with a reason.",
                row["count"],
            )
            % {"count": row["count"]},
            reverse("councils:proposals", args=[row["council_id"]]),
        )
        for row in waiting
    ]


def actions(*, user, memberships, role_codes) -> list[Action]:
    result = _assessments(user) + _reported_implemented(user, memberships) + _seats(user)
    admin = "platform_admin" in role_codes or is_platform_admin(user)
    councils = councils_managed_by(user)
    if not admin and not councils.exists():
        return result
    result += [
        Action(
            _("Public councils you keep"),
            _("Members, meetings, minutes and documents of your councils."),
            reverse("councils:mine"),
        )
    ]
    unpublished = Meeting.objects.filter(
        council__in=councils.values("pk"),
        cancelled_at__isnull=True,
        minutes_published_at__isnull=True,
        starts_at__lt=timezone.now(),
    ).select_related("council")
    if not admin:
        result += _proposals_waiting(councils)
        for meeting in unpublished.order_by("starts_at")[:MAX_LISTED]:
            result.append(
                Action(
                    _("Minutes to publish: %(council)s") % {"council": meeting.council.name},
                    _(
                        "The meeting of %(date)s was held; record attendance and decisions, then publish the minutes."
                    )
                    % {"date": f"{timezone.localtime(meeting.starts_at):%d.%m.%Y}"},
                    reverse("councils:meeting_manage", args=[meeting.council_id, meeting.pk]),
                )
            )
    else:
        count = unpublished.count()
        if count:
            result.append(
                Action(
                    _("Council minutes not published"),
                    ngettext(
                        "%(count)s held meeting has no published minutes yet.",
                        "%(count)s held meetings have no published minutes yet.",
                        count,
                    )
                    % {"count": count},
                    reverse("councils:mine"),
                )
            )
    return result
