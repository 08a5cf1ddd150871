"""`azamat petitions_reconcile`: nightly, set each petition's count from its signature rows."""

from django.core.management.base import BaseCommand

from azamat.campaigns.counting import reconcile


class Command(BaseCommand):
    help = (
        "Set each petition's signature count from its confirmed, valid signatures (under the counting lock)."
    )

    def handle(self, *args, **options):
        fixed = reconcile()
        for petition_id, (was, now) in sorted(fixed.items()):
            self.stdout.write(f"petition {petition_id}: {was} → {now}")
        self.stdout.write(f"{len(fixed)} counts corrected")
