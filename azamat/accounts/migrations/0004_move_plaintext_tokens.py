"""Move DRF's plaintext tokens (rest_framework.authtoken) to hashed ApiTokens, then drop their table."""

import datetime
import hashlib

from django.db import migrations
from django.utils import timezone

OLD_TABLE = "authtoken_token"
# An old token keeps working for 90 days, time enough for its owner to make a named one.
GRACE = datetime.timedelta(days=90)


def move_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("accounts", "ApiToken")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id FROM {OLD_TABLE}")  # noqa: S608 - a constant table name
        rows = cursor.fetchall()
    expires_at = timezone.now() + GRACE
    for key, user_id in rows:
        ApiToken.objects.create(user_id=user_id, name="Token made before 2026-12", prefix=key[:8],
                                digest=hashlib.sha256(key.encode()).hexdigest(), expires_at=expires_at)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {OLD_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_api_tokens_hashed")]

    operations = [migrations.RunPython(move_tokens, migrations.RunPython.noop)]
