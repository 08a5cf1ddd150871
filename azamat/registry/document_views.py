"""An organisation's founding documents: the page that lists them with their earlier versions, where its
administrators upload, replace and show them publicly, and the checked download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from azamat.core.errors import DomainError, form_error
from azamat.core.files import private_file_response
from azamat.core.permissions import require
from azamat.registry import document_selectors, document_services
from azamat.registry.document_forms import FoundingDocumentForm
from azamat.registry.document_models import FoundingDocument
from azamat.registry.document_permissions import (
    can_download_founding_document,
    can_manage_founding_documents,
    can_view_founding_documents,
)
from azamat.registry.models import Organisation


def _publish(request, organisation) -> None:
    document_id = request.POST.get("document", "")
    if not document_id.isdecimal() or len(document_id) > 18:
        raise Http404
    document = FoundingDocument.objects.filter(
        pk=int(document_id), organisation=organisation, current=True
    ).first()
    if document is None:  # replaced meanwhile
        messages.info(request, _("This document has been replaced meanwhile; see the current one below."))
        return
    public = request.POST.get("public") == "1"
    try:
        document_services.founding_document_publish(document=document, by=request.user, public=public)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The document is shown on the public profile.")
            if public
            else _("The document is no longer shown on the public profile."),
        )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_documents(request, bin):
    organisation = get_object_or_404(Organisation, bin=bin)
    require(can_view_founding_documents(request.user, organisation))
    can_manage = can_manage_founding_documents(request.user, organisation)
    form = FoundingDocumentForm(initial={"kind": request.GET.get("kind", "")})
    if request.method == "POST":
        require(can_manage)
        if request.POST.get("action") == "publish":
            _publish(request, organisation)
            return redirect("registry:organisation_documents", bin=organisation.bin)
        form = FoundingDocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                data = form.cleaned_data
                document_services.founding_document_upload(
                    organisation=organisation,
                    by=request.user,
                    kind=data["kind"],
                    upload=data["file"],
                    dated=data["dated"],
                    public=data["public"],
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, _("The document is on file."))
                return redirect("registry:organisation_documents", bin=organisation.bin)
    documents = document_selectors.founding_documents(organisation=organisation)
    kinds = [
        (
            kind,
            label,
            [d for d in documents if d.kind == kind and d.current],
            [d for d in documents if d.kind == kind and not d.current],
        )
        for kind, label in FoundingDocument.Kind.choices
    ]
    context = {"organisation": organisation, "kinds": kinds, "form": form, "can_manage": can_manage}
    return render(
        request, "registry/organisation_documents.html", context, status=400 if form.errors else 200
    )


@require_GET
def founding_document_download(request, bin, pk):
    document = get_object_or_404(
        FoundingDocument.objects.select_related("organisation"), pk=pk, organisation__bin=bin
    )
    require(can_download_founding_document(request.user, document))
    return private_file_response(
        request,
        document.file,
        filename=document.original_name,
        as_attachment=True,
        content_type=document.content_type,
    )


urlpatterns = [
    path("organisations/<str:bin>/documents/", organisation_documents, name="organisation_documents"),
    path("organisations/<str:bin>/documents/<int:pk>/", founding_document_download, name="founding_document"),
]
