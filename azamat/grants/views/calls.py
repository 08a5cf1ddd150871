"""Public pages of calls: the list, a call with its rules and directions, the discussion; the operator's
publish and close buttons; starting an application."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.core import edits
from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require
from azamat.core.public_cache import public_page
from azamat.grants.forms.applications import PHASE_LABELS, ApplyForm, CallFilterForm, CommentForm, PublishForm
from azamat.grants.forms.calls import CallForm, DirectionForm
from azamat.grants.lifecycle import CALL
from azamat.grants.models import Call, Direction
from azamat.grants.permissions import can_comment_on_direction, can_manage_calls, is_operator
from azamat.grants.selectors import applications as selectors
from azamat.grants.services import applications as application_services
from azamat.grants.services import calls as call_services

PAGE_SIZE = 20


def _call_or_404(request, code) -> Call:
    try:
        return selectors.call_page(code=code, include_drafts=is_operator(request.user))
    except Call.DoesNotExist as exc:
        raise Http404(_("No published call has this code.")) from exc


@require_GET
@public_page(
    topics=lambda request: ["calls", "reference"], params=("page", "phase", "customer", "grant_type")
)
def call_list(request):
    form = CallFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    calls = selectors.calls_public(
        phase=filters.get("phase", ""),
        customer=filters.get("customer", ""),
        grant_type=filters.get("grant_type", ""),
        query=filters.get("q", ""),
    )
    page = Paginator(calls, PAGE_SIZE).get_page(request.GET.get("page"))
    for call in page:
        call.phase_label = PHASE_LABELS.get(call.phase, "")
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {"form": form, "page": page, "query_string": query_string.urlencode()}
    if not request.htmx and can_manage_calls(request.user):
        context.update(can_manage=True, drafts=selectors.call_drafts())
    template = "grants/calls/list.html#results" if request.htmx else "grants/calls/list.html"
    return render(request, template, context)


@require_GET
@public_page(topics=lambda request, code: ["calls", "reference"])  # its grant type's rules, the МРП
def call_detail(request, code):
    return render(request, "grants/calls/detail.html", _call_context(request, _call_or_404(request, code)))


def _call_context(request, call: Call, *, refused: tuple[int, CommentForm] | None = None) -> dict:
    """The call page's context; `refused` is a direction's comment form sent back with its reason and the text
    as it was typed (a comment longer than allowed, a discussion closed meanwhile), not lost on a redirect."""
    user = request.user
    organisations = selectors.organisations_for_applying(user=user)
    directions = list(call.directions.all())
    context = {
        "call": call,
        "phase": call.phase,
        "phase_label": PHASE_LABELS.get(call.phase, _("Draft")),
        "directions": directions,
        "total_budget": sum((d.budget for d in directions), start=0),
        "limits": selectors.amount_range(call),
        "legal_forms": selectors.legal_form_names(call.grant_type.allowed_legal_forms or []),
        "documents": selectors.required_documents(call.grant_type),
        "discussion_open": selectors.discussion_is_open(call),
        "can_comment": can_comment_on_direction(user, directions[0]) if directions else None,
        "is_open": call.is_open(),
        "can_apply": call.is_open() and organisations.exists(),
        "can_manage": can_manage_calls(user),
        "publish_form": PublishForm(),
    }
    for direction in directions:
        # One form per direction, each with its own ids (a page holds several).
        if refused and refused[0] == direction.pk:
            direction.comment_form = refused[1]
        elif context["discussion_open"] and context["can_comment"]:
            direction.comment_form = CommentForm(auto_id=f"comment-{direction.pk}-%s")
    if context["can_manage"] and call.published and not call.results_published:
        # Publishing the results is final: the button when every application is decided, why not otherwise.
        context["steps"] = CALL.options(call, user, "publish_results")
    return context


@login_required
@require_POST
def direction_comment(request, code, pk):
    direction = get_object_or_404(
        Direction.objects.select_related("call"), pk=pk, call__code=code, call__published=True
    )
    form = CommentForm(request.POST, auto_id=f"comment-{direction.pk}-%s")
    if form.is_valid():
        try:
            call_services.direction_comment_add(
                direction=direction, by=request.user, text=form.cleaned_data["text"]
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Your comment is published."))
            return redirect(f"{direction.call.get_absolute_url()}#direction-{direction.pk}")
    # Refused: the call's page again, the reason at the top and at the comment, the text kept.
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    call = _call_or_404(request, direction.call.code)
    return render(
        request,
        "grants/calls/detail.html",
        _call_context(request, call, refused=(direction.pk, form)),
        status=400,
    )


@login_required
@require_POST
def call_publish(request, code):
    require(can_manage_calls(request.user))
    call = get_object_or_404(Call, code=code)
    form = PublishForm(request.POST)
    until = form.cleaned_data.get("discussion_until") if form.is_valid() else None
    try:
        call_services.call_publish(call=call, by=request.user, discussion_until=until)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The call is published; its directions are open for public discussion."))
    return redirect(call)


@login_required
@require_POST
def call_close(request, code):
    """Closing early cannot be undone: without the confirmation, the page that asks for it."""
    require(can_manage_calls(request.user))
    call = get_object_or_404(Call, code=code)
    if request.POST.get("confirm") != "yes":
        if not call.is_open():
            messages.error(request, _("The call is not open for applications."))
            return redirect(call)
        return render(request, "grants/calls/close.html", {"call": call})
    try:
        call_services.call_close(call=call, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The call is closed; no more applications are accepted."))
    return redirect(call)


@login_required
@require_http_methods(["GET", "POST"])
def call_apply(request, code):
    call = _call_or_404(request, code)
    if not selectors.organisations_for_applying(user=request.user).exists():
        raise PermissionDenied(
            _(
                "Only members of an organisation can apply. Register your organisation on Azamat "
                "or ask to join it."
            )
        )
    if not call.is_open():
        messages.error(request, _("The call is not open for applications."))
        return redirect(call)
    form = ApplyForm(request.POST or None, user=request.user, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            application = application_services.application_create(
                call=call,
                direction=form.cleaned_data["direction"],
                organisation=form.cleaned_data["organisation"],
                by=request.user,
                title=form.cleaned_data["title"],
                language=form.cleaned_data["language"],
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request, _("The draft is saved. Fill in each section; you can come back at any time.")
            )
            return redirect(application)
    return render(
        request, "grants/calls/apply.html", {"call": call, "form": form}, status=400 if form.errors else 200
    )


def _fixed(call: Call) -> str:
    """What an edit form of a published call says of its fields shown but closed."""
    if call.published:
        return str(call_services.MESSAGES[call_services.FIXED_AT_PUBLICATION])
    return ""


def _save_edit(request, form_class, record, save, **form_kwargs):
    """Save an edit form through `save(values, loaded_at)`; refused, the form again with what was typed and the
    reason (a change made since in another tab or by a colleague: saving again replaces it). Returns the form, or
    None when saved."""
    form = form_class(request.POST, instance=record, **form_kwargs)
    if not form.is_valid():
        record.refresh_from_db()
        return form
    try:
        save(form.values(), form.cleaned_data.get("loaded_at"))
    except DomainError as error:
        record.refresh_from_db()
        if error.code == edits.CHANGED_MEANWHILE:
            form = form_class(edits.taken_over(request.POST, record), instance=record, **form_kwargs)
            form.is_valid()
        form_error(form, error)
        return form
    return None


@login_required
@require_http_methods(["GET", "POST"])
def call_new(request):
    """A new call, saved as a draft: nothing is public until it is published."""
    require(can_manage_calls(request.user))
    form = CallForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            call = call_services.call_create(by=request.user, data=form.values())
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The call is saved as a draft. Add its directions, then publish it."))
            return redirect(call)
    return render(
        request, "grants/calls/form.html", {"form": form, "call": None}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def call_edit(request, code):
    require(can_manage_calls(request.user))
    call = get_object_or_404(Call, code=code)
    form = CallForm(instance=call)
    if request.method == "POST":
        form = _save_edit(
            request,
            CallForm,
            call,
            lambda values, loaded_at: call_services.call_update(
                call=call, by=request.user, data=values, loaded_at=loaded_at
            ),
        )
        if form is None:
            messages.success(request, _("The call is saved."))
            return redirect(call)
    context = {"form": form, "call": call, "fixed": _fixed(call)}
    return render(request, "grants/calls/form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def direction_new(request, code):
    require(can_manage_calls(request.user))
    call = get_object_or_404(Call, code=code)
    form = DirectionForm(request.POST if request.method == "POST" else None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            direction = call_services.direction_add(call=call, by=request.user, data=form.values())
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The direction is added."))
            return redirect(f"{call.get_absolute_url()}#direction-{direction.pk}")
    context = {"form": form, "call": call, "direction": None}
    return render(request, "grants/calls/direction_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def direction_edit(request, code, pk):
    require(can_manage_calls(request.user))
    direction = get_object_or_404(Direction.objects.select_related("call"), pk=pk, call__code=code)
    call = direction.call
    form = DirectionForm(instance=direction, call=call)
    if request.method == "POST":
        form = _save_edit(
            request,
            DirectionForm,
            direction,
            lambda values, loaded_at: call_services.direction_update(
                direction=direction, by=request.user, data=values, loaded_at=loaded_at
            ),
            call=call,
        )
        if form is None:
            messages.success(request, _("The direction is saved."))
            return redirect(f"{call.get_absolute_url()}#direction-{direction.pk}")
    context = {"form": form, "call": call, "direction": direction, "fixed": _fixed(call)}
    return render(request, "grants/calls/direction_form.html", context, status=400 if form.errors else 200)


urlpatterns = [
    path("", call_list, name="calls"),
    path("calls/new/", call_new, name="call_new"),
    path("calls/<slug:code>/", call_detail, name="call"),
    path("calls/<slug:code>/edit/", call_edit, name="call_edit"),
    path("calls/<slug:code>/directions/new/", direction_new, name="direction_new"),
    path("calls/<slug:code>/directions/<int:pk>/edit/", direction_edit, name="direction_edit"),
    path("calls/<slug:code>/apply/", call_apply, name="call_apply"),
    path("calls/<slug:code>/publish/", call_publish, name="call_publish"),
    path("calls/<slug:code>/close/", call_close, name="call_close"),
    path("calls/<slug:code>/directions/<int:pk>/comments/", direction_comment, name="direction_comment"),
]
