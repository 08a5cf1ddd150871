"""A council's management, for its secretaries and platform administrators: the record, publication, members
(joining under the composition rules, leaving with a date), committees, secretaries, documents, meetings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.core.collation import sorted_alphabetically
from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require
from azamat.councils import errors, selectors
from azamat.councils.forms import (
    CommitteeForm,
    CouncilForm,
    DocumentForm,
    MeetingForm,
    MemberAddForm,
    MemberEditForm,
    MemberLeaveForm,
    SecretaryForm,
)
from azamat.councils.models import Council, Member
from azamat.councils.permissions import can_appoint_secretary, can_create_council, can_manage_council
from azamat.councils.services import councils as council_services
from azamat.councils.services import meetings as meeting_services
from azamat.councils.services import members as member_services


def _managed(request, pk) -> Council:
    council = get_object_or_404(Council.objects.select_related("body", "region"), pk=pk)
    require(can_manage_council(request.user, council))
    return council


def _manage_page(request, council, **forms):
    current, former = selectors.council_members(council)
    rule = selectors.composition_rule(council.level)
    context = {
        "council": council,
        "proposals_waiting": council.proposals.filter(status="submitted").count(),
        "current": current,
        "former": former,
        "rule": rule,
        "problems": member_services.composition_problems(council),
        "committees": sorted_alphabetically(council.committees.all(), key=lambda c: c.name),
        "secretaries": list(council.secretaries.select_related("user").order_by("user__full_name", "pk")),
        "can_appoint": bool(can_appoint_secretary(request.user, council)),
        "meetings": list(selectors.council_meetings(council, public=False)[:50]),
        "documents": list(selectors.council_documents(council, public=False)),
        "council_form": forms.get("council_form") or CouncilForm(instance=council),
        "member_form": forms.get("member_form") or MemberAddForm(council=council),
        "committee_form": forms.get("committee_form") or CommitteeForm(),
        "secretary_form": forms.get("secretary_form") or SecretaryForm(),
        "document_form": forms.get("document_form") or DocumentForm(),
        "meeting_form": forms.get("meeting_form") or MeetingForm(),
    }
    failed = any(form.errors for form in forms.values() if form is not None)
    return render(request, "councils/manage.html", context, status=400 if failed else 200)


@login_required
@require_GET
def mine(request):
    """The councils this person keeps (every council for a platform administrator)."""
    councils = list(selectors.councils_managed_by(request.user))
    return render(
        request,
        "councils/mine.html",
        {"councils": councils, "can_create": bool(can_create_council(request.user))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_create(request):
    require(can_create_council(request.user))
    form = CouncilForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            council = council_services.council_create(by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The council is added; add its members, then publish it."))
            return redirect("councils:manage", pk=council.pk)
    status = 400 if form.errors else 200
    return render(request, "councils/create.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def manage(request, pk):
    """The council's management page; a POST saves its record."""
    council = _managed(request, pk)
    if request.method == "GET":
        return _manage_page(request, council)
    form = CouncilForm(request.POST, instance=Council.objects.get(pk=council.pk))
    if form.is_valid():
        try:
            council_services.council_update(council=council, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The council's record is saved."))
            return redirect("councils:manage", pk=council.pk)
    return _manage_page(request, council, council_form=form)


@login_required
@require_POST
def publish(request, pk):
    council = _managed(request, pk)
    try:
        council_services.council_publish(council=council, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The council is published on the public pages."))
    return redirect("councils:manage", pk=council.pk)


@login_required
@require_POST
def member_add(request, pk):
    council = _managed(request, pk)
    form = MemberAddForm(request.POST, council=council)
    if form.is_valid():
        data = form.cleaned_data
        try:
            member = member_services.member_add(
                council=council,
                full_name=data["full_name"],
                represents=data["represents"],
                joined_on=data["joined_on"],
                role=data["role"],
                user=data["email"],
                organisation=data["organisation_bin"],
                state_body=data["state_body"],
                position=data["position"],
                committees=data.get("committees") or (),
                by=request.user,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("%(person)s joined the council.") % {"person": member.full_name})
            return redirect("councils:manage", pk=council.pk)
    return _manage_page(request, council, member_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, pk, member_pk):
    """A current member's role, position and committees."""
    council = _managed(request, pk)
    # A member who left (from another tab, say) gets the reason instead of "page not found".
    member = get_object_or_404(Member, pk=member_pk, council=council)
    form = MemberEditForm(request.POST if request.method == "POST" else None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            member_services.member_change(member=member, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The member's seat is saved."))
            return redirect("councils:manage", pk=council.pk)
    context = {"council": council, "member": member, "form": form}
    return render(request, "councils/member_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def member_leave(request, pk, member_pk):
    council = _managed(request, pk)
    member = get_object_or_404(Member, pk=member_pk, council=council)
    form = MemberLeaveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            member_services.member_leave(
                member=member,
                left_on=form.cleaned_data["left_on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("%(person)s left the council.") % {"person": member.full_name})
            return redirect("councils:manage", pk=council.pk)
    context = {"council": council, "member": member, "form": form}
    return render(request, "councils/member_leave.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def committee_add(request, pk):
    council = _managed(request, pk)
    form = CommitteeForm(request.POST)
    if form.is_valid():
        try:
            member_services.committee_add(council=council, by=request.user, **form.cleaned_data)
        except DomainError as error:
            if error.code == errors.COMMITTEE_EXISTS and selectors.twin_committee(
                council=council, **form.cleaned_data
            ):
                # Sent again (the back button, a double tap): the committee added the first time is the answer.
                messages.info(request, _("The council already has this committee."))
                return redirect("councils:manage", pk=council.pk)
            form_error(form, error)
        else:
            messages.success(request, _("The committee is added."))
            return redirect("councils:manage", pk=council.pk)
    return _manage_page(request, council, committee_form=form)


@login_required
@require_POST
def secretary_add(request, pk):
    council = _managed(request, pk)
    require(can_appoint_secretary(request.user, council))
    form = SecretaryForm(request.POST)
    if form.is_valid():
        try:
            council_services.secretary_appoint(
                council=council, user=form.cleaned_data["email"], by=request.user
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The secretary is appointed."))
            return redirect("councils:manage", pk=council.pk)
    return _manage_page(request, council, secretary_form=form)


@login_required
@require_POST
def document_add(request, pk):
    council = _managed(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            council_services.document_add(
                council=council,
                title=data["title"],
                kind=data["kind"],
                upload=data["file"],
                is_public=data["is_public"],
                by=request.user,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The document is added."))
            return redirect("councils:manage", pk=council.pk)
    return _manage_page(request, council, document_form=form)


@login_required
@require_POST
def meeting_schedule(request, pk):
    council = _managed(request, pk)
    form = MeetingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            meeting = meeting_services.meeting_schedule(
                council=council,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                online_url=data["online_url"],
                agenda=form.agenda_lines(),
                by=request.user,
            )
        except DomainError as error:
            twin = selectors.twin_meeting(council=council, starts_at=data["starts_at"])
            if error.code == errors.MEETING_EXISTS and twin is not None:
                # Sent again (the back button, a double tap): the meeting scheduled the first time is the answer.
                messages.info(request, str(error))
                return redirect("councils:meeting_manage", pk=council.pk, meeting_pk=twin.pk)
            form_error(form, error)
        else:
            warnings = [
                warning
                for warning in (
                    selectors.day_off_warning(meeting.starts_at),
                    selectors.term_warning(council, meeting.starts_at),
                )
                if warning
            ]
            for warning in warnings:
                messages.warning(request, warning)
            if not warnings:
                messages.success(request, _("The meeting is scheduled."))
            return redirect("councils:meeting_manage", pk=council.pk, meeting_pk=meeting.pk)
    return _manage_page(request, council, meeting_form=form)


urlpatterns = [
    path("mine/", mine, name="mine"),
    path("new/", council_create, name="create"),
    path("<int:pk>/manage/", manage, name="manage"),
    path("<int:pk>/manage/publish/", publish, name="publish"),
    path("<int:pk>/manage/members/", member_add, name="member_add"),
    path("<int:pk>/manage/members/<int:member_pk>/", member_edit, name="member_edit"),
    path("<int:pk>/manage/members/<int:member_pk>/leave/", member_leave, name="member_leave"),
    path("<int:pk>/manage/committees/", committee_add, name="committee_add"),
    path("<int:pk>/manage/secretaries/", secretary_add, name="secretary_add"),
    path("<int:pk>/manage/documents/", document_add, name="document_add"),
    path("<int:pk>/manage/meetings/", meeting_schedule, name="meeting_schedule"),
]
