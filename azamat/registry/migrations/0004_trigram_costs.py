"""On PostgreSQL: tell the planner that trigram word similarity is expensive, so it uses the index.

Without this the planner evaluates `%>` row by row on the whole table (seconds at national scale)
instead of through the GIN trigram index (milliseconds). Managed servers may not let us alter the
extension's functions; the directory then still works, only slower.
"""

from django.db import migrations

FUNCTIONS = ["word_similarity(text, text)", "word_similarity_op(text, text)",
             "word_similarity_commutator_op(text, text)"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for function in FUNCTIONS:
            cursor.execute("SAVEPOINT trigram_cost")
            try:
                cursor.execute(f"ALTER FUNCTION {function} COST 200")
            except Exception:  # noqa: BLE001 — not the owner of the extension's functions
                cursor.execute("ROLLBACK TO SAVEPOINT trigram_cost")
            else:
                cursor.execute("RELEASE SAVEPOINT trigram_cost")


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_postgres_search")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
