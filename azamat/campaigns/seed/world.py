"""The world the campaigns happen in, the shared constants and the fast row writer of the campaigns generator."""

import datetime

from django.db import connection
from django.utils import timezone

from azamat.accounts.models import PlatformRole, User
from azamat.campaigns.models import (
    Campaign,
    Petition,
)
from azamat.core.names import person_name
from azamat.core.seeding import SeedContext
from azamat.core.working_days import is_working_day
from azamat.registry.models import GovernmentBody, Membership, Organisation, Region

CAMPAIGNS_PER_SCALE = 10
PETITIONS_PER_SCALE = 12
APPEALS_PER_SCALE = 10
SIGNATURES_PER_SCALE = 10_000
BIGGEST_SHARE = 0.5  # of all signatures, on the biggest petition
BIGGEST_MAX = 1_000_000
BATCH = 5000
STAGES = list(Campaign.Stage.values)
PS = Petition.Status
# The petitions' statuses in turn; the first open one is the biggest, the first sent one goes to officer@'s body.
STATUS_CYCLE = [
    PS.OPEN,
    PS.MODERATION,
    PS.SENT,
    PS.OPEN,
    PS.MODERATION,
    PS.CLOSED,
    PS.OPEN,
    PS.MODERATION,
    PS.REJECTED,
    PS.SENT,
    PS.DRAFT,
    PS.OPEN,
]
OFFICER_BODY = "mci-civil-society"
DEMO_STAGES = ("needs", "plan", "evaluation")  # ngo@'s own campaigns
PUBLIC_BY_STAGE = {
    "needs": ["problem", "objectives", "needs"],
    "stakeholders": ["problem", "objectives", "needs", "stakeholders"],
    "methods": ["problem", "objectives", "needs", "methods", "petitions"],
    "plan": ["problem", "objectives", "needs", "methods", "plan", "petitions"],
    "risks": ["problem", "objectives", "needs", "methods", "plan", "petitions"],
    "evaluation": ["problem", "objectives", "needs", "methods", "plan", "evaluation", "petitions"],
}
SHARED = ["problem", "objectives", "needs", "stakeholders", "methods", "plan"]


def _back(today: datetime.date, days: int) -> datetime.date:
    day = today - datetime.timedelta(days=days)
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def _at(day: datetime.date, rng) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(9, 18), rng.randint(0, 59)))
    return min(timezone.make_aware(moment), timezone.now() - datetime.timedelta(minutes=5))


def _insert(model, columns: list[str], rows) -> int:
    """Rows of plain values into the model's table: COPY on PostgreSQL, batched INSERTs elsewhere."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
            return written
        marks = ", ".join(["%s"] * len(columns))
        adapt = connection.ops.adapt_datetimefield_value  # as the ORM stores them (naive UTC on SQLite)
        batch = []
        for row in rows:
            batch.append(tuple(adapt(v) if isinstance(v, datetime.datetime) else v for v in row))
            if len(batch) == BATCH:
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)  # noqa: S608 — names from the models
                written += len(batch)
                batch = []
        if batch:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)  # noqa: S608 — names from the models
            written += len(batch)
    return written


class World:
    """The registry the campaigns happen in: organisations with their active people, regions, bodies, demo logins."""

    def __init__(self, ctx: SeedContext):
        self.ctx, self.rng = ctx, ctx.rng
        self.today = timezone.localdate()
        self.regions = list(Region.objects.order_by("kato"))
        self.bodies = {b.code: b for b in GovernmentBody.objects.all()}
        self.people: dict[int, list[User]] = {}
        self.organisations: dict[int, Organisation] = {}
        for membership in (
            Membership.objects.filter(status=Membership.Status.ACTIVE)
            .select_related("organisation", "user")
            .order_by("organisation_id", "role", "pk")
        ):
            self.people.setdefault(membership.organisation_id, []).append(membership.user)
            self.organisations[membership.organisation_id] = membership.organisation
        self.demo = {u.email: u for u in User.objects.filter(email__endswith="@azamat.kz")}
        ngo = self.demo.get("ngo@azamat.kz")
        self.demo_organisation = ctx.data.get("demo_organisation")
        if self.demo_organisation is None and ngo is not None:
            link = (
                ngo.memberships.filter(status=Membership.Status.ACTIVE).select_related("organisation").first()
            )
            self.demo_organisation = link.organisation if link else None
        demo_pk = self.demo_organisation.pk if self.demo_organisation else None
        self.others = [pk for pk in self.organisations if pk != demo_pk]
        role = PlatformRole.objects.filter(role=PlatformRole.Role.PETITION_MODERATOR).order_by("pk").first()
        self.moderator = self.demo.get("moderator@azamat.kz") or (role.user if role else None)
        self.officers = dict(
            PlatformRole.objects.filter(role=PlatformRole.Role.GOVERNMENT_OFFICER, body__isnull=False)
            .order_by("-pk")
            .values_list("body_id", "user_id")
        )
        self.names = [person_name(self.rng) for _ in range(400)]

    def body(self, code: str, region: Region | None) -> GovernmentBody:
        if code in ("akimat", "maslikhat"):
            kato = region.kato if region else "750000000"
            code = f"{code}-{kato[:2]}"
        return self.bodies[code]
