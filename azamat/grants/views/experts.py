"""The experts' area of stage 1: their assignments and deadlines, the declaration of ties, scoring blind,
stepping aside."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require
from azamat.grants.forms.review import RecuseForm, ScoreForm
from azamat.grants.models import Assignment, Call
from azamat.grants.permissions import (
    can_open_assignment,
    can_see_call,
    can_use_expert_area,
    is_operator,
)
from azamat.grants.selectors import review as selectors
from azamat.grants.services import conflicts, recusal, scoring
from azamat.grants.views.declarations import declaration_page

# --- The operator -----------------------------------------------------------------------------------------------


@login_required
@require_GET
def expert_home(request):
    require(can_use_expert_area(request.user))
    expert = request.user.expert
    # A draft call is invisible to all but its editors (permissions.py), even where an expert was assigned.
    calls = [c for c in selectors.expert_calls(expert=expert) if c.call.published]
    assignments = selectors.expert_assignments_by_call(
        expert=expert, calls=[c.call for c in calls if c.confirmed]
    )
    rows = [(c, assignments[c.call.pk] if c.confirmed else None) for c in calls]
    context = {"expert": expert, "rows": rows, "scoring_days": selectors.SCORING_WORKING_DAYS}
    return render(request, "grants/review/expert_home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def expert_declaration(request, code):
    """Declare ties, correct or remove them until the declaration for the call is confirmed, then confirm it
    (views/declarations.py)."""
    require(can_use_expert_area(request.user))
    return declaration_page(request, get_object_or_404(Call, code=code, published=True))


def _assignment_for(request, pk) -> Assignment:
    assignment = get_object_or_404(
        Assignment.objects.select_related("expert__user", "application__call__grant_type"), pk=pk
    )
    if not can_see_call(request.user, assignment.application.call):
        raise Http404(_("No published call has this code."))
    require(can_open_assignment(request.user, assignment))
    return assignment


@login_required
@require_http_methods(["GET", "POST"])
def expert_assignment(request, pk):
    assignment = _assignment_for(request, pk)
    application = assignment.application
    own = assignment.expert.user_id == request.user.pk
    if own and not conflicts.declaration_confirmed(person=request.user, call=application.call):
        messages.info(
            request, _("Confirm your declaration of conflicts of interest before you read applications.")
        )
        return redirect("grants:expert_declaration", code=application.call.code)
    criteria = list(application.call.grant_type.criteria.order_by("position", "pk"))
    open_for_scores = own and assignment.status == Assignment.Status.ASSIGNED
    saving_draft = request.method == "POST" and request.POST.get("action") == "draft"
    form = ScoreForm(
        request.POST if open_for_scores and request.method == "POST" else None,
        criteria=criteria,
        draft=saving_draft,
        initial=scoring.draft_initial(assignment) if open_for_scores else None,
    )
    if request.method == "POST":
        if not open_for_scores:
            if own and assignment.status == Assignment.Status.SUBMITTED:
                # The confirmation again through Back, or an old tab: the scores as submitted, not a refusal page.
                messages.info(request, _("Your scores are submitted and cannot change."))
                return redirect("grants:expert_assignment", pk=assignment.pk)
            raise PermissionDenied(_("Your scores are submitted and cannot change."))
        if saving_draft:
            if form.is_valid():
                try:
                    scoring.score_draft_save(assignment=assignment, by=request.user, scores=form.scores())
                except DomainError as error:
                    form_error(form, error)
                else:
                    messages.success(request, _("Your draft is saved; it is not submitted yet."))
                    return redirect("grants:expert_assignment", pk=assignment.pk)
        # Submitting scores is irreversible: a valid form first comes back as a summary to confirm.
        elif form.is_valid() and request.POST.get("confirm") == "yes":
            try:
                scoring.score_submit(assignment=assignment, by=request.user, scores=form.scores())
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, _("Your scores are submitted."))
                return redirect("grants:expert_assignment", pk=assignment.pk)
    return _assignment_page(
        request,
        assignment,
        form=form,
        criteria=criteria,
        open_for_scores=open_for_scores,
        own=own,
        confirming=not saving_draft and form.is_bound and form.is_valid() and not form.non_field_errors(),
        status=400 if form.is_bound and form.errors else 200,
    )


def _assignment_page(
    request,
    assignment,
    *,
    form,
    criteria,
    open_for_scores,
    own,
    confirming=False,
    recuse_form=None,
    status=200,
):
    application = assignment.application
    submitted = assignment.status == Assignment.Status.SUBMITTED
    context = {
        "assignment": assignment,
        "view": selectors.review_view(application),
        "form": form,
        "open_for_scores": open_for_scores,
        "own": own,
        "own_scores": assignment.scores.select_related("criterion").order_by("criterion__position")
        if submitted
        else None,
        "own_total": scoring.assignment_total(assignment, criteria) if submitted else None,
        # Others' scores only once the expert has given their own; never one by one.
        "aggregate": scoring.aggregate(application)
        if submitted or (is_operator(request.user) and not own)
        else None,
        "conflict_reasons": conflicts.conflict_reasons(assignment.expert, application),
        "recuse_form": recuse_form or RecuseForm(),
        "confirming": confirming,
        "has_draft": open_for_scores and bool(assignment.draft_scores),
    }
    return render(request, "grants/review/assignment.html", context, status=status)


@login_required
@require_POST
def expert_recuse(request, pk):
    assignment = _assignment_for(request, pk)
    form = RecuseForm(request.POST)
    replacement = None
    if form.is_valid():
        try:
            _recused, replacement = recusal.assignment_recuse(
                assignment=assignment, by=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form_error(form, error)
    if not form.is_valid() or form.errors:
        # Refused (no reason, one too long, recused already): the page again, the reason as typed kept.
        own = assignment.expert.user_id == request.user.pk
        criteria = list(assignment.application.call.grant_type.criteria.order_by("position", "pk"))
        open_for_scores = own and assignment.status == Assignment.Status.ASSIGNED
        initial = scoring.draft_initial(assignment) if open_for_scores else None
        return _assignment_page(
            request,
            assignment,
            form=ScoreForm(None, criteria=criteria, initial=initial),
            criteria=criteria,
            open_for_scores=open_for_scores,
            own=own,
            recuse_form=form,
            status=400,
        )
    if replacement is None:
        messages.info(request, _("You are recused. No other expert was free; the operator is told."))
    else:
        messages.success(request, _("You are recused; another expert takes your place."))
    return redirect(reverse("grants:expert_home"))


# --- The operator's lists as files, the experts' loads, the manual change of an expert (issue 7) ----------------


urlpatterns = [
    path("expert/", expert_home, name="expert_home"),
    path("expert/calls/<slug:code>/declaration/", expert_declaration, name="expert_declaration"),
    path("expert/assignments/<int:pk>/", expert_assignment, name="expert_assignment"),
    path("expert/assignments/<int:pk>/recuse/", expert_recuse, name="expert_recuse"),
]
