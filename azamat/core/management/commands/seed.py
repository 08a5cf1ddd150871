"""azamat seed --scale N --seed S: realistic, deterministic data for the demo, tests and benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError

from azamat.core import seeding
from azamat.registry.models import Organisation


class Command(BaseCommand):
    help = "Fill the database with realistic, deterministic data (scale 1: demo; scale 100: national size)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when organisations exist.")

    def handle(self, *args, scale, seed, if_empty, **options):
        if Organisation.objects.exists():
            if if_empty:
                self.stdout.write("The database already holds data; keeping it.")
                return
            raise CommandError("The database already holds organisations; seed an empty database.")
        if scale <= 0:
            raise CommandError("--scale must be positive.")
        started = time.perf_counter()
        seeding.run(scale=scale, seed=seed, log=self.stdout.write, progress=options["verbosity"] > 0)
        self.stdout.write(self.style.SUCCESS(f"Seeded at scale {scale} in {time.perf_counter() - started:.1f} s."))
