"""An index on the signatures' email key: a signed-in person's own signatures ("Petitions you signed") are found
by her verified address's key across every petition, which the (petition, email_key) constraint cannot serve."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0004_petition_search_stems_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="signature",
            index=models.Index(fields=["email_key"], name="signature_email_key"),
        ),
    ]
