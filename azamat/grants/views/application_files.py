"""Attachments of an application: upload and removal from the editor, and the checked download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from azamat.core.errors import DomainError, form_error
from azamat.core.files import private_file_response
from azamat.grants.forms.applications import AttachmentForm
from azamat.grants.models import Attachment
from azamat.grants.services import application_files
from azamat.grants.views.applications import _application, _back, _editable, _editor


@login_required
@require_POST
def attachment_upload(request, pk):
    application = _editable(request, pk)
    if on_file := request.POST.get(
        "on_file"
    ):  # the charter or certificate kept on the organisation's profile
        try:
            application_files.attachment_from_registry(
                application=application, by=request.user, document_code=on_file[:50]
            )
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The file is attached."))
        return _back(application, "attachments")
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
            form_error(form, error)
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


urlpatterns = [
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
]
