"""Who runs and answers the demo's surveys: the logins, organisations, council and body the surveys belong to."""

import datetime

from django.utils import timezone

from azamat.accounts.models import User
from azamat.core.seeding import SeedContext
from azamat.councils.models import Council
from azamat.registry.models import GovernmentBody, Membership, Region

OFFICER_BODY = "mci-civil-society"  # the body officer@ works for


class World:
    """Who runs and answers the demo's surveys."""

    def __init__(self, ctx: SeedContext):
        self.ctx, self.rng = ctx, ctx.rng
        self.now = timezone.now()
        self.demo = {u.email: u for u in User.objects.filter(email__endswith="@azamat.kz")}
        self.organisation = ctx.data.get("demo_organisation")
        ngo = self.demo.get("ngo@azamat.kz")
        if self.organisation is None and ngo is not None:
            link = ngo.memberships.filter(status=Membership.Status.ACTIVE).first()
            self.organisation = link.organisation if link else None
        if self.organisation is None:
            admin = Membership.objects.filter(status="active", role="admin").order_by("pk").first()
            self.organisation = admin.organisation if admin else None
        self.ngo_admin = ngo or self._admin_of(self.organisation)
        other = (
            Membership.objects.filter(status="active", role="admin")
            .exclude(organisation=self.organisation)
            .select_related("organisation", "user")
            .order_by("pk")
            .first()
        )
        self.research = other.organisation if other else self.organisation
        self.research_admin = other.user if other else self.ngo_admin
        self.member = self.demo.get("member@azamat.kz")
        self.regions = {r.kato: r for r in Region.objects.all()}
        secretary = self.demo.get("secretary@azamat.kz")
        self.council = (
            Council.objects.filter(secretaries__user=secretary).order_by("pk").first() if secretary else None
        ) or Council.objects.exclude(published_at=None).order_by("pk").first()
        self.council_secretary = secretary or (
            self.council.secretaries.first().user
            if self.council and self.council.secretaries.exists()
            else None
        )
        self.body = GovernmentBody.objects.filter(code=OFFICER_BODY).first()
        self.officer = self.demo.get("officer@azamat.kz")
        self.citizen = self.demo.get("citizen@azamat.kz")

    @staticmethod
    def _admin_of(organisation):
        if organisation is None:
            return None
        link = organisation.memberships.filter(status="active").order_by("role", "pk").first()
        return link.user if link else None

    def ago(self, days: float) -> datetime.datetime:
        return self.now - datetime.timedelta(days=days)
