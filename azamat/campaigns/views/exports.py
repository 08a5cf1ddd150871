"""A campaign's plan outside Azamat: the team's calendar feed (a private address per person) and the plan as PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from azamat.campaigns import ical, services
from azamat.campaigns.models import (
    Campaign,
)
from azamat.campaigns.permissions import (
    can_edit_campaign,
    is_team,
)
from azamat.campaigns.views.common import (
    _campaign_or_404,
)
from azamat.core.permissions import deny, require


@login_required
@require_POST
def feed_token(request, pk):
    campaign = _campaign_or_404(request, pk)
    require(can_edit_campaign(request.user, campaign))
    services.feed_token_issue(campaign=campaign, by=request.user)
    messages.success(request, _("The calendar link is ready: add it to your calendar. Keep it to the team."))
    return redirect(reverse("campaigns:stage", args=[campaign.pk, "plan"]) + "#calendar")


@require_GET
def feed(request, pk, token):
    """The team's calendar: no session, the token in the address; a wrong token is not found."""
    campaign = Campaign.objects.filter(pk=pk).first()
    if campaign is None or not campaign.feed_token or not constant_time_compare(campaign.feed_token, token):
        raise Http404(_("No such calendar."))
    response = HttpResponse(ical.feed(campaign), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="campaign-{campaign.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def plan_pdf(request, pk):
    from azamat.campaigns.plan_pdf import plan_pdf as build

    campaign = _campaign_or_404(request, pk)
    if not is_team(request.user, campaign):
        require(deny(_("The campaign plan is for its team.")))
    response = HttpResponse(build(campaign), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="campaign-{campaign.pk}-plan.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
