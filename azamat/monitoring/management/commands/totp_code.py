"""azamat totp_code EMAIL: the current two-factor code of a demo login, so that anyone can sign in to the demo's
monitoring (every monitoring role needs two-factor sign-in). Only for an account whose secret is the demo's
published one (`monitoring.seed.DEMO_TOTP_SECRET`, given with `azamat seed --demo-logins`): for anyone else it
refuses and prints nothing."""

import time

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core.management.base import BaseCommand, CommandError

from azamat.accounts.models import User
from azamat.monitoring.seed import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo login (refused for any other account)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        authenticator = (
            Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first() if user else None
        )
        secret = decrypt(authenticator.data["secret"]) if authenticator else None
        if secret != DEMO_TOTP_SECRET:
            # The same words whether the account exists or not: this command tells nothing about real people.
            raise CommandError(f"{email} is not a demo login with the demo's two-factor secret: no code.")
        counter = int(time.time()) // app_settings.TOTP_PERIOD
        seconds_left = app_settings.TOTP_PERIOD - int(time.time()) % app_settings.TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(secret, counter)))
        if options["verbosity"] > 1:
            self.stderr.write(f"valid for {seconds_left} more seconds")
