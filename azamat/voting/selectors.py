"""Reads for the vote's pages."""

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from azamat.voting.models import Ballot, Election, Question, Voter


def elections() -> QuerySet[Election]:
    return Election.objects.select_related("council", "organisation", "administrator", "credential_authority")


def votes_of(user) -> QuerySet[Election]:
    """Every vote in which this person has a part: administrator, credential authority, trustee or voter."""
    return (
        elections()
        .filter(
            Q(administrator=user)
            | Q(credential_authority=user)
            | Q(trustees__user=user)
            | Q(voters__user=user)
        )
        .distinct()
        .order_by("-opens_at", "-pk")
    )


def councils_managed(user):
    from azamat.councils.models import Council

    if not user.is_authenticated:
        return Council.objects.none()
    return Council.objects.filter(secretaries__user=user).distinct().order_by("pk")


def organisations_administered(user):
    from azamat.registry.models import Membership, Organisation

    return Organisation.objects.filter(
        memberships__user=user,
        memberships__role=Membership.Role.ADMIN,
        memberships__status=Membership.Status.ACTIVE,
    ).order_by("pk")


def frozen_list(council):
    """The council's latest frozen list of candidates, which its member elections read."""
    return council.candidate_lists.filter(frozen_at__isnull=False).order_by("-frozen_at", "-pk").first()


def entries(election: Election) -> list:
    from azamat.councils.candidate_selectors import frozen_entries

    if election.candidate_list_id is None:
        return []
    return list(frozen_entries(election.candidate_list))


def entry(election: Election, pk):
    if not pk or election.candidate_list_id is None:
        return None
    return election.candidate_list.entries.filter(pk=pk).first()


def members(election: Election) -> list:
    """For a council's chair election: its sitting members, those who may stand and those who may not."""
    if election.purpose != Election.Purpose.CHAIR:
        return []
    return list(election.council.members.filter(left_on__isnull=True).order_by("full_name", "pk"))


def member(election: Election, pk):
    if not pk or election.purpose != Election.Purpose.CHAIR:
        return None
    return election.council.members.filter(pk=pk).first()


def questions(election: Election) -> list[Question]:
    return list(election.questions.prefetch_related("candidates"))


def roll(election: Election) -> QuerySet[Voter]:
    return election.voters.select_related("user").order_by("name", "pk")


def public_votes() -> QuerySet[Election]:
    return (
        elections()
        .filter(status__in=["open", "closed", "tallied"])
        .annotate(roll_size=Count("voters", distinct=True))
        .order_by("-opens_at", "-pk")
    )


def last_tracker(election: Election, user) -> str | None:
    """The tracker of the voter's last ballot: the one that counts."""
    return (
        Ballot.objects.filter(election=election, cast_by=user)
        .order_by("-cast_at", "-pk")
        .values_list("tracker", flat=True)
        .first()
    )


def trackers(election: Election) -> list[Ballot]:
    """The ballot box as the public sees it: each ballot's tracker and when it was cast, nobody's name."""
    return list(Ballot.objects.filter(election=election).only("tracker", "cast_at").order_by("cast_at", "pk"))


def results(election: Election, loaded: list[Question] | None = None) -> list[dict]:
    """Per question its candidates with their totals (nothing else: no breakdown that could reveal a choice in
    a small electorate), turnout and whether the quorum was met."""
    rows = []
    totals = election.result or []
    for index, question in enumerate(loaded if loaded is not None else questions(election)):
        counts = totals[index] if index < len(totals) else []
        if question.ranked:
            rows.append(_ranked(question, counts if isinstance(counts, dict) else {}))
            continue
        rows.append(
            {
                "question": question,
                "candidates": [
                    (candidate, counts[i] if i < len(counts) else 0)
                    for i, candidate in enumerate(question.candidates.all())
                ],
            }
        )
    return rows


def turnout(election: Election) -> dict:
    roll = election.voters.count()
    voted = (
        election.ballots_counted
        if election.ballots_counted is not None
        else election.voters.filter(voted_at__isnull=False).count()
    )
    share = round(100 * voted / roll, 1) if roll else 0
    return {"roll": roll, "voted": voted, "share": share, "quorum_met": share >= election.quorum}


def _ranked(question: Question, counted: dict) -> dict:
    """A ranked question's STV count: the elected in the order they were elected, each candidate's first
    preferences, and the rounds as the tool ran them (elected, excluded, ties broken)."""
    candidates = list(question.candidates.all())

    def name(index) -> str:
        return candidates[index].name if 0 <= index < len(candidates) else "?"

    ballots = counted.get("rankings", [])
    first = [sum(1 for ranks in ballots if i < len(ranks) and ranks[i] == 1) for i in range(len(candidates))]
    elected = [name(i) for kind, who in counted.get("events", []) if kind == "Win" for i in who]
    rounds = []
    for kind, who in counted.get("events", []):
        names = ", ".join(name(i) for i in (who if isinstance(who, list) else [who]))
        rounds.append(
            {
                "Win": _("Elected: %(names)s"),
                "Lose": _("Excluded: %(names)s"),
                "TieWin": _("A tie for election between %(names)s, broken by the method's rule"),
                "TieLose": _("A tie for exclusion between %(names)s, broken by the method's rule"),
            }.get(kind, "%(names)s")
            % {"names": names}
        )
    return {
        "question": question,
        "ranked": True,
        "elected": elected,
        "candidates": list(zip(candidates, first, strict=True)),
        "rounds": rounds,
        "ballots": len(ballots),
        "invalid": len(counted.get("invalid", [])),
    }


def same_text(text: str) -> str:
    """Text compared as a reader would: case and spacing aside (in Python: SQLite folds Latin letters only)."""
    return " ".join((text or "").split()).casefold()


def draft_twin(*, by, owner, title: str) -> Election | None:
    """The draft `by` is preparing for `owner` under the same title: the creation form sent again."""
    from azamat.councils.models import Council

    owned = {"council": owner} if isinstance(owner, Council) else {"organisation": owner}
    drafts = Election.objects.filter(status=Election.Status.DRAFT, administrator=by, **owned).order_by("pk")
    return next((vote for vote in drafts if same_text(vote.title) == same_text(title)), None)
