"""Accountability benchmark (issue 8): the public figures of ~50,000 items over three years to government bodies
(and the councils' data), served under load, against the trivial view in the same run.

Targets: the national overview, one body's page (the three bodies with most items, rotating), one region's page
(three regions rotating), the ranking of bodies, and the items API (page 2 and a status filter). For each: requests
per second and p95 at 16 concurrent clients (wrk, bench/latency.lua) as ratios to /healthz measured in the same run,
and the page's query count and SQL time from one in-process request (Django's test client on the same database).
Anonymous visitors are served from the public cache; the "uncached" rows add a parameter no page caches, so every
request computes its figures, as the first visitor after a change does.

    .venv/bin/python bench/accountability.py [--scale 100] [--duration 10] [--connections 16] [--reuse-db]

Seeds only what the module needs (`azamat seed --only registry,accounts,accountability,councils`) on its own
database (azamat_bench_acc) and port (8767). Writes bench/results/accountability-<date>-<time>.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import psycopg
import web  # bench/web.py, on sys.path as this script's directory
from web import BIN_DIR, PG_URL, PROJECT_DIR, RESULTS_DIR, Target, log

web.DB_NAME = "azamat_bench_acc"
web.PORT = 8767
APPS = "registry,accounts,accountability,councils"
JSON = {"Accept": "application/json"}


def targets() -> list[Target]:
    with psycopg.connect(f"{PG_URL}/{web.DB_NAME}", autocommit=True) as conn:
        bodies = [
            row[0]
            for row in conn.execute(
                "SELECT b.code FROM registry_governmentbody b JOIN accountability_item i ON i.body_id = b.id "
                "GROUP BY b.code ORDER BY count(*) DESC, b.code LIMIT 3"
            )
        ]
        regions = [
            row[0]
            for row in conn.execute(
                "SELECT r.kato FROM registry_region r JOIN accountability_item i ON i.region_id = r.id "
                "GROUP BY r.kato ORDER BY count(*) DESC, r.kato LIMIT 3"
            )
        ]
        items = conn.execute("SELECT count(*) FROM accountability_item").fetchone()[0]
    log(f"{items} items; bodies {bodies}; regions {regions}")
    pages = [
        Target("overview", "National overview /accountability/", ["/accountability/"]),
        Target("body", "A body's page, 3 rotating", [f"/accountability/bodies/{code}/" for code in bodies]),
        Target(
            "region", "A region's page, 3 rotating", [f"/accountability/regions/{kato}/" for kato in regions]
        ),
        Target("ranking", "Ranking of bodies", ["/accountability/ranking/"]),
    ]
    found = [Target("baseline", "Trivial view /healthz (baseline)", ["/healthz"])]
    for page in pages:
        found.append(page)
        found.append(
            Target(
                f"{page.name}_uncached",
                f"{page.label}, uncached",
                [p + "?" + urllib.parse.urlencode({"uncached": n}) for n, p in enumerate(page.paths)],
            )
        )
    found += [
        Target("api_items", "Items API, page 2", ["/api/v1/accountability/items/?page=2"], JSON),
        Target("api_overdue", "Items API, overdue", ["/api/v1/accountability/items/?status=overdue"], JSON),
        Target("api_bodies", "Per-body statistics API", ["/api/v1/accountability/bodies/"], JSON),
    ]
    return found


def queries_main(paths: list[str]) -> None:
    """Child mode: each path once in-process after a warm-up; its number of queries and their time."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    out = {}
    for path in paths:
        client.get(path, HTTP_ACCEPT="application/json" if path.startswith("/api/") else "text/html")
        spent: list[float] = []

        def timed(execute, sql, params, many, context, spent=spent):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                spent.append(time.perf_counter() - start)

        start = time.perf_counter()
        with connection.execute_wrapper(timed):
            response = client.get(path + ("&" if "?" in path else "?") + "uncached=q")
        out[path] = {
            "status": response.status_code,
            "queries": len(spent),
            "sql_ms": round(sum(spent) * 1000, 1),
            "in_process_ms": round((time.perf_counter() - start) * 1000, 1),
        }
    print("Q_JSON " + json.dumps(out, ensure_ascii=False))


def query_counts(paths: list[str], env: dict[str, str]) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--queries", *paths],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if out.returncode:
        raise RuntimeError(f"the in-process measurement failed:\n{out.stderr[-3000:]}")
    for line in out.stdout.splitlines():
        if line.startswith("Q_JSON "):
            return json.loads(line.removeprefix("Q_JSON "))
    raise RuntimeError(f"no Q_JSON line:\n{out.stdout}")


def table(found: list[Target], results: dict, probes: dict, counts: dict) -> str:
    base = results["baseline"]
    rows = [
        "| Target | req/s | p95 ms | req/s ÷ baseline | p95 ÷ baseline | queries (SQL ms) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for target in found:
        r = results[target.name]
        first = counts.get(target.paths[0].split("?uncached")[0], {})
        queries = f"{first.get('queries', '—')} ({first.get('sql_ms', '—')})" if first else "—"
        rows.append(
            f"| {target.label} | {r['rps']:.0f} | {r['latency_ms']['p95']:.1f} | {r['rps'] / base['rps']:.3f} | "
            f"{r['latency_ms']['p95'] / base['latency_ms']['p95']:.1f} | {queries} |"
        )
    return "\n".join(rows)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--queries":
        queries_main(sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=100, choices=range(1, 201), metavar="1..200")
    parser.add_argument("--duration", type=int, default=10, choices=range(1, 301), metavar="1..300")
    parser.add_argument("--connections", type=int, default=16, choices=range(1, 257), metavar="1..256")
    parser.add_argument("--reuse-db", action="store_true", help=f"keep {web.DB_NAME} when it exists")
    args = parser.parse_args()
    if not Path(web.WRK).exists():
        parser.error("wrk is not installed (apt-get install wrk)")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = datetime.datetime.now(datetime.UTC)
    var_dir = Path(tempfile.mkdtemp(prefix="azamat-bench-acc-"))
    env = web.server_env(var_dir)
    azamat = str(BIN_DIR / "azamat")
    report: dict = {"started": started.isoformat(timespec="seconds"), "settings": vars(args)}
    report["load_average_before"] = [round(x, 2) for x in os.getloadavg()]
    server = None
    try:
        if args.reuse_db and web.database_exists():
            log(f"reusing database {web.DB_NAME}")
            web.run([azamat, "migrate", "--noinput", "-v0"], env)
            seed = ["--if-empty"]
        else:
            web.recreate_database()
            web.run([azamat, "migrate", "--noinput", "-v0"], env)
            seed = []
        seed_s = web.run(
            [azamat, "seed", "--scale", str(args.scale), "--seed", "1", "--only", APPS, *seed],
            env,
            timeout=3 * 3600,
        )
        report["seed_s"] = round(seed_s, 1)
        web.run([azamat, "collectstatic", "--noinput", "-v0"], env)
        found = targets()
        counts = query_counts(sorted({t.paths[0] for t in found if "uncached" not in t.name}), env)
        report["queries"] = counts
        server = web.start_gunicorn(var_dir, env)
        results, probes = web.measure(found, args.duration, args.connections)
        report["results"], report["probes"] = results, probes
        report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
        markdown = table(found, results, probes, counts)
        print(markdown)
        report["table"] = markdown
    finally:
        if server is not None:
            web.stop(server)
    RESULTS_DIR.mkdir(exist_ok=True)
    out = RESULTS_DIR / f"accountability-{started:%Y-%m-%d-%H%M%S}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
