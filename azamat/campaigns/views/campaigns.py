"""The campaigns' lists (public ones and one's own), starting a campaign, its page, editing it and changing its
status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.campaigns import selectors, services
from azamat.campaigns.forms import (
    CampaignForm,
    NewCampaignForm,
)
from azamat.campaigns.permissions import (
    acting_organisations,
    can_create_campaign,
    can_edit_campaign,
    can_manage_campaign,
)
from azamat.campaigns.views.common import (
    PAGE_SIZE,
    _campaign_or_404,
    _campaign_page,
    explained,
)
from azamat.core import edits
from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require
from azamat.problems.models import Problem
from azamat.problems.permissions import can_view_problem


@require_GET
def campaign_list(request):
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.public_campaigns(query=query), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": query,
        "mine": list(selectors.my_campaigns(request.user)[:50]),
        "invitations": list(selectors.invitations(request.user)),
        "can_create": bool(can_create_campaign(request.user)),
    }
    return render(request, "campaigns/campaign_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_new(request):
    require(can_create_campaign(request.user))
    organisations = acting_organisations(request.user)
    initial = {}
    number = request.GET.get("problem", "").strip().upper()
    if number:
        problem = Problem.objects.filter(number=number).first()
        # A problem still reviewed is not shown to those who may not read it (its title and description).
        if problem is not None and can_view_problem(request.user, problem):
            initial = {
                "problem_number": problem.number,
                "title": problem.title,
                "problem_statement": problem.description,
            }
    form = NewCampaignForm(
        request.POST if request.method == "POST" else None,
        organisations=organisations,
        initial=initial,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        data = form.values()
        try:
            campaign = services.campaign_create(
                by=request.user, organisation=form.cleaned_data["organisation"], **data
            )
        except DomainError as error:
            form_error(form, error)
        else:
            if getattr(campaign, "sent_again", False):
                messages.info(request, _("You have already started this campaign: here it is."))
            else:
                messages.success(request, _("The campaign is started. Begin with the needs of its audience."))
            return redirect(campaign)
    return render(request, "campaigns/campaign_form.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
@explained
def campaign_detail(request, pk):
    campaign = _campaign_or_404(request, pk, invited=True)
    return _campaign_page(request, campaign)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request, pk):
    campaign = _campaign_or_404(request, pk)
    require(can_edit_campaign(request.user, campaign))
    form = CampaignForm(
        request.POST if request.method == "POST" else None, instance=campaign, user=request.user
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.campaign_update(campaign=campaign, by=request.user, **form.values())
            except DomainError as error:
                campaign.refresh_from_db()
                if error.code == edits.CHANGED_MEANWHILE:
                    # What was typed stays; the form now holds the newer moment, so saving again (having been
                    # told) replaces the other change.
                    form = CampaignForm(
                        edits.taken_over(request.POST, campaign), instance=campaign, user=request.user
                    )
                    form.is_valid()
                form_error(form, error)
            else:
                messages.success(request, _("The campaign is saved."))
                return redirect(campaign)
        campaign.refresh_from_db()
    return render(
        request,
        "campaigns/campaign_form.html",
        {"form": form, "campaign": campaign},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def campaign_status(request, pk):
    """Move to a stage, finish the current one, close or reopen the campaign."""
    campaign = _campaign_or_404(request, pk)
    step = request.POST.get("step", "")
    if step in ("completed", "archived", "reopen"):
        require(can_manage_campaign(request.user, campaign))
    else:
        require(can_edit_campaign(request.user, campaign))
    try:
        if step == "stage":
            services.stage_move(campaign=campaign, by=request.user, stage=request.POST.get("stage", ""))
        elif step == "complete":
            services.stage_complete(
                campaign=campaign, by=request.user, stage=request.POST.get("stage") or None
            )
        elif step in ("completed", "archived"):
            services.campaign_close(campaign=campaign, by=request.user, status=step)
        elif step == "reopen":
            services.campaign_reopen(campaign=campaign, by=request.user)
        else:
            raise Http404(_("No such step."))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The campaign is saved."))
    return redirect(
        request.POST.get("next") if request.POST.get("next", "").startswith("/campaigns/") else campaign
    )
