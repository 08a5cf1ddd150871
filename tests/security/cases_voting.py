"""Votes' rows of the authorisation matrix. The first NGO's administrator (owner) administers three votes of
her organisation: one being prepared, one frozen (its trustees making the key), one open. The operator is their
credential authority; the other NGO's administrator and member and the assigned expert are the trustees; the NGO's
member, the citizen and the unassigned expert are on the roll (a roll of three: the least that is frozen). Each
role sees the vote's page; only its own steps are open to it (403 for the others); an empty POST is an incomplete
form (400, nothing changed). The public sees a vote from its opening; a vote being prepared is nowhere (404).
Removing a question, a candidate or a voter is the administrator's while the vote is a draft (302, removed); from
the open vote, or naming the open vote's row under the draft's address, it is refused with a message (302, nothing
changed). New voting times are the administrator's for the frozen vote (its form; an empty POST is incomplete,
400); a draft's lead to its details' page, the open vote's are refused with a message (302, nothing changed).
Deleting is the administrator's for the draft (a confirmation page, then the POST deletes: 302); the frozen and the
open vote's are refused with a message (302, nothing changed)."""

ADMIN = ("owner",)
AUTHORITY = ("operator",)
TRUSTEES = ("other_admin", "other_member", "expert_assigned")
VOTERS = ("member", "citizen", "expert_unassigned")
PARTIES = ADMIN + AUTHORITY + TRUSTEES + VOTERS


def build(w) -> None:
    import datetime

    from django.utils import timezone

    from azamat.testing.voting_factories import World, opened, with_keys
    from azamat.voting import services
    from azamat.voting.models import Election

    admin = w.people["owner"]
    now = timezone.now()

    def vote(title: str):
        election = services.election_create(
            by=admin,
            owner=w.ngo,
            title=title,
            opens_at=now + datetime.timedelta(hours=1),
            closes_at=now + datetime.timedelta(days=2),
        )
        question = services.question_add(by=admin, election=election, text="Председатель правления")
        for name in ("Ахметова Динара", "Иванов Сергей"):
            services.candidate_add(by=admin, question=question, name=name)
        services.roll_upload(by=admin, election=election, text="\n".join(w.people[p].email for p in VOTERS))
        services.roles_set(
            by=admin,
            election=election,
            credential_authority=w.people["operator"],
            trustees=[w.people[p] for p in TRUSTEES],
            threshold=2,
        )
        # A vote opens from now on; here its hour has passed (its voters can vote once it is open).
        Election.objects.filter(pk=election.pk).update(opens_at=now - datetime.timedelta(hours=1))
        election.refresh_from_db()
        return election

    w.vote_draft = vote("Выборы ревизора")
    w.vote_frozen = services.freeze(by=admin, election=vote("Выборы секретаря"))
    w.vote_question = w.vote_draft.questions.get()
    w.vote_candidate = w.vote_question.candidates.first()
    w.vote_voter = w.vote_draft.voters.first()
    world = World(vote("Выборы правления"), admin, w.people["operator"], [w.people[p] for p in TRUSTEES], [])
    w.vote_open = opened(with_keys(world)).election
    w.vote_open_question = w.vote_open.questions.get()
    w.vote_open_candidate = w.vote_open_question.candidates.first()
    w.vote_open_voter = w.vote_open.voters.first()


def _cases() -> dict[str, list]:
    from tests.security.matrix import NOWHERE, POST_ONLY, PUBLIC, SIGNED, Case, allow

    def draft(w):
        return {"pk": w.vote_draft.pk}

    def open_(w):
        return {"pk": w.vote_open.pk}

    def frozen(w):
        return {"pk": w.vote_frozen.pk}

    def step(kwargs, who, code="400"):
        return Case("", kwargs, POST_ONLY, allow(who, code), who if code != "400" else ())

    def removal(key: str, row: str) -> list:
        """The draft's own row: the administrator removes it. The open vote's, or the open vote's row sent to the
        draft's address: refused with a message, nothing changed."""

        def at(vote: str, row_of: str):
            return lambda w: {"pk": getattr(w, vote).pk, key: getattr(w, row_of).pk}

        return [
            Case("draft", at("vote_draft", f"vote_{row}"), POST_ONLY, allow(ADMIN, "302"), ADMIN),
            Case("frozen", at("vote_open", f"vote_open_{row}"), POST_ONLY, allow(ADMIN, "302")),
            Case("another vote's", at("vote_draft", f"vote_open_{row}"), POST_ONLY, allow(ADMIN, "302")),
        ]

    return {
        "voting:mine": [Case("", lambda w: {}, SIGNED)],
        "voting:new": [
            Case(
                "",
                lambda w: {"kind": "organisation", "owner": w.ngo.pk},
                allow(ADMIN),
                allow(ADMIN, "400"),
            )
        ],
        "voting:vote": [
            Case("open", open_, allow(PARTIES)),
            Case("frozen", frozen, allow(PARTIES)),
            Case("draft", draft, allow(PARTIES)),
        ],
        # A draft's details: the administrator's form (an empty POST is incomplete, 400); once open, refused with a
        # message (302, nothing changed).
        "voting:edit": [
            Case("draft", draft, allow(ADMIN), allow(ADMIN, "400")),
            Case("open", open_, allow(ADMIN, "302"), allow(ADMIN, "302")),
        ],
        # New voting times: the frozen vote's form (an empty POST is incomplete, 400); a draft's lead to its
        # details' page (302), the open vote's are refused with a message (302, nothing changed).
        "voting:retime": [
            Case("frozen", frozen, allow(ADMIN), allow(ADMIN, "400")),
            Case("draft", draft, allow(ADMIN, "302"), allow(ADMIN, "302")),
            Case("open", open_, allow(ADMIN, "302"), allow(ADMIN, "302")),
        ],
        # Deleting: the draft's confirmation page, then its POST deletes it (302 to the votes); the frozen and the
        # open vote's are refused with a message (302, nothing changed).
        "voting:delete": [
            Case("draft", draft, allow(ADMIN), allow(ADMIN, "302"), ADMIN),
            Case("frozen", frozen, allow(ADMIN, "302"), allow(ADMIN, "302")),
            Case("open", open_, allow(ADMIN, "302"), allow(ADMIN, "302")),
        ],
        "voting:question_add": [step(draft, ADMIN)],
        "voting:candidate_add": [step(lambda w: {"pk": w.vote_question.pk}, ADMIN)],
        "voting:question_remove": removal("question", "question"),
        "voting:candidate_remove": removal("candidate", "candidate"),
        "voting:voter_remove": removal("voter", "voter"),
        "voting:roll_members": [step(draft, ADMIN, "302")],
        "voting:roll_upload": [step(draft, ADMIN)],
        "voting:roles": [step(draft, ADMIN)],
        # Freezing runs the tool and changes the vote: the administrator's POST is a write.
        "voting:freeze": [step(draft, ADMIN, "302")],
        "voting:trustee_step": [step(open_, TRUSTEES)],
        # The open vote's credentials are sent: the authority's POST is refused with a message (302, nothing changed).
        "voting:credentials": [Case("", open_, POST_ONLY, allow(AUTHORITY, "302"), ())],
        "voting:ballot": [Case("", open_, allow(VOTERS), allow(VOTERS, "400"))],
        # Closing before the closing time is refused with a message (302, nothing changed).
        "voting:close": [Case("", open_, POST_ONLY, allow(ADMIN, "302"), ())],
        # Shuffling an open vote is refused with a message, the form being complete (302, nothing changed).
        "voting:shuffle": [Case("", open_, POST_ONLY, allow(TRUSTEES, "302"), ())],
        "voting:decrypt": [step(open_, TRUSTEES)],
        "voting:public_list": [Case("", lambda w: {}, PUBLIC)],
        "voting:public_vote": [Case("open", open_, PUBLIC), Case("draft", draft, NOWHERE)],
        "voting:archive": [Case("open", open_, PUBLIC), Case("draft", draft, NOWHERE)],
    }


CASES: dict[str, list] = _cases()
