"""azamat demo: prepare the embedded database, load demo data once, print the logins, serve the site."""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import translation

from azamat.accounts.models import User
from azamat.accounts.seed import DEMO_LOGINS, DEMO_PASSWORD
from azamat.core.hooks import app_modules


def environment(bind: str) -> dict[str, str]:
    """The environment of the demo's processes: the links in its emails lead to the address it serves
    (`--bind 127.0.0.1:8105` sent links to :8000, where nothing answered), unless SITE_URL says otherwise."""
    return {"SITE_URL": f"http://{bind}", **os.environ, "DJANGO_SETTINGS_MODULE": "azamat.settings"}


def _exit(signum, frame):
    raise SystemExit(0)


def serve(bind: str) -> None:
    """Run the site, the task worker and the signature counter until the server stops, Ctrl+C or a SIGTERM
    (`kill <pid>`), and stop all three then: a SIGTERM used to end this process alone and leave the three running,
    the port taken."""
    env = environment(bind)
    processes: list[subprocess.Popen] = []
    previous = signal.signal(signal.SIGTERM, _exit)
    try:
        processes.append(subprocess.Popen([sys.executable, "-m", "azamat.cli", "db_worker"], env=env))  # noqa: S603
        # Petitions' signatures are counted by a job of their own, never +1 per signature (ADR 0006).
        processes.append(
            subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "azamat.cli", "petitions_count", "--loop", "--interval", "2"], env=env
            )
        )
        # One process with threads: without Redis the cache (sign-in lockouts, rate limits, the dashboard's
        # figures) lives in the process, and the demo must behave as one site.
        server = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "azamat.wsgi",
                "--bind",
                bind,
                "--workers",
                "1",
                "--threads",
                "8",
                "--access-logfile",
                "-",
            ],
            env=env,
        )
        processes.insert(0, server)
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=10)


class Command(BaseCommand):
    help = (
        "Migrate, seed the demo data (once), and start gunicorn, a task worker and the petitions' signature counter "
        "on http://127.0.0.1:8000."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("DEMO_BIND", "127.0.0.1:8000"))
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare everything but do not start the server."
        )

    def handle(self, *args, bind, scale, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if User.objects.exists():
            self.stdout.write("Demo data is already there; reusing it.")
        else:
            self.stdout.write("Loading demo data…")
            call_command("seed", scale=scale, seed=1, demo_logins=True, verbosity=0)
        self._print_logins(bind)
        if no_serve:
            return
        serve(bind)

    def _print_logins(self, bind: str) -> None:
        url = f"http://{bind}"
        line = "─" * 72
        self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Azamat demo: {url}"))
        self.stdout.write(f"Database: {settings.DATABASES['default']['NAME']}")
        self.stdout.write(f"Password for every demo login: {DEMO_PASSWORD}")
        # Other apps' seed modules may add logins of their own (monitoring's, with a second factor).
        extra = [
            login
            for module in app_modules("seed")
            if module.__name__ != "azamat.accounts.seed"
            for login in getattr(module, "DEMO_LOGINS", [])
        ]
        with translation.override("en"):
            for email, _name, _role, label in [*DEMO_LOGINS, *extra]:
                self.stdout.write(f"  {email:<24} {label}")
        if extra:
            self.stdout.write(
                "Monitoring logins ask for a two-factor code: azamat totp_code <email> prints it."
            )
        credentials = settings.VAR_DIR / "demo-voting-credentials.txt"  # written by voting's seed.py
        if credentials.exists():
            self.stdout.write(
                f"Votes: voters' credentials in {credentials}; trustees' keys beside it "
                "(a vote closed yesterday waits for them)."
            )
        self.stdout.write(f"Admin: {url}/admin/   API docs: {url}/api/docs/")
        self.stdout.write("Emails (sign-up verification) are printed in this terminal.")
        self.stdout.write(line)
