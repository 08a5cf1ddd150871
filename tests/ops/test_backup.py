"""`azamat backup DIR` and `azamat restore DIR`: a site's data and files, backed up and restored into a new empty
database (PostgreSQL: a second database; SQLite: a new file), come back identical, table by table and byte by
byte; a damaged backup or a database that is not empty is refused and nothing changes."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from azamat.grants.factories import ApplicationFactory
from azamat.grants.models import Application, BudgetLine
from azamat.registry.models import Membership
from azamat.testing.factories import MembershipFactory, UserFactory
from tests.ops.services import PROJECT_DIR, with_database

pytestmark = pytest.mark.ops


def rows_by_table(cursor, vendor: str, tables: list[str]) -> dict[str, list[str]]:
    """Every table's rows as the database itself writes them as text, sorted: equal means identical data."""
    result = {}
    for table in tables:
        if vendor == "postgresql":
            cursor.execute(f'SELECT t::text FROM "{table}" AS t')  # noqa: S608 - names from introspection
        else:
            cursor.execute(f'PRAGMA table_info("{table}")')
            columns = " || ',' || ".join(f'quote("{row[1]}")' for row in cursor.fetchall())
            cursor.execute(f'SELECT {columns} FROM "{table}"')  # noqa: S608
        result[table] = sorted(str(row[0]) for row in cursor.fetchall())
    return result


def files_under(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def target(tmp_path):
    """Where the backup is restored: a new, empty database of the same kind as the test database."""
    if connection.vendor == "postgresql":
        name = f"{connection.settings_dict['NAME']}_restored"
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        import psycopg

        url = with_database(os.environ["DATABASE_URL"], name)
        yield {"url": url, "connect": lambda: psycopg.connect(url)}
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = tmp_path / "restored.sqlite3"
        yield {"url": f"sqlite:///{path}", "connect": lambda: sqlite3.connect(path)}


def restore(backup_dir: Path, target: dict, media: Path, *extra: str) -> subprocess.CompletedProcess:
    """`azamat restore` as an operator runs it: its own process, with the target's DATABASE_URL and MEDIA_ROOT."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "azamat.settings",
        "DATABASE_URL": target["url"],
        "MEDIA_ROOT": str(media),
        "AZAMAT_VAR_DIR": str(media.parent / "var"),
        "SECRET_KEY": "restore-" * 8,
    }
    return subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "azamat.cli", "restore", str(backup_dir), *extra],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def target_rows(target: dict, tables: list[str]) -> dict[str, list[str]]:
    with target["connect"]() as db:
        cursor = db.cursor()
        vendor = "postgresql" if connection.vendor == "postgresql" else "sqlite"
        existing = {
            r[0]
            for r in cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                if vendor == "postgresql"
                else "SELECT name FROM sqlite_master WHERE type = 'table'"
            ).fetchall()
        }
        return rows_by_table(cursor, vendor, [t for t in tables if t in existing])


# Committed data, for pg_dump to see; serialized rollback then puts the migrations' reference data back.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restored_into_an_empty_database_holds_identical_data_and_files(
    tmp_path, target, alice, ngo
):
    bob = UserFactory(email="bob@example.kz", full_name="Бауыржан Ахметов")
    MembershipFactory(user=bob, organisation=ngo, role=Membership.Role.MEMBER)
    ApplicationFactory(
        organisation=ngo,
        created_by=alice,
        status=Application.Status.SUBMITTED,
        number="B-1",
        title="Ауыл жастарына «Болашақ» орталығы",
    )
    ApplicationFactory(organisation=ngo, created_by=bob)
    default_storage.save("logos/ngo.png", ContentFile(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40))
    default_storage.save("attachments/2026/plan.pdf", ContentFile(b"%PDF-1.7\n" + "Жоспар".encode() * 500))
    backup_dir = tmp_path / "backup"

    call_command("backup", str(backup_dir))

    assert sorted(p.name for p in backup_dir.iterdir()) == sorted(
        [
            "manifest.json",
            "media.tar",
            "database.dump" if connection.vendor == "postgresql" else "database.xml",
        ]
    )
    tables = sorted(
        t
        for t in connection.introspection.django_table_names(include_views=False)
        if t in connection.introspection.table_names()
    )
    with connection.cursor() as cursor:
        saved = rows_by_table(cursor, connection.vendor, tables)
    assert len(saved[Application._meta.db_table]) == 2 and len(saved[BudgetLine._meta.db_table]) == 4
    media = tmp_path / "restored-media"

    # A damaged backup is refused before anything is written.
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    for part in backup_dir.iterdir():
        (damaged / part.name).write_bytes(part.read_bytes())
    tar = (damaged / "media.tar").read_bytes()
    (damaged / "media.tar").write_bytes(tar[:600] + bytes([tar[600] ^ 1]) + tar[601:])
    refused = restore(damaged, target, media)
    assert refused.returncode == 1 and "does not match its checksum" in refused.stderr, refused.stderr
    assert target_rows(target, tables) == {} and not media.exists()

    done = restore(backup_dir, target, media)

    assert done.returncode == 0, done.stderr
    assert "all match the backup's manifest" in done.stdout
    assert target_rows(target, tables) == saved
    assert files_under(media) == files_under(Path(settings.MEDIA_ROOT))
    assert files_under(media)["attachments/2026/plan.pdf"].startswith(b"%PDF-1.7\n")

    # Restoring again over the restored database is refused without --force, and changes nothing.
    again = restore(backup_dir, target, media)
    assert again.returncode == 1 and "is not empty" in again.stderr, again.stderr
    assert target_rows(target, tables) == saved


def test_a_backup_never_writes_into_a_directory_that_holds_something(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")

    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", str(tmp_path))

    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_directory_without_a_manifest_is_not_restored(tmp_path):
    (tmp_path / "database.dump").write_bytes(b"PGDMP")

    with pytest.raises(CommandError, match="holds no manifest.json"):
        call_command("restore", str(tmp_path))
