"""A campaign's team and its coalition: members added and removed, partners invited, answering, leaving."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from azamat.campaigns import selectors, services
from azamat.campaigns.forms import (
    PART_LABELS,
    PartnerAnswerForm,
    PartnerForm,
    PartnerInviteForm,
    TeamAddForm,
)
from azamat.campaigns.models import (
    Partner,
    TeamMember,
)
from azamat.campaigns.permissions import (
    can_answer_invitation,
    can_manage_campaign,
    can_view_campaign,
    is_team,
)
from azamat.campaigns.views.common import (
    _campaign_or_404,
    _common,
)
from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import deny, require


def _team_page(request, campaign, form=None, status=200):
    context = _common(request, campaign)
    context["members"] = selectors.team_two_factor(campaign)
    context["form"] = form or TeamAddForm()
    context["roles"] = TeamMember.Role.choices
    return render(request, "campaigns/campaign_team.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def team(request, pk):
    campaign = _campaign_or_404(request, pk)
    if not is_team(request.user, campaign):
        require(deny(_("Only the campaign's team sees its team.")))
    if request.method == "GET":
        return _team_page(request, campaign)
    require(can_manage_campaign(request.user, campaign))
    form = TeamAddForm(request.POST)
    if form.is_valid():
        try:
            member = services.team_add(campaign=campaign, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request, _("%(person)s is on the team.") % {"person": member.user.get_short_name()}
            )
            return redirect("campaigns:team", campaign.pk)
    return _team_page(request, campaign, form, status=400)


@login_required
@require_POST
def team_member(request, pk, member):
    campaign = _campaign_or_404(request, pk)
    member = get_object_or_404(
        TeamMember.objects.select_related("user", "campaign"), pk=member, campaign=campaign
    )
    require(can_manage_campaign(request.user, campaign))
    try:
        if request.POST.get("remove"):
            services.team_remove(member=member, by=request.user)
        else:
            role = request.POST.get("role", member.role)
            if role not in TeamMember.Role.values:
                role = member.role
            services.team_update(
                member=member, by=request.user, role=role, can_see=request.POST.get("can_see", "")[:1000]
            )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The team is saved."))
    return redirect("campaigns:team", campaign.pk)


def _partners_page(request, campaign, form=None, status=200, edited=None):
    context = _common(request, campaign)
    context["partners"] = [
        (
            p,
            edited
            if edited is not None and edited.partner_pk == p.pk
            else PartnerForm(
                initial={
                    "role": p.role,
                    "responsibilities": p.responsibilities,
                    "shared_parts": p.shared_parts,
                },
                prefix=f"p{p.pk}",
            ),
        )
        for p in campaign.partners.all()
    ]
    context["form"] = form or PartnerInviteForm()
    context["part_labels"] = PART_LABELS
    return render(request, "campaigns/campaign_partners.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def partners(request, pk):
    campaign = _campaign_or_404(request, pk)
    if not is_team(request.user, campaign):
        require(deny(_("Only the campaign's team manages its coalition.")))
    if request.method == "GET":
        return _partners_page(request, campaign)
    require(can_manage_campaign(request.user, campaign))
    form = PartnerInviteForm(request.POST)
    if form.is_valid():
        try:
            partner = services.partner_invite(campaign=campaign, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request, _("%(organisation)s is invited.") % {"organisation": partner.organisation.name}
            )
            return redirect("campaigns:partners", campaign.pk)
    return _partners_page(request, campaign, form, status=400)


@login_required
@require_POST
def partner_edit(request, pk, partner):
    campaign = _campaign_or_404(request, pk)
    partner = get_object_or_404(Partner, pk=partner, campaign=campaign)
    require(can_manage_campaign(request.user, campaign))
    form = PartnerForm(request.POST, prefix=f"p{partner.pk}")
    form.partner_pk = partner.pk
    if form.is_valid():
        try:
            services.partner_update(partner=partner, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The partnership is saved."))
            return redirect("campaigns:partners", campaign.pk)
    return _partners_page(request, campaign, status=400, edited=form)


@login_required
@require_POST
def partner_answer(request, pk, partner):
    partner = get_object_or_404(
        Partner.objects.select_related("campaign", "organisation"), pk=partner, campaign_id=pk
    )
    require(can_answer_invitation(request.user, partner))
    form = PartnerAnswerForm(request.POST)
    form.is_valid()
    answer = request.POST.get("answer")
    accept = answer == "accept"
    try:
        if answer not in ("accept", "decline"):
            raise DomainError("no_answer", _("Choose: accept the invitation or decline it."))
        services.partner_answer(
            partner=partner,
            by=request.user,
            accept=accept,
            rules_agreed=form.cleaned_data.get("rules_agreed", False),
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Welcome to the coalition.") if accept else _("The invitation is declined.")
        )
    if accept or can_view_campaign(request.user, partner.campaign):
        return redirect("campaigns:campaign", pk)
    return redirect("campaigns:list")


@login_required
@require_POST
def partner_leave(request, pk, partner):
    partner = get_object_or_404(
        Partner.objects.select_related("campaign", "organisation"), pk=partner, campaign_id=pk
    )
    if not (
        can_answer_invitation(request.user, partner) or can_manage_campaign(request.user, partner.campaign)
    ):
        require(can_manage_campaign(request.user, partner.campaign))
    if request.POST.get("confirm") != "1":
        messages.error(request, _("Nothing was changed: confirm with the button."))
        return redirect("campaigns:campaign", pk)
    try:
        services.partner_leave(partner=partner, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(organisation)s has left the coalition.") % {"organisation": partner.organisation.name},
        )
    if can_view_campaign(request.user, partner.campaign):
        return redirect("campaigns:campaign", pk)
    return redirect("campaigns:list")
