"""Web benchmark: the directory, the grants pages and the APIs against a trivial view.

Seeds PostgreSQL at national scale (organisations, people, and the grants module: about 10,000
applications, calls in every phase, finished calls with published results, projects), serves Azamat
with gunicorn on 127.0.0.1 and loads each target with wrk (bench/latency.lua). The figure is each
target's ratio to the trivial view /healthz, served by the same server in the same run: absolute
numbers depend on the machine. The open data CSV is timed once, as a single request, not under load.

    .venv/bin/python bench/web.py [--scale 100] [--duration 20] [--connections 16] [--reuse-db]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) and wrk. Writes
bench/results/web-<date>-<time>.json (git-ignored) and prints a table. See bench/README.md.
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime
import io
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
BIN_DIR = Path(sys.executable).parent
LUA_SCRIPT = BENCH_DIR / "latency.lua"
RESULTS_DIR = BENCH_DIR / "results"

HOST = "127.0.0.1"  # never anything else: the benchmark loads only a server it started itself
PORT = 8765
PG_URL = "postgres://postgres@127.0.0.1:5432"
DB_NAME = "azamat_bench"
WRK = shutil.which("wrk") or "/usr/bin/wrk"

GUNICORN_WORKERS = 4
GUNICORN_THREADS = 1  # >1: gunicorn's gthread workers (requests that mostly wait on the database)
WRK_THREADS = 2
WARMUP_SECONDS = 3
# A request slower than this counts as an error and is left out of the latencies. With 16 clients kept
# in flight, a page that takes a few seconds of CPU waits 16 ÷ req/s in the queue, which passes 30 s.
WRK_TIMEOUT = 60
SEED_TIMEOUT = 3 * 3600
STEP_TIMEOUT = 600
PROBE_TIMEOUT = 120  # a single request by itself
DRAIN_TIMEOUT = 120
MAX_DURATION = 120  # the longest a slow target's load may be stretched to (see load_seconds)
OPEN_DATA_PATH = "/grants/open-data/grants.csv"

# Searches people type: Kazakh and Russian words from the names, a city, a legal form, a BIN prefix;
# some narrowed to a region (750000000 Almaty, 710000000 Astana).
DIRECTORY_QUERIES = [
    {"q": "болашақ"},
    {"q": "надежда", "region": "750000000"},
    {"q": "алматы"},
    {"q": "фонд", "region": "710000000"},
    {"q": "1506"},
    {"q": "мейірім"},
]


@dataclass
class Target:
    name: str
    label: str
    paths: list[str]
    headers: dict[str, str] = field(default_factory=dict)


def _path(base: str, params: dict[str, str] | None = None) -> str:
    return base + ("?" + urllib.parse.urlencode(params) if params else "")


JSON = {"Accept": "application/json"}
TARGETS = [
    Target("baseline", "Trivial view /healthz (baseline)", ["/healthz"]),
    Target(
        "directory_search",
        "Directory search, 6 queries rotating",
        [_path("/organisations/", q) for q in DIRECTORY_QUERIES],
    ),
    Target("directory_page50", "Directory, no query, page 50", [_path("/organisations/", {"page": "50"})]),
    Target(
        "api_region_page3",
        "API list, region filter, page 3",
        [_path("/api/v1/organisations/", {"region": "750000000", "page": "3"})],
        JSON,
    ),
    Target("api_search", "API search q=надежда", [_path("/api/v1/organisations/", {"q": "надежда"})], JSON),
]


def grants_targets(result_codes: list[str]) -> list[Target]:
    """The grants module's public pages and APIs; the results pages rotate over the finished calls
    (codes read from the seeded database, since they carry the year)."""
    return [
        Target(
            "grants_results",
            f"Call results page, {len(result_codes)} finished calls rotating",
            [f"/grants/calls/{code}/results/" for code in result_codes],
        ),
        Target("grants_calls", "Public call list /grants/", ["/grants/"]),
        Target("grants_dashboard", "Grants dashboard /grants/dashboard/", ["/grants/dashboard/"]),
        Target("api_calls", "API calls /api/v1/calls/", ["/api/v1/calls/"], JSON),
        Target(
            "api_awarded",
            "API awarded grants, page 2",
            [_path("/api/v1/awarded-grants/", {"page": "2"})],
            JSON,
        ),
    ]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(cmd: list[str], env: dict[str, str], timeout: float = STEP_TIMEOUT) -> float:
    """Run a step, fail loudly; returns its wall time in seconds."""
    log(" ".join(cmd))
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=PROJECT_DIR, check=True, timeout=timeout)
    return time.perf_counter() - start


def run_seed(cmd: list[str], env: dict[str, str]) -> tuple[float, dict[str, float]]:
    """Run `azamat seed`, echoing its output; returns the wall time and the time of each seeder step
    per app (the seed prints "· <app>: <step>" as each step starts; a step lasts until the next one)."""
    log(" ".join(cmd))
    steps: collections.Counter[str] = collections.Counter()
    start = time.perf_counter()
    current, since = None, start
    with subprocess.Popen(
        cmd,
        env={**env, "PYTHONUNBUFFERED": "1"},  # each line as it is printed, for the step times
        cwd=PROJECT_DIR,
        stdout=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
    ) as seed:
        try:
            for line in seed.stdout:
                print("    " + line.rstrip(), flush=True)
                if line.startswith("· ") and ":" in line:
                    now = time.perf_counter()
                    if current:
                        steps[current] += now - since
                    current, since = line[2:].split(":", 1)[0].strip(), now
                if time.perf_counter() - start > SEED_TIMEOUT:
                    raise subprocess.TimeoutExpired(cmd, SEED_TIMEOUT)
            seed.wait(timeout=60)
        except BaseException:
            seed.kill()
            raise
    if current:
        steps[current] += time.perf_counter() - since
    if seed.returncode:
        raise subprocess.CalledProcessError(seed.returncode, cmd)
    return time.perf_counter() - start, {name: round(s, 1) for name, s in steps.items()}


# Database -------------------------------------------------------------------------------------------


def database_exists() -> bool:
    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone() is not None


def recreate_database() -> None:
    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f"CREATE DATABASE \"{DB_NAME}\" ENCODING 'UTF8' TEMPLATE template0")


def database_facts() -> dict:
    with psycopg.connect(f"{PG_URL}/{DB_NAME}", autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")  # fresh statistics, as autovacuum would have them in production
        facts = {"server_version": conn.execute("SHOW server_version").fetchone()[0]}
        for table in [
            "registry_organisation",
            "accounts_user",
            "registry_membership",
            "registry_organisation_areas",
            "grants_call",
            "grants_application",
            "grants_budgetline",
            "grants_expert",
            "grants_assignment",
            "grants_score",
            "grants_agendaitem",
            "grants_project",
            "grants_payment",
            "grants_report",
        ]:
            exists = conn.execute("SELECT to_regclass(%s)", [table]).fetchone()[0]
            if exists:
                facts[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
        facts["size"] = conn.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database()))"
        ).fetchone()[0]
    return facts


def result_call_codes() -> list[str]:
    """Codes of the published calls whose results are published, for the results pages."""
    with psycopg.connect(f"{PG_URL}/{DB_NAME}", autocommit=True) as conn:
        rows = conn.execute(
            "SELECT code FROM grants_call WHERE published AND results_published ORDER BY code"
        ).fetchall()
    return [code for (code,) in rows]


# Server ---------------------------------------------------------------------------------------------


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex((HOST, port)) != 0


def fetch(path: str, headers: dict[str, str] | None = None, timeout: float = 30) -> tuple[int, bytes, float]:
    request = urllib.request.Request(f"http://{HOST}:{PORT}{path}", headers=headers or {})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    return status, body, (time.perf_counter() - start) * 1000


def wait_healthy(server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {server.returncode}")
        try:
            if fetch("/healthz", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz in time")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    log(f"stopping gunicorn (pid {server.pid})")
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def drain(load: dict) -> None:
    """Let the server finish what wrk left in flight before the next measurement. When wrk stops, up to
    --connections requests are still queued or running in gunicorn (a sync worker finishes a request
    even when its client has gone). A /healthz answer means the queue ahead of it has been taken up;
    the requests still running end within about one service time, workers ÷ req/s."""
    fetch("/healthz", timeout=DRAIN_TIMEOUT)
    if load["rps"] > 0:
        time.sleep(min(DRAIN_TIMEOUT, 1.5 * GUNICORN_WORKERS / load["rps"]))


def probe(target: Target) -> list[dict]:
    """One sequential look at each path, after the warm-up: status, size, result count (API) and
    latency without concurrent load (median of 3). Fails when a path does not answer 200."""
    found = []
    for path in target.paths:
        times, status, body = [], 0, b""
        for _ in range(3):
            status, body, ms = fetch(path, target.headers, timeout=PROBE_TIMEOUT)
            times.append(ms)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}, not 200: {body[:300]!r}")
        info = {
            "path": urllib.parse.unquote(path),
            "status": status,
            "bytes": len(body),
            "unloaded_ms": round(statistics.median(times), 1),
        }
        if target.headers.get("Accept") == "application/json":
            info["count"] = json.loads(body).get("count")
        found.append(info)
    return found


def timed_download(path: str) -> dict:
    """One request by itself (not under load): the open data file is built from every awarded grant."""
    status, body, ms = fetch(path, timeout=PROBE_TIMEOUT)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}, not 200: {body[:300]!r}")
    rows = sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8-sig", errors="replace")))) - 1
    return {"path": path, "status": status, "bytes": len(body), "rows": max(rows, 0), "ms": round(ms, 1)}


# Load -----------------------------------------------------------------------------------------------


def load_seconds(probes: list[dict], duration: int, connections: int) -> int:
    """How long to load a target. wrk keeps `connections` requests in flight, so once the queue has
    filled a request waits about connections × its own time ÷ CPUs. Only the requests that finish
    count, and in a run not much longer than that wait they are mostly the first ones, which did not
    queue: the percentiles would come out too low. So a slow target gets five times that wait, up to
    MAX_DURATION seconds."""
    slowest = max(p["unloaded_ms"] for p in probes) / 1000
    queued = connections * slowest / (os.cpu_count() or 1)
    return int(min(MAX_DURATION, max(duration, 5 * queued)))


def wrk(target: Target, duration: int, connections: int) -> dict:
    cmd = [
        WRK,
        f"-t{WRK_THREADS}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        f"{WRK_TIMEOUT}s",
        "-s",
        str(LUA_SCRIPT),
    ]
    for name, value in target.headers.items():
        cmd += ["-H", f"{name}: {value}"]
    cmd += [f"http://{HOST}:{PORT}", "--", *target.paths]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=duration + 60).stdout
    for line in out.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise RuntimeError(f"wrk printed no BENCH_JSON line:\n{out}")


# Report ---------------------------------------------------------------------------------------------


def table(targets: list[Target], results: dict) -> str:
    base = results["baseline"]
    rows = [
        "| Target | requests | req/s | p50 ms | p95 ms | p99 ms | errors | req/s ÷ baseline | p95 × baseline |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for target in targets:
        r = results[target.name]
        lat = r["latency_ms"]
        if not r["requests"]:
            rows.append(f"| {target.label} | 0 | — | — | — | — | {r['errors']['total']} | — | — |")
            continue
        rps_ratio = r["rps"] / base["rps"] if base["rps"] else 0
        p95_ratio = lat["p95"] / base["latency_ms"]["p95"] if base["latency_ms"]["p95"] else 0
        rows.append(
            f"| {target.label} | {r['requests']} | {r['rps']:.1f} | {lat['p50']:.1f} | {lat['p95']:.1f} | {lat['p99']:.1f} "
            f"| {r['errors']['total']} | {rps_ratio:.3f} | {p95_ratio:.1f} |"
        )
    return "\n".join(rows)


def start_gunicorn(var_dir: Path, env: dict[str, str]) -> subprocess.Popen:
    """gunicorn with the benches' workers on HOST:PORT, logging to var_dir; returns once /healthz answers."""
    log(f"starting gunicorn on {HOST}:{PORT}")
    server = subprocess.Popen(  # noqa: S603
        [
            str(BIN_DIR / "gunicorn"),
            "azamat.wsgi",
            "-b",
            f"{HOST}:{PORT}",
            "-w",
            str(GUNICORN_WORKERS),
            "--threads",
            str(GUNICORN_THREADS),
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
    wait_healthy(server)
    return server


def measure(targets: list[Target], duration: int, connections: int) -> tuple[dict, dict]:
    """Each target warmed up, probed, then loaded with wrk for long enough: (results, probes) by target name."""
    results, probes = {}, {}
    for target in targets:
        drain(wrk(target, WARMUP_SECONDS, connections))
        probes[target.name] = probe(target)
        seconds = load_seconds(probes[target.name], duration, connections)
        log(f"measuring {target.name} ({seconds}s)")
        results[target.name] = wrk(target, seconds, connections)
        drain(results[target.name])
    return results, probes


def server_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment the benchmarked server runs in: production settings, throttling lifted so it does not
    distort the figures, the per-process cache (no Redis), its own var directory."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "azamat.settings",
        "DATABASE_URL": f"{PG_URL}/{DB_NAME}",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "AZAMAT_VAR_DIR": str(var_dir),
        "API_ANON_RATE": "1000000/min",
        "API_USER_RATE": "1000000/min",
        "EMAIL_URL": "locmem://",
        "LOG_LEVEL": "ERROR",
        **extra,
    }
    env.pop("REDIS_URL", None)
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=100, choices=range(1, 201), metavar="1..200")
    parser.add_argument(
        "--duration",
        type=int,
        default=20,
        choices=range(1, 301),
        metavar="1..300",
        help="seconds of load per target, at least (default 20; a slow target gets more)",
    )
    parser.add_argument(
        "--connections",
        type=int,
        default=16,
        choices=range(1, 257),
        metavar="1..256",
        help="concurrent clients (default 16)",
    )
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help=f"keep {DB_NAME} when it exists (migrate; seed only when empty)",
    )
    args = parser.parse_args()

    if not Path(WRK).exists():
        parser.error("wrk is not installed (apt-get install wrk)")
    if not port_is_free(PORT):
        parser.error(f"{HOST}:{PORT} is already in use; stop what listens there first")

    # SIGTERM unwinds like Ctrl-C, so the finally below still stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = datetime.datetime.now(datetime.UTC)
    var_dir = Path(tempfile.mkdtemp(prefix="azamat-bench-"))
    env = server_env(var_dir)
    azamat = str(BIN_DIR / "azamat")
    report: dict = {
        "started": started.isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "settings": {
            "scale": args.scale,
            "duration_s": args.duration,  # at least; a slow target gets longer, see load_seconds
            "max_duration_s": MAX_DURATION,
            "wrk_timeout_s": WRK_TIMEOUT,
            "connections": args.connections,
            "wrk_threads": WRK_THREADS,
            "gunicorn_workers": GUNICORN_WORKERS,
            "reuse_db": args.reuse_db,
        },
    }
    report["load_average_before"] = [round(x, 2) for x in os.getloadavg()]
    if report["load_average_before"][0] > (os.cpu_count() or 1) / 2:
        log(f"warning: load average {report['load_average_before']} already; the figures will be noisy")
    server = None
    try:
        timings = {}
        if args.reuse_db and database_exists():
            log(f"reusing database {DB_NAME}")
            timings["migrate_s"] = run([azamat, "migrate", "--noinput", "-v0"], env)
            timings["seed_s"] = run(
                [azamat, "seed", "--scale", str(args.scale), "--seed", "1", "--if-empty"],
                env,
                timeout=SEED_TIMEOUT,
            )
            timings["seed_reused"] = True
        else:
            log(f"creating database {DB_NAME}")
            recreate_database()
            timings["migrate_s"] = run([azamat, "migrate", "--noinput", "-v0"], env)
            timings["seed_s"], timings["seed_steps_s"] = run_seed(
                [azamat, "seed", "--scale", str(args.scale), "--seed", "1"], env
            )
            timings["seed_reused"] = False
        timings["collectstatic_s"] = run([azamat, "collectstatic", "--noinput", "-v0"], env)
        report["timings"] = {k: round(v, 1) if isinstance(v, float) else v for k, v in timings.items()}
        report["database"] = database_facts()
        log(f"database: {report['database']}")
        codes = result_call_codes()
        if not codes:
            raise RuntimeError("no call with published results in the database; is the grants seed there?")
        targets = TARGETS + grants_targets(codes)
        report["result_call_codes"] = codes

        # Includes the seed's and VACUUM's own load when the database was just made.
        report["load_average_at_server_start"] = [round(x, 2) for x in os.getloadavg()]
        server_log = var_dir / "gunicorn.log"
        log(f"starting gunicorn on {HOST}:{PORT}, {GUNICORN_WORKERS} workers (log {server_log})")
        server = subprocess.Popen(
            [
                str(BIN_DIR / "gunicorn"),
                "azamat.wsgi",
                "-b",
                f"{HOST}:{PORT}",
                "-w",
                str(GUNICORN_WORKERS),
                "--threads",
                "1",
                "--timeout",
                "120",
                "--error-logfile",
                str(server_log),
                "--no-control-socket",  # its default path is shared with any other gunicorn on the machine
            ],
            env=env,
            cwd=PROJECT_DIR,
            stdin=subprocess.DEVNULL,
        )
        wait_healthy(server)

        report["probes"], results = {}, {}
        for target in targets:
            log(f"warming up {target.name} ({WARMUP_SECONDS}s)")
            drain(wrk(target, WARMUP_SECONDS, args.connections))
            report["probes"][target.name] = probe(target)
            seconds = load_seconds(report["probes"][target.name], args.duration, args.connections)
            log(f"measuring {target.name} ({seconds}s, {args.connections} connections)")
            results[target.name] = wrk(target, seconds, args.connections)
            r = results[target.name]
            drain(r)
            log(
                f"  {r['rps']:.1f} req/s, p50 {r['latency_ms']['p50']:.1f} ms, "
                f"p95 {r['latency_ms']['p95']:.1f} ms, errors {r['errors']['total']}"
            )
            if server.poll() is not None:
                raise RuntimeError("gunicorn died during the run")
        log(f"one request for {OPEN_DATA_PATH}, not under load")
        report["open_data_csv"] = timed_download(OPEN_DATA_PATH)
        report["results"] = results
        report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    except BaseException:
        server_log = var_dir / "gunicorn.log"
        if server_log.exists() and server_log.stat().st_size:
            log("gunicorn's log ends with:\n" + "\n".join(server_log.read_text().splitlines()[-30:]))
        raise
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(var_dir, ignore_errors=True)

    finished = datetime.datetime.now(datetime.UTC)
    report["finished"] = finished.isoformat(timespec="seconds")
    base = results["baseline"]
    report["ratios"] = {
        name: {
            "rps_vs_baseline": round(r["rps"] / base["rps"], 4),
            "p95_vs_baseline": round(r["latency_ms"]["p95"] / base["latency_ms"]["p95"], 2),
        }
        for name, r in results.items()
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    out = RESULTS_DIR / f"web-{started:%Y-%m-%d-%H%M%S}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")

    print()
    print(
        f"Azamat web benchmark, {started:%Y-%m-%d}, scale {args.scale}, {os.cpu_count()} CPUs, "
        f"{args.connections} connections, {args.duration}s per target at least (slow ones up to {MAX_DURATION}s)"
    )
    t = report["timings"]
    print(
        f"seed {t['seed_s']:.0f}s{' (reused database)' if t['seed_reused'] else ''}, "
        f"migrate {t['migrate_s']:.0f}s; organisations: {report['database'].get('registry_organisation')}, "
        f"grant applications: {report['database'].get('grants_application')}"
    )
    if t.get("seed_steps_s"):
        print("seed steps (s): " + ", ".join(f"{name} {s:.0f}" for name, s in t["seed_steps_s"].items()))
    print(
        f"load average (1, 5, 15 min) before {report['load_average_before']}, "
        f"at server start {report['load_average_at_server_start']}, "
        f"after {report['load_average_after']} (the last two include this benchmark's own load)"
    )
    print()
    print(table(targets, results))
    print()
    print("Single requests one at a time, after the warm-up (median of 3):")
    for name, probes in report["probes"].items():
        for p in probes:
            count = f", count {p['count']}" if p.get("count") is not None else ""
            print(f"  {name:18} {p['unloaded_ms']:8.1f} ms  {p['path']}{count}")
    od = report["open_data_csv"]
    print(
        f"  {'open_data_csv':18} {od['ms']:8.1f} ms  {od['path']}, {od['rows']} rows, {od['bytes']} bytes (once)"
    )
    print(f"\nwritten {out.relative_to(PROJECT_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
