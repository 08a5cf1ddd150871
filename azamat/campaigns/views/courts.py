"""A court action of a campaign's plan: its page (the case, its hearings, the outcome) and the team's forms to
edit the case, add a hearing and set the outcome. Read by whoever sees the campaign's action plan; changed by
the campaign's team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from azamat.campaigns import court_services as services
from azamat.campaigns.appeal_forms import CourtForm, HearingForm
from azamat.campaigns.models import Action, Campaign
from azamat.campaigns.permissions import can_edit_campaign, can_see_part, can_view_campaign
from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import deny, require


def _case_or_404(request, pk: int, action_pk: int) -> tuple[Campaign, Action]:
    campaign = get_object_or_404(Campaign.objects.select_related("organisation"), pk=pk)
    require(can_view_campaign(request.user, campaign))
    if not can_see_part(request.user, campaign, "plan"):
        require(deny(_("This campaign's action plan is not shared with you.")))
    action = get_object_or_404(
        Action.objects.select_related("owner").prefetch_related("hearings"),
        pk=action_pk,
        campaign=campaign,
        kind=Action.Kind.COURT,
    )
    return campaign, action


def _url(campaign: Campaign, action: Action) -> str:
    return reverse("campaigns:court_case", args=[campaign.pk, action.pk])


def _page(request, campaign, action, *, court_form=None, hearing_form=None, status: int = 200):
    can_edit = bool(can_edit_campaign(request.user, campaign))
    context = {
        "campaign": campaign,
        "action": action,
        "hearings": list(action.hearings.all()),
        "can_edit": can_edit,
        "court_form": court_form
        or CourtForm(
            initial={"case_number": action.case_number, "court": action.court, "outcome": action.outcome}
        ),
        "hearing_form": hearing_form or HearingForm(),
    }
    return render(request, "campaigns/court_case.html", context, status=status)


@require_GET
def court_case(request, pk, action_pk):
    campaign, action = _case_or_404(request, pk, action_pk)
    return _page(request, campaign, action)


@login_required
@require_POST
def court_edit(request, pk, action_pk):
    campaign, action = _case_or_404(request, pk, action_pk)
    require(can_edit_campaign(request.user, campaign))
    form = CourtForm(request.POST)
    if form.is_valid():
        try:
            services.court_update(action=action, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The case is saved."))
            return redirect(_url(campaign, action))
    return _page(request, campaign, action, court_form=form, status=400)


@login_required
@require_POST
def hearing_add(request, pk, action_pk):
    campaign, action = _case_or_404(request, pk, action_pk)
    require(can_edit_campaign(request.user, campaign))
    form = HearingForm(request.POST)
    if form.is_valid():
        try:
            services.hearing_add(action=action, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The hearing is added."))
            return redirect(_url(campaign, action) + "#hearings")
    return _page(request, campaign, action, hearing_form=form, status=400)
