"""One item's page — its text, how its deadline was counted, its timeline and fate — and the steps on it: the
body's answer, forwarding, an extension, the implementation plan and its evidence, a dispute and its answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from azamat.accountability import errors as E
from azamat.accountability import selectors, services
from azamat.accountability.forms.items import (
    AnswerForm,
    DisputeAnswerForm,
    DisputeForm,
    EvidenceForm,
    ExtendForm,
    ForwardForm,
    MilestoneForm,
)
from azamat.accountability.lifecycle import ITEM
from azamat.accountability.models import Dispute, Evidence, Follow, Item, ItemAttachment, Milestone
from azamat.accountability.permissions import can_answer_item, can_follow, can_view_item, is_author
from azamat.core.errors import DomainError, file_not_kept, form_error
from azamat.core.files import private_file_response
from azamat.core.permissions import require
from azamat.core.working_days import holiday_name

STEPS = ("accept", "extend", "plan", "dispute", "reopen")


def _item_or_404(request, number: str) -> Item:
    try:
        item = selectors.item_detail(number)
    except Item.DoesNotExist as exc:
        raise Http404(_("No such item.")) from exc
    require(can_view_item(request.user, item))
    return item


def _counting(item: Item) -> dict | None:
    counting = item.deadline_counting
    if counting is None:
        return None
    return {
        "counting": counting,
        "skipped": [{"on": day, "name": holiday_name(day), "why": why} for day, why in counting.skipped],
    }


def _page(request, item: Item, forms: dict | None = None, status: int = 200):
    officer = bool(can_answer_item(request.user, item))
    forms = forms or {}
    chain = selectors.forwarding_chain(item)
    milestones = list(item.milestones.all())
    refused_evidence = forms.get("evidence", {})
    for milestone in milestones:  # each open milestone its own form: a refused one as typed, the others blank
        milestone.evidence_form = refused_evidence.get(milestone.pk) or _evidence_form(milestone)
    forward_due_on = services.forward_due_on(item)
    steps = ITEM.options(item, request.user, *STEPS)
    open_dispute = next((d for d in item.disputes.all() if not d.responded_at), None)
    plan = officer and bool(steps["plan"].decision)
    shown = {
        "answer": officer and bool(steps["accept"].decision),
        "forward": officer and bool(steps["accept"].decision),
        "extend": officer and bool(steps["extend"].decision),
        "milestone": plan,
        "dispute_answer": officer and open_dispute is not None and bool(steps["reopen"].decision),
        "dispute": is_author(request.user, item) and bool(steps["dispute"].decision),
    }
    answering = forms.get("dispute_answer")
    # Sent for a dispute answered meanwhile (a tab left open while a newer one came in): its reason is read under
    # the heading, and the open dispute gets a form of its own, the text typed kept to edit.
    stale = answering is not None and answering.dispute_pk != getattr(open_dispute, "pk", None)
    if stale:
        shown["dispute_answer"] = False
    context = {
        "milestones_done": sum(1 for m in milestones if m.done_on),
        "milestones_total": len(milestones),
        "item": item,
        "milestones": milestones,
        "chain": chain if len(chain) > 1 else [],
        "timeline": selectors.timeline(item, chain),
        "counting": _counting(item),
        "steps": steps,
        "officer": officer,
        "author": is_author(request.user, item),
        "forward_due_on": forward_due_on,
        "forward_late": forward_due_on < timezone.localdate(),
        "extension_limit": services.extension_limit(item) if item.rule.extension_months else None,
        "following": request.user.is_authenticated
        and Follow.objects.filter(user=request.user, item=item).exists(),
        "open_dispute": open_dispute,
        # A refusal whose form the page no longer shows (answered a moment ago in another tab, the back button,
        # a milestone marked done meanwhile): its reason is read under the heading instead of a silent page.
        "refusal": _hidden_refusals(forms, shown, {m.pk for m in milestones if plan and not m.done_on}),
        "answer_form": forms.get("answer") or AnswerForm(),
        "forward_form": forms.get("forward") or ForwardForm(),
        "extend_form": forms.get("extend") or ExtendForm(),
        "milestone_form": forms.get("milestone") or MilestoneForm(),
        "evidence_forms": forms.get("evidence", {}),
        "dispute_form": forms.get("dispute") or DisputeForm(),
        "dispute_answer_form": DisputeAnswerForm(initial={"text": answering.data.get("text", "")})
        if stale
        else answering or DisputeAnswerForm(),
    }
    return render(request, "accountability/item.html", context, status=status)


def _evidence_form(milestone: Milestone, *args) -> EvidenceForm:
    # Ids of their own: several milestones' forms (and the answer's `text`) share the page.
    return EvidenceForm(*args, auto_id=f"id_milestone{milestone.pk}_%s")


def _hidden_refusals(forms: dict, shown: dict, open_milestones: set) -> list[str]:
    hidden = [form for key, form in forms.items() if key in shown and not shown[key]]
    hidden += [form for pk, form in forms.get("evidence", {}).items() if pk not in open_milestones]
    return [str(message) for form in hidden for errors in form.errors.values() for message in errors]


@require_GET
def item_detail(request, number):
    return _page(request, _item_or_404(request, number))


def _act(request, item: Item, key: str, form, action, success, *, done_before: tuple[str, ...] = ()):
    """Run `action(form.cleaned_data)` when the form is valid; on a refusal the page comes back with the form as
    typed and the reason on it (status 400), nothing changed. `success` is the message, or gives the messages
    from the data. A refusal whose code is in `done_before` says the same was done already (the form sent again:
    a double tap, the back button): it is told and the item shown, as after the first send."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except DomainError as error:
            if error.code in done_before:
                messages.info(request, str(error))
                return redirect(item)
            form_error(form, error)
        else:
            for message in success(form.cleaned_data) if callable(success) else [success]:
                messages.success(request, message)
            return redirect(item)
    return _page(request, item, {key: form}, status=400)


@login_required
@require_POST
def item_answer(request, number):
    item = _item_or_404(request, number)
    require(can_answer_item(request.user, item))
    return _act(
        request,
        item,
        "answer",
        AnswerForm(request.POST),
        lambda data: services.item_answer(
            item=item, by=request.user, outcome=data["outcome"], text=data["text"]
        ),
        _("The answer is recorded and the author is told."),
    )


@login_required
@require_POST
def item_forward(request, number):
    item = _item_or_404(request, number)
    require(can_answer_item(request.user, item))
    return _act(
        request,
        item,
        "forward",
        ForwardForm(request.POST),
        lambda data: services.item_forward(
            item=item, by=request.user, to_body=data["to_body"], reason=data["reason"]
        ),
        _("The item is forwarded to the competent body, which now owns it."),
    )


@login_required
@require_POST
def item_extend(request, number):
    item = _item_or_404(request, number)
    require(can_answer_item(request.user, item))
    return _act(
        request,
        item,
        "extend",
        ExtendForm(request.POST),
        lambda data: services.item_extend(
            item=item, by=request.user, new_due_on=data["new_due_on"], reason=data["reason"]
        ),
        _("The deadline is extended and the author is told."),
    )


@login_required
@require_POST
def milestone_add(request, number):
    item = _item_or_404(request, number)
    require(can_answer_item(request.user, item))
    return _act(
        request,
        item,
        "milestone",
        MilestoneForm(request.POST),
        lambda data: services.milestone_add(
            item=item, by=request.user, title=data["title"], due_on=data["due_on"]
        ),
        _("The milestone is added to the plan."),
        done_before=(E.MILESTONE_EXISTS,),
    )


@login_required
@require_POST
def milestone_done(request, number, pk):
    item = _item_or_404(request, number)
    require(can_answer_item(request.user, item))
    milestone = get_object_or_404(Milestone, pk=pk, item=item)
    form = _evidence_form(milestone, request.POST, request.FILES)
    if form.is_valid():
        try:
            services.milestone_done(
                milestone=milestone,
                by=request.user,
                text=form.cleaned_data["text"],
                link=form.cleaned_data["link"],
                file=form.cleaned_data["file"],
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The milestone is marked done with its evidence."))
            return redirect(item)
    file_not_kept(form, "file", getattr(request.FILES.get("file"), "name", ""))
    return _page(request, item, {"evidence": {milestone.pk: form}}, status=400)


@login_required
@require_POST
def item_dispute(request, number):
    item = _item_or_404(request, number)
    return _act(
        request,
        item,
        "dispute",
        DisputeForm(request.POST),
        lambda data: services.dispute_open(item=item, by=request.user, reasons=data["reasons"]),
        _("Your dispute is sent to the body, which must answer it."),
    )


@login_required
@require_POST
def dispute_answer(request, number, pk):
    item = _item_or_404(request, number)
    require(can_answer_item(request.user, item))
    try:
        dispute = Dispute.objects.get(pk=pk, item=item)
    except Dispute.DoesNotExist as exc:
        raise Http404(E.MESSAGES[E.NO_SUCH_DISPUTE]) from exc
    form = DisputeAnswerForm(request.POST)
    form.dispute_pk = dispute.pk  # the page tells a refusal for an earlier dispute from one for the open one
    return _act(
        request,
        item,
        "dispute_answer",
        form,
        lambda data: services.dispute_answer(
            dispute=dispute, by=request.user, response=data["response"], text=data["text"]
        ),
        lambda data: (
            [_("Your answer to the dispute is recorded.")]
            + (
                [_("The item is back in implementation: add the steps still to be done to its plan.")]
                if data["response"] == Dispute.Response.REOPENED
                else []
            )
        ),
    )


@login_required
@require_POST
def item_follow(request, number):
    item = _item_or_404(request, number)
    require(can_follow(request.user))
    if request.POST.get("follow") == "0":
        services.unfollow(user=request.user, item=item)
        messages.success(request, _("You no longer follow this item."))
    else:
        services.follow(user=request.user, item=item)
        messages.success(
            request, _("You follow this item: you will get an email when it is answered or overdue.")
        )
    return redirect(item)


@login_required
@require_GET
def item_file(request, number, pk):
    item = _item_or_404(request, number)
    attachment = get_object_or_404(ItemAttachment, pk=pk, item=item)
    return private_file_response(request, attachment.file, filename=attachment.original_name)


@require_GET
def evidence_file(request, number, pk):
    item = _item_or_404(request, number)
    evidence = get_object_or_404(Evidence, pk=pk, item=item)
    if not evidence.file:
        raise Http404(_("No such file."))
    return private_file_response(request, evidence.file, filename=evidence.original_name or "evidence")


urlpatterns = [
    path("items/<str:number>/", item_detail, name="item"),
    path("items/<str:number>/answer/", item_answer, name="item_answer"),
    path("items/<str:number>/forward/", item_forward, name="item_forward"),
    path("items/<str:number>/extend/", item_extend, name="item_extend"),
    path("items/<str:number>/milestones/", milestone_add, name="milestone_add"),
    path("items/<str:number>/milestones/<int:pk>/done/", milestone_done, name="milestone_done"),
    path("items/<str:number>/dispute/", item_dispute, name="item_dispute"),
    path("items/<str:number>/disputes/<int:pk>/answer/", dispute_answer, name="dispute_answer"),
    path("items/<str:number>/follow/", item_follow, name="item_follow"),
    path("items/<str:number>/files/<int:pk>/", item_file, name="item_file"),
    path("items/<str:number>/evidence/<int:pk>/", evidence_file, name="evidence_file"),
]
