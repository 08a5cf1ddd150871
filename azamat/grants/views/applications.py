"""Pages of applications: the editor with its sections, submission, the PDF, versions and their diff,
withdrawal and the operator's clarification request. Attachments are in `application_files.py`,
near-duplicates in `similarity.py`."""

import copy
import dataclasses
from collections.abc import Iterable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require
from azamat.grants.forms.applications import (
    FORMSETS,
    AttachmentForm,
    ClarificationForm,
    ProjectForm,
    formset_indexed_changes,
    row_initial,
)
from azamat.grants.lifecycle import APPLICATION, can_withdraw_application
from azamat.grants.models import Application
from azamat.grants.permissions import (
    can_check_compliance,
    can_edit_application,
    can_view_application,
    is_member_of,
    is_operator,
)
from azamat.grants.selectors import applications as selectors
from azamat.grants.services import applications as services
from azamat.grants.services.application_pdf import application_pdf as application_pdf_render
from azamat.grants.services.application_versions import version_diff
from azamat.grants.services.eligibility import submission_check
from azamat.registry import document_selectors

SECTIONS = ["project", "activities", "budget", "indicators"]
SAVED = {
    "project": gettext_lazy("The project section is saved."),
    "activities": gettext_lazy("The activities are saved."),
    "budget": gettext_lazy("The budget is saved."),
    "indicators": gettext_lazy("The indicators are saved."),
}
# The editor's sections as its navigation names them, for the summary of what a refusal left undone.
SECTION_TITLES = {
    "project": gettext_lazy("Project"),
    "activities": gettext_lazy("Activities"),
    "budget": gettext_lazy("Budget"),
    "indicators": gettext_lazy("Indicators"),
    "attachments": gettext_lazy("Documents"),
    "submit": gettext_lazy("Submit"),
}
# Each table of the editor and the application's relation that holds its rows.
ROW_SECTIONS = {"activities": "activities", "budget": "budget_lines", "indicators": "indicators"}


def _application(request, pk) -> Application:
    try:
        application = selectors.application_editor(pk=pk)
    except Application.DoesNotExist as exc:
        raise Http404(_("No such application.")) from exc
    require(can_view_application(request.user, application))
    return application


def _editable(request, pk) -> Application:
    application = _application(request, pk)
    require(can_edit_application(request.user, application))
    return application


def _back(application: Application, anchor: str):
    return redirect(f"{application.get_absolute_url()}#{anchor}")


def _decisions(request, application: Application):
    """What was decided on a submitted application, for its `_decisions.html` part; nothing for a draft."""
    if application.status == Application.Status.DRAFT:
        return None
    return selectors.application_decisions(application=application, user=request.user)


def _steps(request, application: Application, *, member: bool) -> dict:
    """The irreversible steps the page offers this person (lifecycle.APPLICATION): withdrawal to the applicant's
    members, with the reason when it is no longer possible (decided); nothing once withdrawn."""
    if not member or application.status == Application.Status.WITHDRAWN:
        return {}
    return APPLICATION.options(application, request.user, "withdraw")


def _fresh_forms(application: Application, *, add_row: str = "") -> dict:
    """Every section's form as saved; `add_row` gives that table one more blank row."""
    forms = {"project_form": ProjectForm(instance=application)}
    for section in ROW_SECTIONS:
        formset = FORMSETS[section](
            prefix=section, initial=row_initial(section, getattr(application, ROW_SECTIONS[section]).all())
        )
        if section == add_row:
            formset.extra += 1
        forms[f"{section}_formset"] = formset
    return forms


def _documents_with_offers(application: Application, *, editable: bool) -> list[tuple]:
    """The documents checklist, each required document with the organisation's file of that kind kept on its
    profile (the charter, the registration certificate) offered in place of an upload while none is attached."""
    on_file = document_selectors.current_documents(organisation=application.organisation) if editable else {}
    return [
        (code, name, files, None if files or code == "other" else on_file.get(code))
        for code, name, files in selectors.documents_checklist(application)
    ]


def _editor(
    request,
    application: Application,
    *,
    bound: dict | None = None,
    errors: dict | None = None,
    unsaved: Iterable[str] = (),
    add_row: str = "",
    status: int = 200,
):
    """The editor page; `bound` replaces a section's form with the submitted one when it has errors, and
    `unsaved` names the sections whose typed text is on the page but not saved yet."""
    editable = can_edit_application(request.user, application)
    member = is_member_of(request.user, application.organisation)
    forms = {
        **_fresh_forms(application, add_row=add_row if add_row in ROW_SECTIONS else ""),
        "attachment_form": AttachmentForm(grant_type=application.call.grant_type),
    }
    forms.update(bound or {})
    # What a refused save, upload or submission left undone, summarised at the top of the page: on a
    # phone the field that says why may be many screens below (the forms post to an anchor near it).
    refused = [*unsaved]
    if (attachment := (bound or {}).get("attachment_form")) is not None and attachment.errors:
        refused.append("attachments")
    if (errors or {}).get("submit"):
        refused.append("submit")
    months, timeline = selectors.activity_timeline(application)
    context = {
        "application": application,
        "editable": editable,
        "frozen_reason": "" if editable else services.frozen_reason(application),
        "is_member": member,
        "steps": _steps(request, application, member=member),
        "can_clarify": can_check_compliance(request.user)
        and application.status == Application.Status.SUBMITTED,
        "can_download_pdf": _can_download_pdf(request.user, application),
        "clarification_form": ClarificationForm(),
        "clarification": selectors.latest_clarification(application),
        "budget": selectors.budget_summary(application),
        "months": months,
        "timeline": timeline,
        "documents": _documents_with_offers(application, editable=editable),
        "decisions": _decisions(request, application),
        "failures": submission_check(application) if editable else [],
        "errors": errors or {},
        "unsaved": set(unsaved),
        "refused": [(section, SECTION_TITLES[section]) for section in refused],
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
    return _editor(request, _application(request, pk), add_row=request.GET.get("add", ""))


@dataclasses.dataclass
class Saving:
    """What one post of the editor did: the sections saved, the forms that keep their errors (bound to
    what was typed), and the ids the page's new rows got (or lost, for removed rows)."""

    application: Application
    saved: list[str] = dataclasses.field(default_factory=list)
    bound: dict = dataclasses.field(default_factory=dict)
    errors: dict = dataclasses.field(default_factory=dict)
    row_ids: dict = dataclasses.field(default_factory=dict)
    loaded_at: str = ""


def _save_sections(request, application: Application, sections: Iterable[str]) -> Saving:
    """Save every posted section that is valid; the others keep what was typed, with their errors.

    Nothing typed is dropped: a section with an error does not stop the others from being saved. A section
    missing from the post (a forged or broken one) is invalid like an empty form, never taken as "no change".
    """
    data = request.POST.copy()
    saving = Saving(application=application)
    was_current = data.get("loaded_at", "") == application.updated_at.isoformat()
    for section in sections:
        if section == "project":
            _save_project(request, application, data, saving)
        else:
            _save_rows(request, application, data, section, saving)
    if saving.saved:
        saving.application = selectors.application_editor(pk=application.pk)
    saving.loaded_at = saving.application.updated_at.isoformat()
    if was_current and "project_form" in saving.bound:
        # Our own saves of the other sections moved the moment on; the text kept here is not stale.
        data["loaded_at"] = saving.loaded_at
    return saving


def _save_project(request, application: Application, data, saving: Saving) -> None:
    form = ProjectForm(data, instance=copy.copy(application))
    if form.is_valid() and not [name for name in form.changed_data if name != "loaded_at"]:
        return  # nothing typed here: no write, and no newer moment to make another tab's save stale
    if form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.PROJECT_FIELDS}
        try:
            services.application_update(
                application=application,
                by=request.user,
                data=values,
                loaded_at=form.cleaned_data["loaded_at"],
            )
        except DomainError as error:
            form_error(form, error)
            if error.code == services.STALE:
                # Told once, with a link to the other person's text; saving again keeps theirs in the history
                # and puts this person's in its place.
                data["loaded_at"] = application.updated_at.isoformat()
                saving.errors["stale"] = True
        else:
            saving.saved.append("project")
            return
    saving.bound["project_form"] = form


def _save_rows(request, application: Application, data, section: str, saving: Saving) -> None:
    formset = FORMSETS[section](data, prefix=section)
    if formset.is_valid():
        stored = row_initial(section, getattr(application, ROW_SECTIONS[section]).all())
        rows, delete = formset_indexed_changes(formset, stored)
        if not rows and not delete:
            return
        try:
            ids = services.application_rows_save(
                application=application,
                by=request.user,
                section=section,
                rows=[row for _index, row in rows],
                delete=[pk for _index, pk in delete],
            )
        except DomainError as error:
            saving.errors[section] = str(error)
        else:
            saving.saved.append(section)
            saving.row_ids[section] = [(index, pk) for (index, _row), pk in zip(rows, ids, strict=True)] + [
                (index, "") for index, _pk in delete
            ]
            return
    saving.bound[f"{section}_formset"] = formset


def _after_save(request, application: Application, saving: Saving, *, anchor: str, add_row: str = ""):
    """Back to the editor: a redirect when everything is saved, else the page with what was typed."""
    unsaved = [s for s in SECTIONS if f"{s}_form" in saving.bound or f"{s}_formset" in saving.bound]
    if not unsaved:
        # The button's own section is saved too when autosave got there first: say so.
        done = saving.saved + (
            [anchor] if anchor in SAVED and anchor not in saving.saved and not add_row else []
        )
        for section in done:
            messages.success(request, SAVED[section])
        target = saving.application.get_absolute_url()
        if add_row in ROW_SECTIONS:
            return redirect(f"{target}?{urlencode({'add': add_row})}#{add_row}")
        return redirect(f"{target}#{anchor}")
    if add_row in ROW_SECTIONS and f"{add_row}_formset" in saving.bound:
        # One more blank row in a table that is re-shown as typed: the posted count grows by one.
        formset = saving.bound[f"{add_row}_formset"]
        data = formset.data.copy()
        data[f"{add_row}-TOTAL_FORMS"] = str(formset.total_form_count() + 1)
        saving.bound[f"{add_row}_formset"] = FORMSETS[add_row](data, prefix=add_row)
    if saving.saved:
        messages.info(request, _("The complete sections are saved. Correct the marked fields in the others."))
    return _editor(
        request,
        saving.application,
        bound=saving.bound,
        errors=saving.errors,
        unsaved=unsaved,
        add_row=add_row,
        status=400,
    )


@login_required
@require_POST
def application_save(request, pk):
    """The editor's one form: any of its buttons saves every section, so nothing typed is lost."""
    application = _editable(request, pk)
    add_row = request.POST.get("add_row", "")
    anchor = request.POST.get("save", "")
    saving = _save_sections(request, application, SECTIONS)
    return _after_save(
        request,
        application,
        saving,
        anchor=anchor if anchor in SECTIONS else "project",
        add_row=add_row if add_row in ROW_SECTIONS else "",
    )


@login_required
@require_POST
def application_autosave(request, pk, section):
    """One section saved a moment after the applicant stops typing: a status line, or its errors."""
    if section not in SECTIONS:
        raise Http404(_("No such section."))
    application = _editable(request, pk)
    saving = _save_sections(request, application, [section])
    bound = saving.bound.get(f"{section}_form") or saving.bound.get(f"{section}_formset")
    context = {
        "section": section,
        # Saved now, or nothing to save: either way, what the section shows is what is stored.
        "saved": bound is None and section not in saving.errors,
        "saved_at": timezone.localtime(saving.application.updated_at),
        "problems": _problems(bound, saving.errors.get(section)),
        "row_ids": [
            (f"id_{section}-{index}-id", f"{section}-{index}-id", pk)
            for index, pk in saving.row_ids.get(section, [])
        ],
        "loaded_at": saving.loaded_at,
        "refresh_loaded_at": section in saving.saved
        and request.POST.get("loaded_at", "") == application.updated_at.isoformat(),
    }
    return render(request, "grants/applications/_autosave.html", context)


def _problems(bound, error: str | None) -> list[str]:
    """A section's errors as lines to read in the status next to it."""
    lines = [error] if error else []
    if bound is None:
        return lines
    if hasattr(bound, "forms"):
        lines += [str(e) for e in bound.non_form_errors()]
        for number, form in enumerate(bound.forms, start=1):
            for name, field_errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                for message in field_errors:
                    lines.append(
                        _("Row %(row)s, %(field)s: %(message)s")
                        % {"row": number, "field": label, "message": message}
                        if label
                        else _("Row %(row)s: %(message)s") % {"row": number, "message": message}
                    )
        return lines
    for name, field_errors in bound.errors.items():
        label = bound.fields[name].label if name in bound.fields else ""
        lines += [f"{label}: {message}" if label else str(message) for message in field_errors]
    return lines


def _one_section(request, pk, section: str):
    """The older one-section addresses: they save what they carry, through the same path."""
    application = _editable(request, pk)
    saving = _save_sections(request, application, [section])
    return _after_save(request, application, saving, anchor=section)


@login_required
@require_POST
def application_project(request, pk):
    return _one_section(request, pk, "project")


@login_required
@require_POST
def application_activities(request, pk):
    return _one_section(request, pk, "activities")


@login_required
@require_POST
def application_budget(request, pk):
    return _one_section(request, pk, "budget")


@login_required
@require_POST
def application_indicators(request, pk):
    return _one_section(request, pk, "indicators")


@login_required
@require_POST
def application_submit(request, pk):
    """Submission is irreversible: without the check page's confirmation, show that page instead."""
    application = _application(request, pk)
    if _already_submitted(request.user, application):
        # The check page again through Back, or a second tap: the application, not a refusal.
        messages.info(
            request,
            _("This application is already submitted as %(number)s; nothing was sent again.")
            % {"number": application.number},
        )
        return redirect(application)
    require(can_edit_application(request.user, application))
    if request.POST.get("confirm") != "yes":
        return _check_answers(request, application)
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


def _already_submitted(user, application: Application) -> bool:
    """A member's application that is submitted and waits or is decided, not withdrawn nor reopened."""
    return (
        bool(application.number)
        and not application.is_editable
        and application.status != Application.Status.WITHDRAWN
        and is_member_of(user, application.organisation)
    )


def _check_answers(request, application: Application):
    """Every section as it will be submitted, each with a link back to change it, then "Submit"."""
    context = {
        "application": application,
        "budget": selectors.budget_summary(application),
        "documents": selectors.documents_checklist(application),
        "failures": submission_check(application),
    }
    return render(request, "grants/applications/check.html", context)


def _can_download_pdf(user, application: Application) -> bool:
    """The submitted application as a PDF is for its organisation's members and the operator."""
    if not application.submitted_at:
        return False
    return is_member_of(user, application.organisation) or is_operator(user)


@login_required
@require_GET
def application_pdf(request, pk):
    application = _application(request, pk)
    if not _can_download_pdf(request.user, application):
        if not application.submitted_at:
            raise Http404(_("The application is not submitted yet; its PDF is made on submission."))
        raise PermissionDenied(
            _("Only the organisation's members and the operator can download the application.")
        )
    content = application_pdf_render(application)
    response = HttpResponse(content, content_type="application/pdf")
    name = slugify(application.number or str(application.pk)) or str(application.pk)
    response["Content-Disposition"] = f'attachment; filename="application-{name}.pdf"'
    return response


@login_required
@require_POST
def application_withdraw(request, pk):
    """Withdrawal cannot be undone: without the confirmation, the page that asks for it."""
    application = _application(request, pk)
    require(can_withdraw_application(request.user, application))
    if request.POST.get("confirm") != "yes":
        return render(request, "grants/applications/withdraw.html", {"application": application})
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
    require(can_check_compliance(request.user))
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


urlpatterns = [
    path("applications/", application_list, name="applications"),
    path("applications/<int:pk>/", application_detail, name="application"),
    path("applications/<int:pk>/save/", application_save, name="application_save"),
    path("applications/<int:pk>/autosave/<slug:section>/", application_autosave, name="application_autosave"),
    path("applications/<int:pk>/project/", application_project, name="application_project"),
    path("applications/<int:pk>/activities/", application_activities, name="application_activities"),
    path("applications/<int:pk>/budget/", application_budget, name="application_budget"),
    path("applications/<int:pk>/indicators/", application_indicators, name="application_indicators"),
    path("applications/<int:pk>/submit/", application_submit, name="application_submit"),
    path("applications/<int:pk>/pdf/", application_pdf, name="application_pdf"),
    path("applications/<int:pk>/withdraw/", application_withdraw, name="application_withdraw"),
    path("applications/<int:pk>/clarification/", application_clarification, name="application_clarification"),
    path("applications/<int:pk>/versions/", application_versions, name="application_versions"),
]
