"""Votes for tests, taken through the services with the real belenios-tool: a prepared vote, its trustees'
keys generated, its credentials sent (the private credentials returned to the test, as the voters' e-mail
would give them)."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from azamat.registry.models import Membership
from azamat.testing.factories import OrganisationFactory, UserFactory
from azamat.voting import services
from azamat.voting.models import Election


@dataclass
class World:
    election: Election
    administrator: object
    authority: object
    trustees: list
    voters: list
    keys: dict = field(default_factory=dict)  # trustee user pk → private key
    credentials: dict = field(default_factory=dict)  # voter user pk → private credential


RANKED = ("Ержан Қасымов", "Анна Петрова", "Мадина Омарова", "Олег Ким")


def prepared(
    *, voters: int = 3, trustees: int = 3, threshold: int = 2, opens_in_hours: int = -1, ranked: bool = False
) -> World:
    """An organisation's vote with one question of three candidates (and, `ranked`, a second where the voters
    rank four candidates for two seats), its roll, authority and trustees: a draft."""
    administrator = UserFactory(full_name="Айгерим Сапарова")
    organisation = OrganisationFactory()
    Membership.objects.create(
        organisation=organisation,
        user=administrator,
        role=Membership.Role.ADMIN,
        status=Membership.Status.ACTIVE,
    )
    now = timezone.now()
    # Created opening ahead (the service refuses an opening already past), then, for one opening earlier, its
    # opening moved back ("the hours have passed"), as the generator moves its votes' windows.
    election = services.election_create(
        by=administrator,
        owner=organisation,
        title="Выборы правления",
        opens_at=now + datetime.timedelta(hours=max(opens_in_hours, 1)),
        closes_at=now + datetime.timedelta(days=2),
        threshold=threshold,
    )
    if opens_in_hours < 1:
        Election.objects.filter(pk=election.pk).update(
            opens_at=now + datetime.timedelta(hours=opens_in_hours)
        )
        election.refresh_from_db()
    question = services.question_add(by=administrator, election=election, text="Председатель правления")
    for name in ("Ахметова Динара", "Иванов Сергей", "Серікбаев Нұрлан"):
        services.candidate_add(by=administrator, question=question, name=name)
    if ranked:
        board = services.question_add(
            by=administrator, election=election, text="Правление (два места)", max_choices=2, ranked=True
        )
        for name in RANKED:
            services.candidate_add(by=administrator, question=board, name=name)
    people = [UserFactory() for _ in range(voters)]
    services.roll_upload(by=administrator, election=election, text="\n".join(p.email for p in people))
    authority = UserFactory()
    keepers = [UserFactory() for _ in range(trustees)]
    services.roles_set(
        by=administrator,
        election=election,
        credential_authority=authority,
        trustees=keepers,
        threshold=threshold,
    )
    election.refresh_from_db()
    return World(election, administrator, authority, keepers, people)


def with_keys(world: World) -> World:
    """Freeze and let every trustee take her three key steps."""
    election = services.freeze(by=world.administrator, election=world.election)
    for trustee in world.trustees:
        world.keys[trustee.pk] = services.trustee_certificate(by=trustee, election=election)
    for trustee in world.trustees:
        services.trustee_polynomial(by=trustee, election=election, key=world.keys[trustee.pk])
    for trustee in world.trustees:
        services.trustee_verification(by=trustee, election=election, key=world.keys[trustee.pk])
    election.refresh_from_db()
    world.election = election
    return world


def opened(world: World) -> World:
    """Credentials sent (kept for the test instead of e-mailed): the vote is open."""
    collected = {}
    services.credentials_send(
        by=world.authority,
        election=world.election,
        deliver=lambda voter, cred: collected.update({voter.user_id: cred}),
    )
    world.credentials = collected
    world.election.refresh_from_db()
    return world


def open_vote(**kwargs) -> World:
    return opened(with_keys(prepared(**kwargs)))


def pick(election: Election, *names: str) -> dict[int, list[int]]:
    """The choice of candidates by name, as the ballot form gives it."""
    picked = {}
    for question in election.questions.prefetch_related("candidates"):
        picked[question.pk] = [c.pk for c in question.candidates.all() if c.name in names]
    return picked


def rank(election: Election, *names: str) -> dict:
    """The candidates named chosen, and in a ranked question ranked in the order named (the others unranked)."""
    picked = pick(election, *names)
    for question in election.questions.filter(ranked=True).prefetch_related("candidates"):
        picked[question.pk] = {
            c.pk: (names.index(c.name) + 1 if c.name in names else 0) for c in question.candidates.all()
        }
    return picked
