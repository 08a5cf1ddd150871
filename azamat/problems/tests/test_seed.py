"""The generator's register tells the truth: about sixty problems in all eight areas and every status, their
recommendations sent to bodies as accountability items in every kind of fate, a history dated in the past, and
real work for the demo logins."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from azamat.accountability.models import Item
from azamat.accountability.selectors import with_status
from azamat.accounts.models import User
from azamat.problems import selectors
from azamat.problems.models import Area, Endorsement, Problem, Recommendation, StatusChange
from azamat.problems.permissions import is_working_group

pytestmark = pytest.mark.django_db
S = Problem.Status


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command(
                "seed", scale=1, seed=3, verbosity=0, only="registry,accounts,accountability,problems"
            )
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def recommendation_items():
    content_type = ContentType.objects.get_for_model(Recommendation)
    return with_status(Item.objects.filter(source_type=content_type))


def test_about_sixty_problems_in_all_eight_areas_and_every_status(seeded):
    assert Problem.objects.count() >= 55
    assert set(Problem.objects.values_list("area__code", flat=True)) == set(
        Area.objects.values_list("code", flat=True)
    )
    assert len(set(Problem.objects.values_list("area", flat=True))) == 8
    assert set(Problem.objects.values_list("status", flat=True)) == set(S.values)
    assert Problem.objects.filter(status=S.REGISTERED).count() >= 10
    assert Problem.objects.filter(status=S.SENT).count() >= 15
    assert Problem.objects.filter(status=S.ARCHIVED).count() == 1
    merged = Problem.objects.get(status=S.MERGED)
    assert merged.merged_into.status == S.SENT
    assert not merged.endorsements.exists() and merged.merged_into.endorsements.count() > 10


def test_problems_are_filed_across_regions_and_endorsed_more_when_widespread(seeded):
    proposers = Problem.objects.exclude(organisation=None).values_list("organisation__region", flat=True)
    assert len(set(proposers)) >= 10
    endorsers = Endorsement.objects.values_list("organisation__region", flat=True)
    assert len(set(endorsers)) == 20
    advance = Problem.objects.get(
        title="Отсутствие обязательного авансирования по государственному социальному заказу"
    )
    local = Problem.objects.get(title="Социальная реклама НПО оплачивается на общих основаниях")
    assert advance.endorsements.count() > 3 * local.endorsements.count()
    assert advance.regions.count() == 20 and list(local.regions.values_list("kato", flat=True)) == [
        "750000000"
    ]
    assert advance.legal_acts.filter(name__contains="О государственном социальном заказе").exists()
    assert Problem.objects.filter(title__regex="[әғқңөұүһі]").count() >= 5  # some written in Kazakh


def test_recommendations_are_items_of_accountability_in_every_fate(seeded):
    found = recommendation_items()
    statuses = set(found.values_list("computed_status", flat=True))
    assert statuses >= {
        Item.Status.AWAITING,
        Item.Status.LONG_OVERDUE,
        Item.Status.ANSWERED,
        Item.Status.REJECTED,
        Item.Status.IN_IMPLEMENTATION,
        Item.Status.IMPLEMENTED,
    }
    assert statuses & {Item.Status.OVERDUE, Item.Status.LONG_OVERDUE}
    assert set(found.values_list("rule__code", flat=True)) == {"problem"}
    sent = Recommendation.objects.filter(problem__status__in=[S.SENT, S.PARTLY_SOLVED, S.SOLVED])
    assert found.count() == sent.count() > 30
    assert set(found.values_list("source_id", flat=True)) == set(sent.values_list("pk", flat=True))
    assert not Recommendation.objects.filter(problem__status=S.REGISTERED, pk__in=found.values("source_id"))
    ministry = found.filter(body__code="minfin")
    assert ministry.count() >= 5
    solved = found.filter(source_id__in=Recommendation.objects.filter(problem__status=S.SOLVED).values("pk"))
    assert set(solved.values_list("computed_status", flat=True)) == {Item.Status.IMPLEMENTED}


def test_the_history_happened_in_the_past(seeded):
    now, today = timezone.now(), timezone.localdate()
    assert not StatusChange.objects.filter(at__gt=now).exists()
    assert not recommendation_items().filter(sent_on__gt=today).exists()
    assert not recommendation_items().filter(answered_on__gt=today).exists()
    oldest = Problem.objects.order_by("created_at").first().created_at
    assert (now - oldest).days > 200
    for problem in Problem.objects.filter(status=S.SENT)[:10]:
        days = [change.at for change in problem.status_changes.order_by("pk")]
        assert days == sorted(days)
        assert [c.to_status for c in problem.status_changes.order_by("pk")] == [
            S.PROPOSED,
            S.REVIEW,
            S.REGISTERED,
            S.SENT,
        ]


def test_each_demo_login_has_something_to_do(seeded):
    group = User.objects.get(email="workgroup@azamat.kz")
    assert is_working_group(group)
    queue = selectors.working_group_queue()
    assert queue.filter(status=S.PROPOSED).count() >= 3 and queue.filter(status=S.REVIEW).count() >= 3
    ngo = User.objects.get(email="ngo@azamat.kz")
    organisation = ngo.memberships.get().organisation
    assert list(Problem.objects.filter(organisation=organisation).values_list("status", flat=True)) == [
        S.PROPOSED
    ]
    endorsed = Endorsement.objects.filter(organisation=organisation)
    assert endorsed.count() == 3
    assert selectors.public_problems().exclude(endorsements__organisation=organisation).count() > 30
    assert Problem.objects.filter(proposed_by__email="citizen@azamat.kz", organisation=None).exists()
    officer = recommendation_items().filter(
        body__code="mci-civil-society", computed_status=Item.Status.AWAITING
    )
    assert officer.exists()  # officer@ has a problem's recommendation to answer
