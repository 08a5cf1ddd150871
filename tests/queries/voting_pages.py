"""The query-count cases of votes: a person's votes, a vote's workspace page (its ballot, roll and trustees),
the public list and a public vote with its ballot box — registered into `PAGE_CASES` on import. The votes are
made with the ORM (the rows a page reads), not through the tool: these cases count queries, not cryptography.
Alice administers; rows vary: different candidates, voters, trustees, trackers."""

import datetime
import hashlib

from django.urls import reverse

from tests.queries.support import SERIALS, page_case

FORM_OR_ACTION = "a form or an action: it shows no list of records"


def _vote(ctx, key="vote", status="open"):
    from django.utils import timezone

    from azamat.voting.models import Election, Question

    if key not in ctx:
        now = timezone.now()
        ctx[key] = Election.objects.create(
            title=f"Голосование {key}",
            organisation=ctx["ngo"],
            administrator=ctx["alice"],
            opens_at=now - datetime.timedelta(hours=1),
            closes_at=now + datetime.timedelta(days=1),
            status=status,
            uuid=f"U{key}"[:14],
        )
        Question.objects.create(election=ctx[key], position=1, text="Председатель")
    return ctx[key]


def _rows(ctx, election, k):
    """Per row: a candidate, a voter, a trustee and a ballot, each a different person; what the pages show of
    each row."""
    from azamat.testing.factories import UserFactory
    from azamat.voting.models import Ballot, Candidate, Trustee, Voter

    question = election.questions.get()
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        Candidate.objects.create(question=question, position=serial, name=f"Кандидат {serial}")
        voter = UserFactory(full_name=f"Избиратель {serial}")
        Voter.objects.create(election=election, user=voter, name=voter.full_name)
        trustee = UserFactory(full_name=f"Хранитель {serial}")
        Trustee.objects.create(election=election, user=trustee, position=serial)
        tracker = hashlib.sha256(f"ballot {serial}".encode()).hexdigest()
        Ballot.objects.create(election=election, tracker=tracker, credential_hash=tracker, cast_by=voter)
        rows.append({"candidate": f"Кандидат {serial}", "trustee": f"Хранитель {serial}", "tracker": tracker})
    return rows


@page_case("votes of a person", persona="alice", url=lambda ctx: reverse("voting:mine"))
def _mine(k, ctx):
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        rows.append(_vote(ctx, key=f"vote{serial}").title)
    return rows


@page_case(
    "a vote in the workspace", persona="alice", url=lambda ctx: reverse("voting:vote", args=[_vote(ctx).pk])
)
def _vote_page(k, ctx):
    """The workspace shows the ballot and the trustees; the ballot box is on the public page."""
    return [text for row in _rows(ctx, _vote(ctx), k) for text in (row["candidate"], row["trustee"])]


@page_case("public votes", persona=None, url=lambda ctx: reverse("voting:public_list"))
def _public_votes(k, ctx):
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        rows.append(_vote(ctx, key=f"vote{serial}").title)
    return rows


@page_case("a public vote", persona=None, url=lambda ctx: reverse("voting:public_vote", args=[_vote(ctx).pk]))
def _public_vote(k, ctx):
    return [text for row in _rows(ctx, _vote(ctx), k) for text in row.values()]


LIST_PAGES = {
    "voting:mine": "votes of a person",
    "voting:vote": "a vote in the workspace",
    "voting:public_list": "public votes",
    "voting:public_vote": "a public vote",
}
NOT_LISTS = {
    "voting:new": FORM_OR_ACTION,
    "voting:edit": FORM_OR_ACTION,
    "voting:retime": FORM_OR_ACTION,
    "voting:delete": "a confirmation: the vote's title and the size of its roll (a count)",
    "voting:question_add": FORM_OR_ACTION,
    "voting:candidate_add": FORM_OR_ACTION,
    "voting:roll_members": FORM_OR_ACTION,
    "voting:roll_upload": FORM_OR_ACTION,
    "voting:question_remove": FORM_OR_ACTION,
    "voting:candidate_remove": FORM_OR_ACTION,
    "voting:voter_remove": FORM_OR_ACTION,
    "voting:roles": FORM_OR_ACTION,
    "voting:freeze": FORM_OR_ACTION,
    "voting:trustee_step": FORM_OR_ACTION,
    "voting:credentials": FORM_OR_ACTION,
    "voting:ballot": "a vote's ballot: its questions and their candidates are read in two queries",
    "voting:close": FORM_OR_ACTION,
    "voting:shuffle": FORM_OR_ACTION,
    "voting:decrypt": FORM_OR_ACTION,
    "voting:archive": "a file: the vote's archive",
}
