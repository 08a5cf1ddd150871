"""Annual reports benchmark (issue 9): the public sector statistics at national scale, 23,000 organisations with
three years of annual reports, against a hand-written SQL aggregate of the same numbers, and under load.

Two figures:
1. In one process on the same database: the statistics page rendered in full (Django's test client, a query
   parameter the public cache does not keep, so every request computes its figures), the same page served from
   the public cache, and the same numbers computed by hand-written SQL through psycopg (the same GROUP BYs: the
   organisations by region and by area, the filed reports by region and by area with those on time, the income
   by group, the beneficiaries by category, and the regions, areas and years the page lists). The median of
   `--runs` runs each; the figure is the page's median ÷ the SQL's median. The script checks that both give the
   same totals.
2. Served by gunicorn (4 workers): requests per second and p95 at `--connections` (16) concurrent clients with
   wrk (bench/latency.lua) for the page cached and uncached, beside /healthz in the same run.

    .venv/bin/python bench/annual_reports.py [--scale 100] [--runs 30] [--duration 10] [--connections 16] [--reuse-db]

Seeds only what the page needs (`azamat seed --only registry,accounts`: the organisations, their people, the demo
logins and the annual reports) on its own database (azamat_bench_reports) and port (8768). Writes
bench/results/annual-reports-<date>-<time>.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import web  # bench/web.py, on sys.path as this script's directory
from web import BIN_DIR, PG_URL, PROJECT_DIR, RESULTS_DIR, Target, log

web.DB_NAME = "azamat_bench_reports"
web.PORT = 8768
APPS = "registry,accounts"
PAGE = "/organisations/statistics/"

# The hand-written aggregate: what report_stats.statistics() asks the database, written as one would by hand.
# Parameters: the year's last day, the due date, the year.
SQL = {
    "regions": "SELECT id, kato, name_kk, name_ru, name_en FROM registry_region",
    "areas": "SELECT id, code, name_kk, name_ru, name_en FROM registry_activityarea ORDER BY position, id",
    "years": "SELECT DISTINCT year FROM registry_annualreport WHERE status = 'filed'",
    "registered_by_region": (
        "SELECT region_id, count(*) FROM registry_organisation WHERE registered_on <= %(last_day)s GROUP BY region_id"
    ),
    "filed_by_region": (
        "SELECT o.region_id, count(*), count(*) FILTER (WHERE r.first_filed_on <= %(due)s), "
        "count(*) FILTER (WHERE r.version > 1) "
        "FROM registry_annualreport r JOIN registry_organisation o ON o.id = r.organisation_id "
        "WHERE r.year = %(year)s AND r.status = 'filed' GROUP BY o.region_id"
    ),
    "registered_by_area": (
        "SELECT oa.activityarea_id, count(*) FROM registry_organisation_areas oa "
        "JOIN registry_organisation o ON o.id = oa.organisation_id WHERE o.registered_on <= %(last_day)s "
        "GROUP BY oa.activityarea_id"
    ),
    "filed_by_area": (
        "SELECT oa.activityarea_id, count(*), count(*) FILTER (WHERE r.first_filed_on <= %(due)s) "
        "FROM registry_annualreport r JOIN registry_organisation_areas oa ON oa.organisation_id = r.organisation_id "
        "WHERE r.year = %(year)s AND r.status = 'filed' GROUP BY oa.activityarea_id"
    ),
    "income": (
        "SELECT CASE WHEN i.source IN ('state_grant', 'state_order') THEN 'state' "
        "WHEN i.source = 'foreign' THEN 'foreign' ELSE 'private' END AS grp, "
        "sum(i.amount), count(DISTINCT r.organisation_id) "
        "FROM registry_reportincome i JOIN registry_annualreport r ON r.id = i.report_id "
        "WHERE r.year = %(year)s AND r.status = 'filed' GROUP BY grp"
    ),
    "beneficiaries": (
        "SELECT b.category, sum(b.number), count(*) "
        "FROM registry_reportbeneficiary b JOIN registry_annualreport r ON r.id = b.report_id "
        "WHERE r.year = %(year)s AND r.status = 'filed' GROUP BY b.category"
    ),
}


def hand_sql(conn, year: int) -> dict:
    """Every aggregate of the page for `year`; returns the totals to compare with the page's."""
    params = {
        "year": year,
        "last_day": datetime.date(year, 12, 31),
        "due": datetime.date(year + 1, 3, 31),
    }
    rows = {name: conn.execute(sql, params).fetchall() for name, sql in SQL.items()}
    return {
        "registered": sum(n for _region, n in rows["registered_by_region"]),
        "filed": sum(r[1] for r in rows["filed_by_region"]),
        "on_time": sum(r[2] for r in rows["filed_by_region"]),
        "corrected": sum(r[3] for r in rows["filed_by_region"]),
        "income_total": str(sum(r[1] for r in rows["income"])),
        "beneficiaries": sum(r[1] for r in rows["beneficiaries"]),
    }


def in_process_main(runs: int) -> None:
    """Child mode: the page uncached and cached through the test client, the hand-written SQL through psycopg."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from azamat.registry import report_stats

    year = report_stats.default_year()
    client = Client(HTTP_HOST="127.0.0.1")

    def median_ms(call, n: int) -> float:
        times = []
        for i in range(n):
            start = time.perf_counter()
            call(i)
            times.append((time.perf_counter() - start) * 1000)
        return round(statistics.median(times), 2)

    def page(i: int, cached: bool = False) -> None:
        response = client.get(PAGE if cached else f"{PAGE}?uncached={i}")
        assert response.status_code == 200, response.status_code

    page(0)  # warm: templates compiled, translations loaded
    spent: list[float] = []

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent.append(time.perf_counter() - start)

    with connection.execute_wrapper(timed):
        page(-1)
    queries, page_sql_ms = len(spent), round(sum(spent) * 1000, 2)
    uncached = median_ms(page, runs)
    page(0, cached=True)
    cached = median_ms(lambda i: page(i, cached=True), runs * 5)

    stats = report_stats.statistics(year)
    mine = {
        "registered": stats.registered,
        "filed": stats.filed,
        "on_time": stats.on_time,
        "corrected": stats.corrected,
        "income_total": str(stats.income_total),
        "beneficiaries": sum(int(b.total) for b in stats.beneficiaries),
    }
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        hand = hand_sql(conn, year)
        sql = median_ms(lambda i: hand_sql(conn, year), runs)
    out = {
        "year": year,
        "page_uncached_ms": uncached,
        "page_cached_ms": cached,
        "hand_sql_ms": sql,
        "ratio_uncached_to_sql": round(uncached / sql, 2),
        "ratio_cached_to_sql": round(cached / sql, 3),
        "page_queries": queries,
        "page_sql_ms": page_sql_ms,
        "same_numbers": mine == hand,
        "page_totals": mine,
        "sql_totals": hand,
    }
    print("IP_JSON " + json.dumps(out, ensure_ascii=False))


def in_process(env: dict[str, str], runs: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--in-process", str(runs)],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if out.returncode:
        raise RuntimeError(f"the in-process measurement failed:\n{out.stderr[-3000:]}")
    for line in out.stdout.splitlines():
        if line.startswith("IP_JSON "):
            return json.loads(line.removeprefix("IP_JSON "))
    raise RuntimeError(f"no IP_JSON line:\n{out.stdout}")


def seed(cmd: list[str], env: dict[str, str]) -> tuple[float, dict[str, float]]:
    """`azamat seed`, echoed; its wall time and each step's (keyed by the step's line, "· app: what it does")."""
    log(" ".join(cmd))
    steps: collections.Counter[str] = collections.Counter()
    start = time.perf_counter()
    current, since = None, start
    with subprocess.Popen(
        cmd, env={**env, "PYTHONUNBUFFERED": "1"}, cwd=PROJECT_DIR, stdout=subprocess.PIPE, text=True
    ) as proc:
        for line in proc.stdout:
            print("    " + line.rstrip(), flush=True)
            if line.startswith("· "):
                now = time.perf_counter()
                if current:
                    steps[current] += now - since
                current, since = line[2:].strip()[:70], now
        proc.wait()
    if current:
        steps[current] += time.perf_counter() - since
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return time.perf_counter() - start, {name: round(s, 1) for name, s in steps.items()}


def row_counts() -> dict:
    with psycopg.connect(f"{PG_URL}/{web.DB_NAME}", autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")  # fresh statistics, as autovacuum would have them in production
        counts = {}
        for table in [
            "registry_organisation",
            "registry_annualreport",
            "registry_reportincome",
            "registry_reportexpense",
            "registry_reportbeneficiary",
            "registry_reportfounder",
            "registry_reportproject",
        ]:
            counts[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 — fixed names
        counts["filed_by_year"] = dict(
            conn.execute(
                "SELECT year, count(*) FROM registry_annualreport WHERE status = 'filed' GROUP BY year ORDER BY year"
            ).fetchall()
        )
    return counts


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--in-process":
        in_process_main(int(sys.argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=100, choices=range(1, 201), metavar="1..200")
    parser.add_argument("--runs", type=int, default=30, choices=range(3, 1001), metavar="3..1000")
    parser.add_argument("--duration", type=int, default=10, choices=range(1, 301), metavar="1..300")
    parser.add_argument("--connections", type=int, default=16, choices=range(1, 257), metavar="1..256")
    parser.add_argument("--reuse-db", action="store_true", help=f"keep {web.DB_NAME} when it exists")
    args = parser.parse_args()
    if not Path(web.WRK).exists():
        parser.error("wrk is not installed (apt-get install wrk)")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = datetime.datetime.now(datetime.UTC)
    var_dir = Path(tempfile.mkdtemp(prefix="azamat-bench-reports-"))
    env = web.server_env(var_dir)
    azamat = str(BIN_DIR / "azamat")
    report: dict = {"started": started.isoformat(timespec="seconds"), "settings": vars(args)}
    report["load_average_before"] = [round(x, 2) for x in os.getloadavg()]
    server = None
    try:
        if args.reuse_db and web.database_exists():
            log(f"reusing database {web.DB_NAME}")
            web.run([azamat, "migrate", "--noinput", "-v0"], env)
            extra = ["--if-empty"]
        else:
            web.recreate_database()
            web.run([azamat, "migrate", "--noinput", "-v0"], env)
            extra = []
        seed_s, steps = seed(
            [azamat, "seed", "--scale", str(args.scale), "--seed", "1", "--only", APPS, *extra], env
        )
        report["seed_s"], report["seed_steps_s"] = round(seed_s, 1), steps
        report["rows"] = row_counts()
        log(f"rows: {report['rows']}")
        web.run([azamat, "collectstatic", "--noinput", "-v0"], env)

        log(f"in-process: the page and the hand-written SQL, {args.runs} runs each")
        report["in_process"] = figures = in_process(env, args.runs)
        log(json.dumps(figures, ensure_ascii=False))

        found = [
            Target("baseline", "Trivial view /healthz (baseline)", ["/healthz"]),
            Target("statistics", "Sector statistics, cached", [PAGE]),
            Target(
                "statistics_uncached",
                "Sector statistics, uncached",
                [f"{PAGE}?uncached={n}" for n in range(8)],
            ),
        ]
        server = web.start_gunicorn(var_dir, env)
        results, probes = web.measure(found, args.duration, args.connections)
        report["results"], report["probes"] = results, probes
        report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
        base = results["baseline"]
        lines = [
            f"In process, median of {args.runs} runs (cached: {args.runs * 5}): page uncached "
            f"{figures['page_uncached_ms']} ms, cached {figures['page_cached_ms']} ms, hand-written SQL "
            f"{figures['hand_sql_ms']} ms; uncached ÷ SQL = {figures['ratio_uncached_to_sql']}; "
            f"same numbers: {figures['same_numbers']}; the page's {figures['page_queries']} queries took "
            f"{figures['page_sql_ms']} ms",
            "",
            "| Target | req/s | p95 ms | req/s ÷ baseline | p95 ÷ baseline | errors |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for target in found:
            r = results[target.name]
            lines.append(
                f"| {target.label} | {r['rps']:.0f} | {r['latency_ms']['p95']:.1f} | {r['rps'] / base['rps']:.3f} | "
                f"{r['latency_ms']['p95'] / base['latency_ms']['p95']:.1f} | {r['errors']['total']} |"
            )
        markdown = "\n".join(lines)
        print(markdown)
        report["table"] = markdown
    finally:
        if server is not None:
            web.stop(server)
    RESULTS_DIR.mkdir(exist_ok=True)
    out = RESULTS_DIR / f"annual-reports-{started:%Y-%m-%d-%H%M%S}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
