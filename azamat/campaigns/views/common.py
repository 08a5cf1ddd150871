"""What the campaign workspace's pages share: the tools by kind, a campaign read with its reader's permission,
a deletion's confirmation, a part kept for the team, the context every campaign page starts from."""

import functools
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from azamat.campaigns import selectors, stages
from azamat.campaigns.forms import (
    PART_LABELS,
    ActionForm,
    IndicatorForm,
    LessonForm,
    MessageForm,
    MethodForm,
    NeedForm,
    ObjectiveForm,
    PartnerAnswerForm,
    RiskForm,
    StakeholderForm,
)
from azamat.campaigns.models import (
    Action,
    Campaign,
    Indicator,
    Lesson,
    Message,
    Method,
    Need,
    Objective,
    Partner,
    Risk,
    Stakeholder,
)
from azamat.campaigns.permissions import (
    acting_organisations,
    can_edit_campaign,
    can_manage_campaign,
    can_see_part,
    can_view_campaign,
    is_team,
)
from azamat.core.permissions import deny, require

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


class NotVisible(PermissionDenied):
    """A campaign or a petition this person may not read. `explained` (on the pages people reach by a link) turns
    it into a page saying what this is, with the list and, to a signed-out visitor, a sign-in that comes back."""

    def __init__(self, reason: str, kind: str):
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


def explained(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotVisible as refusal:
            return not_visible_page(request, refusal)

    return wrapper


def not_visible_page(request, refusal: NotVisible):
    petition = refusal.kind == "petition"
    context = {
        "kind": refusal.kind,
        "reason": refusal.reason,
        "list_url": reverse("campaigns:petitions" if petition else "campaigns:list"),
        "login_url": reverse("account_login") + "?next=" + quote(request.get_full_path(), safe="/"),
    }
    return render(request, "campaigns/not_visible.html", context, status=403)


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
    if not decision:
        raise NotVisible(decision.reason, "campaign")
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
            # A shared link's preview: what the public page shows, whoever opens it (the team sees more).
            "share_description": campaign.problem_statement if campaign.shows("problem") else "",
        }
    )
    return render(request, "campaigns/campaign.html", context, status=status)


def _petitions(user, campaign) -> list:
    if not can_see_part(user, campaign, "petitions"):
        return []
    return selectors.campaign_petitions(campaign, team=is_team(user, campaign))
