"""Private files: sent only after a view has checked permission, by the web server in production."""

import os

from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django_sendfile import sendfile


def private_file_response(
    request,
    file_field: FieldFile,
    *,
    filename: str,
    as_attachment: bool = True,
    content_type: str | None = None,
) -> HttpResponse:
    """The file behind `file_field`, for a request the caller has already allowed.

    With SENDFILE_BACKEND set to the nginx backend the response is empty and carries X-Accel-Redirect to
    /protected/…, an `internal` nginx location: nginx sends the bytes, and no URL reaches them directly.
    """
    if not file_field:
        raise Http404(_("The file is missing."))
    try:
        path = file_field.path
    except (NotImplementedError, ValueError) as exc:  # a storage without local paths
        raise Http404(_("The file is missing.")) from exc
    # Checked here so the 404 says so in the reader's language and never shows the path on disk.
    if not os.path.isfile(path):
        raise Http404(_("The file is missing."))
    return sendfile(
        request, path, attachment=as_attachment, attachment_filename=filename, mimetype=content_type
    )
