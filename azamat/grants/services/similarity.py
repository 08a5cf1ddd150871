"""Near-duplicate applications: MinHash of character 5-grams (datasketch), LSH for candidates, exact Jaccard.

Language-independent: the text is case-folded and stripped of punctuation, then cut into overlapping
five-character pieces (shingles), so Kazakh, Russian and mixed texts are compared the same way.

The threshold is on the exact Jaccard similarity of two texts' shingles. `datasketch` gives each text a
128-permutation MinHash signature and a `MinHashLSH` index proposes the candidates, with bands chosen so
that it still proposes 99% of the pairs exactly at the threshold; only the candidates' shingles are
compared exactly.

Nothing is stored in the database. A submitted application is frozen until it is resubmitted, so its
signature is cached under its id and submission time: a check against ten thousand applications costs
one cache read, ten thousand LSH lookups (about 0.3 s) and the candidates' texts.

datasketch brings scipy (about 140 MB installed, for a band optimiser we bypass). PostgreSQL's pg_trgm was
the other way, and was not taken: its trigrams are padded words, so the threshold would mean something
else; it needs a stored text column and its index (a migration); and SQLite would still need this code.
"""

import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from difflib import SequenceMatcher
from importlib import metadata
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django_tasks import task

from azamat.core.errors import DomainError
from azamat.grants.models import Activity, Application, SimilarityFlag
from azamat.grants.permissions import can_see_similarity

if TYPE_CHECKING:
    from datasketch import LeanMinHash

NOT_ALLOWED = "not_allowed"

SHINGLE = 5
PERMUTATIONS = 128
SEED = 1  # datasketch's permutations come from this seed: the same signatures in every process
SCHEME = "affine32"  # named, so a new default in datasketch does not silently mix signatures in the cache
LOOKBACK = datetime.timedelta(days=3 * 365 + 1)
DEFAULT_THRESHOLD = 0.5
RECALL_AT_THRESHOLD = 0.99  # the share of pairs exactly at the threshold that LSH must still propose
MIN_SENTENCE_CHARS = 20  # shorter sentences ("Goals:") match everywhere and prove nothing
MAX_PASSAGES = 10
CACHE_SECONDS = 400 * 24 * 3600
TEXT_FIELDS = ("title", "summary", "problem", "target_group", "goals")
# Statuses whose texts are compared: everything that was submitted and not withdrawn.
COMPARED_STATUSES = [
    s for s in Application.Status.values if s not in {Application.Status.DRAFT, Application.Status.WITHDRAWN}
]

_NON_WORD = re.compile(r"[\W_]+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…;])\s+|\s*\n+\s*")


def normalise(text: str) -> str:
    """Case-folded words of any script, separated by single spaces; punctuation and symbols dropped."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def shingles(text: str) -> frozenset[str]:
    """The normalised text's overlapping five-character pieces (the whole text if it is shorter)."""
    text = normalise(text)
    if not text:
        return frozenset()
    return frozenset(text[i : i + SHINGLE] for i in range(max(1, len(text) - SHINGLE + 1)))


def signature(pieces: frozenset[str]) -> "LeanMinHash | None":
    """The pieces' MinHash (a datasketch `LeanMinHash`, small and picklable); None for no text."""
    if not pieces:
        return None
    # datasketch imports scipy (0.4 s): loaded on the first comparison, not with every page's module.
    from datasketch import LeanMinHash, MinHash

    minhash = MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME)
    minhash.update_batch([piece.encode() for piece in pieces])
    return LeanMinHash(minhash)


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def estimated_similarity(a: "LeanMinHash", b: "LeanMinHash") -> float:
    return a.jaccard(b)


def band_rows(threshold: float) -> int:
    """Rows per LSH band: the most that still propose pairs at the threshold with the required recall.

    datasketch's own choice weighs false positives against false negatives over all similarities; we
    want a bound on the one that matters (a copy missed), and exact Jaccard removes the false positives.
    """
    best = 1
    for rows in range(1, PERMUTATIONS + 1):
        bands = PERMUTATIONS // rows
        if 1 - (1 - threshold**rows) ** bands >= RECALL_AT_THRESHOLD:
            best = rows
        else:
            break
    return best


def candidates(own: "LeanMinHash | None", signatures: dict, *, threshold: float) -> list:
    """The keys of `signatures` (None for no text) that share an LSH band with the signature `own`.

    Sharing a band is symmetric, so the index holds the one new text and each other text queries it:
    the same candidates as indexing the whole pool, without building a pool-sized index on every check
    (a third of the time, and no memory held between checks).
    """
    if own is None:
        return []
    from datasketch import MinHashLSH

    rows = band_rows(threshold)
    index = MinHashLSH(num_perm=PERMUTATIONS, params=(PERMUTATIONS // rows, rows))
    index.insert("own", own)
    return [key for key, other in signatures.items() if other is not None and index.query(other)]


@dataclass(frozen=True)
class Match:
    key: object
    score: float


def near_duplicates(
    text: str, others: dict, *, threshold: float = DEFAULT_THRESHOLD, signatures: dict | None = None
) -> list[Match]:
    """The texts among `others` whose shingles' Jaccard similarity with `text` reaches the threshold.

    `signatures` may give the signatures of some of `others` already (from a cache); the rest are
    computed. Only the candidates LSH proposes get the exact comparison.
    """
    own = shingles(text)
    signatures = {
        key: signatures[key] if signatures and key in signatures else signature(shingles(other))
        for key, other in others.items()
    }
    matches = []
    for key in candidates(signature(own), signatures, threshold=threshold):
        score = jaccard(own, shingles(others[key]))
        if score >= threshold:
            matches.append(Match(key, score))
    return sorted(matches, key=lambda m: -m.score)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_BREAK.split(text or "") if s and s.strip()]


def overlapping_passages(text_a: str, text_b: str, *, limit: int = MAX_PASSAGES) -> list[dict]:
    """The longest runs of matching sentences, as they read on each side.

    Sentences match when their shingles mostly agree (a few changed words keep them matching), then
    SequenceMatcher finds the longest runs of matching sentences in order.
    """
    side_a, side_b = sentences(text_a), sentences(text_b)
    shingles_a = [shingles(s) if len(normalise(s)) >= MIN_SENTENCE_CHARS else frozenset() for s in side_a]
    ids_a = list(range(len(side_a)))
    ids_b = []
    for j, sentence in enumerate(side_b):
        own = shingles(sentence) if len(normalise(sentence)) >= MIN_SENTENCE_CHARS else frozenset()
        best, best_score = None, 0.5
        for i, other in enumerate(shingles_a):
            score = jaccard(own, other)
            if score >= best_score:
                best, best_score = i, score
        ids_b.append(best if best is not None else -1 - j)
    matcher = SequenceMatcher(None, ids_a, ids_b, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    passages = [
        {
            "application": side_a[b.a : b.a + b.size],
            "similar_to": side_b[b.b : b.b + b.size],
            "chars": sum(len(s) for s in side_a[b.a : b.a + b.size]),
        }
        for b in blocks
    ]
    passages.sort(key=lambda p: -p["chars"])
    return passages[:limit]


def application_text(application: Application) -> str:
    """The words compared: title, summary, problem, target group, goals and the activities."""
    parts = [getattr(application, name) for name in TEXT_FIELDS]
    for activity in application.activities.all():
        parts.extend([activity.title, activity.description])
    return "\n".join(p.strip() for p in parts if p and p.strip())


def threshold_setting() -> float:
    return float(getattr(settings, "GRANTS_SIMILARITY_THRESHOLD", DEFAULT_THRESHOLD))


def application_texts(pks) -> dict[int, str]:
    activities = Prefetch(
        "activities", queryset=Activity.objects.only("application_id", "title", "description", "starts_month")
    )
    queryset = (
        Application.objects.filter(pk__in=list(pks)).only("pk", *TEXT_FIELDS).prefetch_related(activities)
    )
    return {application.pk: application_text(application) for application in queryset}


@functools.cache
def _cache_prefix() -> str:
    # Signatures change with datasketch's version (2.0 changed them), so the version is part of the key.
    return f"grants:minhash:{metadata.version('datasketch')}:{SCHEME}:{PERMUTATIONS}:{SEED}:"


def _cache_key(pk: int, version: int, submitted_at) -> str:
    # A submitted application changes only through a resubmission: a new version, a new submission time.
    return f"{_cache_prefix()}{pk}:{version}:{submitted_at.timestamp() if submitted_at else 0}"


def pool_signatures(pool: dict[int, tuple]) -> dict:
    """Signatures of applications {pk: (version, submitted_at)}, from the cache where known; texts load
    only for the rest."""
    cache = caches[getattr(settings, "GRANTS_SIMILARITY_CACHE", "default")]
    cache_keys = {pk: _cache_key(pk, version, submitted_at) for pk, (version, submitted_at) in pool.items()}
    known = cache.get_many(list(cache_keys.values()))
    result = {pk: known[key] for pk, key in cache_keys.items() if key in known}
    missing = [pk for pk in pool if pk not in result]
    fresh = {}
    for start in range(0, len(missing), 500):
        for pk, text in application_texts(missing[start : start + 500]).items():
            result[pk] = signature(shingles(text))
            fresh[cache_keys[pk]] = result[pk]
    if fresh:
        cache.set_many(fresh, timeout=CACHE_SECONDS)
    return result


def comparable_applications(*, exclude: Application, now=None):
    """Applications submitted in the last three years to any call, not withdrawn."""
    since = (now or timezone.now()) - LOOKBACK
    return Application.objects.filter(submitted_at__gte=since, status__in=COMPARED_STATUSES).exclude(
        pk=exclude.pk
    )


@transaction.atomic
def similarity_check(*, application: Application) -> list[SimilarityFlag]:
    """Flag the submitted applications of the last three years that read like this one.

    Each pair is kept once, whichever side was checked first; a resubmission updates the pair's score
    and passages, and clears the pairs no longer similar that nobody has reviewed yet.
    """
    threshold = threshold_setting()
    own_text = application_texts([application.pk]).get(application.pk, "")
    own = shingles(own_text)
    pool = {
        pk: (version, submitted_at)
        for pk, version, submitted_at in comparable_applications(exclude=application).values_list(
            "pk", "version", "submitted_at"
        )
    }
    proposed = candidates(signature(own), pool_signatures(pool), threshold=threshold)
    texts = application_texts(proposed)
    flags = []
    for pk, text in texts.items():
        score = jaccard(own, shingles(text))
        if score < threshold:
            continue
        flags.append(_flag(application, pk, score, overlapping_passages(own_text, text)))
    SimilarityFlag.objects.filter(
        Q(application=application) | Q(similar_to=application), reviewed=False
    ).exclude(pk__in=[f.pk for f in flags]).delete()
    return sorted(flags, key=lambda f: -f.score)


def _flag(application: Application, other_pk: int, score: float, passages: list[dict]) -> SimilarityFlag:
    score_decimal = Decimal(str(score)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    flag = SimilarityFlag.objects.filter(
        Q(application=application, similar_to_id=other_pk)
        | Q(application_id=other_pk, similar_to=application)
    ).first()
    if flag is None:
        return SimilarityFlag.objects.create(
            application=application, similar_to_id=other_pk, score=score_decimal, passages=passages
        )
    if flag.application_id != application.pk:  # keep each side's sentences on its own side
        passages = [
            {"application": p["similar_to"], "similar_to": p["application"], "chars": p["chars"]}
            for p in passages
        ]
    flag.score, flag.passages = score_decimal, passages
    flag.save(update_fields=["score", "passages"])
    return flag


@task()
def similarity_check_task(*, application_id: int) -> int:
    """Run after a submission commits, so the applicant never waits for the comparison."""
    application = Application.objects.filter(pk=application_id).first()
    if application is None:
        return 0
    return len(similarity_check(application=application))


def marked_sentences(text: str, overlapping: list[str]) -> list[tuple[str, bool]]:
    """The text's sentences, each with whether it is part of an overlapping passage, for side-by-side display."""
    wanted = {normalise(s) for s in overlapping}
    return [(sentence, normalise(sentence) in wanted) for sentence in sentences(text)]


@transaction.atomic
def similarity_flag_review(*, flag: SimilarityFlag, by) -> SimilarityFlag:
    """The operator has looked at the pair; a later resubmission no longer clears it."""
    decision = can_see_similarity(by)
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)
    flag.reviewed = True
    flag.save(update_fields=["reviewed"])
    return flag
