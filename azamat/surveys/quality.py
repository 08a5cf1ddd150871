"""Data-quality flags of a completed response: too fast, straight-lining, duplicate answers (see
`Response.too_fast`, `straightlining`, `duplicate`, `fingerprint`)."""

import hashlib
import json
import re
import statistics

from azamat.surveys import definition as form

STRAIGHT_RUN = 5  # the same choice in this many consecutive select_one questions of one list
DECIMAL_TEXT = re.compile(r"-?\d+\.\d+")  # a decimal answer as stored ("1234.50")


def fingerprint(answers: dict) -> str:
    """A digest of the answers normalised (keys sorted, choices of a select_multiple sorted, texts trimmed and
    lower-cased): two responses with the same answers have the same fingerprint."""

    def norm(value):
        if isinstance(value, str) and DECIMAL_TEXT.fullmatch(value):
            value = float(value)  # a decimal's text ("1234.50") as the float it was stored as before
        if isinstance(value, str):
            return " ".join(value.split()).lower()
        if isinstance(value, list):
            items = [norm(item) for item in value]
            return (
                sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
                if all(isinstance(item, str) for item in items)
                else items
            )
        if isinstance(value, dict):
            return {key: norm(item) for key, item in value.items()}
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    text = json.dumps(norm(answers), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def straightlining(definition: dict, answers: dict) -> bool:
    """The same choice in ≥ STRAIGHT_RUN consecutive answered select_one questions of the same choice list."""
    run, last = 0, None
    for node in form.questions(definition):
        if node["type"] != "select_one" or node.get("name") not in answers:
            if node["type"] == "select_one":
                continue  # an unanswered (skipped) question does not break a run
            run, last = 0, None
            continue
        key = (node.get("list"), answers[node["name"]])
        run = run + 1 if key == last else 1
        last = key
        if run >= STRAIGHT_RUN:
            return True
    return False


def too_fast_threshold(min_seconds: int | None, durations: list[int]) -> float | None:
    """The survey's shortest plausible duration, else a third of the median of completed responses (None when
    there are none yet)."""
    if min_seconds:
        return float(min_seconds)
    if not durations:
        return None
    return statistics.median(durations) / 3


def too_fast(duration: int | None, threshold: float | None) -> bool:
    return duration is not None and threshold is not None and duration < threshold
