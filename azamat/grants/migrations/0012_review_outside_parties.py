"""Declared ties with organisations not on Azamat: by name and, when known, BIN (issue 7)."""

import django.db.models.deletion
from django.db import migrations, models

import azamat.core.bin


class Migration(migrations.Migration):
    dependencies = [("grants", "0011_commission_secretary"), ("registry", "0009_search_stems_index")]

    operations = [
        migrations.AddField(
            model_name="conflictdeclaration",
            name="outside_bin",
            field=models.CharField(
                blank=True,
                max_length=12,
                validators=[azamat.core.bin.validate_bin],
                verbose_name="BIN of the organisation not on Azamat",
            ),
        ),
        migrations.AddField(
            model_name="conflictdeclaration",
            name="outside_name",
            field=models.CharField(blank=True, max_length=300, verbose_name="organisation not on Azamat"),
        ),
        migrations.AddField(
            model_name="historicalconflictdeclaration",
            name="outside_bin",
            field=models.CharField(
                blank=True,
                max_length=12,
                validators=[azamat.core.bin.validate_bin],
                verbose_name="BIN of the organisation not on Azamat",
            ),
        ),
        migrations.AddField(
            model_name="historicalconflictdeclaration",
            name="outside_name",
            field=models.CharField(blank=True, max_length=300, verbose_name="organisation not on Azamat"),
        ),
        migrations.AlterField(
            model_name="conflictdeclaration",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty for an organisation not on Azamat, named below.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="registry.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.AlterField(
            model_name="historicalconflictdeclaration",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Empty for an organisation not on Azamat, named below.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="registry.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.AddConstraint(
            model_name="conflictdeclaration",
            constraint=models.UniqueConstraint(
                condition=models.Q(("outside_bin", ""), _negated=True),
                fields=("person", "outside_bin", "relation"),
                name="unique_outside_conflict_bin",
            ),
        ),
        migrations.AddConstraint(
            model_name="conflictdeclaration",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("organisation__isnull", False), ("outside_bin", ""), ("outside_name", "")),
                    models.Q(("organisation__isnull", True), models.Q(("outside_name", ""), _negated=True)),
                    _connector="OR",
                ),
                name="conflict_declaration_one_party",
            ),
        ),
    ]
