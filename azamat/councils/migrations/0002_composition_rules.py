"""The composition rule of each level, from the law where it sets one (central 15–30, quasi-public 10–15) and
unconfirmed defaults elsewhere, for an administrator to correct."""

from django.db import migrations

SIZES = {
    "central": (15, 30),
    "regional": (15, 30),
    "republican_city": (15, 30),
    "city": (10, 20),
    "district": (7, 15),
    "quasi_public": (10, 15),
}


def add_rules(apps, schema_editor):
    rule = apps.get_model("councils", "CompositionRule")
    for level, (low, high) in SIZES.items():
        rule.objects.get_or_create(
            level=level,
            defaults={
                "min_members": low,
                "max_members": high,
                "state_share_numerator": 1,
                "state_share_denominator": 3,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("councils", "0001_initial")]

    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
