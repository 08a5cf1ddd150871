"""`azamat import-organisations FILE`: import organisations from a CSV or XLSX file, reporting bad rows."""

import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from azamat.registry.import_columns import Mapping
from azamat.registry.importing import ImportRefused, organisations_import

User = get_user_model()  # accounts is a layer above the registry


def _separator(delimiter: str) -> str:
    return {
        ";": _("Values separated by semicolons."),
        ",": _("Values separated by commas."),
        "\t": _("Values separated by tabs."),
    }[delimiter]


class Command(BaseCommand):
    help = (
        "Import organisations from a CSV (UTF-8, Windows-1251 or KZ-1048; semicolon, comma or tab) or XLSX "
        "file, with headers in Kazakh, Russian or English; see docs/import.md for the columns. Prints which "
        "header was read as which column. Good rows are imported and each bad row is reported with its "
        "line number; the exit code is 1 when any row was bad."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV or XLSX file")
        parser.add_argument("--all-or-nothing", action="store_true", help="import nothing if any row is bad")
        parser.add_argument("--dry-run", action="store_true", help="check every row, import nothing")
        parser.add_argument(
            "--by", metavar="EMAIL", help="the person recorded in the audit trail as importer"
        )
        parser.add_argument(
            "--encoding",
            help="the CSV file's encoding (utf-8, cp1251, kz1048, …) instead of the one detected",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="the language of the messages (default: %(default)s)",
        )

    def handle(self, *args, file, all_or_nothing, dry_run, by, encoding, language, **options):
        with translation.override(language):
            self._import(
                Path(file), all_or_nothing=all_or_nothing, dry_run=dry_run, by_email=by, encoding=encoding
            )

    def _show_columns(self, mapping: Mapping, header_line: int) -> None:
        self.stdout.write(_("Columns read from line %(line)s") % {"line": header_line} + ":")
        for column in mapping.found:
            self.stdout.write(f"  {column.header or '—'} → {', '.join(column.fields)}")
        if mapping.ignored:
            headers = ", ".join(column.header for column in mapping.ignored)
            self.stdout.write("  " + _("Columns ignored: %(headers)s") % {"headers": headers})

    def _import(
        self, path: Path, *, all_or_nothing: bool, dry_run: bool, by_email: str | None, encoding: str | None
    ) -> None:
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        by = None
        if by_email:
            by = User.objects.filter(email__iexact=by_email).first()
            if by is None:
                raise CommandError(_("No person has the email %(email)s.") % {"email": by_email})
        try:
            report = organisations_import(
                rows_source=path,
                all_or_nothing=all_or_nothing,
                by=by,
                dry_run=dry_run,
                encoding=encoding,
                progress=sys.stderr.isatty(),
            )
        except ImportRefused as exc:
            if exc.mapping is not None:
                self._show_columns(exc.mapping, exc.header_line)
            raise CommandError(str(exc)) from exc

        if report.encoding:
            self.stdout.write(
                " ".join(
                    (
                        _("Encoding: %(encoding)s.") % {"encoding": report.encoding},
                        _separator(report.delimiter),
                    )
                )
            )
        self._show_columns(report.mapping, report.header_line)
        for error in report.errors:
            reason = " ".join(error.messages)
            self.stdout.write(
                _("line %(line)s: BIN %(bin)s: %(reason)s")
                % {"line": error.line, "bin": error.bin or "—", "reason": reason}
            )
        bad = len(report.errors)
        counts = {"valid": report.valid, "bad": bad, "created": report.created}
        if dry_run:
            summary = (
                ngettext(
                    "Dry run: %(valid)s row is valid; nothing was imported.",
                    "Dry run: %(valid)s rows are valid; nothing was imported.",
                    report.valid,
                )
                % counts
            )
        elif report.rolled_back:
            summary = (
                ngettext(
                    "Nothing was imported (--all-or-nothing); %(valid)s row was valid.",
                    "Nothing was imported (--all-or-nothing); %(valid)s rows were valid.",
                    report.valid,
                )
                % counts
            )
        else:
            summary = (
                ngettext(
                    "Imported %(created)s organisation.",
                    "Imported %(created)s organisations.",
                    report.created,
                )
                % counts
            )
        if not bad:
            self.stdout.write(self.style.SUCCESS(summary))
            return
        raise CommandError(
            " ".join(
                (
                    summary,
                    ngettext(
                        "%(bad)s row was bad and is listed above.",
                        "%(bad)s rows were bad and are listed above.",
                        bad,
                    )
                    % counts,
                )
            )
        )
