"""Pages of the registry: the directory, profiles, registering and editing an organisation, its people."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms.models import model_to_dict
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.core.audit import history_of
from azamat.core.errors import DomainError, form_error
from azamat.core.hooks import app_modules
from azamat.core.permissions import require
from azamat.core.public_cache import public_page
from azamat.registry import (
    directory_export,
    document_selectors,
    errors,
    people_history,
    report_selectors,
    selectors,
    services,
)
from azamat.registry.document_permissions import can_view_founding_documents
from azamat.registry.forms import BodyFilterForm, DirectoryFilterForm, InviteForm, JoinForm, OrganisationForm
from azamat.registry.models import GovernmentBody, Membership, Organisation
from azamat.registry.permissions import (
    can_edit_organisation,
    can_manage_members,
    can_request_membership,
    is_org_member,
    is_platform_admin,
)

PAGE_SIZE = 20


def _page(request, queryset, size=PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


@require_GET
@public_page(topics=lambda request: ["registry"], params=("page", "region", "area", "legal_form", "alliance"))
def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    form.is_valid()  # a filter refused (a stale link's area, say) is dropped alone, and the form says why
    filters = getattr(form, "cleaned_data", {})
    results = selectors.organisations_search(
        query=filters.get("q", ""),
        region=filters.get("region", ""),
        area=filters.get("area", ""),
        legal_form=filters.get("legal_form", ""),
        alliance=filters.get("alliance", ""),
    )
    results = report_selectors.with_report_current(results.prefetch_related("areas"))
    if form.is_bound and "q" in form.errors:  # a search refused (too long): said beside the box, none found
        results = results.none()
    # Every organisation found, as a spreadsheet (a parameter the public cache does not keep: made afresh).
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            directory_export.directory_xlsx(results), content_type=directory_export.CONTENT_TYPE
        )
        name = f"organisations-{timezone.localdate():%Y-%m-%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    page = _page(request, results)
    query_string = request.GET.copy()
    query_string.pop("page", None)
    query_string.pop("format", None)
    context = {"form": form, "page": page, "query_string": query_string.urlencode()}
    template = "registry/directory.html#results" if request.htmx else "registry/directory.html"
    return render(request, template, context)


def profile_sections(organisation, user) -> list[tuple[str, dict]]:
    """What other apps show on an organisation's profile: an app with a `profile` module gives
    `sections(organisation, user)`, (template, context) pairs the page includes. The registry imports no app
    above it; the apps come to it, as they do to the home page."""
    sections: list[tuple[str, dict]] = []
    for module in app_modules("profile"):
        sections.extend(module.sections(organisation, user))
    return sections


@require_GET
# The profile lists grant outcomes and projects too (grants/profile.py): results published bump "calls",
# agreements and payments "dashboard".
@public_page(topics=lambda request, bin: ["registry", "calls", "dashboard"])
def organisation_detail(request, bin):
    try:
        organisation = selectors.organisation_profile(bin=bin)
    except Organisation.DoesNotExist as exc:
        raise Http404(_("No organisation with this BIN is registered.")) from exc
    user = request.user
    context = {
        "organisation": organisation,
        "can_edit": can_edit_organisation(user, organisation),
        "can_join": can_request_membership(user, organisation),
        "is_member": is_org_member(user, organisation),
        "people": selectors.organisation_people(organisation=organisation)
        if is_org_member(user, organisation) or is_platform_admin(user)
        else None,
        "join_form": JoinForm(),
        "join_pending": selectors.membership_pending(user=user, organisation=organisation),
        "invitations": [
            i for i in selectors.invitations_for(user=user) if i.organisation_id == organisation.pk
        ],
        "members": selectors.alliance_members(organisation=organisation),
        "sections": profile_sections(organisation, user),
        "report_year": report_selectors.report_required_year(),
        "report_current": report_selectors.is_report_current(organisation),
        "report_notices": report_selectors.report_notices(organisation)
        if is_org_member(user, organisation)
        else [],
        "can_see_reports": is_org_member(user, organisation) or is_platform_admin(user),
        "public_documents": document_selectors.public_documents(organisation=organisation),
        "can_see_documents": can_view_founding_documents(user, organisation),
    }
    return render(request, "registry/organisation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_register(request):
    form = OrganisationForm(request.POST or None, request.FILES or None)
    existing = None  # the organisation already registered with the BIN typed: where to ask to join
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"areas", "logo"}}
        try:
            organisation = services.organisation_register(
                by=request.user,
                data=data,
                areas=form.cleaned_data["areas"],
                logo=form.cleaned_data.get("logo"),
            )
        except DomainError as error:
            form_error(form, error)
            if error.code == errors.DUPLICATE_BIN:
                existing = Organisation.objects.filter(bin=data["bin"]).first()
                # Sent twice (a second tap, the back button): the first registered it, and them as its
                # administrator; they are not told to ask to join it.
                if existing is not None and is_org_member(request.user, existing):
                    form.errors["bin"] = form.error_class([errors.MESSAGES[errors.DUPLICATE_BIN_MINE]])
                    existing.mine = True
        else:
            messages.success(request, _("The organisation is registered and you are its administrator."))
            return redirect(organisation)
    return render(
        request,
        "registry/organisation_form.html",
        {"form": form, "registering": True, "existing": existing},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, bin):
    organisation = get_object_or_404(Organisation, bin=bin)
    require(can_edit_organisation(request.user, organisation))
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation, editing=True)
    if request.method == "POST" and form.is_valid():
        data = {
            k: v
            for k, v in form.cleaned_data.items()
            if k not in {"areas", "logo", "remove_logo", "bin", "loaded_at"}
        }
        organisation.refresh_from_db()
        try:
            services.organisation_update(
                organisation=organisation,
                by=request.user,
                data=data,
                areas=form.cleaned_data["areas"],
                logo=form.cleaned_data.get("logo") or None,
                remove_logo=form.cleaned_data.get("remove_logo", False),
                loaded_at=form.cleaned_data["loaded_at"],
            )
        except errors.EditedMeanwhile as error:
            form_error(form, error)
            # What they typed where they changed something, the newer save everywhere else; saving it again,
            # knowingly, keeps theirs in the fields both changed.
            organisation.refresh_from_db()
            form.data = _newer_beside(form.data, organisation, keep=error.mine)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect(organisation)
    return render(
        request,
        "registry/organisation_form.html",
        {"form": form, "organisation": organisation},
        status=400 if form.errors else 200,
    )


def _newer_beside(data, organisation: Organisation, *, keep):
    """The form's data with the profile's current values in every field but those in `keep`, and the moment of
    the current version as when the form was loaded."""
    data = data.copy()
    current = model_to_dict(organisation, fields=[*services.PROFILE_FIELDS, "areas"])
    for field, value in current.items():
        if field in keep:
            continue
        if field == "areas":
            data.setlist(field, [str(area.pk) for area in value])
        elif isinstance(value, bool):
            data[field] = "on" if value else ""
        else:
            data[field] = "" if value is None else value
    data["loaded_at"] = organisation.updated_at.isoformat()
    return data


@login_required
@require_GET
def organisation_history(request, bin):
    organisation = get_object_or_404(Organisation, bin=bin)
    require(can_edit_organisation(request.user, organisation))
    # The profile's changes and its people's (joined, left, roles, invitations), newest first.
    changes = sorted(
        [*history_of(organisation), *people_history.people_changes(organisation=organisation)],
        key=lambda change: change.when,
        reverse=True,
    )
    return render(
        request, "registry/organisation_history.html", {"organisation": organisation, "changes": changes}
    )


def _answer_invitation(request, organisation, *, accept: bool):
    invitation_id = request.POST.get("invitation", "")
    if not invitation_id.isdecimal():
        raise Http404
    try:
        services.invitation_answer(invitation_id=int(invitation_id), user=request.user, accept=accept)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        if accept:
            messages.success(request, _("You have joined the organisation."))
        else:
            messages.success(request, _("The invitation is declined."))
    return redirect(organisation)


def _leave(request, organisation):
    """A person leaves an organisation, or withdraws their request to join it."""
    membership = (
        Membership.objects.filter(user=request.user, organisation=organisation)
        .exclude(status=Membership.Status.DECLINED)
        .first()
    )
    if membership is None:  # sent twice, or from a page older than their leaving
        messages.info(request, _("You are not in this organisation."))
        return redirect(organisation)
    pending = membership.status == Membership.Status.PENDING
    try:
        services.membership_remove(membership=membership, by=request.user)
    except DomainError as error:
        if error.code == errors.LAST_ADMIN:
            messages.error(
                request,
                _(
                    "You are its only administrator: first make another person an administrator on the members "
                    "page, then leave."
                ),
            )
        else:
            messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your request to join is withdrawn.") if pending else _("You have left the organisation."),
        )
    return redirect(organisation)


@login_required
@require_POST
def organisation_join(request, bin):
    """A person's own place in an organisation: ask to join it, or (`action=leave`) leave it or withdraw the
    request."""
    organisation = get_object_or_404(Organisation, bin=bin)
    action = request.POST.get("action")
    if action == "leave":
        return _leave(request, organisation)
    if action in {"accept_invitation", "decline_invitation"}:
        return _answer_invitation(request, organisation, accept=action == "accept_invitation")
    form = JoinForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        services.membership_request(organisation=organisation, user=request.user, message=message)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Your request is sent. The organisation's administrators will answer it.")
        )
    return redirect(organisation)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_members(request, bin):
    organisation = get_object_or_404(Organisation, bin=bin)
    require(can_manage_members(request.user, organisation))
    invite_form = InviteForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "invite":
            invite_form = InviteForm(request.POST)
            if invite_form.is_valid():
                try:
                    invitation = services.invitation_send(
                        organisation=organisation, by=request.user, **invite_form.cleaned_data
                    )
                except DomainError as error:
                    form_error(invite_form, error)
                else:
                    messages.success(
                        request,
                        _("The invitation is sent to %(email)s. It waits below until they answer it.")
                        % {"email": invitation.email},
                    )
                    return redirect("registry:organisation_members", bin=organisation.bin)
        else:
            confirmation = _members_action(request, organisation, action)
            if confirmation is not None:
                return confirmation
            if not can_manage_members(request.user, organisation):  # stepped down or left: the page is closed
                return redirect(organisation)
            return redirect("registry:organisation_members", bin=organisation.bin)
    context = {
        "organisation": organisation,
        "active": selectors.organisation_people(organisation=organisation),
        "pending": selectors.organisation_people(organisation=organisation, status=Membership.Status.PENDING),
        "invitations": selectors.invitations_of(organisation=organisation),
        "invite_form": invite_form,
    }
    return render(
        request, "registry/organisation_members.html", context, status=400 if invite_form.errors else 200
    )


def _members_action(request, organisation: Organisation, action: str | None) -> HttpResponse | None:
    """An administrator's answer to a request, change of a role, removal, or withdrawal of an invitation; what
    happened is said in a message. Her own stepping down or leaving is first asked (the page returned)."""
    if action == "withdraw_invitation":
        invitation_id = request.POST.get("invitation", "")
        if not invitation_id.isdecimal():
            raise Http404
        invitation = organisation.invitations.filter(pk=int(invitation_id)).first()
        if invitation is None:  # withdrawn or answered meanwhile
            messages.info(request, str(errors.MESSAGES[errors.INVITATION_GONE]))
            return None
        try:
            services.invitation_withdraw(invitation=invitation, by=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The invitation is withdrawn."))
        return None
    membership_id = request.POST.get("membership", "")
    if not membership_id.isdecimal() or len(membership_id) > 18:  # forged or garbled (past any id): not a 500
        raise Http404
    membership = Membership.objects.filter(pk=int(membership_id), organisation=organisation).first()
    if membership is None:  # removed meanwhile (another tab, another administrator): not a "page not found"
        messages.info(request, _("This person is no longer in the organisation."))
        return None
    own_step_down = _is_own_step_down(request, membership, action)
    if own_step_down and request.POST.get("confirm") != "yes":
        return render(
            request,
            "registry/organisation_members_confirm.html",
            {"organisation": organisation, "membership": membership, "action": action},
        )
    try:
        if action in {"accept", "decline"}:
            services.membership_decide(membership=membership, by=request.user, accept=action == "accept")
            messages.success(request, _("The request is answered."))
        elif action in {"make_admin", "make_member"}:
            role = Membership.Role.ADMIN if action == "make_admin" else Membership.Role.MEMBER
            services.membership_set_role(membership=membership, by=request.user, role=role)
            if own_step_down:
                messages.success(
                    request, _("You are now a member of the organisation, no longer its administrator.")
                )
            else:
                messages.success(request, _("The role is changed."))
        elif action == "remove":
            services.membership_remove(membership=membership, by=request.user)
            if own_step_down:
                messages.success(request, _("You have left the organisation."))
            else:
                messages.success(request, _("The person is removed from the organisation."))
        else:
            messages.error(request, _("Unknown action."))
    except DomainError as error:
        messages.error(request, str(error))
    return None


def _is_own_step_down(request, membership: Membership, action: str | None) -> bool:
    """Whether this step is an administrator demoting or removing herself, and would go through: one click took
    her rights away. A platform administrator keeps managing the organisation; the last administrator is refused
    at once, without being asked first."""
    return (
        action in {"make_member", "remove"}
        and membership.user_id == request.user.pk
        and membership.role == Membership.Role.ADMIN
        and membership.status == Membership.Status.ACTIVE
        and not is_platform_admin(request.user)
        and not selectors.is_last_administrator(membership=membership)
    )


@require_GET
@public_page(topics=lambda request: ["registry"], params=("page", "region", "kind"))
def bodies(request):
    form = BodyFilterForm(request.GET or None)
    form.is_valid()  # a filter refused (a stale link's region) is dropped alone, and the form says why
    filters = getattr(form, "cleaned_data", {})
    results = selectors.bodies_list(
        query=filters.get("q", ""), region=filters.get("region", ""), kind=filters.get("kind", "")
    )
    if form.is_bound and "q" in form.errors:  # a search refused (too long): said beside the box, none found
        results = results.none()
    query_string = request.GET.copy()
    query_string.pop("page", None)
    return render(
        request,
        "registry/bodies.html",
        {"form": form, "page": _page(request, results, 30), "query_string": query_string.urlencode()},
    )


@require_GET
@public_page(topics=lambda request, code: ["registry", "surveys"])  # its consultations too
def body_detail(request, code):
    body = get_object_or_404(GovernmentBody.objects.select_related("region", "parent"), code=code)
    children = body.children.only("code", "parent", *selectors.NAME_FIELDS).order_by("name_ru")  # a link each
    return render(request, "registry/body_detail.html", {"body": body, "children": children})
