"""`azamat backup DIR`: the database and the uploaded files, with a manifest to check a restore by."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from azamat.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump on PostgreSQL, dumpdata on SQLite) and MEDIA_ROOT into DIR, a new or "
        "empty directory, with a manifest of every table's rows and checksum. Restore with `azamat restore DIR`."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory: Path, **options):
        try:
            summary = backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {summary.rows} rows in {summary.tables} tables and {summary.files} files into "
                f"{summary.directory}."
            )
        )
