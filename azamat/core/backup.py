"""Backup and restore of a whole site: the database, the uploaded files and a manifest to check them by.

A backup is a directory holding:

- `database.dump` (PostgreSQL: `pg_dump --format=custom`, restored by `pg_restore`) or `database.xml`
  (SQLite: Django's `dumpdata`, which can also be loaded into PostgreSQL: the way from a demo to a server);
- `media.tar`: every file under MEDIA_ROOT;
- `manifest.json`: the format, the checksums of both files, each file's checksum, and each table's row count and
  rows' checksum, so a restore proves it brought back exactly what was saved.
"""

import datetime
import hashlib
import json
import os
import shutil
import subprocess  # noqa: S404 - pg_dump and pg_restore are the PostgreSQL tools made for this
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

MANIFEST = "manifest.json"
MEDIA_TAR = "media.tar"
FORMAT_PG = "pg_dump-custom"
FORMAT_DUMPDATA = "django-xml"
DUMP_FILES = {FORMAT_PG: "database.dump", FORMAT_DUMPDATA: "database.xml"}
MANIFEST_VERSION = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _row_text_sql(table: str) -> str:
    """One text per row, computed by the database itself, so both sides of a restore compare the stored values
    rather than what a Python driver makes of them."""
    if connection.vendor == "postgresql":
        return f"SELECT t::text FROM {_quote(table)} AS t"  # noqa: S608 - a table name from introspection
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
    joined = " || ',' || ".join(f"quote({_quote(c)})" for c in columns)
    return f"SELECT {joined} FROM {_quote(table)}"  # noqa: S608 - names from introspection


def data_tables() -> list[str]:
    """The tables of Django's models (with many-to-many tables), not the migrations' bookkeeping."""
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
    return sorted(
        t for t in connection.introspection.django_table_names(include_views=False) if t in existing
    )


def table_checksums() -> dict[str, dict]:
    """Rows and a checksum per table. The checksum adds up each row's SHA-256, so it needs no ordering and reads
    a table in chunks; equal sums mean equal multisets of rows."""
    result = {}
    for table in data_tables():
        total, rows = 0, 0
        with connection.chunked_cursor() as cursor:
            cursor.execute(_row_text_sql(table))
            while chunk := cursor.fetchmany(2000):
                for (text,) in chunk:
                    total += int.from_bytes(hashlib.sha256(str(text).encode()).digest(), "big")
                    rows += 1
        result[table] = {"rows": rows, "checksum": f"{total % (1 << 256):064x}"}
    return result


def _pg_env() -> dict[str, str]:
    """libpq's variables for the default database: the password stays out of the process list."""
    db = connection.settings_dict
    env = dict(os.environ)
    for variable, value in {
        "PGDATABASE": db["NAME"],
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGHOST": db.get("HOST"),
        "PGPORT": str(db.get("PORT") or ""),
    }.items():
        if value:
            env[variable] = value
    if sslmode := db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    return env


def _run(command: list[str]) -> None:
    tool = shutil.which(command[0])
    if tool is None:
        raise BackupError(
            f"{command[0]} is not installed: install the PostgreSQL client tools "
            "(Debian: apt-get install postgresql-client) of the server's major version or newer."
        )
    done = subprocess.run([tool, *command[1:]], env=_pg_env(), capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def _media_files(root: Path) -> dict[str, str]:
    if not root.is_dir():
        return {}
    return {str(p.relative_to(root)): sha256_file(p) for p in sorted(root.rglob("*")) if p.is_file()}


@dataclass
class Summary:
    directory: Path
    tables: int
    rows: int
    files: int


def backup(directory: Path) -> Summary:
    """Write a backup of the default database and MEDIA_ROOT into `directory` (new, or empty)."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(
            f"{directory} is not empty: give a new or empty directory, so no backup is overwritten."
        )
    if connection.vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    directory.mkdir(parents=True, exist_ok=True)
    try:
        fmt, tables, files = _write(directory)
    except BaseException:
        for part in directory.iterdir():  # no half-written backup to be mistaken for one
            part.unlink()
        raise
    manifest = {
        "version": MANIFEST_VERSION,
        "created_at": datetime.datetime.now(tz=datetime.UTC).isoformat(timespec="seconds"),
        "vendor": connection.vendor,
        "database": {
            "format": fmt,
            "file": DUMP_FILES[fmt],
            "sha256": sha256_file(directory / DUMP_FILES[fmt]),
        },
        "media": {"file": MEDIA_TAR, "sha256": sha256_file(directory / MEDIA_TAR), "files": files},
        "tables": tables,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return Summary(directory, len(tables), sum(t["rows"] for t in tables.values()), len(files))


def _write(directory: Path) -> tuple[str, dict, dict]:
    """The dump and the tables' checksums, both read in one snapshot, so a site in use gets a manifest that
    matches its dump; then the files."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            fmt = FORMAT_PG
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            dump = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}"]
            _run([*dump, "--file", str(directory / DUMP_FILES[fmt])])
        else:
            fmt = FORMAT_DUMPDATA
            # Every row of every model (base managers, so nothing a default manager hides is lost), with plain
            # keys: the restore empties the tables first, so the same primary keys come back. XML, because
            # Django's JSON encoder cuts times to milliseconds.
            output = str(directory / DUMP_FILES[fmt])
            call_command("dumpdata", all=True, format="xml", output=output, verbosity=0)
        tables = table_checksums()
    media_root = Path(settings.MEDIA_ROOT)
    files = _media_files(media_root)
    with tarfile.open(directory / MEDIA_TAR, "w") as tar:
        for name in files:
            tar.add(media_root / name, arcname=name, recursive=False)
    return fmt, tables, files


def read_manifest(directory: Path) -> dict:
    """The manifest, with both files present and unchanged since the backup was written."""
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise BackupError(
            f"{directory} holds no {MANIFEST}: it is not a backup made by `azamat backup`."
        ) from error
    except ValueError as error:
        raise BackupError(f"{directory / MANIFEST} is damaged: {error}.") from error
    if (
        manifest.get("version") != MANIFEST_VERSION
        or manifest.get("database", {}).get("format") not in DUMP_FILES
    ):
        raise BackupError(f"{directory / MANIFEST} is of an unknown version or format.")
    for part in ("database", "media"):
        path = directory / manifest[part]["file"]
        if not path.is_file():
            raise BackupError(f"{path} is missing.")
        if sha256_file(path) != manifest[part]["sha256"]:
            raise BackupError(f"{path} does not match its checksum in the manifest: the backup is damaged.")
    return manifest


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def restore(directory: Path, *, force: bool = False) -> Summary:
    """Restore a backup into the default database and MEDIA_ROOT, both empty unless `force`, then check every
    table and file against the manifest. Everything is checked before anything is written."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    fmt = manifest["database"]["format"]
    if fmt == FORMAT_PG and connection.vendor != "postgresql":
        raise BackupError("This backup was made by pg_dump: restore it into PostgreSQL (set DATABASE_URL).")
    if not force and not _database_is_empty():
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty: restore into a new empty "
            "database, or add --force to replace what it holds."
        )
    media_root = Path(settings.MEDIA_ROOT)
    if not force and media_root.is_dir() and any(media_root.iterdir()):
        raise BackupError(
            f"MEDIA_ROOT ({media_root}) is not empty: point it at an empty directory, or add --force "
            "to write the backup's files over it."
        )
    dump = directory / manifest["database"]["file"]
    if fmt == FORMAT_PG:
        connection.close()  # pg_restore works in its own session
        clean = ["--clean", "--if-exists"] if force else []
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *clean,
                "--dbname",
                connection.settings_dict["NAME"],
                str(dump),
            ]
        )
    else:
        # The tables come from the migrations; their reference rows are then removed so the backup's rows,
        # with their own primary keys, are the only ones.
        call_command("migrate", interactive=False, verbosity=0)
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        call_command("loaddata", str(dump), verbosity=0)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(directory / MEDIA_TAR) as tar:
        tar.extractall(media_root, filter="data")  # "data": no absolute paths, links out or devices
    _verify(manifest, media_root, same_vendor=manifest["vendor"] == connection.vendor)
    tables = manifest["tables"]
    return Summary(
        directory, len(tables), sum(t["rows"] for t in tables.values()), len(manifest["media"]["files"])
    )


def _verify(manifest: dict, media_root: Path, *, same_vendor: bool) -> None:
    restored = table_checksums()
    problems = []
    for table, saved in sorted(manifest["tables"].items()):
        now = restored.get(table)
        if now is None:
            problems.append(f"table {table} is missing")
        elif now["rows"] != saved["rows"]:
            problems.append(f"table {table} has {now['rows']} rows, the backup {saved['rows']}")
        # Each database writes values as text its own way: checksums compare only within one kind of database.
        elif same_vendor and now["checksum"] != saved["checksum"]:
            problems.append(f"table {table}: the rows differ from the backup's")
    for name, digest in sorted(manifest["media"]["files"].items()):
        path = media_root / name
        if not path.is_file() or sha256_file(path) != digest:
            problems.append(f"file {name} differs from the backup's")
    if problems:
        raise BackupError("The restore does not match the backup: " + "; ".join(problems[:20]) + ".")
