from django.db import migrations


def add_terms(apps, schema_editor):
    from azamat.monitoring.thesauri import rows

    Term = apps.get_model("monitoring", "Term")
    for kind, code, kk, ru, en, reference, position in rows():
        Term.objects.update_or_create(
            kind=kind,
            code=code,
            defaults={"name_kk": kk, "name_ru": ru, "name_en": en, "reference": reference, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]
    operations = [migrations.RunPython(add_terms, migrations.RunPython.noop)]
