"""The generator's campaigns tell the truth: every stage filled in up to where it is, coalitions, petitions in
every status with counts that match their signature rows, sealed emails keyed like the sign service keys them,
items of accountability for what was sent, and real work for the demo logins."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from azamat.accountability.models import Item
from azamat.accountability.selectors import with_status
from azamat.accounts.models import PlatformRole, User
from azamat.campaigns.canonical import email_domain
from azamat.campaigns.counting import TALLY_KEY, reconcile
from azamat.campaigns.models import (
    Action,
    Appeal,
    Campaign,
    Hearing,
    IndicatorValue,
    Invalidation,
    Partner,
    Petition,
    Risk,
    SecurityCheck,
    Signature,
    Stakeholder,
    Tally,
    TeamMember,
    Threshold,
)
from azamat.campaigns.petition_services import email_key
from azamat.core.sealed import unseal

pytestmark = pytest.mark.django_db
PS = Petition.Status


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed", scale=1, seed=5, verbosity=0, only="registry,accounts,problems,campaigns")
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_campaigns_in_every_stage_filled_in_up_to_their_stage(seeded):
    assert set(Campaign.objects.values_list("stage", flat=True)) == set(Campaign.Stage.values)
    assert set(Campaign.objects.values_list("status", flat=True)) == {"active", "completed"}
    assert not Campaign.objects.filter(status="completed").exclude(stage="evaluation").exists()
    assert set(Campaign.objects.values_list("visibility", flat=True)) == {"public", "private"}
    assert len(set(Campaign.objects.exclude(region=None).values_list("region", flat=True))) >= 3
    assert Campaign.objects.filter(region=None).exists()  # national campaigns
    for campaign in Campaign.objects.all():
        level = list(Campaign.Stage.values).index(campaign.stage)
        assert campaign.needs.exists() and campaign.objectives.exists()
        assert campaign.team.filter(role=TeamMember.Role.COORDINATOR).count() == 1
        assert campaign.stakeholders.exists() == (level >= 1)
        assert campaign.methods.exists() == (level >= 2)
        assert campaign.actions.exists() == (level >= 3)
        assert campaign.risks.exists() == (level >= 4)
        assert campaign.indicators.exists() == (level >= 5)
        assert "risks" not in campaign.public_parts
    assert Stakeholder.objects.exclude(body=None).count() > 10
    assert Stakeholder.objects.exclude(organisation=None).exists()
    assert Risk.objects.filter(likelihood__gte=3, impact__gte=5).exists()
    assert (
        SecurityCheck.objects.filter(done=True).exists() and SecurityCheck.objects.filter(done=False).exists()
    )
    from azamat.campaigns.stages import SECURITY_ITEMS

    # Only the items the workspace's checklist shows (a code it does not know would tick nothing it shows).
    assert set(SecurityCheck.objects.values_list("code", flat=True)) <= {
        code for code, _label in SECURITY_ITEMS
    }
    court = Action.objects.filter(kind=Action.Kind.COURT)
    assert court.exists() and not court.filter(case_number="").exists()
    assert Hearing.objects.filter(action__in=court).count() >= 2
    values = IndicatorValue.objects.values("indicator").annotate(n=Count("pk"))
    assert values and min(v["n"] for v in values) >= 2  # measured over time
    assert (
        Partner.objects.filter(status="accepted").exists()
        and Partner.objects.filter(status="invited").exists()
    )
    assert Campaign.objects.filter(title__regex="[әғқңөұүһі]").exists()  # some written in Kazakh


def test_petitions_counts_thresholds_and_tally_match_the_rows(seeded):
    assert set(Petition.objects.values_list("status", flat=True)) == set(PS.values)
    counted = Q(signatures__confirmed_at__isnull=False, signatures__invalidation=None)
    for petition in Petition.objects.annotate(rows=Count("signatures", filter=counted)):
        assert petition.signature_count == petition.rows
        marks = list(petition.thresholds.values_list("signatures", flat=True))
        assert all(mark <= petition.rows for mark in marks)
        if petition.rows >= petition.listing_threshold:
            assert petition.listing_threshold in marks and petition.listed_at is not None
        if petition.status in (PS.DRAFT, PS.MODERATION, PS.REJECTED):
            assert petition.rows == 0 and not marks
        # As the counting job leaves them: reaching the goal sends a petition, closing sends it once listed.
        if petition.status == PS.SENT:
            assert petition.rows >= petition.goal and petition.goal in marks and petition.goal_reached_at
        if petition.status == PS.OPEN:
            assert petition.rows < petition.goal and petition.goal_reached_at is None
        if petition.status == PS.CLOSED:
            assert 0 < petition.rows < petition.listing_threshold
    total = Signature.objects.count()
    assert 9_000 <= total <= 11_000
    biggest = Petition.objects.order_by("-signature_count").first()
    assert biggest.signature_count > total // 3
    assert Signature.objects.filter(confirmed_at=None).count() > 0
    assert Signature.objects.filter(confirmed_at__isnull=False).count() > 0.9 * total
    for invalidation in Invalidation.objects.all():
        assert invalidation.count == invalidation.signatures.count() > 0
    tally = Tally.objects.get(key=TALLY_KEY)
    latest = Signature.objects.aggregate(last=Max("confirmed_at"))["last"]
    assert latest <= tally.counted_until <= timezone.now()
    with transaction.atomic():
        assert reconcile() == {}  # the nightly check finds every count right
        transaction.set_rollback(True)
    # A threshold was reached by its n-th counted signature.
    threshold = Threshold.objects.filter(petition=biggest).order_by("signatures").first()
    nth = (
        Signature.objects.filter(petition=biggest, confirmed_at__isnull=False, invalidation=None)
        .order_by("confirmed_at")
        .values_list("confirmed_at", flat=True)[threshold.signatures - 1]
    )
    assert threshold.reached_at == nth


def test_emails_are_sealed_and_keyed_like_the_sign_service(seeded):
    signature = Signature.objects.order_by("pk").first()
    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM campaigns_signature WHERE id = %s", [signature.pk])
        raw = cursor.fetchone()[0]
    assert "@" in signature.email and "@" not in raw and unseal(raw) == signature.email
    assert signature.email_key == email_key(signature.email)
    assert Signature.objects.values("petition", "email_key").distinct().count() == Signature.objects.count()
    # Walking as moderator@: striking out by domain found none of the generated rows, which had no domain.
    for signature in Signature.objects.order_by("pk")[:50]:
        assert signature.email_domain == email_domain(signature.email) != ""


def test_what_was_sent_is_an_item_of_accountability(seeded):
    sent = Petition.objects.filter(status=PS.SENT)
    assert sent.count() >= 1 and not sent.filter(item=None).exists()
    assert not Petition.objects.exclude(status=PS.SENT).exclude(item=None).exists()
    petition_type = ContentType.objects.get_for_model(Petition)
    items = Item.objects.filter(source_type=petition_type)
    assert set(items.values_list("rule__code", "kind")) == {("petition", "demand")}
    assert set(items.values_list("source_id", flat=True)) == set(sent.values_list("pk", flat=True))
    appeals = Appeal.objects.exclude(item=None)
    assert appeals.exists() and Appeal.objects.filter(item=None).exists()
    assert set(appeals.values_list("item__rule__code", "item__kind")) == {("appeal", "appeal")}
    assert all(a.item.source_id == a.pk for a in appeals.select_related("item"))


def test_each_demo_login_has_something_to_do(seeded):
    ngo = User.objects.get(email="ngo@azamat.kz")
    stages = set(
        TeamMember.objects.filter(user=ngo, role="coordinator").values_list("campaign__stage", flat=True)
    )
    assert len(stages) >= 3
    member = User.objects.get(email="member@azamat.kz")
    assert TeamMember.objects.filter(user=member, role="member").exists()
    organisation = ngo.memberships.get().organisation
    assert Partner.objects.filter(
        organisation=organisation, status="invited"
    ).exists()  # an invitation to answer
    moderator = User.objects.get(email="moderator@azamat.kz")
    assert PlatformRole.objects.filter(user=moderator, role="petition_moderator").exists()
    assert Petition.objects.filter(status=PS.MODERATION).count() >= 3
    citizen = [s for s in Signature.objects.filter(name="Алия Муканова") if s.email == "citizen@azamat.kz"]
    assert len(citizen) >= 2 and all(s.counts for s in citizen)
    officer_body = PlatformRole.objects.get(user__email="officer@azamat.kz").body
    waiting = with_status(Item.objects.filter(body=officer_body)).filter(computed_status=Item.Status.AWAITING)
    assert waiting.filter(rule__code="petition").exists()
    assert waiting.filter(rule__code="appeal", source_type=ContentType.objects.get_for_model(Appeal)).exists()


def test_a_campaign_does_not_file_the_same_petition_twice(seeded):
    """A moderator read, in the queue, a petition of the same organisation with the title of one already open."""
    titles = list(Petition.objects.values_list("campaign", "title"))
    assert len(titles) >= 12
    assert len(set(titles)) == len(titles)
    assert len({campaign for campaign, _ in titles}) < len(titles)  # some campaign filed more than one
