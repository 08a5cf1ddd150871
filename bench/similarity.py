"""Near-duplicate search over 2,000 applications: MinHash + LSH (datasketch) against exact pairwise Jaccard.

The speed test that used to sit in the test suite (a threshold in seconds, red on a busy machine) lives
here as a ratio: how many times faster the LSH search is than comparing the new text's shingles with
every other text's, the baseline it replaces, measured on the same texts in the same process.

    .venv/bin/python bench/similarity.py [--texts 2000] [--repeat 5]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "azamat.settings")

import django  # noqa: E402

django.setup()

from faker import Faker  # noqa: E402

from azamat.grants.services.similarity import (  # noqa: E402
    DEFAULT_THRESHOLD,
    candidates,
    jaccard,
    near_duplicates,
    shingles,
    signature,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    fake = Faker("ru_RU")
    fake.seed_instance(2026)
    others = {i: fake.text(1800) for i in range(args.texts)}
    words = others[args.texts // 2].split()
    words[3], words[40], words[90] = "поликлиника", "волонтёры", "Экибастуз"
    copied = " ".join(words)
    signature(shingles(copied))  # import datasketch (and scipy) before the clock starts

    def exact() -> list:
        mine = shingles(copied)
        return [key for key, text in others.items() if jaccard(mine, shingles(text)) >= DEFAULT_THRESHOLD]

    def lsh() -> list:
        return [m.key for m in near_duplicates(copied, others)]

    cached = {key: signature(shingles(text)) for key, text in others.items()}

    def lsh_cached() -> list:
        return [m.key for m in near_duplicates(copied, others, signatures=cached)]

    proposed = []

    def lsh_lookups() -> list:
        proposed[:] = candidates(signature(shingles(copied)), cached, threshold=DEFAULT_THRESHOLD)
        return [f"{len(proposed)} candidates"]

    timings = {}
    for name, run in (
        ("exact pairwise Jaccard (baseline)", exact),
        ("MinHash + LSH, nothing cached", lsh),
        ("MinHash + LSH, signatures cached", lsh_cached),
        ("of which: the LSH lookups", lsh_lookups),
    ):
        found, seconds = None, []
        for _ in range(args.repeat):
            started = time.process_time()
            found = run()
            seconds.append(time.process_time() - started)
        timings[name] = statistics.median(seconds)
        print(f"{name:36} {timings[name]:7.3f} s CPU (median of {args.repeat})  found {found}")
    baseline = timings["exact pairwise Jaccard (baseline)"]
    for name, seconds in timings.items():
        print(f"ratio to the baseline: {name}: {seconds / baseline:.3f}")


if __name__ == "__main__":
    main()
