"""Duplicate hints: the existing problems most like a title (and description) someone is typing.

On PostgreSQL, trigram similarity of the title (pg_trgm, created by the registry's migration 0003) ranks the
problems in the database. Elsewhere (SQLite, the embedded demo) the latest `CANDIDATES` problems are compared in
Python: the better of difflib's ratio and the share of shared words."""

import difflib
import re
from dataclasses import dataclass

from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity
from django.db import connection
from django.db.models.functions import Greatest

from azamat.problems.models import Problem
from azamat.problems.selectors import visible_problems

LIMIT = 5
CANDIDATES = 2000
THRESHOLD = 0.3
TRIGRAM_THRESHOLD = 0.2
MIN_LENGTH = 4
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hint:
    problem: Problem
    score: float

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def _words(text: str) -> set[str]:
    # The first five letters stand for a word's stem: «организаций» and «организации» are the same word.
    return {w[:5] for w in WORD.findall(text.casefold()) if len(w) > 2}


def score(a: str, b: str) -> float:
    """How alike two titles are, from 0 to 1 (the portable measure)."""
    a, b = a.casefold().strip(), b.casefold().strip()
    if not a or not b:
        return 0.0
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    words_a, words_b = _words(a), _words(b)
    overlap = len(words_a & words_b) / len(words_a | words_b) if words_a and words_b else 0.0
    return max(ratio, overlap)


def similar_problems(title: str, *, user, exclude: Problem | None = None, limit: int = LIMIT) -> list[Hint]:
    """The problems this person may see that look most like `title`, best first."""
    title = (title or "").strip()[:300]
    if len(title) < MIN_LENGTH:
        return []
    queryset = visible_problems(user).select_related("area")
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    if connection.vendor == "postgresql":
        ranked = (
            queryset.annotate(
                likeness=Greatest(TrigramSimilarity("title", title), TrigramWordSimilarity(title, "title"))
            )
            .filter(likeness__gte=TRIGRAM_THRESHOLD)
            .order_by("-likeness", "-pk")[:limit]
        )
        return [Hint(problem, float(problem.likeness)) for problem in ranked]
    candidates = list(queryset.order_by("-pk")[:CANDIDATES])
    scored = [Hint(problem, score(title, problem.title)) for problem in candidates]
    scored = [hint for hint in scored if hint.score >= THRESHOLD]
    scored.sort(key=lambda hint: (-hint.score, -hint.problem.pk))
    return scored[:limit]
