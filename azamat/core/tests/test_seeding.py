"""The data generator: deterministic, realistic, valid."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from azamat.core import seeding
from azamat.core.bin import is_valid_bin
from azamat.registry.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def _snapshot():
    return list(
        Organisation.objects.order_by("bin").values_list("bin", "name_ru", "region__kato", "legal_form")
    )


def _seed_and_snapshot(seed: int):
    with transaction.atomic():
        seeding.run(scale=0.2, seed=seed, log=lambda *_: None)
        snapshot = _snapshot()
        transaction.set_rollback(True)
    return snapshot


def test_same_seed_gives_the_same_data():
    first = _seed_and_snapshot(7)
    assert Organisation.objects.count() == 0
    assert _seed_and_snapshot(7) == first
    assert _seed_and_snapshot(8) != first
    assert len(first) > 40


def test_seeded_data_is_valid_and_realistic():
    seeding.run(scale=1, seed=1, log=lambda *_: None)
    orgs = Organisation.objects.all()
    assert orgs.count() >= 230
    assert all(is_valid_bin(b) for b in orgs.values_list("bin", flat=True))
    by_region = {
        kato: orgs.filter(region__kato=kato).count() for kato in ("750000000", "710000000", "620000000")
    }
    assert by_region["750000000"] > by_region["620000000"]
    assert by_region["710000000"] > by_region["620000000"]
    national = Organisation.objects.get(bin="940140000385")
    assert national.is_alliance
    assert national.alliance_members.filter(kind="branch").count() == 20
    assert Membership.objects.filter(user__email="ngo@azamat.kz", role="admin").exists()
    # …whose organisation keeps its charter and registration certificate on its profile (the certificate public).
    from azamat.registry.models import FoundingDocument

    on_file = FoundingDocument.objects.filter(
        organisation__memberships__user__email="ngo@azamat.kz", current=True
    ).order_by("kind")
    assert list(on_file.values_list("kind", "public")) == [("charter", False), ("registration", True)]
    assert all(document.file.read(5) == b"%PDF-" for document in on_file)
    assert all(o.search_text for o in orgs[:20])
    # secretary@'s council can hold its chair election: enough sitting civil members with an account for a
    # secret ballot (a roll of one would be frozen with its one vote readable in the totals, and is refused).
    from azamat.councils.models import CouncilSecretary, Member
    from azamat.voting.lifecycle import MIN_ROLL

    council = CouncilSecretary.objects.get(user__email="secretary@azamat.kz").council
    voters = Member.objects.filter(council=council, left_on__isnull=True, user__isnull=False).exclude(
        represents=Member.Represents.STATE
    )
    assert voters.count() >= MIN_ROLL
    # …and has a member's proposed recommendation to put on an agenda or decline: ngo@'s, waiting.
    from azamat.councils.models import Proposal

    waiting = Proposal.objects.get(council=council, status=Proposal.Status.SUBMITTED)
    assert waiting.member.user.email == "ngo@azamat.kz" and waiting.body == council.body


def test_seed_command_refuses_a_full_database():
    call_command("seed", scale=0.1, seed=1, verbosity=0)
    with pytest.raises(CommandError):
        call_command("seed", scale=0.1, seed=1, verbosity=0)
    call_command("seed", scale=0.1, seed=1, if_empty=True, verbosity=0)


def test_every_apps_steps_are_found_in_order_also_in_a_seed_package():
    names = [name for _order, name, _func in seeding.discover()]
    grants = [name for name in names if name.startswith("azamat.grants.seed.")]
    assert grants == [
        "azamat.grants.seed.calls.seed_calls",
        "azamat.grants.seed.review.seed_review",
        "azamat.grants.seed.commission.seed_commissions",
        "azamat.grants.seed.projects.seed_projects",
        "azamat.grants.seed.duplicates.seed_near_duplicates",
    ]
    assert names.index("azamat.accounts.seed.seed_demo_logins") < names.index(grants[0])


def test_the_generated_history_sends_no_email_and_queues_nothing(django_capture_on_commit_callbacks):
    # The generator goes through the services, which announce each step by email once committed; the
    # events it makes up happened to nobody.
    with django_capture_on_commit_callbacks() as callbacks:
        seeding.run(scale=0.1, seed=2, log=lambda *_: None)
    assert callbacks == []
    assert Organisation.objects.exists()
