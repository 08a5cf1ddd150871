"""Preparing a vote: questions, candidates, the roll, the roles, freezing; then the trustees' threshold key in
three steps each (her private key handed to her and forgotten, brought back at each later step)."""

import hashlib
import re

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from azamat.core.errors import DomainError
from azamat.voting import belenios, permissions
from azamat.voting.errors import NOT_ALLOWED, when
from azamat.voting.errors import error as _error
from azamat.voting.lifecycle import TIME_FIELDS, VOTE, S, times_decision
from azamat.voting.models import Candidate, Election, Question, Trustee, Voter
from azamat.voting.selectors import draft_twin, same_text
from azamat.voting.services.common import _delete, _require, _save

# — preparing —


@transaction.atomic
def election_create(
    *,
    by,
    owner,
    title: str,
    opens_at,
    closes_at,
    description: str = "",
    quorum: int = 50,
    threshold: int = 2,
    candidate_list=None,
    purpose: str = "",
) -> Election:
    """A vote in draft. A council's elects members from its latest frozen list of candidates (`candidate_list`)
    or its chair from its sitting members; an organisation's or an alliance's has questions and candidates as its
    administrator writes them."""
    from azamat.councils.models import Council

    _require(permissions.can_create_for(by, owner))
    # The same form sent twice (a double tap, the back button) makes one draft: the person's row is locked so that
    # two requests at once are checked one after the other.
    get_user_model().objects.select_for_update().filter(pk=by.pk).first()
    if draft_twin(by=by, owner=owner, title=title) is not None:
        raise _error("already_created", "title", title=(title or "").strip())
    P = Election.Purpose
    if not isinstance(owner, Council):
        purpose, candidate_list = P.GENERAL, None
    else:
        purpose = purpose or (P.MEMBERS if candidate_list is not None else P.CHAIR)
        if purpose not in (P.MEMBERS, P.CHAIR):
            raise _error("purpose", "purpose")
        if purpose == P.CHAIR:
            candidate_list = None
        elif candidate_list is None or candidate_list.council_id != owner.pk or not candidate_list.is_frozen:
            raise _error("no_list", "purpose")
    if not 2 <= threshold <= 5:
        raise _error("threshold", "threshold")
    election = Election(
        title=(title or "").strip(),
        description=(description or "").strip(),
        opens_at=opens_at,
        closes_at=closes_at,
        quorum=quorum,
        threshold=threshold,
        administrator=by,
        council=owner if isinstance(owner, Council) else None,
        organisation=None if isinstance(owner, Council) else owner,
        purpose=purpose,
        candidate_list=candidate_list,
    )
    _times(election)
    _save(election, by)
    return election


def _times(election: Election) -> None:
    """The vote's times as `lifecycle.TIMES` judge them (an opening from now on, a closing after it, within a year,
    at most 90 days long), the refusal on the field it is about."""
    if election.opens_at is None or election.closes_at is None:
        return  # `_save`'s full_clean says which is missing
    code, decision = times_decision(election)
    if not decision:
        raise DomainError(code, decision.reason, field=TIME_FIELDS[code])


DETAILS = ("title", "description", "opens_at", "closes_at", "quorum")


def details_version(election: Election) -> str:
    """The details as they stand, in a few characters: the edit form carries the version it was loaded with, and a
    save over a newer one (another tab) is refused instead of silently undoing it."""
    values = "\n".join(str(getattr(election, name)) for name in DETAILS)
    return hashlib.sha256(values.encode()).hexdigest()[:16]


@transaction.atomic
def election_edit(
    *,
    by,
    election: Election,
    title: str,
    opens_at,
    closes_at,
    description: str = "",
    quorum: int = 50,
    loaded: str = "",
) -> Election:
    """A draft's title, description, times and quorum, changed by its administrator (the "edit" step: refused once
    the setup is frozen, its times judged as a new vote's). `loaded`, the `details_version` the form was loaded
    with: a save over a newer change is refused (the form keeps what was typed)."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if loaded and loaded != details_version(election) and VOTE.check(election, "edit", by):
        raise _error(
            "edited_meanwhile",
            title=election.title,
            opens=when(election.opens_at),
            closes=when(election.closes_at),
        )
    VOTE.require(election, "edit", by)
    election.title = (title or "").strip()
    election.description = (description or "").strip()
    election.opens_at, election.closes_at, election.quorum = opens_at, closes_at, quorum
    _times(election)
    _save(election, by)
    return election


def _draft(election: Election, by) -> None:
    _require(permissions.can_administer(by, election))
    if election.status != S.DRAFT:
        raise _error("frozen")


def _draft_locked(election: Election, by) -> Election:
    """The vote re-read under its row's lock, which freezing takes too: a removal and a freeze sent at the same
    moment are taken one after the other, and a removal never lands in a frozen setup."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    _draft(election, by)
    return election


def _close_gap(rows, by) -> None:
    """The rows numbered after a removed one move up one, so the numbers stay 1, 2, 3… as the page shows them."""
    for row in rows:
        row.position -= 1
        _save(row, by)


@transaction.atomic
def question_add(
    *, by, election: Election, text: str, max_choices: int = 1, ranked: bool = False
) -> Question:
    """A question: choose one, or up to `max_choices`; or, `ranked`, the voters rank the candidates and
    `max_choices` seats are filled by the single transferable vote."""
    _draft(election, by)
    if any(
        same_text(listed) == same_text(text) for listed in election.questions.values_list("text", flat=True)
    ):
        raise _error("duplicate_question", "text")
    position = (election.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    question = Question(
        election=election,
        position=position,
        text=(text or "").strip(),
        max_choices=max_choices or 1,
        ranked=bool(ranked),
    )
    _save(question, by)
    return question


@transaction.atomic
def candidate_add(*, by, question: Question, name: str = "", entry=None, member=None) -> Candidate:
    """A candidate by name (an organisation's vote); from the council's frozen list, where only an eligible
    entry may stand (an ineligible one is refused with the list's reason); or, for a council's chair, one of its
    sitting members who does not represent the state body."""
    election = question.election
    _draft(election, by)
    if election.purpose == Election.Purpose.CHAIR:
        if member is None:
            raise _error("no_candidate" if not (name or "").strip() else "not_member", "member")
        if member.council_id != election.council_id or member.left_on is not None:
            raise _error("not_member", "member")
        if member.represents == member.Represents.STATE:
            raise _error("state_member", "member", name=member.full_name)
        name, entry = member.full_name, None
    elif election.council_id:
        if entry is None and not (name or "").strip():
            raise _error("no_candidate", "entry")
        if (
            entry is None
            or election.candidate_list_id is None
            or entry.candidate_list_id != election.candidate_list_id
        ):
            raise _error("not_on_list", "entry")
        if not entry.eligible:
            raise _error("ineligible", "entry", name=entry.full_name, reason=entry.reason)
        name, member = entry.full_name, None
    else:
        entry = member = None
    name = (name or "").strip()
    if not name:
        raise _error("no_name", "name")
    if question.candidates.filter(name__iexact=name).exists():
        raise _error("duplicate_candidate", "member" if member else "entry" if entry else "name")
    position = (question.candidates.aggregate(m=Max("position"))["m"] or 0) + 1
    candidate = Candidate(question=question, position=position, name=name, entry=entry, member=member)
    _save(candidate, by)
    return candidate


@transaction.atomic
def question_remove(*, by, election: Election, question_id: int) -> Question:
    """A question taken off a draft's ballot with its candidates (each removal in the history, by `by`); the
    questions after it move up one. `question_id` may come from a tab left open: one that is not this vote's
    (removed already, another vote's, never there) is refused and nothing changes. Returns the removed question."""
    election = _draft_locked(election, by)
    question = election.questions.filter(pk=question_id).first()
    if question is None:
        raise _error("question_gone")
    # One by one, before the question: a cascade would delete them without saying who did.
    for candidate in question.candidates.all():
        _delete(candidate, by)
    _delete(question, by)
    _close_gap(election.questions.filter(position__gt=question.position).order_by("position"), by)
    return question


@transaction.atomic
def candidate_remove(*, by, election: Election, candidate_id: int) -> Candidate:
    """A candidate taken off a draft's ballot; those after it in the question move up one. A question left with
    fewer candidates than it needs stops the freezing (`lifecycle._complete`, `_choices_fit`) until more are added
    or fewer choices allowed. `candidate_id` not on this vote's ballot is refused. Returns the removed candidate."""
    election = _draft_locked(election, by)
    candidate = Candidate.objects.filter(pk=candidate_id, question__election=election).first()
    if candidate is None:
        raise _error("candidate_gone")
    _delete(candidate, by)
    _close_gap(
        Candidate.objects.filter(question_id=candidate.question_id, position__gt=candidate.position).order_by(
            "position"
        ),
        by,
    )
    return candidate


@transaction.atomic
def voter_remove(*, by, election: Election, voter_id: int) -> Voter:
    """A person taken off a draft's roll (no credential exists before the freezing). `voter_id` not on this vote's
    roll is refused. Returns the removed voter."""
    election = _draft_locked(election, by)
    voter = election.voters.filter(pk=voter_id).first()
    if voter is None:
        raise _error("voter_gone")
    _delete(voter, by)
    return voter


@transaction.atomic
def roll_from_members(*, by, election: Election) -> int:
    """The council's sitting members with an account, or the alliance's member organisations' administrators
    (one delegate each), or the organisation's members; returns how many were added."""
    from azamat.accounts.models import User
    from azamat.registry.models import AllianceMembership, Membership

    _draft(election, by)
    if election.council_id:
        users = User.objects.filter(
            council_seats__council=election.council, council_seats__left_on__isnull=True
        )
    elif election.organisation.is_alliance:
        delegates = {}
        for membership in (
            Membership.objects.filter(
                organisation__in=AllianceMembership.objects.filter(alliance=election.organisation).values(
                    "member"
                ),
                role=Membership.Role.ADMIN,
                status=Membership.Status.ACTIVE,
            )
            .select_related("user")
            .order_by("organisation_id", "pk")
        ):
            delegates.setdefault(membership.organisation_id, membership.user)
        users = User.objects.filter(pk__in=[user.pk for user in delegates.values()])
    else:
        users = User.objects.filter(
            memberships__organisation=election.organisation, memberships__status=Membership.Status.ACTIVE
        )
    present = set(election.voters.values_list("user_id", flat=True))
    added = [
        Voter(election=election, user=user, name=user.get_full_name() or user.email)
        for user in users.distinct().order_by("pk")
        if user.pk not in present
    ]
    bulk_create_with_history(added, Voter, default_user=by)
    return len(added)


# What surrounds an address as people paste it: spreadsheet cells (tabs), CSV separators and quotes, a mail
# client's "Name <address>", a list typed on one line.
ADDRESS_SEPARATORS = re.compile(r"[\s,;<>\"'()\[\]]+")


def roll_addresses(text: str) -> list[str]:
    """The e-mail addresses in a pasted text, lower-cased, in order: one per line, or a spreadsheet's columns,
    a CSV's, a mail client's list; words without "@" (a header, a name) are left out."""
    return [word.lower() for word in ADDRESS_SEPARATORS.split(text or "") if "@" in word.strip("@")]


@transaction.atomic
def roll_upload(*, by, election: Election, text: str) -> int:
    """The e-mail addresses pasted (one per line, or a spreadsheet's or a mail client's list: `roll_addresses`):
    each must be an account; a repeated address is refused, not silently merged."""
    from azamat.accounts.models import User

    _draft(election, by)
    addresses = roll_addresses(text)
    if not addresses:
        raise _error("roll_empty", "addresses")
    seen, repeated = set(), []
    for address in addresses:
        if address in seen and address not in repeated:
            repeated.append(address)
        seen.add(address)
    if repeated:
        raise _error("roll_duplicates", "addresses", list=", ".join(repeated))
    users = {user.email.lower(): user for user in User.objects.filter(email__in=addresses)}
    unknown = [a for a in addresses if a not in users]
    if unknown:
        raise _error("roll_unknown", "addresses", list=", ".join(unknown))
    present = set(election.voters.values_list("user_id", flat=True))
    added = [
        Voter(election=election, user=users[a], name=users[a].get_full_name() or users[a].email)
        for a in addresses
        if users[a].pk not in present
    ]
    bulk_create_with_history(added, Voter, default_user=by)
    return len(added)


@transaction.atomic
def roles_set(*, by, election: Election, credential_authority, trustees: list, threshold: int) -> None:
    _draft(election, by)
    trustees = list(trustees)
    people = [by.pk, credential_authority.pk, *[t.pk for t in trustees]]
    if len(set(people)) != len(people):
        raise _error("roles_apart", "trustees")
    if not (2 <= len(trustees) <= 5 and 2 <= threshold <= len(trustees)):
        raise _error("threshold", "threshold")
    election.credential_authority = credential_authority
    election.threshold = threshold
    _save(election, by)
    election.trustees.all().delete()
    for position, user in enumerate(trustees, start=1):
        trustee = Trustee(election=election, user=user, position=position)
        _save(trustee, by)


def freeze(*, by, election: Election) -> Election:
    election.uuid = election.uuid or belenios.new_uuid()
    return VOTE.apply(election, "freeze", by=by, uuid=election.uuid)


# — the trustees' key —


def _trustee(by, election: Election, step: int) -> Trustee:
    trustee = permissions.trustee_of(by, election)
    if trustee is None:
        raise DomainError(NOT_ALLOWED, str(_("Only the vote's trustees take the key steps.")))
    if election.status != S.KEYS or trustee.step != step:
        raise _error("wrong_step")
    return trustee


def _certs(election: Election) -> list[str]:
    return list(election.trustees.order_by("position").values_list("certificate", flat=True))


@transaction.atomic
def trustee_certificate(*, by, election: Election, certificate: str = "") -> str:
    """Step 1. Returns the trustee's private key, to be shown to her once and never kept; or, when she brings
    a certificate she generated herself with belenios-tool, checks and keeps it and returns ""."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    trustee = _trustee(by, election, 1)
    key = ""
    try:
        if certificate.strip():
            belenios.check_certificates([certificate.strip()], group=election.group)
            cert = certificate.strip()
        else:
            cert, key = belenios.trustee_certificate(group=election.group)
    except (belenios.BeleniosError, ValueError, KeyError) as exc:
        # On the certificate she pasted, kept for her to correct; else the tool failed on its own.
        raise _error("tool", "certificate" if certificate.strip() else None) from exc
    trustee.certificate = cert
    _save(trustee, by)
    certs = _certs(election)
    if all(certs):
        try:
            belenios.check_certificates(certs, group=election.group)
        except belenios.BeleniosError as exc:
            raise _error("tool") from exc
    return key


@transaction.atomic
def trustee_polynomial(*, by, election: Election, key: str) -> None:
    """Step 3, once every trustee has a certificate: her polynomial, made with her private key."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    trustee = _trustee(by, election, 3)
    certs = _certs(election)
    if not all(certs):
        raise _error("wrong_step")
    _check_key(trustee, key, election)
    try:
        trustee.polynomial = belenios.trustee_polynomial(
            certs, key.strip(), election.threshold, group=election.group
        )
    except belenios.BeleniosError as exc:
        raise _error("wrong_key", "key") from exc
    _save(trustee, by)
    trustees = list(election.trustees.order_by("position"))
    if all(t.polynomial for t in trustees):
        try:
            inputs = belenios.verification_inputs(
                certs, [t.polynomial for t in trustees], group=election.group
            )
        except belenios.BeleniosError as exc:
            raise _error("tool") from exc
        for other, vinput in zip(trustees, inputs, strict=True):
            other.vinput = vinput
            _save(other, by)


def _check_key(trustee: Trustee, key: str, election: Election) -> None:
    """A trustee's key must be the one her own certificate was made from (not another trustee's): the tool finds
    "its" certificate from the key, so a polynomial against her certificate alone is made only with her key."""
    if not key or not key.strip():
        raise _error("wrong_key", "key")
    try:
        belenios.trustee_polynomial([trustee.certificate], key.strip(), 1, group=election.group)
    except belenios.BeleniosError as exc:
        raise _error("wrong_key", "key") from exc


@transaction.atomic
def trustee_verification(*, by, election: Election, key: str) -> None:
    """Step 5, once every polynomial is in: her verification and her encrypted decryption key. When the last
    trustee's is in, the joint public key is made and the election's parameters with it."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    trustee = _trustee(by, election, 5)
    _check_key(trustee, key, election)
    certs = _certs(election)
    try:
        trustee.voutput, trustee.decryption_key = belenios.trustee_verification(
            certs, key.strip(), trustee.vinput, group=election.group
        )
    except belenios.BeleniosError as exc:
        raise _error("wrong_key", "key") from exc
    _save(trustee, by)
    trustees = list(election.trustees.order_by("position"))
    if all(t.voutput for t in trustees):
        try:
            trustees_json = belenios.trustees_parameters(
                certs, [t.polynomial for t in trustees], [t.voutput for t in trustees], group=election.group
            )
        except belenios.BeleniosError as exc:
            raise _error("wrong_key", "key") from exc
        election.trustees_json = trustees_json
        election.election_json = belenios.make_election(
            election.uuid, template(election), trustees_json, group=election.group
        )
        VOTE.apply(
            election, "keys_ready", by=by, trustees_json=trustees_json, election_json=election.election_json
        )


def template(election: Election) -> dict:
    return {
        "description": election.description or election.title,
        "name": election.title,
        "questions": [_question(question) for question in election.questions.prefetch_related("candidates")],
    }


def _question(question: Question) -> dict:
    """A homomorphic question (only the totals are ever decrypted), or, ranked, a non-homomorphic one (each
    ballot's ranking is decrypted after the trustees' shuffles, unlinked from who cast it)."""
    answers = [candidate.name for candidate in question.candidates.all()]
    if question.ranked:
        return {"type": "NonHomomorphic", "value": {"question": question.text, "answers": answers}}
    return {"question": question.text, "answers": answers, "min": 0, "max": question.max_choices}
