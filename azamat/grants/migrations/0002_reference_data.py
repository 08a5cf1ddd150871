"""Load the grant types with their rules and evaluation criteria."""

from django.db import migrations


def load(apps, schema_editor):
    from azamat.grants import reference

    GrantType = apps.get_model("grants", "GrantType")
    Criterion = apps.get_model("grants", "Criterion")
    for spec in reference.GRANT_TYPES:
        values = dict(spec)
        code = values.pop("code")
        grant_type, _ = GrantType.objects.update_or_create(code=code, defaults=values)
        for position, (kk, ru, en, weight, max_score) in enumerate(reference.CRITERIA):
            Criterion.objects.update_or_create(
                grant_type=grant_type, position=position,
                defaults={"name_kk": kk, "name_ru": ru, "name_en": en, "weight": weight, "max_score": max_score},
            )


class Migration(migrations.Migration):
    dependencies = [("grants", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
