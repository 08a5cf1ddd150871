"""`azamat petitions_count [--loop --interval SECONDS]`: count confirmed signatures into the petitions' counts.

Safe to kill at any moment (kill -9 included) and to restart, or to run twice at once: each run moves the counts
and the watermark in one transaction under a lock (see azamat/campaigns/counting.py)."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from azamat.campaigns.counting import close_due, count_signatures


class Command(BaseCommand):
    help = "Count the confirmed signatures into the petitions' counts (once, or repeatedly with --loop)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Run repeatedly until stopped.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between runs (with --loop).")
        parser.add_argument(
            "--wait", action="store_true", help="Wait for another run's lock instead of skipping."
        )

    def handle(self, *args, loop=False, interval=2.0, wait=False, **options):
        stopping = []
        if loop:
            for name in ("SIGTERM", "SIGINT"):
                signal.signal(getattr(signal, name), lambda *_: stopping.append(True))
        runs = 0
        while True:
            if loop:  # a long-lived worker: drop a broken or aged connection between runs
                close_old_connections()
            result = count_signatures(wait=wait or not loop)
            runs += 1
            if result is None:
                self.stdout.write("another count is running: skipped")
            elif result["counted"] or not loop:
                self.stdout.write(
                    f"counted {result['counted']} signatures on {result['petitions']} petitions"
                )
            if runs % 300 == 1:  # now and then, the petitions past their closing date
                close_due()
            if not loop or stopping:
                return
            time.sleep(max(0.05, interval))
            if stopping:
                return
