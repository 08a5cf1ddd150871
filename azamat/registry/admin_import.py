"""The organisation import in the admin: an upload page beside the list, calling the import service."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from azamat.registry.importing import REQUIRED_COLUMNS, ImportRefused, organisations_import

IMPORT_MAX_BYTES = getattr(settings, "IMPORT_MAX_BYTES", 10 * 1024 * 1024)
IMPORT_EXTENSIONS = (".csv", ".xlsx")


class OrganisationImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV file (UTF-8, Windows-1251 or KZ-1048; semicolon, comma or tab) or an XLSX workbook, at "
            "most 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(IMPORT_EXTENSIONS)}),
    )
    encoding = forms.ChoiceField(
        label=_("Encoding"),
        required=False,
        choices=[
            ("", _("Detect")),
            ("utf-8", "UTF-8"),
            ("cp1251", "Windows-1251"),
            ("kz1048", "KZ-1048"),
        ],
        help_text=_("Of a CSV file. Choose one only if the names come out garbled."),
    )
    all_or_nothing = forms.BooleanField(
        label=_("All or nothing"),
        required=False,
        help_text=_("Import nothing if any row is bad."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(IMPORT_EXTENSIONS):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."), code="extension")
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large: at most %(limit)s MB."),
                code="too_large",
                params={"limit": IMPORT_MAX_BYTES // (1024 * 1024)},
            )
        return upload


class OrganisationImportAdminMixin:
    """Adds `import/` (URL name `admin:<app>_<model>_import`) and an Import button to the list."""

    import_template = "admin/registry/organisation/import.html"

    def get_urls(self):
        opts = self.model._meta
        urls = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name=f"{opts.app_label}_{opts.model_name}_import",
            )
        ]
        return urls + super().get_urls()  # before the catch-all "<object_id>/" of the change page

    def has_import_permission(self, request) -> bool:
        return request.user.has_perm("registry.add_organisation")

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_import_permission": self.has_import_permission(request),
        }
        return super().changelist_view(request, extra_context=extra_context)

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        report = refused = None
        form = OrganisationImportForm(request.POST, request.FILES) if request.method == "POST" else None
        if form is not None and form.is_valid():
            try:
                report = organisations_import(
                    rows_source=form.cleaned_data["file"],
                    all_or_nothing=form.cleaned_data["all_or_nothing"],
                    by=request.user,
                    encoding=form.cleaned_data["encoding"] or None,
                )
            except ImportRefused as exc:
                form.add_error("file", str(exc))
                refused = exc
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import organisations"),
            "opts": opts,
            "app_label": opts.app_label,
            "has_view_permission": self.has_view_permission(request),
            "form": form or OrganisationImportForm(),
            "report": report,
            # Which header was read as which column, also when the file was refused for a missing one.
            "mapping": report.mapping if report else getattr(refused, "mapping", None),
            "header_line": report.header_line if report else getattr(refused, "header_line", None),
            "required_columns": REQUIRED_COLUMNS,
        }
        return TemplateResponse(request, self.import_template, context)
