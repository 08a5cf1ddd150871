"""azamat seed --scale N --seed S [--demo-logins]: realistic, deterministic data for the demo, tests, benchmarks."""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from azamat.core import seeding


class Command(BaseCommand):
    help = "Fill the database with realistic, deterministic data (scale 1: demo; scale 100: national size)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when the database holds people."
        )
        parser.add_argument(
            "--only",
            default="",
            help="Comma-separated app labels whose steps alone run (e.g. registry,accounts,accountability).",
        )
        parser.add_argument(
            "--demo-logins",
            action="store_true",
            help="Give the demo accounts the published demo password (for `azamat demo` only); without it "
            "nobody can sign in to a generated account.",
        )

    def handle(self, *args, scale, seed, if_empty, demo_logins, only, **options):
        # Generated people beside real ones would be a disaster: seed only a database nobody uses yet.
        if get_user_model().objects.exists():
            if if_empty:
                self.stdout.write("The database already holds data; keeping it.")
                return
            raise CommandError("The database already holds people; seed an empty database.")
        if scale <= 0:
            raise CommandError("--scale must be positive.")
        started = time.perf_counter()
        seeding.run(
            scale=scale,
            seed=seed,
            log=self.stdout.write,
            progress=options["verbosity"] > 0,
            demo_logins=demo_logins,
            only={label.strip() for label in only.split(",") if label.strip()} or None,
        )
        self.stdout.write(
            self.style.SUCCESS(f"Seeded at scale {scale} in {time.perf_counter() - started:.1f} s.")
        )
