"""Votes for the demo, the tests and the benchmarks, through the services with the real belenios-tool.

Two finished votes, tallied and verified: a council's election of members from its frozen list of candidates
(secretary@'s council first; where no council has a frozen list with two eligible candidates and members with
accounts, an organisation elects its chair instead), and an alliance's board (its member organisations'
administrators vote, up to three of five). One vote open for ten more days, in ngo@'s organisation, whose roll holds
the demo logins, two other voters having voted already. The platform keeps no private credential and no trustee's
private key, so with `--demo-logins` the demo voters' credentials and the open vote's trustees' keys are written to
`VAR_DIR` (`CREDENTIALS_FILE`, `TRUSTEE_KEYS_FILE`), as the e-mail and the trustees' own copies would give them.

The number of votes does not grow with the scale; a roll does (an alliance's delegates), its ballots up to
`MAX_BALLOTS`. The tool's work is most of the time (about 25 s at scale 1): a vote's key about a second, a ballot a
tenth, closing and decrypting a finished vote about six.
"""

import datetime
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from azamat.accounts.models import PlatformRole, User
from azamat.core.names import person_name
from azamat.core.seeding import DEMO_ACCOUNT_EMAILS, SeedContext, seeder
from azamat.councils.candidate_models import CandidateList
from azamat.councils.candidate_selectors import frozen_entries
from azamat.councils.models import Council
from azamat.registry import services as registry
from azamat.registry.models import AllianceMembership, Membership, Organisation
from azamat.voting import belenios, lifecycle, services
from azamat.voting.models import Ballot, Election, Voter

# The least roll a vote is frozen with (with fewer voters the totals would say who voted how): an owner with fewer
# people to put on its roll holds no vote here.
MIN_ROLL = lifecycle.MIN_ROLL
MAX_BALLOTS = 40
# Below scale 1 (the tests' generator, the crawl) fewer ballots: each costs about 0.4 s of the tool's passes over the
# box (casting, tally, two decryptions checked on a copy, result, verification), and the pages need only a few.
MAX_BALLOTS_SMALL = 8
TURNOUT = 0.8
SECRETARY = "secretary@azamat.kz"
NGO = "ngo@azamat.kz"
DEMO_VOTERS = (
    NGO,
    "member@azamat.kz",
    "citizen@azamat.kz",
    "rights@azamat.kz",
    "verifier@azamat.kz",
    "officer@azamat.kz",
)
DEMO_AUTHORITY = "operator@azamat.kz"
DEMO_TRUSTEES = ("expert@azamat.kz", SECRETARY, "monitor@azamat.kz")
CREDENTIALS_FILE = "demo-voting-credentials.txt"
TRUSTEE_KEYS_FILE = "demo-trustee-keys.txt"
BOARD = ["Нұрлан Серікбаев", "Ирина Ковалёва", "Әйгерім Тоқтарова", "Сергей Волков", "Гүлнар Жұмабаева"]
PRIORITIES = [
    "Правовая помощь жителям сёл",
    "Мониторинг государственных услуг",
    "Работа с молодёжью",
    "Участие в общественных советах",
]
AUDITORS = ["Асель Джаксыбекова", "Олег Ким", "Бақытжан Әбдірахманов"]
LIST_KINDS = {CandidateList.Kind.FORMATION: "формирование", CandidateList.Kind.ROTATION: "ротация"}


@dataclass
class Run:
    """A vote under way and the secrets the demo plays its people with (what their e-mail would hold)."""

    election: Election
    administrator: User
    authority: User
    trustees: list
    voters: list = field(default_factory=list)  # the demo logins on the roll
    keys: dict = field(default_factory=dict)  # trustee's user pk → private key
    credentials: dict = field(default_factory=dict)  # voter's user pk → private credential


@seeder(120)
def seed_votes(ctx: SeedContext) -> None:
    """Votes: a council's (or an organisation's) election and an alliance's board, tallied and verified; one vote
    open for the demo logins, and one they voted in that closed yesterday and waits for its trustees."""
    if not belenios.available():
        ctx.log("  belenios-tool is not installed: no votes")
        return
    made = []
    today = timezone.localdate()
    for plan, weeks in ((_council_election, 3), (_alliance_board, 6)):
        run = plan(ctx)
        if run is None:
            continue
        _vote(ctx, run, TURNOUT)
        _finish(ctx, run, opens_on=today - datetime.timedelta(weeks=weeks))
        made.append(run.election)
    run = _open_vote(ctx)
    if run is not None:
        made.append(run.election)
    waiting = _closed_vote(ctx)
    if waiting is not None:
        made.append(waiting.election)
    if ctx.demo_logins and run is not None:  # only then can anyone sign in as them
        _write_secrets(run, waiting)
    ballots = Ballot.objects.filter(election__in=made).count()
    ctx.log(f"  {len(made)} votes, {ballots} ballots")


# — the votes —


def _council_election(ctx: SeedContext) -> Run | None:
    """secretary@'s council (else another) elects members from its latest frozen list; else an organisation its
    chair."""
    found = council_for_vote()
    if found is None:
        return _chair_election(ctx)
    council, candidate_list, administrator = found
    entries = list(frozen_entries(candidate_list, eligible_only=True)[:8])
    seats = max(1, min(3, len(entries) - 1))
    kind = LIST_KINDS.get(candidate_list.kind, candidate_list.kind)
    return _prepare(
        ctx,
        owner=council,
        administrator=administrator,
        title=f"Избрание членов общественного совета ({kind})",
        description=f"{council.name_ru}: члены совета избирают новых членов из списка кандидатов, "
        f"зафиксированного {candidate_list.frozen_on:%d.%m.%Y}.",
        questions=[(f"Кандидаты в члены совета (не более {seats})", seats, entries)],
        candidate_list=candidate_list,
    )


def council_for_vote():
    """(council, its latest frozen list, its secretary) for a council whose list has two eligible entries and
    which has MIN_ROLL sitting members with an account; secretary@'s council first. None when there is none."""
    councils = (
        Council.objects.filter(candidate_lists__frozen_at__isnull=False, secretaries__isnull=False)
        .annotate(mine=Count("secretaries", filter=Q(secretaries__user__email=SECRETARY)))
        .distinct()
        .order_by("-mine", "pk")
    )
    for council in councils:
        candidate_list = (
            council.candidate_lists.filter(frozen_at__isnull=False).order_by("-frozen_at").first()
        )
        sitting = council.members.filter(user__isnull=False, left_on__isnull=True).count()
        if frozen_entries(candidate_list, eligible_only=True).count() >= 2 and sitting >= MIN_ROLL:
            secretaries = [s.user for s in council.secretaries.select_related("user").order_by("pk")]
            return (
                council,
                candidate_list,
                next((u for u in secretaries if u.email == SECRETARY), secretaries[0]),
            )
    return None


def _chair_election(ctx: SeedContext) -> Run | None:
    """The organisation with the most members (not ngo@'s, whose vote is the open one) elects its chair."""
    organisation = chair_organisation(exclude=_demo_organisation(ctx))
    if organisation is None:
        ctx.log("  no council with a frozen list and no organisation with members: no council vote")
        return None
    active = organisation.memberships.filter(status=Membership.Status.ACTIVE).select_related("user")
    administrator = active.filter(role=Membership.Role.ADMIN).order_by("pk").first().user
    names = sorted({membership.user.full_name for membership in active if membership.user.full_name})
    candidates = ctx.rng.sample(names, 3) if len(names) >= 3 else BOARD[:3]
    return _prepare(
        ctx,
        owner=organisation,
        administrator=administrator,
        title="Выборы председателя правления",
        description=f"Общее собрание членов: {organisation.name_ru} избирает председателя правления на три года.",
        questions=[("Председатель правления", 1, candidates)],
    )


def chair_organisation(*, exclude=None) -> Organisation | None:
    """The organisation (not an alliance) with an administrator and the most active members, at least MIN_ROLL."""
    admins = Membership.objects.filter(role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE)
    return (
        Organisation.objects.filter(is_alliance=False, pk__in=admins.values("organisation"))
        .exclude(pk=getattr(exclude, "pk", None))
        .annotate(people=Count("memberships", filter=Q(memberships__status=Membership.Status.ACTIVE)))
        .filter(people__gte=MIN_ROLL)
        .order_by("-people", "pk")
        .first()
    )


def _alliance_board(ctx: SeedContext) -> Run | None:
    """The first alliance with MIN_ROLL delegates elects its board: up to three of five."""
    for alliance in Organisation.objects.filter(is_alliance=True).order_by("pk"):
        members = AllianceMembership.objects.filter(alliance=alliance).values("member")
        delegates = (
            Membership.objects.filter(
                organisation__in=members, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
            )
            .values("organisation")
            .distinct()
            .count()
        )
        if delegates < MIN_ROLL:
            continue
        administrator = _alliance_administrator(ctx, alliance)
        if administrator is None:
            break
        name = alliance.short_name or alliance.name_ru
        return _prepare(
            ctx,
            owner=alliance,
            administrator=administrator,
            title=f"Выборы правления: {name}",
            description="Каждая организация — член объединения голосует через своего руководителя.",
            questions=[
                ("Члены правления: расставьте кандидатов по предпочтению (три места)", 3, BOARD, True)
            ],
            quorum=30,
        )
    ctx.log("  no alliance with members that have administrators: no board vote")
    return None


def _alliance_administrator(ctx: SeedContext, alliance: Organisation) -> User | None:
    """Its administrator; the registry's generator gives alliances none, so one joins through the registry's
    services, accepted and made administrator by a platform administrator."""
    admin = (
        User.objects.filter(
            memberships__organisation=alliance,
            memberships__role=Membership.Role.ADMIN,
            memberships__status=Membership.Status.ACTIVE,
        )
        .order_by("pk")
        .first()
    )
    platform = (
        User.objects.filter(platform_roles__role=PlatformRole.Role.PLATFORM_ADMIN).order_by("pk").first()
    )
    if admin is not None or platform is None:
        return admin
    email = f"secretariat{alliance.pk}@example.kz"
    person = User.objects.create(email=email, full_name=person_name(ctx.rng), password=ctx.password_hash())
    EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
    membership = registry.membership_request(organisation=alliance, user=person)
    registry.membership_decide(membership=membership, by=platform, accept=True)
    registry.membership_set_role(membership=membership, by=platform, role=Membership.Role.ADMIN)
    return person


def _open_vote(ctx: SeedContext) -> Run | None:
    """ngo@'s organisation asks the demo logins (and four others) its priorities and its auditor, for ten days;
    operator@ sends the credentials, expert@, secretary@ and monitor@ hold the key."""
    people = _demo_people(ctx)
    if people is None:
        ctx.log("  no ngo@ with an organisation: no open vote")
        return None
    organisation, administrator, voters, others, authority, trustees = people
    closes = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=10), datetime.time(18))
    )
    year = timezone.localdate().year + 1
    run = _prepare(
        ctx,
        owner=organisation,
        administrator=administrator,
        title=f"Приоритеты работы на {year} год и ревизор",
        description=f"Члены и партнёры {organisation.name_ru} выбирают, чем организация займётся в {year} году, "
        "и ревизора на год.",
        questions=[
            ("Расставьте направления по приоритету: два первых войдут в план года", 2, PRIORITIES, True),
            ("Ревизор организации", 1, AUDITORS),
        ],
        roll="\n".join(user.email for user in voters + others),
        closes_at=closes,
        authority=authority,
        trustees=trustees,
    )
    for voter in others[:2]:
        _cast(ctx, run, voter)
    run.voters = voters
    return run


def _closed_vote(ctx: SeedContext) -> Run | None:
    """ngo@'s organisation's vote on its annual report and its audit commission (two seats, ranked): the demo logins
    voted last week, ngo@ closed it yesterday evening, and it waits for two of its trustees (expert@, secretary@,
    monitor@) to shuffle the ranked ballots and decrypt."""
    people = _demo_people(ctx)
    if people is None:
        return None
    organisation, administrator, voters, others, authority, trustees = people
    year = timezone.localdate().year
    run = _prepare(
        ctx,
        owner=organisation,
        administrator=administrator,
        title=f"Годовой отчёт за {year} год и ревизионная комиссия",
        description=f"Общее собрание {organisation.name_ru}: утверждение годового отчёта и выборы двух членов "
        "ревизионной комиссии.",
        questions=[
            (f"Утвердить годовой отчёт за {year} год?", 1, ["За", "Против"]),
            (
                "Ревизионная комиссия: расставьте кандидатов по предпочтению (два места)",
                2,
                [*AUDITORS, BOARD[1]],
                True,
            ),
        ],
        roll="\n".join(user.email for user in voters + others),
        authority=authority,
        trustees=trustees,
    )
    favour = {}
    for voter in [*voters[:-1], *others[:3]]:  # one demo login (officer@) did not vote
        _cast(ctx, run, voter, favour)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    opens = timezone.make_aware(
        datetime.datetime.combine(yesterday - datetime.timedelta(days=7), datetime.time(9))
    )
    closes = timezone.make_aware(datetime.datetime.combine(yesterday, datetime.time(18)))
    Election.objects.filter(pk=run.election.pk).update(opens_at=opens, closes_at=closes)
    run.election.refresh_from_db()
    run.election = services.close(by=administrator, election=run.election)
    _into_the_past(ctx, run.election, tallied=False)
    return run


def _demo_people(ctx: SeedContext):
    """(ngo@'s organisation, ngo@, the demo voters, four others, operator@ as the credential authority, expert@,
    secretary@ and monitor@ as trustees), each demo login replaced by a generated person where it is missing."""
    administrator = User.objects.filter(email=NGO).first()
    organisation = _demo_organisation(ctx)
    if administrator is None or organisation is None:
        return None
    demo = {
        user.email: user
        for user in User.objects.filter(email__in=[*DEMO_VOTERS, DEMO_AUTHORITY, *DEMO_TRUSTEES])
    }
    voters = [demo[email] for email in DEMO_VOTERS if email in demo]
    taken = {administrator.pk, *(user.pk for user in demo.values())}
    colleagues = list(
        User.objects.filter(
            memberships__organisation=organisation, memberships__status=Membership.Status.ACTIVE
        )
        .exclude(pk__in=taken)
        .order_by("pk")[:4]
    )
    others = colleagues + _people(ctx, exclude=taken | {u.pk for u in colleagues}, count=4 - len(colleagues))
    authority = demo.get(DEMO_AUTHORITY) or _people(ctx, exclude=taken | {u.pk for u in others}, count=1)[0]
    trustees = [demo[email] for email in DEMO_TRUSTEES if email in demo]
    spare = taken | {authority.pk} | {u.pk for u in others}
    trustees += _people(ctx, exclude=spare, count=3 - len(trustees))
    return organisation, administrator, voters, others, authority, trustees


# — the steps every vote takes —


def _prepare(
    ctx: SeedContext,
    *,
    owner,
    administrator: User,
    title: str,
    description: str,
    questions: list,
    roll: str = "",
    candidate_list=None,
    quorum: int = 50,
    closes_at=None,
    authority: User | None = None,
    trustees: list | None = None,
) -> Run:
    """Set up (the roll: these addresses, or else the members), freeze, let the trustees generate the key and
    send the credentials: the vote is open.

    A vote opens from now on (`lifecycle.TIMES`): it is set to open a minute ahead, and once its credentials are
    sent its opening is moved to that moment with a queryset update, as `_finish` moves a finished vote's window."""
    now = timezone.now()
    election = services.election_create(
        by=administrator,
        owner=owner,
        title=title,
        description=description,
        opens_at=now + datetime.timedelta(minutes=1),
        closes_at=closes_at or now + datetime.timedelta(hours=1),
        quorum=quorum,
        candidate_list=candidate_list,
    )
    for text, max_choices, candidates, *ranked in questions:
        question = services.question_add(
            by=administrator, election=election, text=text, max_choices=max_choices, ranked=bool(ranked)
        )
        for candidate in candidates:
            if isinstance(candidate, str):
                services.candidate_add(by=administrator, question=question, name=candidate)
            else:
                services.candidate_add(by=administrator, question=question, entry=candidate)
    if roll:
        services.roll_upload(by=administrator, election=election, text=roll)
    else:
        services.roll_from_members(by=administrator, election=election)
    if authority is None or trustees is None:
        on_roll = set(election.voters.values_list("user_id", flat=True))
        authority, *trustees = _people(ctx, exclude=on_roll | {administrator.pk}, count=4, spare=on_roll)
    services.roles_set(
        by=administrator, election=election, credential_authority=authority, trustees=trustees, threshold=2
    )
    election.refresh_from_db()
    election = services.freeze(by=administrator, election=election)
    run = Run(election, administrator, authority, list(trustees))
    for trustee in run.trustees:
        run.keys[trustee.pk] = services.trustee_certificate(by=trustee, election=election)
    for step in (services.trustee_polynomial, services.trustee_verification):
        for trustee in run.trustees:
            step(by=trustee, election=election, key=run.keys[trustee.pk])
    election.refresh_from_db()
    services.credentials_send(
        by=authority,
        election=election,
        deliver=lambda voter, credential: run.credentials.__setitem__(voter.user_id, credential),
    )
    election.refresh_from_db()
    Election.objects.filter(pk=election.pk).update(opens_at=election.credentials_sent_at)
    election.refresh_from_db()
    run.election = election
    return run


def _people(ctx: SeedContext, *, exclude: set, count: int, spare: set | None = None) -> list[User]:
    """`count` generated people (not the demo logins) outside `exclude`: people of organisations, as civil society
    would choose its trustees; when too few, anyone, and then also from `spare`."""
    if count <= 0:
        return []
    people = (
        User.objects.filter(is_active=True).exclude(email__in=DEMO_ACCOUNT_EMAILS).exclude(pk__in=exclude)
    )
    members = people.filter(memberships__status=Membership.Status.ACTIVE).distinct().order_by("pk")
    pool = list(members[:300])
    if len(pool) < count:
        pool += list(people.exclude(pk__in=[person.pk for person in pool]).order_by("pk")[:count])
    if len(pool) < count and spare:
        pool += list(User.objects.filter(pk__in=spare).order_by("pk")[: count - len(pool)])
    return ctx.rng.sample(pool, count)


def _vote(ctx: SeedContext, run: Run, turnout: float) -> None:
    """Most of the roll votes; the first of them changes her mind and votes again (her last ballot counts)."""
    roll = [voter.user for voter in run.election.voters.select_related("user").order_by("pk")]
    most = MAX_BALLOTS if ctx.scale >= 1 else MAX_BALLOTS_SMALL
    voters = ctx.rng.sample(roll, min(most, max(1, round(turnout * len(roll)))))
    favour = {}
    for voter in [*voters, voters[0]]:
        _cast(ctx, run, voter, favour)


def _cast(ctx: SeedContext, run: Run, voter: User, favour: dict | None = None) -> str:
    """A ballot with a few blank answers; some candidates are more popular than others (`favour`, per vote)."""
    rng = ctx.rng
    favour = {} if favour is None else favour
    picked = {}
    for question in run.election.questions.prefetch_related("candidates"):
        candidates = list(question.candidates.all())
        for candidate in candidates:
            favour.setdefault(candidate.pk, rng.choice([1, 2, 3, 5, 8]))
        chosen = []
        most = len(candidates) if question.ranked else question.max_choices
        if rng.random() > 0.05:
            for _ in range(rng.randint(1, most)):
                left = [c for c in candidates if c.pk not in chosen]
                chosen += [rng.choices(left, weights=[favour[c.pk] for c in left])[0].pk]
        # A ranked question: the candidates in the order chosen, 1 first; the rest unranked.
        picked[question.pk] = {pk: n for n, pk in enumerate(chosen, 1)} if question.ranked else chosen
    return services.cast(by=voter, election=run.election, credential=run.credentials[voter.pk], picked=picked)


def _finish(ctx: SeedContext, run: Run, *, opens_on: datetime.date) -> None:
    """Close, two of the three trustees decrypt, the result is verified and published; then its dates are moved
    into the past, the week after `opens_on`.

    The services take a ballot only while a vote is open and close it only after its closing time, so a finished
    vote was run open now; here its window is moved into the past with a queryset update (no service changes a
    vote's dates) before closing, and once tallied the other moments (credentials sent, ballots, closing, result)
    are moved into that window in the same way."""
    opens = timezone.make_aware(datetime.datetime.combine(opens_on, datetime.time(9)))
    closes = timezone.make_aware(
        datetime.datetime.combine(opens_on + datetime.timedelta(days=7), datetime.time(18))
    )
    Election.objects.filter(pk=run.election.pk).update(opens_at=opens, closes_at=closes)
    run.election.refresh_from_db()
    election = services.close(by=run.administrator, election=run.election)
    two = sorted(ctx.rng.sample(run.trustees, 2), key=run.trustees.index)
    if election.ranked:  # the ranked ballots are shuffled by two trustees before anyone decrypts
        for trustee in two:
            election = services.shuffle(by=trustee, election=election)
    for trustee in two:
        election = services.decrypt(by=trustee, election=election, key=run.keys[trustee.pk])
    run.election = election
    _into_the_past(ctx, election)


def _into_the_past(ctx: SeedContext, election: Election, *, tallied: bool = True) -> None:
    """The moments the services stamped now, moved into the vote's window (ballots in their order)."""
    opens, closes = election.opens_at, election.closes_at
    sent = opens - datetime.timedelta(hours=2)
    published = closes + datetime.timedelta(days=1)
    moments = dict(
        created_at=opens - datetime.timedelta(days=10),
        credentials_sent_at=sent,
        closed_at=closes + datetime.timedelta(minutes=5),
    )
    if tallied:
        moments.update(tallied_at=published, verified_at=published)
    Election.objects.filter(pk=election.pk).update(**moments)
    election.voters.update(credential_sent_at=sent)
    election.trustees.filter(decrypted_at__isnull=False).update(decrypted_at=published)
    election.trustees.filter(shuffled_at__isnull=False).update(
        shuffled_at=closes + datetime.timedelta(hours=20)
    )
    ballots = list(election.ballots.order_by("cast_at", "pk"))
    span = (closes - opens).total_seconds()
    moments = sorted(opens + datetime.timedelta(seconds=ctx.rng.uniform(0, span)) for _ in ballots)
    last = {}
    for ballot, moment in zip(ballots, moments, strict=True):
        ballot.cast_at = last[ballot.cast_by_id] = moment
    Ballot.objects.bulk_update(ballots, ["cast_at"])
    voters = list(election.voters.filter(user_id__in=last))
    for voter in voters:
        voter.voted_at = last[voter.user_id]
    Voter.objects.bulk_update(voters, ["voted_at"])
    election.refresh_from_db()


# — the demo's secrets —


def _demo_organisation(ctx: SeedContext) -> Organisation | None:
    organisation = ctx.data.get("demo_organisation")
    if organisation is not None:
        return organisation
    membership = (
        Membership.objects.filter(
            user__email=NGO, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
        )
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    return membership.organisation if membership else None


def _write_secrets(run: Run, waiting: Run | None) -> None:
    """The demo voters' private credentials for the open vote, and the trustees' private keys for it and for the
    vote waiting for them: one `email secret` line each, a vote's section headed by a `## /workspace/votes/<pk>/`
    line."""
    election = run.election
    about = f"«{election.title}» (/workspace/votes/{election.pk}/)"
    closes = timezone.localtime(election.closes_at).strftime("%d.%m.%Y %H:%M")
    _write(
        settings.VAR_DIR / CREDENTIALS_FILE,
        [
            f"# Private credentials for the open vote {about}: sign in as the login, open the vote and paste it.",
            "# The platform keeps none (it e-mails each to its voter); this file is the demo's e-mail.",
            *(f"{user.email} {run.credentials[user.pk]}" for user in run.voters),
        ],
    )
    lines = [
        "# Trustees' private keys. The platform keeps none (each trustee keeps her own); this is the demo's copy."
    ]
    if waiting is not None:
        lines += [
            f"## /workspace/votes/{waiting.election.pk}/",
            f"# «{waiting.election.title}» closed yesterday: two trustees shuffle the ranked ballots, then two",
            "# decrypt with their key.",
            *(f"{user.email} {waiting.keys[user.pk]}" for user in waiting.trustees),
        ]
    lines += [
        f"## /workspace/votes/{election.pk}/",
        f"# {about}: after {closes}, when ngo@ has closed it, the same steps.",
        *(f"{user.email} {run.keys[user.pk]}" for user in run.trustees),
    ]
    _write(settings.VAR_DIR / TRUSTEE_KEYS_FILE, lines)


def _write(path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)
