"""Public-page cache benchmark: each public page cached and uncached, against the trivial view, with its own SQL.

For every public page it measures, in one run on one server: the page as an anonymous visitor gets it from the
cache (warmed), the same page rendered in full on every request (a query parameter the page does not cache, as
a search or a first view after an invalidation is rendered), each as a ratio to /healthz under wrk, and the
uncached page's own SQL: the sum of its queries' times, measured in a Django process on the same database with
connection.execute_wrapper. The goals (issue 7): cached ≥ 0.5 of the trivial view; a page that cannot be cached
(a search, a first view) costs at most twice its own SQL (its single-request time ÷ its SQL time ≤ 2).

A first view is measured as it happens: the page's usual address, with every cached entry emptied before each
request (the page, its topics' versions, the dashboard's figures), so the page is rendered, its figures computed
and the result stored. The "uncached" address (`?uncached=<n>`) renders the page with the figures kept, as a
signed-in visitor gets it. Beside each ratio, "least ÷ SQL": the trivial view's time plus, per query, what the
smallest query costs through the ORM beyond its SQL (measured in the same process), plus the page's SQL, over its
SQL: what the page would cost in Django if it wrote no markup and built no objects. Where it is above 2, the goal
cannot be met with Django's ORM on that page, whatever its template does.
`--in-process` also gives "with the frame ÷ SQL": the same with a page of base.html alone (the frame every page is
drawn in) instead of the trivial view; above 2, no page written with Django's templates and ORM meets the goal.

    .venv/bin/python bench/public_cache.py [--scale 100] [--duration 10] [--connections 16] [--reuse-db] [--db NAME]
    .venv/bin/python bench/public_cache.py --in-process [--db NAME] [--runs 7] [--profile DIR]

`--in-process` measures only the second goal, on a database seeded by an earlier run: each uncached page's
in-process time (wall and CPU) against its own SQL, one request at a time, with no server and no wrk; `--profile`
keeps a cProfile of one request of each page (DIR/<n>.prof, in the order of the table, /healthz first).

Reuses bench/web.py's seeding, server and wrk helpers, on its own database (azamat_bench_cache) and port (8766),
so it can run beside web.py. Writes bench/results/public-cache-<date>-<time>.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import psycopg
import web  # bench/web.py, on sys.path as this script's directory
from web import BIN_DIR, PG_URL, PROJECT_DIR, RESULTS_DIR, WARMUP_SECONDS, Target, log

web.DB_NAME = "azamat_bench_cache"
web.PORT = 8766
SQL_RUNS = 5  # in-process requests per page for its SQL time (the median is kept), after one warm-up
FIRST = "first:"  # a path so marked is requested with the cache emptied before each request: a first view


def first_view(paths: list[str]) -> list[str]:
    return [FIRST + p for p in paths]


def _q(path: str, params: dict[str, str]) -> str:
    return path + "?" + urllib.parse.urlencode(params)


def public_pages() -> list[tuple[str, str, list[str], list[str]]]:
    """(name, label, cached paths, uncached paths) for each public page, with codes and ids read from the
    seeded database. An uncached path is the same page with `uncached=<n>`, a parameter no page caches, or a
    search where the page has one. The first view of a page is its cached path with the cache emptied before
    the request (`first_view`)."""
    with psycopg.connect(f"{PG_URL}/{web.DB_NAME}", autocommit=True) as conn:
        bins = [
            r[0]
            for r in conn.execute(
                "SELECT bin FROM registry_organisation ORDER BY md5(bin) LIMIT 6"  # a fixed spread
            ).fetchall()
        ]
        calls = [
            r[0]
            for r in conn.execute("SELECT code FROM grants_call WHERE published ORDER BY code").fetchall()
        ]
        results = [
            r[0]
            for r in conn.execute(
                "SELECT code FROM grants_call WHERE published AND results_published ORDER BY code"
            ).fetchall()
        ]
        projects = [
            r[0]
            for r in conn.execute(
                "SELECT p.id FROM grants_project p JOIN grants_application a ON a.id = p.application_id "
                "JOIN grants_call c ON c.id = a.call_id WHERE c.results_published ORDER BY md5(p.id::text) LIMIT 6"
            ).fetchall()
        ]
        bodies = [
            r[0] for r in conn.execute("SELECT code FROM registry_governmentbody ORDER BY code LIMIT 3")
        ]

    def both(paths: list[str]) -> tuple[list[str], list[str]]:
        return paths, [_q(p, {"uncached": str(i)}) for i, p in enumerate(paths)]

    pages = [
        ("home", "Home page /", *both(["/"])),
        ("directory", "Directory /organisations/", *both(["/organisations/"])),
        (
            "directory_search",
            "Directory, search (cached: page 50)",
            ["/organisations/?page=50"],
            [_q("/organisations/", q) for q in web.DIRECTORY_QUERIES],
        ),
        (
            "profile",
            f"Organisation profile, {len(bins)} rotating",
            *both([f"/organisations/{b}/" for b in bins]),
        ),
        ("bodies", "Government bodies", *both(["/government-bodies/"])),
        (
            "body",
            f"A government body, {len(bodies)} rotating",
            *both([f"/government-bodies/{c}/" for c in bodies]),
        ),
        ("calls", "Calls /grants/", *both(["/grants/"])),
        ("call", f"A call's page, {len(calls)} rotating", *both([f"/grants/calls/{c}/" for c in calls])),
        (
            "results",
            f"Results, {len(results)} calls rotating",
            *both([f"/grants/calls/{c}/results/" for c in results]),
        ),
        ("dashboard", "Grants dashboard", *both(["/grants/dashboard/"])),
        ("open_data", "Open data page", *both(["/grants/open-data/"])),
        (
            "project",
            f"A project's public page, {len(projects)} rotating",
            *both([f"/grants/projects/{p}/" for p in projects]),
        ),
    ]
    return pages


# Own SQL, in a Django process of its own --------------------------------------------------------------------


def timed(execute, sql, params, many, context, spent):
    """A database execute wrapper that adds the query's time to `spent`."""
    start = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        spent.append(time.perf_counter() - start)


def sql_times_main(paths: list[str], runs: int = SQL_RUNS, profile: str = "") -> None:
    """Child mode: request each path in-process with Django's test client and print, per path, the median of
    `runs` requests' wall time and the sum of their queries' times (ms) and their number, as JSON. With
    `profile`, one more request of each path runs under cProfile, the stats dumped to <profile>/<n>.prof."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    out = {}
    for n, path in enumerate(paths):
        # A first view: the page as an anonymous visitor asks for it, with every cached entry gone (the page,
        # its topics' versions, the dashboard's figures), as after an invalidation of all of them; the page is
        # rendered and stored. Otherwise the path is one no page caches.
        first, url = path.startswith(FIRST), path.removeprefix(FIRST)
        if first:
            cache.clear()
        client.get(url)  # warm-up: connections, templates, the dashboard's figures
        walls, cpus, sqls, counts = [], [], [], []
        for _ in range(runs):
            spent: list[float] = []
            if first:
                cache.clear()
            start, cpu = time.perf_counter(), time.process_time()
            with connection.execute_wrapper(lambda *a, spent=spent: timed(*a, spent)):
                response = client.get(url)
            walls.append((time.perf_counter() - start) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
            sqls.append(sum(spent) * 1000)
            counts.append(len(spent))
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")
            if first and not response.has_header("ETag"):
                raise RuntimeError(f"{url} was not stored by the public cache on its first view")
            if not first and response.has_header("ETag"):
                raise RuntimeError(f"{path} came from the public cache; it should be uncached here")
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            if first:
                cache.clear()
            profiler.runcall(client.get, url)
            profiler.dump_stats(Path(profile) / f"{n}.prof")
        out[path] = {
            "in_process_ms": round(statistics.median(walls), 1),
            # This process's CPU time: the rendering and the ORM's work, without the wait for PostgreSQL, and less
            # disturbed by other work on a shared machine than the wall time.
            "cpu_ms": round(statistics.median(cpus), 2),
            "sql_ms": round(statistics.median(sqls), 1),
            "queries": int(statistics.median(counts)),
        }
    out["orm_query"] = orm_query_cost()
    out["frame"] = frame_cost(client, runs)
    print("SQL_JSON " + json.dumps(out, ensure_ascii=False))


def frame_cost(client, runs: int) -> dict:
    """What the frame every page shares costs: a page of nothing but base.html (the header, the menu, the language
    form, the footer), rendered as an uncached page is, through the same middleware and test client; the median of
    `runs` requests, after one warm-up. Beside /healthz it is the least a page written with Django's templates
    can cost before its own content: a page whose SQL is shorter than the frame cannot cost less than twice it."""
    import types

    from django.shortcuts import render
    from django.test import override_settings
    from django.urls import path as url_path

    from azamat import urls

    def frame(request):
        return render(request, "base.html", {})

    conf = types.ModuleType("bench_frame_urls")
    conf.urlpatterns = [url_path("bench-frame/", frame), *urls.urlpatterns]
    walls, cpus = [], []
    with override_settings(ROOT_URLCONF=conf):
        client.get("/bench-frame/")
        for _ in range(max(runs, 5)):
            start, cpu = time.perf_counter(), time.process_time()
            response = client.get("/bench-frame/")
            walls.append((time.perf_counter() - start) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"the frame answered {response.status_code}")
    return {"in_process_ms": round(statistics.median(walls), 2), "cpu_ms": round(statistics.median(cpus), 2)}


def orm_query_cost(rounds: int = 5, n: int = 200) -> dict:
    """What one query costs through the ORM beyond its SQL: the smallest query a page makes (one row by its
    key, as a body's or a region's), `n` times, wall time against the sum of the SQL; the median of `rounds`.
    With /healthz this gives the least an uncached page of q queries can cost in Django: the floor plus q times
    this, plus its SQL, before any of its own markup."""
    from django.db import connection

    from azamat.registry.models import Region

    pk = Region.objects.values_list("pk", flat=True).first()
    overheads, sqls = [], []
    for _ in range(rounds):
        spent: list[float] = []
        start = time.perf_counter()
        with connection.execute_wrapper(lambda *a, spent=spent: timed(*a, spent)):
            for _ in range(n):
                list(Region.objects.filter(pk=pk))
        wall = time.perf_counter() - start
        overheads.append((wall - sum(spent)) * 1000 / n)
        sqls.append(sum(spent) * 1000 / n)
    return {
        "overhead_ms": round(statistics.median(overheads), 3),
        "sql_ms": round(statistics.median(sqls), 3),
    }


def sql_times(paths: list[str], env: dict[str, str], runs: int = SQL_RUNS, profile: str = "") -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--sql-times", str(runs), profile, *paths],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if out.returncode:
        raise RuntimeError(f"the in-process measurement failed:\n{out.stderr[-3000:]}")
    for line in out.stdout.splitlines():
        if line.startswith("SQL_JSON "):
            return json.loads(line.removeprefix("SQL_JSON "))
    raise RuntimeError(f"no SQL_JSON line:\n{out.stdout}")


# The run ------------------------------------------------------------------------------------------------------


def start_server(env: dict[str, str], var_dir: Path) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(BIN_DIR / "gunicorn"),
            "azamat.wsgi",
            "-b",
            f"{web.HOST}:{web.PORT}",
            "-w",
            str(web.GUNICORN_WORKERS),
            "--threads",
            "1",
            "--timeout",
            "120",
            "--error-logfile",
            str(var_dir / "gunicorn.log"),
            "--no-control-socket",
        ],
        env=env,
        cwd=PROJECT_DIR,
        stdin=subprocess.DEVNULL,
    )
    web.wait_healthy(server)
    return server


def measure(
    target: Target, duration: int, connections: int, server: subprocess.Popen
) -> tuple[list[dict], dict]:
    log(f"warming up {target.name} ({WARMUP_SECONDS}s)")
    web.drain(web.wrk(target, WARMUP_SECONDS, connections))
    probes = web.probe(target)
    seconds = web.load_seconds(probes, duration, connections)
    log(f"measuring {target.name} ({seconds}s)")
    result = web.wrk(target, seconds, connections)
    web.drain(result)
    log(
        f"  {result['rps']:.1f} req/s, p50 {result['latency_ms']['p50']:.1f} ms, errors {result['errors']['total']}"
    )
    if server.poll() is not None:
        raise RuntimeError("gunicorn died during the run")
    return probes, result


def in_process_main(args: argparse.Namespace) -> int:
    """Each uncached page's in-process time against its own SQL, one request at a time, with the trivial view
    as the floor."""
    if not web.database_exists():
        raise SystemExit(f"no database {web.DB_NAME}: run without --in-process first, or seed it")
    var_dir = Path(tempfile.mkdtemp(prefix="azamat-bench-cache-"))
    env = web.server_env(var_dir, PYTHONPATH=str(PROJECT_DIR))
    try:
        web.run([str(BIN_DIR / "azamat"), "collectstatic", "--noinput", "-v0"], env)
        pages = public_pages()
        if args.profile:
            Path(args.profile).mkdir(parents=True, exist_ok=True)
        paths = [p for _n, _l, cached, uncached in pages for p in [*first_view(cached), *uncached]]
        sql = sql_times(["/healthz", *paths], env, runs=args.runs, profile=args.profile)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    print(
        f"In-process, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, database {web.DB_NAME}, "
        f"median of {args.runs}, load average {[round(x, 2) for x in os.getloadavg()]}"
    )
    floor, orm = sql["/healthz"]["in_process_ms"], sql["orm_query"]["overhead_ms"]
    print(
        f"The floor: /healthz {floor:.2f} ms; one query through the ORM costs {orm:.3f} ms beyond its SQL "
        f"({sql['orm_query']['sql_ms']:.3f} ms). 'least' = the floor + queries × that + the page's SQL: the least "
        "the page could cost in Django before writing any markup, ÷ its SQL."
    )
    frame = sql["frame"]["in_process_ms"]
    print(
        f"The frame: a page of base.html alone {frame:.2f} ms ({sql['frame']['cpu_ms']:.2f} ms CPU). 'with the "
        "frame' = the frame + queries × the ORM's cost + the page's SQL, ÷ its SQL: above 2, no page written with "
        "Django's templates and ORM can meet the goal with that SQL, whatever its own code."
    )
    print(
        "| Page | first view ms (CPU ms) | its SQL ms (queries) | ÷ SQL | least ÷ SQL | with the frame ÷ SQL "
        "| uncached ms (CPU ms) | its SQL ms (queries) | ÷ SQL | least ÷ SQL | with the frame ÷ SQL |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, groups in [(lbl, (first_view(c), u)) for _n, lbl, c, u in pages] + [
        ("Trivial view /healthz (the floor: middleware and the test client)", ([], ["/healthz"]))
    ]:
        cells = []
        for paths_ in groups:
            if not paths_:
                cells.append("— | — | — | — | —")
                continue
            ms = statistics.median(sql[p]["in_process_ms"] for p in paths_)
            cpu = statistics.median(sql[p]["cpu_ms"] for p in paths_)
            q_ms = statistics.median(sql[p]["sql_ms"] for p in paths_)
            count = statistics.median(sql[p]["queries"] for p in paths_)
            ratio = f"{ms / q_ms:.1f}" if q_ms else "—"
            least = f"{(floor + count * orm + q_ms) / q_ms:.1f}" if q_ms else "—"
            framed = f"{(frame + count * orm + q_ms) / q_ms:.1f}" if q_ms else "—"
            cells.append(f"{ms:.1f} ({cpu:.1f}) | {q_ms:.1f} ({count:g}) | {ratio} | {least} | {framed}")
        print(f"| {label} | {' | '.join(cells)} |")
    RESULTS_DIR.mkdir(exist_ok=True)
    out = RESULTS_DIR / f"public-cache-in-process-{datetime.datetime.now(datetime.UTC):%Y-%m-%d-%H%M%S}.json"
    out.write_text(json.dumps({"database": web.DB_NAME, "runs": args.runs, "sql": sql}, indent=2) + "\n")
    print(f"\nwritten {out.relative_to(PROJECT_DIR)}")
    return 0


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--sql-times":
        sql_times_main(sys.argv[4:], runs=int(sys.argv[2]), profile=sys.argv[3])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=100, choices=range(1, 201), metavar="1..200")
    parser.add_argument("--duration", type=int, default=10, choices=range(1, 301), metavar="1..300")
    parser.add_argument("--connections", type=int, default=16, choices=range(1, 257), metavar="1..256")
    parser.add_argument("--reuse-db", action="store_true", help=f"keep {web.DB_NAME} when it exists")
    parser.add_argument("--db", default=web.DB_NAME, help=f"the database's name (default {web.DB_NAME})")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="only each uncached page's in-process time and own SQL, one request at a time, no server and no wrk "
        "(on an existing, seeded database), with /healthz as the floor",
    )
    parser.add_argument(
        "--runs", type=int, default=SQL_RUNS, help=f"requests per page in-process ({SQL_RUNS})"
    )
    parser.add_argument(
        "--profile", default="", help="with --in-process: a directory for a cProfile of each page"
    )
    args = parser.parse_args()
    web.DB_NAME = args.db
    if args.in_process:
        return in_process_main(args)
    if not Path(web.WRK).exists():
        parser.error("wrk is not installed (apt-get install wrk)")
    if not web.port_is_free(web.PORT):
        parser.error(f"{web.HOST}:{web.PORT} is already in use")

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = datetime.datetime.now(datetime.UTC)
    var_dir = Path(tempfile.mkdtemp(prefix="azamat-bench-cache-"))
    env = web.server_env(var_dir, PYTHONPATH=str(PROJECT_DIR))
    azamat = str(BIN_DIR / "azamat")
    report: dict = {
        "started": started.isoformat(timespec="seconds"),
        "settings": {
            "scale": args.scale,
            "duration_s": args.duration,
            "connections": args.connections,
            "gunicorn_workers": web.GUNICORN_WORKERS,
            "public_cache_seconds": int(env.get("PUBLIC_CACHE_SECONDS", "60")),
        },
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }
    server = None
    try:
        timings = {}
        if args.reuse_db and web.database_exists():
            log(f"reusing database {web.DB_NAME}")
            timings["migrate_s"] = web.run([azamat, "migrate", "--noinput", "-v0"], env)
            timings["seed_s"] = web.run(
                [azamat, "seed", "--scale", str(args.scale), "--seed", "1", "--if-empty"],
                env,
                timeout=web.SEED_TIMEOUT,
            )
        else:
            web.recreate_database()
            timings["migrate_s"] = web.run([azamat, "migrate", "--noinput", "-v0"], env)
            timings["seed_s"], timings["seed_steps_s"] = web.run_seed(
                [azamat, "seed", "--scale", str(args.scale), "--seed", "1"], env
            )
        timings["collectstatic_s"] = web.run([azamat, "collectstatic", "--noinput", "-v0"], env)
        report["timings"] = {k: round(v, 1) if isinstance(v, float) else v for k, v in timings.items()}
        report["database"] = web.database_facts()
        log(f"database: {report['database']}")
        pages = public_pages()
        report["pages"] = {name: {"cached": c, "uncached": u} for name, _label, c, u in pages}

        log("own SQL of each page's first view and uncached requests, in-process")
        report["sql"] = sql_times(
            [
                "/healthz",
                *(p for _n, _l, cached, uncached in pages for p in [*first_view(cached), *uncached]),
            ],
            env,
        )

        server = start_server(env, var_dir)
        report["probes"], results = {}, {}
        # The trivial view is measured again before each page: on a machine shared with other work the load
        # changes from minute to minute, and each page is compared with the baseline measured next to it.
        targets = [Target("baseline", "Trivial view /healthz (baseline)", ["/healthz"])]
        for name, label, cached, uncached in pages:
            targets.append(Target(f"{name}:baseline", "Trivial view /healthz", ["/healthz"]))
            targets.append(Target(f"{name}:cached", f"{label}, cached", cached))
            targets.append(Target(f"{name}:uncached", f"{label}, uncached", uncached))
        for target in targets:
            report["probes"][target.name], results[target.name] = measure(
                target, args.duration, args.connections, server
            )
        report["results"] = results
        report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    except BaseException:
        server_log = var_dir / "gunicorn.log"
        if server_log.exists() and server_log.stat().st_size:
            log("gunicorn's log ends with:\n" + "\n".join(server_log.read_text().splitlines()[-30:]))
        raise
    finally:
        if server is not None:
            web.stop(server)
        shutil.rmtree(var_dir, ignore_errors=True)

    base = statistics.median(r["rps"] for n, r in results.items() if n.endswith("baseline"))
    rows = [
        "| Page | cached req/s ÷ baseline | uncached req/s ÷ baseline | uncached ms, one request (in-process) "
        "| its SQL ms (queries) | uncached ÷ SQL (in-process) | first view ms, in-process (its SQL ms) | ÷ SQL "
        "| least ÷ SQL |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    summary = {}
    for name, label, cached, uncached in pages:
        c, u = results[f"{name}:cached"], results[f"{name}:uncached"]
        near = results[f"{name}:baseline"]["rps"]
        probes = report["probes"][f"{name}:uncached"]
        one = statistics.median(p["unloaded_ms"] for p in probes)
        sql = statistics.median(report["sql"][p]["sql_ms"] for p in uncached)
        queries = statistics.median(report["sql"][p]["queries"] for p in uncached)
        in_process = statistics.median(report["sql"][p]["in_process_ms"] for p in uncached)
        first_ms = statistics.median(report["sql"][p]["in_process_ms"] for p in first_view(cached))
        first_sql = statistics.median(report["sql"][p]["sql_ms"] for p in first_view(cached))
        first_queries = statistics.median(report["sql"][p]["queries"] for p in first_view(cached))
        # The least a page of that many queries can cost in Django: the floor, the ORM per query, its SQL.
        least = (
            report["sql"]["/healthz"]["in_process_ms"]
            + first_queries * report["sql"]["orm_query"]["overhead_ms"]
            + first_sql
        )
        summary[name] = {
            "baseline_rps": round(near, 1),
            "cached_ratio": round(c["rps"] / near, 3),
            "uncached_ratio": round(u["rps"] / near, 4),
            "uncached_ms": round(one, 1),
            "sql_ms": round(sql, 1),
            "queries": queries,
            "uncached_over_sql": round(one / sql, 2) if sql else None,
            "in_process_ms": round(in_process, 1),
            "in_process_over_sql": round(in_process / sql, 2) if sql else None,
            "first_view_ms": round(first_ms, 1),
            "first_view_sql_ms": round(first_sql, 1),
            "first_view_over_sql": round(first_ms / first_sql, 2) if first_sql else None,
            "first_view_least_over_sql": round(least / first_sql, 2) if first_sql else None,
        }
        s = summary[name]
        rows.append(
            f"| {label} | {s['cached_ratio']:.3f} | {s['uncached_ratio']:.4f} | {s['uncached_ms']:.1f} "
            f"({s['in_process_ms']:.1f}) | {s['sql_ms']:.1f} ({s['queries']:g}) | "
            f"{s['uncached_over_sql'] or '—'} ({s['in_process_over_sql'] or '—'}) | "
            f"{s['first_view_ms']:.1f} ({s['first_view_sql_ms']:.1f}) | {s['first_view_over_sql'] or '—'} | "
            f"{s['first_view_least_over_sql'] or '—'} |"
        )
    report["summary"] = summary
    report["finished"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    RESULTS_DIR.mkdir(exist_ok=True)
    out = RESULTS_DIR / f"public-cache-{started:%Y-%m-%d-%H%M%S}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print()
    print(
        f"Public-page cache benchmark, {started:%Y-%m-%d %H:%M} UTC, scale {args.scale}, {os.cpu_count()} CPUs, "
        f"{args.connections} connections; baseline /healthz {base:.0f} req/s (median; each page against the one "
        f"measured just before it); "
        f"load average before {report['load_average_before']}, after {report['load_average_after']}"
    )
    print("\n".join(rows))
    print(f"\nwritten {out.relative_to(PROJECT_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
