"""Run once a day: reminders before items' due dates, notices of items that became overdue."""

from django.core.management.base import BaseCommand

from azamat.accountability.services import reminders_send


class Command(BaseCommand):
    help = "Remind government bodies of items due soon and announce items that became overdue today."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in sent.items()))
