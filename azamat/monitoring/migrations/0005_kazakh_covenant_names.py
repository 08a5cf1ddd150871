"""The starting terms' Kazakh legal references name the covenants in Kazakh ("АСҚХП, 21-бап", "Азаптауларға қарсы
конвенция") instead of by their English abbreviations ("ICCPR, 21", "CAT"). A reference an administrator has
changed is left as she wrote it."""

from django.db import migrations


def kazakh_names(apps, schema_editor):
    from azamat.monitoring.thesauri import kazakh_form, references_in, rows

    Term = apps.get_model("monitoring", "Term")
    starting = {(kind, code): reference for kind, code, _kk, _ru, _en, reference, _position in rows()}
    for term in Term.objects.exclude(reference_kk=""):
        reference = starting.get((term.kind, term.code))
        if reference and term.reference_kk != reference and kazakh_form(term.reference_kk) == reference:
            term.reference_kk = reference
            ru, en = references_in(reference)
            # A database that took the old form past 0004 has the other languages already; one that did not
            # (0004 compares with the new form) gets them now.
            term.reference_ru = term.reference_ru or ru
            term.reference_en = term.reference_en or en
            term.save(update_fields=["reference_kk", "reference_ru", "reference_en"])


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0004_term_references_per_language")]

    operations = [migrations.RunPython(kazakh_names, migrations.RunPython.noop)]
