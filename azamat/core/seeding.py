"""One data generator for the demo, the tests and the benchmarks; each app adds its seeders.

An app registers its steps in its `seed.py` with `@seeder(order)`. Steps run in order and share a
`SeedContext`: a deterministic random generator, the scale, and a dict where earlier steps leave what
later steps need (organisations, people, …). Scale 1 is a lively demo; scale 100 is national size.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction

from azamat.core.hooks import app_modules

# Printed by `azamat demo` and in the README, so anyone can sign in to a demo. Only `--demo-logins` gives it
# to the generated accounts; without it (benchmarks, a production database) nobody can sign in with it.
DEMO_PASSWORD = "Azamat-demo-2026"  # noqa: S105 — published on purpose, for the demo only

# Accounts the generator makes with the demo password when asked: the printed logins and the first of the
# generated people and experts. The system check in core/checks.py tries the demo password on these.
DEMO_ACCOUNT_EMAILS = (
    "admin@azamat.kz",
    "operator@azamat.kz",
    "expert@azamat.kz",
    "officer@azamat.kz",
    "secretary@azamat.kz",
    "monitor@azamat.kz",
    "workgroup@azamat.kz",
    "moderator@azamat.kz",
    "ngo@azamat.kz",
    "member@azamat.kz",
    "citizen@azamat.kz",
    "interviewer@azamat.kz",
    "rights@azamat.kz",
    "verifier@azamat.kz",
    "lawyer@azamat.kz",
    "hrd-admin@azamat.kz",
    "expert0000@experts.example.kz",
)


@dataclass
class SeedContext:
    scale: float
    seed: int
    rng: random.Random
    log: Callable[[str], None] = print
    data: dict = field(default_factory=dict)
    progress: bool = False
    demo_logins: bool = False

    def count(self, per_scale: float, minimum: int = 1) -> int:
        return max(minimum, round(per_scale * self.scale))

    def password_hash(self) -> str:
        """The password every generated account gets: the demo one if asked for, else one nobody can use."""
        return make_password(DEMO_PASSWORD if self.demo_logins else None)


_SEEDERS: list[tuple[int, str, Callable[[SeedContext], None]]] = []


def seeder(order: int):
    def register(func: Callable[[SeedContext], None]):
        name = f"{func.__module__}.{func.__name__}"
        if all(existing != name for _, existing, _ in _SEEDERS):
            _SEEDERS.append((order, name, func))
        return func

    return register


def discover() -> list[tuple[int, str, Callable[[SeedContext], None]]]:
    app_modules("seed")  # importing each app's seed.py registers its steps
    return sorted(_SEEDERS)


def run(
    *,
    scale: float = 1,
    seed: int = 1,
    log: Callable[[str], None] = print,
    progress=False,
    demo_logins: bool = False,
    only: set[str] | None = None,
) -> SeedContext:
    """Run every app's steps in order (`only`: the steps of these apps, by label, e.g. a benchmark of one
    module that needs the registry and the accounts but not the grants)."""
    context = SeedContext(
        scale=scale, seed=seed, rng=random.Random(seed), log=log, progress=progress, demo_logins=demo_logins
    )
    with transaction.atomic():
        connection = transaction.get_connection()
        before = len(connection.run_on_commit)
        for _order, name, func in discover():
            if only is not None and name.split(".")[1] not in only:
                continue
            log(f"· {name.split('.')[1]}: {func.__doc__.strip().splitlines()[0] if func.__doc__ else name}")
            func(context)
        # The steps call the services, which announce what happens by email (and queue checks) once committed;
        # the generated history happened to nobody, so none of that is sent.
        del connection.run_on_commit[before:]
    return context
