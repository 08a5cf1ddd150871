"""Pages of applications: the editor with its sections, submission, versions and their diff, withdrawal,
the operator's clarification request, and near-duplicates."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from azamat.core.errors import DomainError
from azamat.core.files import private_file_response
from azamat.grants import selectors
from azamat.grants.forms import (
    FORMSETS,
    AttachmentForm,
    ClarificationForm,
    ProjectForm,
    formset_changes,
    row_initial,
)
from azamat.grants.models import Application, Attachment, SimilarityFlag
from azamat.grants.permissions import (
    can_check_compliance,
    can_edit_application,
    can_see_similarity,
    can_view_application,
    can_withdraw_application,
    is_member_of,
)
from azamat.grants.services import application_files, similarity
from azamat.grants.services import applications as services
from azamat.grants.services.application_versions import version_diff
from azamat.grants.services.eligibility import submission_check

SAVED = {
    "activities": gettext_lazy("The activities are saved."),
    "budget": gettext_lazy("The budget is saved."),
    "indicators": gettext_lazy("The indicators are saved."),
}


def _require(decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def _application(request, pk) -> Application:
    try:
        application = selectors.application_editor(pk=pk)
    except Application.DoesNotExist as exc:
        raise Http404(_("No such application.")) from exc
    _require(can_view_application(request.user, application))
    return application


def _editable(request, pk) -> Application:
    application = _application(request, pk)
    _require(can_edit_application(request.user, application))
    return application


def _back(application: Application, anchor: str):
    return redirect(f"{application.get_absolute_url()}#{anchor}")


def _editor(
    request,
    application: Application,
    *,
    bound: dict | None = None,
    errors: dict | None = None,
    status: int = 200,
):
    """The editor page; `bound` replaces a section's form with the submitted one when it has errors."""
    editable = can_edit_application(request.user, application)
    forms = {
        "project_form": ProjectForm(instance=application),
        "attachment_form": AttachmentForm(grant_type=application.call.grant_type),
        **{
            f"{section}_formset": formset(
                prefix=section, initial=row_initial(section, getattr(application, relation).all())
            )
            for section, formset, relation in [
                ("activities", FORMSETS["activities"], "activities"),
                ("budget", FORMSETS["budget"], "budget_lines"),
                ("indicators", FORMSETS["indicators"], "indicators"),
            ]
        },
    }
    forms.update(bound or {})
    months, timeline = selectors.activity_timeline(application)
    context = {
        "application": application,
        "editable": editable,
        "frozen_reason": "" if editable else services.frozen_reason(application),
        "is_member": is_member_of(request.user, application.organisation),
        "can_withdraw": can_withdraw_application(request.user, application),
        "can_clarify": can_check_compliance(request.user)
        and application.status == Application.Status.SUBMITTED,
        "clarification_form": ClarificationForm(),
        "clarification": selectors.latest_clarification(application),
        "budget": selectors.budget_summary(application),
        "months": months,
        "timeline": timeline,
        "documents": selectors.documents_checklist(application),
        "failures": submission_check(application) if editable else [],
        "errors": errors or {},
        **forms,
    }
    return render(request, "grants/applications/editor.html", context, status=status)


@login_required
@require_GET
def application_list(request):
    applications = selectors.applications_visible_to(user=request.user).order_by("-updated_at")
    page = Paginator(applications, 30).get_page(request.GET.get("page"))
    return render(request, "grants/applications/list.html", {"page": page})


@login_required
@require_GET
def application_detail(request, pk):
    return _editor(request, _application(request, pk))


@login_required
@require_POST
def application_project(request, pk):
    application = _editable(request, pk)
    form = ProjectForm(request.POST, instance=copy.copy(application))
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.PROJECT_FIELDS}
        try:
            services.application_update(
                application=application, by=request.user, data=data, loaded_at=form.cleaned_data["loaded_at"]
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("The project section is saved."))
            return _back(application, "project")
    return _editor(request, application, bound={"project_form": form}, status=400)


def _rows(request, pk, section: str):
    application = _editable(request, pk)
    formset = FORMSETS[section](request.POST, prefix=section)
    errors = {}
    if formset.is_valid():
        rows, delete = formset_changes(formset)
        try:
            services.application_rows_save(
                application=application, by=request.user, section=section, rows=rows, delete=delete
            )
        except DomainError as error:
            errors[section] = str(error)
        else:
            messages.success(request, SAVED[section])
            return _back(application, section)
    return _editor(request, application, bound={f"{section}_formset": formset}, errors=errors, status=400)


@login_required
@require_POST
def application_activities(request, pk):
    return _rows(request, pk, "activities")


@login_required
@require_POST
def application_budget(request, pk):
    return _rows(request, pk, "budget")


@login_required
@require_POST
def application_indicators(request, pk):
    return _rows(request, pk, "indicators")


@login_required
@require_POST
def attachment_upload(request, pk):
    application = _editable(request, pk)
    form = AttachmentForm(request.POST, request.FILES, grant_type=application.call.grant_type)
    if form.is_valid():
        try:
            application_files.attachment_add(
                application=application,
                by=request.user,
                upload=form.cleaned_data["file"],
                document_code=form.cleaned_data["document_code"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("The file is attached."))
            return _back(application, "attachments")
    return _editor(request, application, bound={"attachment_form": form}, status=400)


@login_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    application = _editable(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    try:
        application_files.attachment_remove(attachment=attachment, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The file is removed."))
    return _back(application, "attachments")


@login_required
@require_GET
def attachment_download(request, pk, attachment_pk):
    application = _application(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    return private_file_response(
        request,
        attachment.file,
        filename=attachment.original_name,
        as_attachment=True,
        content_type=attachment.content_type,
    )


@login_required
@require_POST
def application_submit(request, pk):
    application = _editable(request, pk)
    try:
        application = services.application_submit(application=application, by=request.user)
    except services.SubmissionRefused as error:
        return _editor(
            request, application, errors={"submit": [f.message for f in error.failures]}, status=400
        )
    except DomainError as error:
        return _editor(request, application, errors={"submit": [str(error)]}, status=400)
    messages.success(
        request,
        _(
            "The application is submitted as %(number)s. It is frozen now; the operator "
            "checks it within 10 working days."
        )
        % {"number": application.number},
    )
    return redirect(application)


@login_required
@require_POST
def application_withdraw(request, pk):
    application = _application(request, pk)
    _require(can_withdraw_application(request.user, application))
    try:
        services.application_withdraw(application=application, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The application is withdrawn."))
    return redirect(application)


@login_required
@require_POST
def application_clarification(request, pk):
    application = _application(request, pk)
    _require(can_check_compliance(request.user))
    form = ClarificationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write what the applicant should clarify."))
        return redirect(application)
    try:
        services.application_request_clarification(
            application=application, by=request.user, message=form.cleaned_data["message"]
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The applicant is asked to clarify and has been emailed."))
    return redirect(application)


@login_required
@require_GET
def application_versions(request, pk):
    application = _application(request, pk)
    versions = list(application.versions.all())
    by_number = {v.number: v for v in versions}
    numbers = sorted(by_number)

    def chosen(name, default):
        value = request.GET.get(name, "")
        return int(value) if value.isdigit() and int(value) in by_number else default

    new = chosen("new", numbers[-1] if numbers else None)
    old = chosen("old", numbers[-2] if len(numbers) > 1 else None)
    diff = version_diff(by_number[old].snapshot, by_number[new].snapshot) if old and new else None
    context = {
        "application": application,
        "versions": versions,
        "old": by_number.get(old),
        "new": by_number.get(new),
        "diff": diff,
    }
    return render(request, "grants/applications/versions.html", context)


@login_required
@require_GET
def similarity_list(request):
    _require(can_see_similarity(request.user))
    shown = request.GET.get("show", "new")
    flags = selectors.similarity_flags(reviewed=None if shown == "all" else False)
    page = Paginator(flags, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "grants/applications/similarity_list.html",
        {"page": page, "shown": shown, "query_string": f"show={shown}"},
    )


@login_required
@require_GET
def similarity_detail(request, pk):
    _require(can_see_similarity(request.user))
    flag = get_object_or_404(selectors.similarity_flags(), pk=pk)
    texts = similarity.application_texts([flag.application_id, flag.similar_to_id])
    sides = [
        (
            flag.application,
            similarity.marked_sentences(
                texts.get(flag.application_id, ""), [s for p in flag.passages for s in p["application"]]
            ),
        ),
        (
            flag.similar_to,
            similarity.marked_sentences(
                texts.get(flag.similar_to_id, ""), [s for p in flag.passages for s in p["similar_to"]]
            ),
        ),
    ]
    context = {"flag": flag, "sides": sides}
    return render(request, "grants/applications/similarity_detail.html", context)


@login_required
@require_POST
def similarity_reviewed(request, pk):
    flag = get_object_or_404(SimilarityFlag, pk=pk)
    try:
        similarity.similarity_flag_review(flag=flag, by=request.user)
    except DomainError as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, _("Marked as reviewed."))
    return redirect("grants:similarity")


urlpatterns = [
    path("applications/", application_list, name="applications"),
    path("applications/<int:pk>/", application_detail, name="application"),
    path("applications/<int:pk>/project/", application_project, name="application_project"),
    path("applications/<int:pk>/activities/", application_activities, name="application_activities"),
    path("applications/<int:pk>/budget/", application_budget, name="application_budget"),
    path("applications/<int:pk>/indicators/", application_indicators, name="application_indicators"),
    path("applications/<int:pk>/attachments/", attachment_upload, name="application_attachment_upload"),
    path(
        "applications/<int:pk>/attachments/<int:attachment_pk>/",
        attachment_download,
        name="application_attachment",
    ),
    path(
        "applications/<int:pk>/attachments/<int:attachment_pk>/delete/",
        attachment_delete,
        name="application_attachment_delete",
    ),
    path("applications/<int:pk>/submit/", application_submit, name="application_submit"),
    path("applications/<int:pk>/withdraw/", application_withdraw, name="application_withdraw"),
    path("applications/<int:pk>/clarification/", application_clarification, name="application_clarification"),
    path("applications/<int:pk>/versions/", application_versions, name="application_versions"),
    path("similarity/", similarity_list, name="similarity"),
    path("similarity/<int:pk>/", similarity_detail, name="similarity_flag"),
    path("similarity/<int:pk>/reviewed/", similarity_reviewed, name="similarity_reviewed"),
]
