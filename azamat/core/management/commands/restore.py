"""`azamat restore DIR`: put a backup made by `azamat backup` into an empty database and MEDIA_ROOT."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from azamat.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `azamat backup` into the database of DATABASE_URL and into MEDIA_ROOT. Both "
        "must be empty unless --force; every table and file is then checked against the backup's manifest."
    )

    # Like migrate: it runs on an empty database, where a check that reads a table could only fail.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="restore over a database and files that are not empty, replacing what the backup holds",
        )

    def handle(self, *args, directory: Path, force: bool, **options):
        try:
            summary = restore(directory, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {summary.rows} rows in {summary.tables} tables and {summary.files} files from "
                f"{summary.directory}; all match the backup's manifest."
            )
        )
