"""Items a council sent before 2026-12-04 stored the proposing member's NGO as their sender (`organisation`): the
public page said "From: <the NGO>" and the NGO's staff, not on the council, were asked on their workspace to dispute
it. A council's recommendation is the council's (services/meetings.py `_send_items` sends it with no organisation):
every item whose source is a council's decision, forwarded ones too, loses that organisation, with a line in its
history. Its author, the member who proposed it, stays (their KPIs count it). Undoing it restores nothing: which NGO
was stored is in the history."""

from django.db import migrations
from django.utils import timezone

REASON = "Sent by the council, not by the proposing member's organisation"


def council_sends_its_items(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Item = apps.get_model("accountability", "Item")
    HistoricalItem = apps.get_model("accountability", "HistoricalItem")
    decision = ContentType.objects.filter(app_label="councils", model="decision").first()
    if decision is None:  # a new database: no decision has sent anything yet
        return
    stale = Item.objects.filter(source_type=decision, organisation__isnull=False).order_by("pk")
    fields = [field.attname for field in Item._meta.concrete_fields]
    now = timezone.now()
    for item in stale:
        Item.objects.filter(pk=item.pk).update(organisation=None)  # no signals: the history line is this one
        item.organisation = None
        HistoricalItem.objects.create(
            **{name: getattr(item, name) for name in fields},
            history_date=now,
            history_type="~",
            history_change_reason=REASON,
            history_user=None,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("accountability", "0004_newest_first_index"),
        ("councils", "0005_decision_proposer"),
    ]

    operations = [migrations.RunPython(council_sends_its_items, migrations.RunPython.noop)]
