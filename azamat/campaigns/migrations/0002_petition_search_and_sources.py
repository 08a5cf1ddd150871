"""The petitions list's word-stem column; the moderators' signature sources read from partial covering indexes."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0001_initial'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='signature',
            name='signature_petition_domain',
        ),
        migrations.AddField(
            model_name='petition',
            name='search_stems',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddIndex(
            model_name='signature',
            index=models.Index(condition=models.Q(('invalidation__isnull', True)), fields=['petition', 'email_domain', 'confirmed_at'], name='signature_source_domain'),
        ),
        migrations.AddIndex(
            model_name='signature',
            index=models.Index(condition=models.Q(('invalidation__isnull', True)), fields=['petition', 'ip_key', 'confirmed_at'], name='signature_source_address'),
        ),
    ]
