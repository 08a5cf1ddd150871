"""Near-duplicate applications: MinHash of character 5-grams, LSH banding for candidates, exact Jaccard.

Language-independent: the text is case-folded and stripped of punctuation, then cut into overlapping
five-character pieces (shingles), so Kazakh, Russian and mixed texts are compared the same way.

The signature has 128 MinHash slots filled by one-permutation hashing (each shingle's hash picks a
slot and competes for its minimum; empty slots borrow from the next filled one): it estimates Jaccard
similarity like 128 seeded permutations at a 128th of the cost in pure Python. LSH bands of the
signature propose candidates; only they get the exact Jaccard comparison of their shingles.

Nothing is stored in the database. A submitted application is frozen until it is resubmitted, so its
band keys are cached under its id and submission time: a check against ten thousand applications
costs one cache read and a pass over the keys, and loads only the candidates' texts.
"""

import codecs
import datetime
import random
import re
import sys
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from difflib import SequenceMatcher

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django_tasks import task

from azamat.core.errors import DomainError
from azamat.grants.models import Activity, Application, SimilarityFlag
from azamat.grants.permissions import can_see_similarity

NOT_ALLOWED = "not_allowed"

SHINGLE = 5
PERMUTATIONS = 128
SEED = 0x5EED_2026  # fixed, so signatures are the same in every process and can be cached
LOOKBACK = datetime.timedelta(days=3 * 365 + 1)
DEFAULT_THRESHOLD = 0.5
RECALL_AT_THRESHOLD = 0.99  # the share of pairs exactly at the threshold that LSH must still propose
MIN_SENTENCE_CHARS = 20  # shorter sentences ("Goals:") match everywhere and prove nothing
MAX_PASSAGES = 10
CACHE_PREFIX = f"grants:lsh:v1:{sys.byteorder[0]}{sys.version_info.minor}:"
CACHE_SECONDS = 400 * 24 * 3600
TEXT_FIELDS = ("title", "summary", "problem", "target_group", "goals")
# Statuses whose texts are compared: everything that was submitted and not withdrawn.
COMPARED_STATUSES = [
    s for s in Application.Status.values if s not in {Application.Status.DRAFT, Application.Status.WITHDRAWN}
]

_HASH_BITS = 60  # two 30-bit digits: Python multiplies and sorts these faster than 64-bit numbers
_HASH_MASK = (1 << _HASH_BITS) - 1
_MIX = random.Random(SEED).getrandbits(64) | 1  # an odd multiplier: multiplicative hashing
_SLOT_SHIFT = _HASH_BITS - 7  # the top 7 bits choose one of the 128 slots
_SHINGLE_MASK = (1 << (8 * SHINGLE)) - 1
_NON_WORD = re.compile(r"[\W_]+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…;])\s+|\s*\n+\s*")

Signature = tuple[int, ...]


_SPARE = [*range(0x01, 0x09), *range(0x0E, 0x20)]  # control bytes that neither texts nor bytes.split() use
# KZ-1048 holds the Kazakh and Russian alphabets and ASCII in one byte each; its punctuation becomes a space.
_BYTE_TABLE = bytes(
    b if b in _SPARE or bytes([b]).decode("kz1048", errors="replace").isalnum() else 0x20 for b in range(256)
)


def _other_letters(error: UnicodeEncodeError) -> tuple[bytes, int]:
    """Characters outside the Kazakh code page: letters of other scripts share the spare byte codes by code
    point (so Kazakh in the Latin alphabet keeps its words), anything else becomes a space."""
    chunk = error.object[error.start : error.end]
    return bytes(_SPARE[ord(c) % len(_SPARE)] if c.isalnum() else 0x20 for c in chunk), error.end


codecs.register_error("grants_shingles", _other_letters)


def normalise(text: str) -> str:
    """Case-folded words of any script, separated by single spaces; punctuation and symbols dropped."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def shingles(text: str) -> frozenset[int]:
    """The text's overlapping five-character pieces, each exactly as a 40-bit number (one byte a character).

    Eight views of the bytes as 64-bit words, each shifted by one character, give every position's
    piece without a Python-level loop over the text.
    """
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    encoded = b" ".join(folded.encode("kz1048", errors="grants_shingles").translate(_BYTE_TABLE).split())
    length = len(encoded)
    data = encoded + bytes(8)
    if length < SHINGLE:
        return frozenset({int.from_bytes(data[:length], "little")}) if length else frozenset()
    pieces: set[int] = set()
    for offset in range(8):
        words = (length - SHINGLE - offset) // 8 + 1
        if words > 0:
            chunk = memoryview(data[offset : offset + 8 * words]).cast("Q")
            pieces.update(map(_SHINGLE_MASK.__and__, chunk.tolist()))
    return frozenset(pieces)


def signature(pieces: frozenset[int]) -> Signature | None:
    """128 MinHash slots by one-permutation hashing with rotation densification; None for no text.

    Each piece's hash picks a slot with its top 7 bits and competes for that slot's minimum; the
    sorted hashes give every slot's minimum by bisection, so no step loops over pieces in Python.
    """
    if not pieces:
        return None
    mixed = sorted(map(_HASH_MASK.__and__, map(_MIX.__mul__, pieces)))
    size = len(mixed)
    values: list[int | None] = []
    for slot in range(PERMUTATIONS):
        i = bisect_left(mixed, slot << _SLOT_SHIFT)
        values.append(mixed[i] if i < size and mixed[i] >> _SLOT_SHIFT == slot else None)
    filled = next(i for i, v in enumerate(values) if v is not None)
    result = [0] * PERMUTATIONS
    # Walk backwards from a filled slot so each empty slot borrows from the next filled one,
    # offset by the distance so borrowed values never equal genuine ones.
    borrowed, distance = 0, 0
    for step in range(PERMUTATIONS):
        i = (filled - step) % PERMUTATIONS
        if values[i] is not None:
            borrowed, distance = values[i], 0
            result[i] = borrowed
        else:
            distance += 1
            result[i] = borrowed + (distance << _HASH_BITS)
    return tuple(result)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def estimated_similarity(a: Signature, b: Signature) -> float:
    return sum(x == y for x, y in zip(a, b, strict=True)) / PERMUTATIONS


def band_rows(threshold: float) -> int:
    """Rows per LSH band: the most that still propose pairs at the threshold with the required recall."""
    best = 1
    for rows in range(1, PERMUTATIONS + 1):
        bands = PERMUTATIONS // rows
        if 1 - (1 - threshold**rows) ** bands >= RECALL_AT_THRESHOLD:
            best = rows
        else:
            break
    return best


def band_keys(sig: Signature | None, rows: int) -> frozenset[int]:
    """One number per band of `rows` slots; texts sharing any of them are candidates.

    Hashes of tuples of integers are the same in every process (only text hashes are salted).
    """
    if sig is None:
        return frozenset()
    return frozenset(
        hash((band, sig[band * rows : (band + 1) * rows])) for band in range(PERMUTATIONS // rows)
    )


def text_keys(text: str, rows: int) -> frozenset[int]:
    return band_keys(signature(shingles(text)), rows)


@dataclass(frozen=True)
class Match:
    key: object
    score: float


def near_duplicates(
    text: str, others: dict, *, threshold: float = DEFAULT_THRESHOLD, keys: dict | None = None
) -> list[Match]:
    """The texts among `others` whose shingles' Jaccard similarity with `text` reaches the threshold.

    `keys` may give the band keys of some of `others` already (from a cache); the rest are computed.
    Only candidates that share a band get the exact comparison.
    """
    own = shingles(text)
    rows = band_rows(threshold)
    own_keys = band_keys(signature(own), rows)
    keys = keys or {}
    matches = []
    for key, other_text in others.items():
        pieces = None
        if key in keys:
            other_keys = keys[key]
        else:
            pieces = shingles(other_text)
            other_keys = band_keys(signature(pieces), rows)
        if own_keys.isdisjoint(other_keys):
            continue
        score = jaccard(own, shingles(other_text) if pieces is None else pieces)
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


def _cache_key(pk: int, version: int, submitted_at, rows: int) -> str:
    # A submitted application changes only through a resubmission: a new version, a new submission time.
    return f"{CACHE_PREFIX}{rows}:{pk}:{version}:{submitted_at.timestamp() if submitted_at else 0}"


def pool_keys(pool: dict[int, tuple], *, rows: int) -> dict[int, frozenset[int]]:
    """Band keys of applications {pk: (version, submitted_at)}, from the cache where known; texts load only
    for the rest."""
    cache = caches[getattr(settings, "GRANTS_SIMILARITY_CACHE", "default")]
    cache_keys = {
        pk: _cache_key(pk, version, submitted_at, rows) for pk, (version, submitted_at) in pool.items()
    }
    known = cache.get_many(list(cache_keys.values()))
    result = {pk: known[key] for pk, key in cache_keys.items() if key in known}
    missing = [pk for pk in pool if pk not in result]
    fresh = {}
    for start in range(0, len(missing), 500):
        for pk, text in application_texts(missing[start : start + 500]).items():
            result[pk] = text_keys(text, rows)
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
    rows = band_rows(threshold)
    own_text = application_texts([application.pk]).get(application.pk, "")
    own = shingles(own_text)
    own_keys = band_keys(signature(own), rows)
    pool = {
        pk: (version, submitted_at)
        for pk, version, submitted_at in comparable_applications(exclude=application).values_list(
            "pk", "version", "submitted_at"
        )
    }
    candidates = [pk for pk, keys in pool_keys(pool, rows=rows).items() if not own_keys.isdisjoint(keys)]
    texts = application_texts(candidates)
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
