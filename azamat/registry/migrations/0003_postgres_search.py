"""On PostgreSQL: a trigram index for the directory search (SQLite needs none)."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS registry_org_search_trgm ON registry_organisation "
    "USING gin (search_text gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS registry_org_search_trgm",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_reference_data")]
    operations = [migrations.RunPython(forward, backward)]
