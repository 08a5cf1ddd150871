"""On PostgreSQL: a trigram index on the word-stem column, serving `LIKE '%|stem|%'` (SQLite needs none).

Its own migration, so the index is built once over filled rows, in a transaction of its own: PostgreSQL
refuses CREATE INDEX on a table with pending trigger events from the fill's updates.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS registry_org_stems_trgm ON registry_organisation "
    "USING gin (search_stems gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS registry_org_stems_trgm"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("registry", "0008_fill_search_stems")]
    operations = [migrations.RunPython(forward, backward)]
