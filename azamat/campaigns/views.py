"""The campaign workspace's pages: the list of public campaigns and one's own, starting and editing a campaign,
its page, the stage pages with their tools (inline forms; a refused form comes back as typed with the reason),
the team and the coalition, the team's calendar feed and the plan as PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.campaigns import charts, ical, selectors, services, stages
from azamat.campaigns.forms import (
    PART_LABELS,
    ActionForm,
    CampaignForm,
    IndicatorForm,
    LessonForm,
    MessageForm,
    MethodForm,
    NeedForm,
    NewCampaignForm,
    ObjectiveForm,
    PartnerAnswerForm,
    PartnerForm,
    PartnerInviteForm,
    RiskForm,
    StakeholderForm,
    TeamAddForm,
    ValueForm,
)
from azamat.campaigns.models import (
    Action,
    Campaign,
    Indicator,
    IndicatorValue,
    Lesson,
    Message,
    Method,
    Need,
    Objective,
    Partner,
    Risk,
    SecurityCheck,
    Stakeholder,
    TeamMember,
)
from azamat.campaigns.permissions import (
    acting_organisations,
    can_answer_invitation,
    can_create_campaign,
    can_edit_campaign,
    can_manage_campaign,
    can_see_part,
    can_view_campaign,
    is_team,
)
from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import deny, require
from azamat.problems.models import Problem
from azamat.problems.permissions import can_view_problem

PAGE_SIZE = 20

# The tools: kind in the address → (model, form, the stage page it lives on; None: the campaign's page).
KINDS = {
    "need": (Need, NeedForm, "needs"),
    "objective": (Objective, ObjectiveForm, None),
    "stakeholder": (Stakeholder, StakeholderForm, "stakeholders"),
    "method": (Method, MethodForm, "methods"),
    "message": (Message, MessageForm, "methods"),
    "action": (Action, ActionForm, "plan"),
    "risk": (Risk, RiskForm, "risks"),
    "indicator": (Indicator, IndicatorForm, "evaluation"),
    "lesson": (Lesson, LessonForm, "evaluation"),
}
STAGE_KINDS = {
    "needs": ("need",),
    "stakeholders": ("stakeholder",),
    "methods": ("method", "message"),
    "plan": ("action",),
    "risks": ("risk",),
    "evaluation": ("indicator", "lesson"),
}


def _campaign_or_404(request, pk: int, *, invited: bool = False) -> Campaign:
    """The campaign if this person may read it; with `invited`, also for the members of an organisation invited
    to its coalition (its page shows them the invitation and the rules, nothing private)."""
    try:
        campaign = selectors.campaign_detail(pk)
    except Campaign.DoesNotExist as exc:
        raise Http404(_("No such campaign.")) from exc
    decision = can_view_campaign(request.user, campaign)
    if not decision and invited:
        mine = acting_organisations(request.user)
        if any(
            p.status == Partner.Status.INVITED and p.organisation_id in mine for p in campaign.partners.all()
        ):
            return campaign
    require(decision)
    return campaign


def _confirmed(request) -> bool:
    """A deletion is sent with confirm=1 (its button carries it); without, nothing is deleted."""
    if request.POST.get("confirm") == "1":
        return True
    messages.error(request, _("Nothing was deleted: confirm the deletion with its button."))
    return False


def _part(request, campaign: Campaign, part: str) -> None:
    if not can_see_part(request.user, campaign, part):
        require(deny(_("This part of the campaign is for its team.")))


def _common(request, campaign: Campaign) -> dict:
    user = request.user
    team = is_team(user, campaign)
    return {
        "campaign": campaign,
        "team": team,
        "can_edit": bool(can_edit_campaign(user, campaign)),
        "can_manage": bool(can_manage_campaign(user, campaign)),
        "stages": stages.stages(campaign) if team else [],
        "visible": {code for code in [*PART_LABELS, "risks"] if can_see_part(user, campaign, code)},
    }


# Lists.


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
            messages.success(request, _("The campaign is started. Begin with the needs of its audience."))
            return redirect(campaign)
    return render(request, "campaigns/campaign_form.html", {"form": form}, status=400 if form.errors else 200)


# A campaign.


def _campaign_page(request, campaign, forms=None, status=200):
    forms = forms or {}
    user = request.user
    context = _common(request, campaign)
    mine = acting_organisations(user)
    context.update(
        {
            "objectives": list(campaign.objectives.all())
            if can_see_part(user, campaign, "objectives")
            else [],
            "objective_form": forms.get("objective") or ObjectiveForm(campaign=campaign),
            "my_invitations": [
                (p, PartnerAnswerForm())
                for p in campaign.partners.all()
                if p.status == Partner.Status.INVITED and p.organisation_id in mine
            ],
            "my_partnerships": [
                p
                for p in campaign.partners.all()
                if p.status == Partner.Status.ACCEPTED and p.organisation_id in mine
            ],
            "accepted_partners": [p for p in campaign.partners.all() if p.status == Partner.Status.ACCEPTED],
            "answer_form": forms.get("answer"),
            "statuses": Campaign.Status,
            "petitions": _petitions(user, campaign),
        }
    )
    return render(request, "campaigns/campaign.html", context, status=status)


def _petitions(user, campaign) -> list:
    if not can_see_part(user, campaign, "petitions"):
        return []
    return selectors.campaign_petitions(campaign, team=is_team(user, campaign))


@require_GET
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
            services.stage_complete(campaign=campaign, by=request.user)
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


# Stages.


def _stage_page(request, campaign, code, forms=None, status=200):
    forms = forms or {}
    user = request.user
    context = _common(request, campaign)
    context["stage"] = next(s for s in context["stages"] if s.code == code) if context["stages"] else None
    context["stage_code"] = code
    context["stage_label"] = Campaign.Stage(code).label
    for kind in STAGE_KINDS[code]:
        context[f"{kind}_form"] = forms.get(kind) or KINDS[kind][1](campaign=campaign)
    if code == "needs":
        context["needs"] = list(campaign.needs.all())
    elif code == "stakeholders":
        stakeholders = list(campaign.stakeholders.select_related("body", "organisation"))
        context["grid"], context["placed"] = charts.power_interest(stakeholders)
    elif code == "methods":
        context["methods"] = list(campaign.methods.select_related("owner"))
        context["messages_list"] = list(campaign.messages.select_related("stakeholder"))
        context["petitions"] = _petitions(user, campaign)
    elif code == "plan":
        context["actions"] = list(campaign.actions.select_related("owner", "method"))
    elif code == "risks":
        risks = list(campaign.risks.select_related("owner"))
        context["risks"] = risks
        context["heat"], context["heat_rows"] = charts.heat_map(risks)
        checks = {
            c.code: c for c in SecurityCheck.objects.filter(campaign=campaign).select_related("checked_by")
        }
        context["security"] = [(code_, label, checks.get(code_)) for code_, label in stages.SECURITY_ITEMS]
        context["members"] = selectors.team_two_factor(campaign)
    elif code == "evaluation":
        indicators = selectors.indicators(campaign)
        context["indicators"] = [
            (
                i,
                charts.indicator_chart(i, list(i.values.all())),
                forms.get(f"value-{i.pk}") or ValueForm(auto_id=f"id_v{i.pk}_%s"),
            )
            for i in indicators
        ]
        context["lessons"] = list(campaign.lessons.select_related("written_by"))
    return render(request, f"campaigns/stage_{code}.html", context, status=status)


@require_GET
def stage(request, pk, stage):
    campaign = _campaign_or_404(request, pk)
    if stage not in STAGE_KINDS:
        raise Http404(_("No such stage."))
    _part(request, campaign, stage)
    return _stage_page(request, campaign, stage)


def _item_or_404(campaign, kind, item):
    if kind not in KINDS:
        raise Http404(_("No such page."))
    return get_object_or_404(KINDS[kind][0], pk=item, campaign=campaign)


def _back(campaign, kind) -> str:
    page = KINDS[kind][2]
    return reverse("campaigns:stage", args=[campaign.pk, page]) if page else campaign.get_absolute_url()


def _values(form) -> dict:
    return form.values() if hasattr(form, "values") else dict(form.cleaned_data)


@login_required
@require_POST
def item_add(request, pk, kind):
    campaign = _campaign_or_404(request, pk)
    if kind not in KINDS:
        raise Http404(_("No such page."))
    require(can_edit_campaign(request.user, campaign))
    model, form_class, page = KINDS[kind]
    form = form_class(request.POST, campaign=campaign)
    if form.is_valid():
        try:
            services.item_add(campaign=campaign, by=request.user, model=model, **_values(form))
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Added: %(what)s.") % {"what": model._meta.verbose_name})
            return redirect(_back(campaign, kind))
    if page is None:
        return _campaign_page(request, campaign, {kind: form}, status=400)
    return _stage_page(request, campaign, page, {kind: form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk, kind, item):
    campaign = _campaign_or_404(request, pk)
    obj = _item_or_404(campaign, kind, item)
    require(can_edit_campaign(request.user, campaign))
    form_class = KINDS[kind][1]
    form = form_class(request.POST if request.method == "POST" else None, instance=obj, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        values = _values(form)
        obj = _item_or_404(campaign, kind, item)  # the form wrote into its instance: start from the saved row
        try:
            services.item_update(item=obj, by=request.user, **values)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Saved: %(what)s.") % {"what": obj._meta.verbose_name})
            return redirect(_back(campaign, kind))
    context = {
        **_common(request, campaign),
        "form": form,
        "kind": kind,
        "item": obj,
        "back": _back(campaign, kind),
    }
    context["what"] = KINDS[kind][0]._meta.verbose_name
    return render(request, "campaigns/campaign_item.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def item_delete(request, pk, kind, item):
    campaign = _campaign_or_404(request, pk)
    obj = _item_or_404(campaign, kind, item)
    require(can_edit_campaign(request.user, campaign))
    if not _confirmed(request):
        return redirect(_back(campaign, kind))
    services.item_delete(item=obj, by=request.user)
    messages.success(request, _("Deleted: %(what)s.") % {"what": obj._meta.verbose_name})
    return redirect(_back(campaign, kind))


@login_required
@require_POST
def value_add(request, pk, indicator):
    campaign = _campaign_or_404(request, pk)
    indicator = get_object_or_404(Indicator, pk=indicator, campaign=campaign)
    require(can_edit_campaign(request.user, campaign))
    form = ValueForm(request.POST, auto_id=f"id_v{indicator.pk}_%s")
    if form.is_valid():
        try:
            services.value_add(indicator=indicator, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The value is saved."))
            return redirect("campaigns:stage", campaign.pk, "evaluation")
    return _stage_page(request, campaign, "evaluation", {f"value-{indicator.pk}": form}, status=400)


@login_required
@require_POST
def value_delete(request, pk, value):
    campaign = _campaign_or_404(request, pk)
    value = get_object_or_404(IndicatorValue, pk=value, indicator__campaign=campaign)
    require(can_edit_campaign(request.user, campaign))
    if not _confirmed(request):
        return redirect("campaigns:stage", campaign.pk, "evaluation")
    services.value_delete(value=value, by=request.user)
    messages.success(request, _("The value is deleted."))
    return redirect("campaigns:stage", campaign.pk, "evaluation")


@login_required
@require_POST
def security_check(request, pk):
    campaign = _campaign_or_404(request, pk)
    require(can_edit_campaign(request.user, campaign))
    try:
        services.security_check(
            campaign=campaign,
            by=request.user,
            code=request.POST.get("code", ""),
            done=request.POST.get("done") == "1",
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The checklist is saved."))
    return redirect(reverse("campaigns:stage", args=[campaign.pk, "risks"]) + "#security")


# The team and the coalition.


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


# The calendar and the PDF.


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
