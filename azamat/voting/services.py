"""A vote from setup to its verified result. Every write checks its permission; bad input raises DomainError
with a message in the user's language and changes nothing. The cryptography is Belenios' (`belenios.py`).

Steps: the administrator prepares (questions, candidates, the roll, the credential authority and trustees) and
freezes the setup; each trustee generates her part of the threshold key in three steps (her private key is
handed to her and forgotten; she brings it back at each later step); the credential authority sends each
voter a private credential (not kept) and the vote opens; voters cast (the server encrypts the ballot with the
voter's credential in the request and keeps no plaintext); after the closing time the administrator closes;
trustees decrypt their shares; once enough have, the result is computed, the archive verified, and published."""

import hashlib
import shutil
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from azamat.core.errors import DomainError
from azamat.core.notifications import notify
from azamat.core.permissions import Decision
from azamat.voting import belenios, permissions
from azamat.voting.errors import NOT_ALLOWED
from azamat.voting.errors import error as _error
from azamat.voting.errors import when as _when
from azamat.voting.lifecycle import VOTE, S
from azamat.voting.models import Ballot, Candidate, Election, Question, Trustee, Voter


def _require(decision: Decision) -> None:
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)


def _save(record, by) -> None:
    try:
        record.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError("invalid", " ".join(messages), field=None if field == "__all__" else field) from exc
    record._history_user = by
    record.save()


def archive_dir(election: Election) -> Path:
    return Path(settings.MEDIA_ROOT) / "voting" / election.uuid


def archive_file(election: Election) -> Path:
    return belenios.archive_path(archive_dir(election), election.uuid)


def setup_dir(election: Election) -> Path:
    """The archive as it stood at the opening: ballots are generated from it."""
    return archive_dir(election) / "setup"


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
    if opens_at and closes_at and closes_at <= opens_at:
        raise _error("dates", "closes_at")
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
    _save(election, by)
    return election


def _draft(election: Election, by) -> None:
    _require(permissions.can_administer(by, election))
    if election.status != S.DRAFT:
        raise DomainError(
            "frozen", str(_("The setup is frozen: questions, roll and roles no longer change."))
        )


@transaction.atomic
def question_add(
    *, by, election: Election, text: str, max_choices: int = 1, ranked: bool = False
) -> Question:
    """A question: choose one, or up to `max_choices`; or, `ranked`, the voters rank the candidates and
    `max_choices` seats are filled by the single transferable vote."""
    _draft(election, by)
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
        if member is None or member.council_id != election.council_id or member.left_on is not None:
            raise _error("not_member", "member")
        if member.represents == member.Represents.STATE:
            raise _error("state_member", "member", name=member.full_name)
        name, entry = member.full_name, None
    elif election.council_id:
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
    if question.candidates.filter(name=name).exists():
        raise _error("duplicate_candidate", "member" if member else "entry" if entry else "name")
    position = (question.candidates.aggregate(m=Max("position"))["m"] or 0) + 1
    candidate = Candidate(question=question, position=position, name=name, entry=entry, member=member)
    _save(candidate, by)
    return candidate


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


@transaction.atomic
def roll_upload(*, by, election: Election, text: str) -> int:
    """A list of e-mail addresses, one per line (or a CSV's first column): each must be an account; a repeated
    address is refused, not silently merged."""
    from azamat.accounts.models import User

    _draft(election, by)
    addresses = [line.split(",")[0].split(";")[0].strip().lower() for line in (text or "").splitlines()]
    addresses = [a for a in addresses if a and "@" in a]
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
        raise _error("tool") from exc
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


# — credentials and opening —


def credentials_send(*, by, election: Election, deliver=None) -> int:
    """The credential authority generates one private credential per voter and sends it by e-mail; only the
    public credentials are kept. The archive is created and the vote opens. (`deliver(voter, credential)`
    replaces the e-mail for the demo's generator, which votes for its voters and gives the demo logins theirs in a
    file under var/, as their e-mail would.)"""
    with transaction.atomic():
        # Under the vote's row lock from the check to the end: a second "send" at the same moment waits, then is
        # refused (the vote is open), and never replaces the archive the first one made.
        election = Election.objects.select_for_update().get(pk=election.pk)
        return _send(by, election, deliver)


def _send(by, election: Election, deliver) -> int:
    VOTE.require(election, "open", by)
    voters = list(election.voters.select_related("user").order_by("pk"))
    directory = archive_dir(election)
    try:
        private, public = belenios.credentials(
            election.uuid, [str(voter.pk) for voter in voters], group=election.group
        )
        # A vote not opened yet has no ballot: an archive left by an attempt that failed half-way is replaced.
        archive_file(election).unlink(missing_ok=True)
        belenios.archive_init(directory, election.election_json, election.trustees_json, public)
        # Ballots are made from a copy of the archive as it stands at the opening (its setup is all they need):
        # their cost stays flat however full the box gets, and they never read the file while a ballot is added.
        setup_dir(election).mkdir(parents=True, exist_ok=True)
        shutil.copy(archive_file(election), setup_dir(election))
    except belenios.BeleniosError as exc:
        raise _error("tool") from exc
    now = timezone.now()
    with transaction.atomic():
        VOTE.apply(election, "open", by=by, public_creds=public, credentials_sent_at=now)
        for voter in voters:
            voter.credential_sent_at = now
            voter._history_user = by
            voter.save(update_fields=["credential_sent_at"])
            if deliver is not None:
                deliver(voter, private[str(voter.pk)])
                continue
            notify(
                to=[voter.user.email],
                template="voting/email/credential",
                context={"election": election, "credential": private[str(voter.pk)], "voter": voter},
            )
    return len(voters)


# — casting —


def choices_vector(election: Election, picked: dict) -> list[list[int]]:
    """{question id: [candidate ids]} → per question a 0/1 per candidate, in ballot order; refuses a choice not
    on the ballot and more than a question allows. A ranked question's is {candidate id: rank}: its ranks are
    1, 2, 3… each once (the others unranked, 0)."""
    vector = []
    for question in election.questions.prefetch_related("candidates"):
        ids = [candidate.pk for candidate in question.candidates.all()]
        if question.ranked:
            ranks = {pk: rank for pk, rank in dict(picked.get(question.pk) or {}).items() if rank}
            if set(ranks) - set(ids):
                raise _error("unknown_choice")
            if sorted(ranks.values()) != list(range(1, len(ranks) + 1)):
                raise _error("ranks", f"q{question.pk}", question=question.text)
            vector.append([ranks.get(pk, 0) for pk in ids])
            continue
        chosen = set(picked.get(question.pk, []))
        if chosen - set(ids):
            raise _error("unknown_choice")
        if len(chosen) > question.max_choices:
            raise _error("too_many", f"q{question.pk}", count=question.max_choices, question=question.text)
        vector.append([1 if pk in chosen else 0 for pk in ids])
    return vector


def cast(*, by, election: Election, credential: str, picked: dict[int, list[int]]) -> str:
    """Encrypt the voter's choices with her credential and put the ballot in the box; returns its tracker.
    The plaintext choices pass through a pipe to the tool and are kept nowhere; a later ballot with the same
    credential replaces the earlier one in the count."""
    voter = permissions.voter_of(by, election)
    if voter is None:
        raise _error("not_on_roll")
    now = timezone.now()
    if election.status != S.OPEN or not (election.opens_at <= now < election.closes_at):
        raise _error("not_open", opens=_when(election.opens_at), closes=_when(election.closes_at))
    vector = choices_vector(election, picked)
    credential = (credential or "").strip()
    if not credential:
        raise _error("wrong_credential", "credential")
    directory = archive_dir(election)
    try:
        ballot = belenios.ballot(setup_dir(election), credential, vector)
    except belenios.BeleniosError as exc:
        raise _error("wrong_credential", "credential") from exc
    public = belenios.credential_of(ballot)
    if public not in belenios.public_credentials(election.public_creds):
        raise _error("wrong_credential", "credential")
    credential_hash = hashlib.sha256(public.encode()).hexdigest()
    with transaction.atomic():
        locked = Election.objects.select_for_update().get(pk=election.pk)
        now = timezone.now()
        if locked.status != S.OPEN or now >= locked.closes_at:
            raise _error("not_open", opens=_when(election.opens_at), closes=_when(election.closes_at))
        if (
            Ballot.objects.filter(election=election, credential_hash=credential_hash)
            .exclude(cast_by=by)
            .exists()
        ):
            raise _error("credential_taken", "credential")
        tracker = hashlib.sha256(ballot.encode()).hexdigest()
        record = Ballot(election=election, tracker=tracker, credential_hash=credential_hash, cast_by=by)
        record._history_user = by
        record.save()
        Voter.objects.filter(pk=voter.pk).update(voted_at=now)
        # Last: a ballot is in the archive only if its row is saved (a failure here rolls the row back).
        try:
            belenios.add_event(directory, "Ballot", ballot)
        except belenios.BeleniosError as exc:
            raise _error("tool") from exc
        notify(
            to=[by.email],
            template="voting/email/tracker",
            context={"election": election, "tracker": tracker},
        )
    return tracker


# — closing, decrypting, publishing —


def close(*, by, election: Election) -> Election:
    VOTE.require(election, "close", by)
    with transaction.atomic():
        election = VOTE.apply(election, "close", by=by, closed_at=timezone.now())
        try:
            belenios.end_voting(archive_dir(election))
        except belenios.BeleniosError as exc:
            raise _error("tool") from exc
    return election


def shuffle(*, by, election: Election, own: str = "") -> Election:
    """A vote with ranked questions: before any decryption, `threshold` trustees each shuffle the ranked
    ciphertexts (re-encrypted and permuted, with a proof): made by the tool here, or `own`, made with
    belenios-tool on the trustee's computer so that she need not trust the server to forget the permutation.
    Each is checked on a copy of the archive before it is appended; the last needed one ends the shuffles."""
    trustee = permissions.trustee_of(by, election)
    if trustee is None:
        raise DomainError(NOT_ALLOWED, str(_("Only the vote's trustees shuffle.")))
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        trustee.refresh_from_db()
        if election.status != S.CLOSED or not election.ranked:
            raise _error("no_shuffle")
        if trustee.shuffled_at or _shuffles_done(election):
            raise _error("already_shuffled")
        directory = archive_dir(election)
        try:
            out = belenios.shuffle(directory, trustee.position, own or "")
        except belenios.BeleniosError as exc:
            raise _error("bad_shuffle" if (own or "").strip() else "tool", "own") from exc
        with _appending(election):
            belenios.add_event(directory, "Shuffle", out)
            trustee.shuffle = out
            trustee.shuffled_at = timezone.now()
            _save(trustee, by)
            if _shuffles_done(election):
                belenios.end_shuffles(directory)
    return election


@contextmanager
def _appending(election: Election):
    """Events appended to the archive within a transaction: on any failure the database rolls back and the archive
    is put back as it was, so that a second try appends once; the tool's failure is the user's "tool" message."""
    archive = archive_file(election)
    size = archive.stat().st_size
    try:
        yield
    except Exception as exc:
        with archive.open("r+b") as file:
            file.truncate(size)
        if isinstance(exc, belenios.BeleniosError):
            raise _error("tool") from exc
        raise


def _shuffles_done(election: Election) -> bool:
    return election.trustees.filter(shuffled_at__isnull=False).count() >= election.threshold


def shuffles_needed(election: Election) -> int:
    """How many shuffles the trustees still owe before decrypting (0 for a vote without ranked questions)."""
    if not election.ranked:
        return 0
    return max(0, election.threshold - election.trustees.filter(shuffled_at__isnull=False).count())


def _counted(election: Election, result: list) -> list:
    """The tool's result with each ranked question's decrypted rankings counted by STV (the tool's method):
    {"rankings": [...], "winners": [...], "events": [...], "invalid": [...]}."""
    counted = list(result)
    for index, question in enumerate(election.questions.order_by("position")):
        if question.ranked and index < len(counted):
            rankings = counted[index]
            count = belenios.stv(rankings, question.max_choices)
            counted[index] = {
                "rankings": rankings,
                "winners": count.get("winners", []),
                "events": count.get("events", []),
                "invalid": count.get("invalid", []),
            }
    return counted


def decrypt(*, by, election: Election, key: str) -> Election:
    """A trustee's partial decryption with her private key (checked on a copy of the archive before it is
    appended). Once `threshold` trustees have decrypted, the result is computed, verified and published."""
    trustee = permissions.trustee_of(by, election)
    if trustee is None:
        raise DomainError(NOT_ALLOWED, str(_("Only the vote's trustees decrypt.")))
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        trustee.refresh_from_db()
        if election.status != S.CLOSED:
            raise _error("not_yet_closed", closes=_when(election.closes_at))
        if trustee.decrypted_at:
            raise _error("already_decrypted")
        if shuffles_needed(election):
            raise _error("shuffle_first", count=shuffles_needed(election))
        directory = archive_dir(election)
        try:
            partial = belenios.partial_decryption(
                directory, (key or "").strip(), trustee.decryption_key, trustee.position
            )
        except belenios.BeleniosError as exc:
            raise _error("wrong_key", "key") from exc
        with _appending(election):
            belenios.add_event(directory, "PartialDecryption", partial)
            trustee.partial_decryption = partial
            trustee.decrypted_at = timezone.now()
            _save(trustee, by)
            if election.trustees.filter(decrypted_at__isnull=False).count() < election.threshold:
                return election
            result = _counted(election, belenios.result(directory))
            output = belenios.verify(directory)
        counted = Ballot.objects.filter(election=election).values("credential_hash").distinct().count()
        return VOTE.apply(
            election,
            "publish",
            by=by,
            result=result,
            ballots_counted=counted,
            tallied_at=timezone.now(),
            verified_at=timezone.now(),
            verification=output,
        )


def verify_again(election: Election) -> tuple[bool, str]:
    """Run the tool's whole verification of the archive now (a visitor's "verify" button, a command)."""
    try:
        return True, belenios.verify(archive_dir(election))
    except belenios.BeleniosError as exc:
        return False, exc.detail


def archive_bytes(election: Election) -> bytes:
    return archive_file(election).read_bytes()
