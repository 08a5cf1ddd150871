"""Pages of the registry: the directory, profiles, registering and editing an organisation, its people."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.core.audit import history_of
from azamat.core.errors import DomainError, form_error
from azamat.core.hooks import app_modules
from azamat.core.permissions import require
from azamat.core.public_cache import public_page
from azamat.registry import errors, report_selectors, selectors, services
from azamat.registry.forms import BodyFilterForm, DirectoryFilterForm, JoinForm, OrganisationForm
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
    page = _page(request, report_selectors.with_report_current(results.prefetch_related("areas")))
    query_string = request.GET.copy()
    query_string.pop("page", None)
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
        "members": selectors.alliance_members(organisation=organisation),
        "sections": profile_sections(organisation, user),
        "report_year": report_selectors.report_required_year(),
        "report_current": report_selectors.is_report_current(organisation),
        "report_notices": report_selectors.report_notices(organisation)
        if is_org_member(user, organisation)
        else [],
        "can_see_reports": is_org_member(user, organisation) or is_platform_admin(user),
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
        except DomainError as error:
            form_error(form, error)
            if error.code == errors.EDITED_MEANWHILE:  # shown what they typed; saving it again is a choice
                form.data = form.data.copy()
                form.data["loaded_at"] = organisation.updated_at.isoformat()
        else:
            messages.success(request, _("The profile is saved."))
            return redirect(organisation)
    return render(
        request,
        "registry/organisation_form.html",
        {"form": form, "organisation": organisation},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def organisation_history(request, bin):
    organisation = get_object_or_404(Organisation, bin=bin)
    require(can_edit_organisation(request.user, organisation))
    return render(
        request,
        "registry/organisation_history.html",
        {"organisation": organisation, "changes": history_of(organisation)},
    )


@login_required
@require_POST
def organisation_join(request, bin):
    organisation = get_object_or_404(Organisation, bin=bin)
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
    if request.method == "POST":
        membership_id = request.POST.get("membership", "")
        if not membership_id.isdecimal():  # a forged or garbled form: no such membership, not a 500
            raise Http404
        membership = get_object_or_404(Membership, pk=int(membership_id), organisation=organisation)
        action = request.POST.get("action")
        try:
            if action in {"accept", "decline"}:
                services.membership_decide(membership=membership, by=request.user, accept=action == "accept")
                messages.success(request, _("The request is answered."))
            elif action in {"make_admin", "make_member"}:
                role = Membership.Role.ADMIN if action == "make_admin" else Membership.Role.MEMBER
                services.membership_set_role(membership=membership, by=request.user, role=role)
                messages.success(request, _("The role is changed."))
            elif action == "remove":
                services.membership_remove(membership=membership, by=request.user)
                messages.success(request, _("The person is removed from the organisation."))
            else:
                messages.error(request, _("Unknown action."))
        except DomainError as error:
            messages.error(request, str(error))
        if not can_manage_members(request.user, organisation):  # stepped down or left: the page is closed now
            return redirect(organisation)
        return redirect("registry:organisation_members", bin=organisation.bin)
    context = {
        "organisation": organisation,
        "active": selectors.organisation_people(organisation=organisation),
        "pending": selectors.organisation_people(organisation=organisation, status=Membership.Status.PENDING),
    }
    return render(request, "registry/organisation_members.html", context)


@require_GET
@public_page(topics=lambda request: ["registry"], params=("page", "region", "kind"))
def bodies(request):
    form = BodyFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    results = selectors.bodies_list(
        query=filters.get("q", ""), region=filters.get("region", ""), kind=filters.get("kind", "")
    )
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
