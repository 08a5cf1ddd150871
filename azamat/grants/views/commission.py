"""Pages of the tender commission: its composition, sittings, members' votes, the chair's decisions, protocols."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.messages.storage.base import Message
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.core.errors import DomainError, form_error
from azamat.core.files import private_file_response
from azamat.core.permissions import require
from azamat.grants.forms.commission import (
    AttendanceForm,
    DecideForm,
    MemberAddForm,
    RecuseForm,
    SecretaryForm,
    SittingScheduleForm,
    VoteForm,
)
from azamat.grants.lifecycle import SITTING, commission_path
from azamat.grants.models import (
    AgendaItem,
    Application,
    Call,
    Commission,
    CommissionMember,
    DeclarationConfirmation,
    Sitting,
    Vote,
)
from azamat.grants.permissions import (
    can_close_sitting,
    can_decide_item,
    can_get_protocol,
    can_keep_sitting,
    can_manage_commission,
    can_view_sitting,
    can_vote_on_item,
)
from azamat.grants.services import commission as services
from azamat.grants.services import sittings as sitting_services
from azamat.grants.services.commission_record import (
    agenda_position,
    item_tally,
    sitting_record,
    with_requested,
)
from azamat.grants.views.declarations import declaration_page

# The operator: composition and scheduling


def _composition_page(request, call, *, member_form=None, schedule_form=None, secretary_form=None):
    commission = Commission.objects.filter(call=call).select_related("secretary", "call__customer").first()
    # A one-stage call has no commission: the page says why instead of offering to create one.
    context = {"call": call, "commission": commission, "path": commission_path(call, request.user)}
    if commission is not None:
        context.update(
            {
                "members": commission.members.select_related("user").order_by(
                    "-is_chair", "side", "user__full_name"
                ),
                "problems": services.commission_composition_problems(commission),
                "sittings": commission.sittings.order_by("starts_at"),
                "member_form": member_form or MemberAddForm(),
                "schedule_form": schedule_form or SittingScheduleForm(),
                "secretary_form": secretary_form or SecretaryForm(),
                "min_members": services.MIN_MEMBERS,
            }
        )
    failed = any(form is not None and form.errors for form in (member_form, schedule_form, secretary_form))
    return render(request, "grants/commission/composition.html", context, status=400 if failed else 200)


def _operator_call(request, code) -> Call:
    require(can_manage_commission(request.user))
    return get_object_or_404(Call, code=code)


@login_required
@require_http_methods(["GET", "POST"])
def commission_manage(request, code):
    call = _operator_call(request, code)
    if request.method == "POST":
        try:
            services.commission_create(call=call, by=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The tender commission is created; now add its members."))
        return redirect("grants:commission_manage", code=call.code)
    return _composition_page(request, call)


@login_required
@require_POST
def commission_member_add(request, code):
    call = _operator_call(request, code)
    commission = get_object_or_404(Commission, call=call)
    form = MemberAddForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.commission_member_add(
                commission=commission,
                user=data["user"],
                side=data["side"],
                is_chair=data["is_chair"],
                by=request.user,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("%(person)s is added to the commission.") % {"person": data["user"]})
            return redirect("grants:commission_manage", code=call.code)
    return _composition_page(request, call, member_form=form)


@login_required
@require_POST
def commission_secretary(request, code):
    """Appoint the secretary, or (`clear`) leave the post empty."""
    call = _operator_call(request, code)
    commission = get_object_or_404(Commission, call=call)
    if request.POST.get("clear") == "yes":
        form, user = None, None
    else:
        form = SecretaryForm(request.POST)
        if not form.is_valid():
            return _composition_page(request, call, secretary_form=form)
        user = form.cleaned_data["user"]
    try:
        services.commission_secretary_set(commission=commission, user=user, by=request.user)
    except DomainError as error:
        if form is None:
            messages.error(request, str(error))
            return redirect("grants:commission_manage", code=call.code)
        form_error(form, error)
        return _composition_page(request, call, secretary_form=form)
    if user is None:
        messages.success(request, _("The commission has no secretary now."))
    else:
        messages.success(request, _("%(person)s is the commission's secretary.") % {"person": user})
    return redirect("grants:commission_manage", code=call.code)


@login_required
@require_POST
def commission_member_remove(request, code, pk):
    call = _operator_call(request, code)
    member = get_object_or_404(CommissionMember.objects.select_related("user"), pk=pk, commission__call=call)
    try:
        services.commission_member_remove(member=member, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(person)s is removed from the commission.") % {"person": member.user})
    return redirect("grants:commission_manage", code=call.code)


@login_required
@require_POST
def sitting_schedule(request, code):
    call = _operator_call(request, code)
    commission = get_object_or_404(Commission, call=call)
    form = SittingScheduleForm(request.POST)
    if form.is_valid():
        try:
            sitting = sitting_services.sitting_schedule(
                commission=commission, by=request.user, **form.cleaned_data
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The sitting is scheduled and the members are notified."))
            return redirect("grants:sitting", pk=sitting.pk)
    return _composition_page(request, call, schedule_form=form)


# Sittings: the page, and the operator's and chair's actions on it


def _sitting(request, pk) -> Sitting:
    sitting = get_object_or_404(
        Sitting.objects.select_related("commission__call__customer", "commission__secretary"), pk=pk
    )
    require(can_view_sitting(request.user, sitting))
    return sitting


@login_required
@require_GET
def sitting_detail(request, pk):
    """The sitting on one page: attendance, the agenda one row per item with the current item opened, and a
    "next item" link to the first undecided item after it (plain links: no JavaScript needed)."""
    sitting = _sitting(request, pk)
    try:
        asked = int(request.GET.get("item", ""))
    except ValueError:
        asked = None
    return _sitting_page(request, sitting, asked)


def _sitting_page(request, sitting, asked: int | None, *, decide_form=None):
    """The sitting page opened at the item asked for; with `decide_form`, the chair's refused decision on it:
    the reason at the item and what was typed still in its fields (a redirect would lose both)."""
    record = sitting_record(sitting)
    seat = next((m for m in record.members if m.user_id == request.user.pk), None)
    current, next_item = agenda_position(record, asked)
    context = {
        "sitting": sitting,
        "call": sitting.commission.call,
        "record": record,
        "record_present": record.by_side(present=True),
        "record_absent": record.by_side(present=False),
        "seat": seat,
        "current": current,
        "next_item": next_item,
        "can_decide": bool(current and can_decide_item(request.user, current.item)),
        "can_manage": bool(can_manage_commission(request.user)),
        "can_keep": bool(can_keep_sitting(request.user, sitting)),
        "can_close": bool(can_close_sitting(request.user, sitting)),
        "problems": services.commission_composition_problems(sitting.commission),
        "attendance_form": AttendanceForm(
            commission=sitting.commission, initial={"members": list(record.present_ids)}
        ),
        "decision_choices": AgendaItem.Decision,
        "decide_form": decide_form,
    }
    if current is not None and asked == current.item.pk:
        # Opened at an item after a step on it (a decision refused, recorded): what was said is read at the item,
        # where the page opens, not at the top of a long page out of sight.
        context["item_messages"], context["messages"] = list(messages.get_messages(request)), []
        if decide_form is not None:
            context["item_messages"] += [
                Message(messages.ERROR, str(e)) for errors in decide_form.errors.values() for e in errors
            ]
    return render(
        request, "grants/commission/sitting.html", context, status=400 if decide_form is not None else 200
    )


def _sitting_action(request, pk, action, success: str):
    sitting = _sitting(request, pk)
    try:
        action(sitting)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("grants:sitting", pk=sitting.pk)


@login_required
@require_POST
def sitting_agenda(request, pk):
    return _sitting_action(
        request,
        pk,
        lambda s: sitting_services.agenda_build(sitting=s, by=request.user),
        _("The agenda is built from the applications scored by experts."),
    )


@login_required
@require_POST
def sitting_attendance(request, pk):
    sitting = _sitting(request, pk)
    form = AttendanceForm(request.POST, commission=sitting.commission)
    if not form.is_valid():
        messages.error(request, _("Choose members of this commission."))
        return redirect("grants:sitting", pk=sitting.pk)
    return _sitting_action(
        request,
        pk,
        lambda s: sitting_services.sitting_mark_present(
            sitting=s, members=form.cleaned_data["members"], by=request.user
        ),
        _("Attendance is recorded."),
    )


@login_required
@require_POST
def sitting_close(request, pk):
    """Closing signs the protocol and cannot be undone: those who may close first see a summary to confirm."""
    if request.POST.get("confirm") != "yes":
        sitting = _sitting(request, pk)
        if can_close_sitting(request.user, sitting) and not sitting.closed_at:
            record = sitting_record(sitting)
            awarded = [r.item for r in record.items if r.item.decision == AgendaItem.Decision.AWARDED]
            context = {
                "sitting": sitting,
                "call": sitting.commission.call,
                "record": record,
                "awarded": len(awarded),
                "awarded_total": sum((item.amount or 0 for item in awarded), 0),
                # Items still open, quorum lost, not started: why it cannot close now, instead of a
                # confirmation bound to be refused.
                "refusal": SITTING.check(sitting, "close", request.user),
            }
            return render(request, "grants/commission/sitting_close.html", context)
    return _sitting_action(
        request,
        pk,
        lambda s: sitting_services.sitting_close(sitting=s, by=request.user, language=request.LANGUAGE_CODE),
        _("The sitting is closed and its protocol is published."),
    )


@login_required
@require_POST
def item_decide(request, pk, item):
    sitting = _sitting(request, pk)
    agenda_item = get_object_or_404(AgendaItem, pk=item, sitting=sitting)
    form = DecideForm(request.POST)
    if not form.is_valid():
        return _sitting_page(request, sitting, agenda_item.pk, decide_form=form)
    data = form.cleaned_data
    try:
        sitting_services.item_decide(
            item=agenda_item,
            by=request.user,
            decision=data["decision"],
            amount=data["amount"],
            reduction_reason=data["reduction_reason"],
        )
    except DomainError as error:
        form_error(form, error)
        return _sitting_page(request, sitting, agenda_item.pk, decide_form=form)
    messages.success(request, _("The decision is recorded."))
    # On to the next item still to decide; the last decision stays open when none is left.
    _current, following = agenda_position(sitting_record(sitting), agenda_item.pk)
    return redirect(_at_item(sitting.pk, (following.item if following else agenda_item).pk))


def _at_item(sitting_pk: int, item_pk: int) -> str:
    """The sitting page opened at an agenda item."""
    return reverse("grants:sitting", kwargs={"pk": sitting_pk}) + f"?item={item_pk}#item-{item_pk}"


@require_GET
def sitting_protocol(request, pk):
    """A closed sitting's protocol: public with the call's results, for insiders before (see permissions)."""
    sitting = get_object_or_404(Sitting.objects.select_related("commission__call"), pk=pk)
    decision = can_get_protocol(request.user, sitting)
    if not decision:
        # 404, not 403: before the results, outsiders are not told that a protocol exists.
        raise Http404(decision.reason)
    return private_file_response(
        request,
        sitting.protocol,
        as_attachment=False,
        content_type="application/pdf",
        filename=f"protocol-{sitting.commission.call.code}-{sitting.protocol_number or sitting.pk}.pdf",
    )


# Members: their sittings, declarations, votes


@login_required
@require_GET
def commission_home(request):
    # A draft call is invisible to everyone but its editors, its commission's members included.
    sittings = Prefetch("commission__sittings", queryset=Sitting.objects.order_by("starts_at"))
    seats = list(
        CommissionMember.objects.filter(user=request.user, commission__call__published=True)
        .select_related("commission__call")
        .prefetch_related(sittings)
        .order_by("-commission__call__opens_at")
    )
    # Declarations of all the seats' calls in one query, not one per seat.
    confirmed = set(
        DeclarationConfirmation.objects.filter(
            person=request.user, call__in=[seat.commission.call_id for seat in seats]
        ).values_list("call_id", flat=True)
    )
    rows = [(seat, seat.commission.call_id in confirmed, seat.commission.sittings.all()) for seat in seats]
    kept = (
        Commission.objects.filter(secretary=request.user, call__published=True)
        .select_related("call")
        .prefetch_related(Prefetch("sittings", queryset=Sitting.objects.order_by("starts_at")))
        .order_by("-call__opens_at")
    )
    return render(request, "grants/commission/home.html", {"rows": rows, "kept": kept})


@login_required
@require_http_methods(["GET", "POST"])
def commission_declaration(request, code):
    """A member's declaration of ties for the call (views/declarations.py): their recusals follow it."""
    call = get_object_or_404(Call, code=code, published=True)
    seat = (
        CommissionMember.objects.filter(commission__call=call, user=request.user)
        .select_related("commission__call")
        .first()
    )
    if seat is None:
        raise PermissionDenied(_("You are not a member of the tender commission of this call."))
    return declaration_page(request, call, seat=seat)


def _vote_item(pk, item) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("sitting__commission__call"), pk=item, sitting_id=pk
    )


def _vote_form(agenda_item, seat, data=None) -> VoteForm:
    current = Vote.objects.filter(item=agenda_item, member=seat).first()
    return VoteForm(data, initial={"choice": current.choice, "comment": current.comment} if current else None)


def _vote_page(request, agenda_item, seat, *, form, recuse_form=None):
    """A member's vote on an item. A vote or a reason for stepping aside refused (the chair decided the item
    meanwhile, the member was recused) comes back with the reason and what was typed, never lost."""
    current = Vote.objects.filter(item=agenda_item, member=seat).first()
    recuse_form = recuse_form or RecuseForm()
    application = with_requested(Application.objects.select_related("organisation", "direction")).get(
        pk=agenda_item.application_id
    )
    refused = bool(form.errors or recuse_form.errors)
    context = {
        "item": agenda_item,
        "application": application,
        "sitting": agenda_item.sitting,
        "seat": seat,
        "form": form,
        "recuse_form": recuse_form,
        "current": current,
        "tally": item_tally(agenda_item),
        "recused": agenda_item.recused.filter(pk=seat.pk).exists(),
        "confirmed": services.declaration_confirmed(seat),
        "refusals": [str(e) for f in (form, recuse_form) for errors in f.errors.values() for e in errors],
        "unsent_comment": (form.data.get("comment") or "").strip() if form.is_bound else "",
        "unsent_reason": (recuse_form.data.get("reason") or "").strip() if recuse_form.is_bound else "",
    }
    return render(request, "grants/commission/vote.html", context, status=400 if refused else 200)


@login_required
@require_http_methods(["GET", "POST"])
def item_vote(request, pk, item):
    agenda_item = _vote_item(pk, item)
    require(can_vote_on_item(request.user, agenda_item))
    seat = CommissionMember.objects.get(commission=agenda_item.sitting.commission, user=request.user)
    form = _vote_form(agenda_item, seat, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sitting_services.vote_cast(item=agenda_item, member_user=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request, _("Your vote is recorded; you can change it until the chair records the decision.")
            )
            return redirect(_at_item(pk, agenda_item.pk))
    return _vote_page(request, agenda_item, seat, form=form)


@login_required
@require_POST
def item_recuse(request, pk, item):
    agenda_item = _vote_item(pk, item)
    require(can_vote_on_item(request.user, agenda_item))
    seat = CommissionMember.objects.get(commission=agenda_item.sitting.commission, user=request.user)
    form = RecuseForm(request.POST)
    if form.is_valid():
        try:
            sitting_services.item_recuse(
                item=agenda_item, member_user=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("You have stepped aside from this application."))
            return redirect(_at_item(pk, agenda_item.pk))
    return _vote_page(request, agenda_item, seat, form=_vote_form(agenda_item, seat), recuse_form=form)


urlpatterns = [
    path("operator/calls/<slug:code>/commission/", commission_manage, name="commission_manage"),
    path(
        "operator/calls/<slug:code>/commission/members/", commission_member_add, name="commission_member_add"
    ),
    path(
        "operator/calls/<slug:code>/commission/members/<int:pk>/remove/",
        commission_member_remove,
        name="commission_member_remove",
    ),
    path(
        "operator/calls/<slug:code>/commission/secretary/", commission_secretary, name="commission_secretary"
    ),
    path("operator/calls/<slug:code>/commission/sittings/", sitting_schedule, name="sitting_schedule"),
    path("commission/", commission_home, name="commission_home"),
    path("commission/<slug:code>/declaration/", commission_declaration, name="commission_declaration"),
    path("sittings/<int:pk>/", sitting_detail, name="sitting"),
    path("sittings/<int:pk>/agenda/", sitting_agenda, name="sitting_agenda"),
    path("sittings/<int:pk>/attendance/", sitting_attendance, name="sitting_attendance"),
    path("sittings/<int:pk>/close/", sitting_close, name="sitting_close"),
    path("sittings/<int:pk>/protocol.pdf", sitting_protocol, name="sitting_protocol"),
    path("sittings/<int:pk>/items/<int:item>/vote/", item_vote, name="agenda_item_vote"),
    path("sittings/<int:pk>/items/<int:item>/recuse/", item_recuse, name="agenda_item_recuse"),
    path("sittings/<int:pk>/items/<int:item>/decide/", item_decide, name="agenda_item_decide"),
]
