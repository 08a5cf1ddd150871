"""The declaration of conflicts of interest, one page for an expert and for a tender commission member: ties
found by an organisation's name or BIN (or declared by name and BIN when it is not on Azamat), corrected or
removed until the declaration for the call is confirmed, then confirmed. A member's changes move their
recusals at the commission's open sittings (services/commission.py)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from azamat.core.errors import DomainError, form_error
from azamat.grants.forms.review import DeclarationForm, OutsideDeclarationForm
from azamat.grants.models import Call, CommissionMember
from azamat.grants.services import commission as commission_services
from azamat.grants.services import conflicts


def declared_id(value) -> int:
    """The id of a declared tie from a form or a link; 0 (none) for anything that cannot be one."""
    value = str(value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else 0


class _Desk:
    """What the page does for an expert (`seat` None) or for a commission member: the same ties, through the
    member's services where recusals follow them."""

    def __init__(self, request, call: Call, seat: CommissionMember | None):
        self.request, self.user, self.call, self.seat = request, request.user, call, seat
        self.url = reverse(
            "grants:commission_declaration" if seat else "grants:expert_declaration", args=[call.code]
        )

    def declare(self, *, organisation, relation, note):
        if self.seat:
            return commission_services.commission_conflict_declare(
                member=self.seat, organisation=organisation, relation=relation, note=note, by=self.user
            )
        return conflicts.expert_declare_conflict(
            expert_user=self.user, organisation=organisation, relation=relation, note=note
        )

    def declare_outside(self, **fields):
        if self.seat:
            return commission_services.commission_conflict_declare_outside(
                member=self.seat, by=self.user, **fields
            )
        return conflicts.conflict_declare_outside(person=self.user, **fields)

    def correct(self, declaration_id: int, **fields):
        if self.seat:
            return commission_services.commission_conflict_correct(
                member=self.seat, declaration_id=declaration_id, by=self.user, **fields
            )
        return conflicts.conflict_correct(
            person=self.user, declaration_id=declaration_id, call=self.call, **fields
        )

    def withdraw(self, declaration_id: int) -> None:
        if self.seat:
            commission_services.commission_conflict_withdraw(
                member=self.seat, declaration_id=declaration_id, by=self.user
            )
        else:
            conflicts.conflict_withdraw(person=self.user, declaration_id=declaration_id, call=self.call)

    def confirm(self):
        if self.seat:
            commission_services.commission_declaration_confirm(member=self.seat, by=self.user)
            messages.success(
                self.request, _("Your declaration is confirmed; you may vote at this call's sittings.")
            )
            return redirect("grants:commission_home")
        conflicts.declaration_confirm(person=self.user, call=self.call)
        messages.success(self.request, _("Your declaration is confirmed for this call."))
        return redirect("grants:expert_home")

    def declared_message(self) -> str:
        if self.seat:
            return _("The tie is declared; you will be recused from that organisation's applications.")
        return _("The tie is declared.")


def declaration_page(request, call: Call, *, seat: CommissionMember | None = None):
    """Declare ties, correct or remove them until the declaration for the call is confirmed, then confirm it."""
    desk = _Desk(request, call, seat)
    action = request.POST.get("action") if request.method == "POST" else None
    form = DeclarationForm(request.POST if action == "declare" else None)
    outside_form = OutsideDeclarationForm(
        request.POST if action == "declare_outside" else None, prefix="outside"
    )
    declared = conflicts.declared_conflicts(person=request.user)
    # The tie being corrected: ?correct=<id> shows its form, filled in; posting it saves the correction.
    correcting = declared.filter(
        pk=declared_id(request.POST.get("declaration") if action == "correct" else request.GET.get("correct"))
    ).first()
    correct_form = None
    if correcting is not None:
        correct_form = OutsideDeclarationForm(
            request.POST if action == "correct" else None,
            prefix="correct",
            outside=correcting.is_outside,
            initial={
                "name": correcting.outside_name,
                "bin": correcting.outside_bin,
                "relation": correcting.relation,
                "note": correcting.note,
            },
        )
    if request.method == "POST":
        try:
            if action == "confirm":
                return desk.confirm()
            if action == "withdraw":
                try:
                    desk.withdraw(declared_id(request.POST.get("declaration")))
                except DomainError as error:  # the form to declare is not involved: the reason is a message
                    messages.error(request, str(error))
                else:
                    messages.success(request, _("The tie is removed from your declaration."))
                return redirect(desk.url)
            if action == "correct":
                if correct_form is None:
                    messages.error(request, str(conflicts.MESSAGES[conflicts.NOT_DECLARED]))
                    return redirect(desk.url)
                if correct_form.is_valid():
                    try:
                        desk.correct(correcting.pk, **correct_form.cleaned_data)
                    except DomainError as error:
                        if error.field is None:  # confirmed meanwhile: the form is no longer shown
                            messages.error(request, str(error))
                            return redirect(desk.url)
                        form_error(correct_form, error)
                    else:
                        messages.success(request, _("The tie is corrected."))
                        return redirect(desk.url)
            elif action == "declare_outside" and outside_form.is_valid():
                try:
                    declaration = desk.declare_outside(**outside_form.cleaned_data)
                except DomainError as error:
                    form_error(outside_form, error)
                else:
                    if declaration.is_outside:
                        messages.success(request, desk.declared_message())
                    else:
                        messages.success(
                            request,
                            _("The tie is declared: %(name)s is on Azamat with this BIN.")
                            % {"name": declaration.organisation.name},
                        )
                    return redirect(desk.url)
            elif action == "declare" and form.is_valid():
                data = form.cleaned_data
                desk.declare(organisation=data["organisation"], relation=data["relation"], note=data["note"])
                messages.success(request, desk.declared_message())
                return redirect(desk.url)
        except DomainError as error:
            form_error(form, error)
    if action == "declare" and "bin" in form.errors:
        # Not found on Azamat: what was typed goes on to the form for an organisation not on it.
        typed = " ".join(request.POST.get("bin", "").split())[:300]
        key = "bin" if typed.isdigit() else "name"
        outside_form = OutsideDeclarationForm(
            prefix="outside",
            initial={
                key: typed[:12] if key == "bin" else typed,
                "relation": request.POST.get("relation", ""),
            },
        )
    confirmed = conflicts.declaration_confirmed(person=request.user, call=call)
    context = {
        "call": call,
        "seat": seat,
        "page_url": desk.url,
        "form": form,
        "outside_form": outside_form,
        "correcting": correcting if correcting is not None and not (confirmed or correcting.kept) else None,
        "correct_form": correct_form,
        "declared": declared,
        "confirmed": confirmed,
    }
    status = 400 if form.errors or outside_form.errors or (correct_form and correct_form.errors) else 200
    return render(request, "grants/review/declaration.html", context, status=status)
