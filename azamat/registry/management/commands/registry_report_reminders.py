"""Run once a day: from 1 February, a weekly reminder to each organisation whose annual report is not filed."""

import datetime

from django.core.management.base import BaseCommand

from azamat.registry.report_services import reminders_send


class Command(BaseCommand):
    help = "Remind organisations' administrators, once a week from 1 February, to file the annual report."

    def add_arguments(self, parser):
        parser.add_argument(
            "--on", type=datetime.date.fromisoformat, help="the date to act as of (YYYY-MM-DD)"
        )

    def handle(self, *args, on=None, **options):
        sent = reminders_send(on)
        self.stdout.write(f"reminded: {sent}")
