"""Benchmark of expert assignment: the law's random draw (baseline) against the optimised min-cost flow.

A synthetic call at national scale, no database: 10,000 applications, 500 experts, 3 reviews each,
2% of (expert, application) pairs conflicted at random, 20 areas of activity, 60% of applications in
Kazakh and 40% in Russian, 70% of experts bilingual (the rest split evenly between Kazakh and Russian).
Each applicant works in 1–3 areas, each expert knows 2–4. Measures wall time of each method, the share of
assignments whose expert's areas meet the applicant's, the spread of experts' loads and the uncovered count.

    .venv/bin/python bench/assignment.py [--applications 10000] [--experts 500] [--seed 2026] [--json PATH]

Prints a table; bench/ASSIGNMENT.md keeps the latest figures.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "azamat.settings")

import django  # noqa: E402

django.setup()  # only to import the module; the algorithms never touch the database

from azamat.grants.services.assignment import Candidate, Item, assign_optimised, assign_random  # noqa: E402

AREAS = 20


def instance(*, applications: int, experts: int, conflict_share: float, seed: int, max_load: int):
    rng = random.Random(seed)
    # Some areas are much more common than others, as in the registry.
    weights = [1 / (k + 1) for k in range(AREAS)]
    items = [
        Item(
            id=k + 1,
            number=f"KZ-2026-bench-{k + 1:05d}",
            language="kk" if rng.random() < 0.6 else "ru",
            areas=frozenset(rng.choices(range(AREAS), weights, k=rng.randint(1, 3))),
        )
        for k in range(applications)
    ]
    pool = []
    for k in range(experts):
        draw = rng.random()
        languages = {"kk", "ru"} if draw < 0.7 else ({"kk"} if draw < 0.85 else {"ru"})
        pool.append(
            Candidate(
                id=k + 1,
                languages=frozenset(languages),
                areas=frozenset(rng.sample(range(AREAS), rng.randint(2, 4))),
                capacity=max_load,
            )
        )
    count = int(conflict_share * applications * experts)
    conflicts = set()
    while len(conflicts) < count:
        conflicts.add((rng.randint(1, experts), rng.randint(1, applications)))
    return items, pool, conflicts


def measure(name, run, items, pool, n):
    started = time.perf_counter()
    outcome = run()
    seconds = time.perf_counter() - started
    loads = [outcome.loads().get(e.id, 0) for e in pool]
    return {
        "method": name,
        "seconds": round(seconds, 2),
        "assignments": len(outcome.pairs),
        "matched_share": float(outcome.quality or 0),
        "load_max": max(loads),
        "load_min": min(loads),
        "load_stdev": round(statistics.pstdev(loads), 2),
        "uncovered": len(outcome.uncovered),
        "uncovered_slots": sum(u["needed"] - u["assigned"] for u in outcome.uncovered),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--experts", type=int, default=500)
    parser.add_argument("--reviews", type=int, default=3)
    parser.add_argument("--conflicts", type=float, default=0.02)
    parser.add_argument("--max-load", type=int, default=70)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    started = time.perf_counter()
    items, pool, conflicts = instance(
        applications=args.applications,
        experts=args.experts,
        conflict_share=args.conflicts,
        seed=args.seed,
        max_load=args.max_load,
    )
    setup = time.perf_counter() - started
    rows = [
        measure(
            "random draw",
            lambda: assign_random(items, pool, conflicts, args.reviews, str(args.seed)),
            items,
            pool,
            args.reviews,
        ),
        measure(
            "optimised (min-cost flow)",
            lambda: assign_optimised(items, pool, conflicts, args.reviews),
            items,
            pool,
            args.reviews,
        ),
    ]
    print(
        f"{datetime.datetime.now(datetime.UTC).date()} · {os.cpu_count()} cores · {args.applications} applications × "
        f"{args.experts} experts × {args.reviews} reviews, {len(conflicts)} conflicts, max load {args.max_load}"
        f" (instance built in {setup:.1f} s)"
    )
    header = [
        "method",
        "seconds",
        "assignments",
        "matched_share",
        "load_max",
        "load_min",
        "load_stdev",
        "uncovered",
        "uncovered_slots",
    ]
    print(" | ".join(header))
    for row in rows:
        print(" | ".join(str(row[h]) for h in header))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "date": str(datetime.datetime.now(datetime.UTC).date()),
                    "args": vars(args) | {"json": None},
                    "rows": rows,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
