"""A list sent as a CSV or XLSX file (core.exports), its texts and names in the language asked for (?lang=)."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from azamat.core.exports import to_csv, to_xlsx

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def spreadsheet_response(request, *, fmt: str, name: str, build) -> HttpResponse:
    """`build()` returns (header, rows); it runs in the language of `?lang=kk|ru|en`, else the page's."""
    if fmt not in CONTENT_TYPES:
        raise Http404(_("Unknown format."))
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    with translation.override(language):
        header, rows = build()
        content = to_csv(header, rows) if fmt == "csv" else to_xlsx(header, rows, title=name[:31])
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    filename = f"azamat-{name}-{timezone.localdate().isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
