"""Found walking the register as the working group on a phone, off the happy path: a problem in the public register
(endorsed, with its evidence) merged into a proposal not yet public vanished from the register, and a visitor
following its old link read "Problem PR-… was merged into this one" above "Access denied"."""

import pytest
from django.urls import reverse

from azamat.problems import services
from azamat.problems.models import Problem
from azamat.problems.tests.factories import proposed, registered, working_group_member

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
S = Problem.Status


@pytest.fixture
def group(db):
    return working_group_member(email="group@example.kz", full_name="Гүлнар Сәрсенова")


def test_a_public_problem_is_not_merged_into_a_proposal_the_public_cannot_read(client, alice, group):
    public = registered(by=group, group=group, title="Задержка траншей")
    proposal = proposed(by=alice, title="Транши задерживают")
    client.force_login(group)
    response = client.post(
        reverse("problems:merge", args=[public.number]),
        {"merge-into": proposal.number, "merge-reason": "Дубль"},
        **EN,
    )
    assert response.status_code == 400
    message = (
        f"Problem {proposal.number} is not in the public register yet, and this one is: merging it there would "
        f"hide it from the public. Merge {proposal.number} into this one instead, or put it in the register first."
    )
    assert response.content.decode().count(message) == 2  # at the top of the page, and at the form
    public.refresh_from_db()
    assert (public.status, public.merged_into) == (S.REGISTERED, None)
    client.logout()
    assert client.get(public.get_absolute_url(), **EN).status_code == 200


def test_the_proposal_is_merged_into_the_public_problem_as_before(client, alice, group):
    public = registered(by=group, group=group, title="Задержка траншей")
    proposal = proposed(by=alice, title="Транши задерживают")
    services.problem_merge(problem=proposal, into=public, by=group, reason="Дубль")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.merged_into) == (S.MERGED, public)


def test_two_proposals_are_still_merged_with_each_other(alice, group):
    first = proposed(by=alice, title="Транши задерживают")
    second = proposed(by=alice, title="Второй транш приходит поздно")
    services.problem_merge(problem=second, into=first, by=group, reason="Дубль")
    second.refresh_from_db()
    assert second.merged_into == first
