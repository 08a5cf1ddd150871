"""Test helpers of the list of persecuted persons and of publication: an organisation's administrator with two-factor
sign-in, a verified event, a candidate awaiting the expert group, a listed person with the public entry. Made with
the services where the state matters (the public entry), directly from the models otherwise. Names are fictional."""

import datetime

from django.utils import timezone

from azamat.monitoring import listing_services
from azamat.monitoring.models import Candidate, Event
from azamat.registry.models import Membership
from azamat.testing import monitoring_factories as mf
from azamat.testing.factories import MembershipFactory, UserFactory


def org_admin(organisation, email: str | None = None):
    """An administrator of the organisation (it grants roles and sets the publication rules), with two factors."""
    user = UserFactory(email=email or f"admin-{organisation.pk}@monitoring.example.kz")
    MembershipFactory(user=user, organisation=organisation, role=Membership.Role.ADMIN, status="active")
    mf.two_factor(user)
    return user


def verified_event(organisation, *, by, verifier, **fields) -> Event:
    """An event entered by `by` and verified by `verifier`, with its act, perpetrator and source."""
    record = mf.event(organisation, by=by, status=Event.Status.VERIFIED, reliability="high", **fields)
    record.verified_by, record.verified_at = verifier, timezone.now()
    record.save()
    return record


def awaiting(organisation, *, subject=None, by=None, used_violence: bool = False, **fields) -> Candidate:
    """A candidate whose analysis is submitted: the expert group decides next."""
    candidate = mf.candidate(organisation, subject=subject, by=by, status=Candidate.Status.DECISION)
    candidate.analysis = "Преследуется за участие в мирном собрании; насилия не применял."
    candidate.ground = Candidate.Ground.BELIEFS
    candidate.used_violence = used_violence
    candidate.public_grounds = fields.pop("public_grounds", "Осуждён за участие в мирном собрании у акимата.")
    for name, value in fields.items():
        setattr(candidate, name, value)
    candidate.save()
    return candidate


def listed(organisation, *, expert, subject=None, by=None, **fields) -> Candidate:
    """A person listed by the expert group's decision (5 members, 4 present, 4 for), on the public list."""
    candidate = awaiting(organisation, subject=subject, by=by, **fields)
    listing_services.decision_record(
        candidate=candidate,
        by=expert,
        criteria=mf.criteria(organisation),
        decided_on=timezone.localdate() - datetime.timedelta(days=1),
        members=5,
        present=4,
        votes_for=4,
        votes_against=0,
        abstained=0,
        outcome="list",
        grounds="Критерий 1: преследование исключительно за осуществление права на мирные собрания.",
    )
    candidate.refresh_from_db()
    return candidate
