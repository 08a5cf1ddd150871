"""azamat grant_reminders: email report reminders (10 and 3 days before, the day after); run once a day."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from azamat.grants.tasks import send_report_reminders


class Command(BaseCommand):
    help = (
        "Email organisations' administrators about reports due in 10 or 3 days, or overdue since yesterday."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Act as if today were this date (YYYY-MM-DD), for tests and catch-up."
        )
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for the worker instead of running it."
        )

    def handle(self, *args, today=None, enqueue=False, **options):
        if today:
            try:
                datetime.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(f"--today must be a date like 2026-03-18, not {today!r}.") from exc
        if enqueue:
            result = send_report_reminders.enqueue(today=today)
            self.stdout.write(f"Queued: {result.id}")
            return
        count = send_report_reminders.call(today=today)
        self.stdout.write(f"Reminders sent for {count} reports.")
