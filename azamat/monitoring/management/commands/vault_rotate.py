"""azamat vault_rotate: every sealed value (each VaultField of every model and of its history table) and every
encrypted attachment file sealed again with the vault's first key; then the blind index rebuilt with the index
key. Run after putting a new key first in AZAMAT_VAULT_KEYS (the old ones after it); drop the old keys only once
`azamat vault_rotate --check` finds nothing left under them. See docs/operations/vault.md.

Works in batches of rows, each in its own transaction with its rows locked (a record saved meanwhile is not
overwritten with its older value), and can be stopped and run again: what is already under the first key is
left as it is, so a second run changes nothing."""

import os
import time
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from azamat.core import vault
from azamat.core.vault import VaultError, VaultField

BATCH = 1000


def sealed_tables() -> list[tuple[type, list[str]]]:
    """(model, the columns of its VaultFields) for every model that has some, history tables included."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        columns = [f.column for f in model._meta.concrete_fields if isinstance(f, VaultField)]
        if columns:
            found.append((model, columns))
    return sorted(found, key=lambda pair: pair[0]._meta.db_table)


class Rotation:
    def __init__(self, *, check_only: bool, batch: int, log):
        keys = [k for k in settings.VAULT_KEYS if k]
        if not keys:
            raise CommandError("No vault key: set AZAMAT_VAULT_KEYS.")
        vault.reset()
        self.current = Fernet(keys[0].encode() if isinstance(keys[0], str) else keys[0])
        self.check_only, self.batch, self.log = check_only, batch, log

    def is_current(self, token: bytes) -> bool:
        try:
            self.current.decrypt(token)
        except InvalidToken:
            return False
        return True

    def value(self, token: str | None) -> str | None:
        """The token sealed again with the first key, or None when it already is (or is empty)."""
        if not token or self.is_current(token.encode("ascii")):
            return None
        try:
            return vault.rotate(token)
        except InvalidToken as error:
            raise VaultError("A sealed value that none of the vault keys opens.") from error

    def table(self, model, columns: list[str]) -> tuple[int, int]:
        """(values sealed again, values already under the first key) in one table."""
        quote = connection.ops.quote_name
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        names = ", ".join(quote(c) for c in columns)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        select = f"SELECT {pk}, {names} FROM {table} WHERE {pk} > %s ORDER BY {pk} LIMIT %s{lock}"  # noqa: S608
        assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
        update = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"  # noqa: S608
        rotated = current = 0
        last = -1
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(select, [last, self.batch])
                rows = cursor.fetchall()
                changes = []
                for key, *tokens in rows:
                    new = [self.value(token) for token in tokens]
                    filled = sum(1 for token in tokens if token)
                    changed = sum(1 for value in new if value is not None)
                    rotated += changed
                    current += filled - changed
                    if changed:
                        changes.append(
                            [v if v is not None else t for v, t in zip(new, tokens, strict=True)] + [key]
                        )
                if changes and not self.check_only:
                    cursor.executemany(update, changes)
            if rows:
                last = rows[-1][0]
            if len(rows) < self.batch:
                return rotated, current

    def files(self) -> tuple[int, int]:
        """(files sealed again, files already under the first key): every attachment's file, written whole to a
        new file first and then put in place, so an interrupted run leaves no half-written file."""
        from azamat.monitoring import storage
        from azamat.monitoring.models import Attachment

        folder = Path(settings.MEDIA_ROOT) / storage.FOLDER
        rotated = current = 0
        names = Attachment.objects.exclude(stored_name="").values_list("stored_name", flat=True).distinct()
        for name in names.iterator(chunk_size=self.batch):
            path = folder / name
            if not path.exists():
                continue
            data = path.read_bytes()
            if self.is_current(data):
                current += 1
                continue
            rotated += 1
            if self.check_only:
                continue
            try:
                sealed = vault.rotate_bytes(data)
            except InvalidToken as error:
                raise VaultError(f"The file {name} opens with none of the vault keys.") from error
            partial = path.with_name(f"{name}.rotating")
            partial.write_bytes(sealed)
            os.replace(partial, path)
        return rotated, current

    def reindex(self) -> int:
        """The blind index of names and titles computed again with the index key (needed after that key
        changes; the same digests otherwise). Returns the rows whose index changed."""
        from azamat.monitoring.models import Event, Person

        changed = 0
        for model, fields in ((Person, ("name", "other_names")), (Event, ("title",))):
            last = 0
            while True:
                rows = list(
                    model.objects.filter(pk__gt=last)
                    .order_by("pk")
                    .only("pk", "search_index", *fields)[: self.batch]
                )
                stale = []
                for row in rows:
                    index = vault.blind_tokens(*(getattr(row, f) for f in fields))
                    if index != row.search_index:
                        row.search_index = index
                        stale.append(row)
                if stale and not self.check_only:
                    model.objects.bulk_update(stale, ["search_index"], batch_size=self.batch)
                changed += len(stale)
                if len(rows) < self.batch:
                    break
                last = rows[-1].pk
        return changed


class Command(BaseCommand):
    help = (
        "Seal every encrypted value and attachment again with the first key of AZAMAT_VAULT_KEYS and rebuild the "
        "blind index; --check only counts what is left under older keys."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Count, change nothing.")
        parser.add_argument(
            "--batch", type=int, default=BATCH, help=f"Rows per transaction (default {BATCH})."
        )

    def handle(self, *args, check, batch, **options):
        if batch < 1:
            raise CommandError("--batch must be at least 1.")
        started = time.perf_counter()
        rotation = Rotation(check_only=check, batch=batch, log=self.stdout.write)
        self.stdout.write(f"Key in use: {vault.file_key_digest()} (fingerprint of the first key)")
        left = 0
        try:
            for model, columns in sealed_tables():
                rotated, current = rotation.table(model, columns)
                left += rotated
                self.stdout.write(
                    f"  {model._meta.db_table}: {rotated} sealed again, {current} already current"
                )
            rotated, current = rotation.files()
            left += rotated
            self.stdout.write(f"  attachment files: {rotated} sealed again, {current} already current")
            reindexed = rotation.reindex()
        except VaultError as error:
            raise CommandError(
                f"{error} Put every key still in use in AZAMAT_VAULT_KEYS and run again."
            ) from error
        self.stdout.write(f"  blind index: {reindexed} rows {'stale' if check else 'rebuilt'}")
        seconds = time.perf_counter() - started
        if check:
            if left or reindexed:
                raise CommandError(
                    f"{left} values or files are under older keys and {reindexed} index rows are stale: "
                    "run `azamat vault_rotate` before dropping any key."
                )
            self.stdout.write(self.style.SUCCESS(f"Everything is under the first key ({seconds:.1f} s)."))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Done in {seconds:.1f} s: {left} values and files sealed again.")
            )
