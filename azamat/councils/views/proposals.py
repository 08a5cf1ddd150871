"""Members' proposed recommendations: a sitting member proposes and follows what became of it; the council's
secretary puts each on a coming meeting's agenda or declines it with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require
from azamat.councils import errors, selectors
from azamat.councils.lifecycle import PROPOSAL
from azamat.councils.models import Council, Proposal
from azamat.councils.permissions import can_manage_council, can_propose_recommendation, can_view_proposals
from azamat.councils.proposal_forms import AgendaChoiceForm, DeclineForm, ProposalForm
from azamat.councils.services import proposals as services


def _council(request, pk) -> Council:
    council = get_object_or_404(Council.objects.select_related("body"), pk=pk)
    require(can_view_proposals(request.user, council))
    return council


def _refused(request, proposal, step: str):
    """A step another tab (or person) has made impossible since the page was read: its reason, before what was
    typed is even checked."""
    decision = PROPOSAL.check(proposal, step, request.user)
    if decision:
        return None
    messages.error(request, str(decision.reason))
    return _back(proposal.council_id)


def _proposal(request, pk, proposal_pk) -> Proposal:
    council = _council(request, pk)
    proposal = get_object_or_404(Proposal.objects.select_related("member"), pk=proposal_pk, council=council)
    proposal.council = council
    return proposal


def _page(request, council, form=None, bound=None):
    """The page; `bound` is one proposal's refused form ({"pk", "agenda" or "decline"}), shown with its errors."""
    manages = bool(can_manage_council(request.user, council))
    proposes = bool(can_propose_recommendation(request.user, council))
    meetings = list(selectors.meetings_ahead(council)) if manages else []
    rows = []
    for proposal in selectors.proposals_visible_to(council=council, user=request.user, everyone=manages):
        row = {"proposal": proposal, "mine": proposal.member.user_id == request.user.pk}
        if manages and proposal.status == Proposal.Status.SUBMITTED:
            mine = bound if bound and bound["pk"] == proposal.pk else {}
            row["agenda_form"] = mine.get("agenda") or AgendaChoiceForm(meetings=meetings, proposal=proposal)
            row["decline_form"] = mine.get("decline") or DeclineForm(proposal=proposal)
        rows.append(row)
    context = {
        "council": council,
        "manages": manages,
        "proposes": proposes,
        "meetings": meetings,
        "rows": rows,
        "form": form or (ProposalForm(initial={"body": council.body_id}) if proposes else None),
    }
    return render(request, "councils/proposals.html", context, status=400 if form or bound else 200)


@login_required
@require_GET
def proposals(request, pk):
    return _page(request, _council(request, pk))


def _back(pk):
    return redirect("councils:proposals", pk=pk)


@login_required
@require_POST
def proposal_submit(request, pk):
    council = _council(request, pk)
    require(can_propose_recommendation(request.user, council))
    form = ProposalForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_submit(council=council, by=request.user, **form.cleaned_data)
        except DomainError as error:
            if error.code != errors.PROPOSAL_EXISTS:
                form_error(form, error)
                return _page(request, council, form=form)
            # Sent again (the back button, a double tap): the proposal made the first time is the answer.
            messages.info(request, str(error))
        else:
            messages.success(request, _("Your proposal is sent to the council's secretary."))
        return _back(pk)
    return _page(request, council, form=form)


def _step(request, act, done: str):
    """A step on one proposal: a refusal (another tab got there first, say) returns with its reason."""
    try:
        act()
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)


@login_required
@require_POST
def proposal_agenda(request, pk, proposal_pk):
    proposal = _proposal(request, pk, proposal_pk)
    require(can_manage_council(request.user, proposal.council))
    if refused := _refused(request, proposal, "put_on_agenda"):
        return refused
    meetings = list(selectors.meetings_ahead(proposal.council))
    form = AgendaChoiceForm(request.POST, meetings=meetings, proposal=proposal)
    if not form.is_valid():
        return _page(request, proposal.council, bound={"pk": proposal.pk, "agenda": form})
    meeting = form.cleaned_data["meeting"]
    _step(
        request,
        lambda: services.proposal_put_on_agenda(proposal=proposal, meeting=meeting, by=request.user),
        _("The proposal is on the meeting's agenda."),
    )
    return _back(pk)


@login_required
@require_POST
def proposal_decline(request, pk, proposal_pk):
    proposal = _proposal(request, pk, proposal_pk)
    require(can_manage_council(request.user, proposal.council))
    if refused := _refused(request, proposal, "decline"):
        return refused
    form = DeclineForm(request.POST, proposal=proposal)
    if form.is_valid():
        try:
            services.proposal_decline(proposal=proposal, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            if error.field:
                form_error(form, error)
                return _page(request, proposal.council, bound={"pk": proposal.pk, "decline": form})
            messages.error(request, str(error))
        else:
            messages.success(request, _("The proposal is declined; its author sees the reason."))
        return _back(pk)
    return _page(request, proposal.council, bound={"pk": proposal.pk, "decline": form})


@login_required
@require_POST
def proposal_withdraw(request, pk, proposal_pk):
    proposal = _proposal(request, pk, proposal_pk)
    _step(
        request,
        lambda: services.proposal_withdraw(proposal=proposal, by=request.user),
        _("Your proposal is withdrawn."),
    )
    return _back(pk)


urlpatterns = [
    path("<int:pk>/proposals/", proposals, name="proposals"),
    path("<int:pk>/proposals/new/", proposal_submit, name="proposal_submit"),
    path("<int:pk>/proposals/<int:proposal_pk>/agenda/", proposal_agenda, name="proposal_agenda"),
    path("<int:pk>/proposals/<int:proposal_pk>/decline/", proposal_decline, name="proposal_decline"),
    path("<int:pk>/proposals/<int:proposal_pk>/withdraw/", proposal_withdraw, name="proposal_withdraw"),
]
