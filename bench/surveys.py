"""Surveys benchmark: the analysis, the export and the web form at 1,000,000 responses.

What it does:
1. Seeds its own PostgreSQL database (azamat_bench_surveys; `azamat seed --only registry,accounts,surveys`, scale
   125 by default: the population survey then has 1,000,000 responses, 1,175,000 in all) and VACUUM ANALYZEs it.
2. The analysis (a child process with the server's settings): on the population survey, a frequency table
   (`analysis.frequencies`, unweighted and weighted) and a crosstab (`analysis.crosstab`) against a hand-written SQL
   aggregate of the same numbers in the same process and database, each the median of --repeat runs after one
   warm-up. The figure is each one's ratio to its SQL; the numbers are asserted equal.
3. The full CSV export of the population survey through `export_services.write_export(job)`, in a fresh child
   process: wall time, rows, file size, and memory — the process's RSS before, sampled every 0.2 s while it runs
   (at 10%, 50% and 90% of the rows) and its peak (ru_maxrss). Flat memory: the peak stays near the start.
4. Serves Azamat with gunicorn (bench/web.py's start_gunicorn), measures /healthz with wrk (16 connections), then
   16 respondents in a closed loop answer a fresh open-link copy of the needs-assessment form (5 pages) through
   the real web form: GET the introduction (CSRF cookie), POST start, POST each page, until --duration ends.
   The figure is page POSTs a second as a ratio to /healthz's requests a second; every response the clients
   completed is checked in the database.

    .venv/bin/python bench/surveys.py [--scale 125] [--duration 30] [--repeat 5] [--reuse-db] [--parts analysis,export,web]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) and wrk. Writes bench/results/surveys-<date>.json
and prints the figures. See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import web  # bench/web.py, on sys.path as this script's directory
from web import BIN_DIR, HOST, PROJECT_DIR, RESULTS_DIR, Target, log

web.DB_NAME = "azamat_bench_surveys"
web.PORT = 8772
APPS = "registry,accounts,surveys"
FREQUENCY_QUESTION = "situation"
CROSSTAB = ("age_group", "trust_akimat")
WEIGHTED_QUESTION = "income_level"
REQUEST_TIMEOUT = 60.0
# One respondent's answers to the needs-assessment form (seed_data.NEEDS), page by page.
PAGES = [
    [
        ("region", "750000000"),
        ("sex", "f"),
        ("age_group", "30_44"),
        ("disability_group", "g2"),
        ("limitations", "mobility"),
    ],
    [
        ("barriers", "buildings"),
        ("barriers", "transport"),
        ("clinic_access", "2"),
        ("transport_access", "2"),
        ("social_taxi", "no"),
    ],
    [("ipr", "part"), ("missing_services", "rehab"), ("employment", "looking"), ("income", "120 000")],
    [
        ("op_health", "3"),
        ("op_benefits", "2"),
        ("op_education", "3"),
        ("op_work", "2"),
        ("op_akimat", "2"),
        ("priority", "Пандусы на остановках"),
    ],
    [("consent", "no")],
]


# Child mode: Django with the server's settings -----------------------------------------------------------------


def _django():
    import django

    django.setup()


def _median_time(func, repeat: int) -> tuple[float, object]:
    func()  # warm-up: plans cached, pages in the buffer cache, as on a server that is running
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def child_analysis(repeat: int) -> dict:
    _django()
    from django.db import connection

    from azamat.surveys import analysis
    from azamat.surveys.models import Survey

    survey = Survey.objects.get(purpose="population")
    table = "surveys_response"
    where = "survey_id = %s AND status = 'completed' AND review <> 'rejected'"

    def sql(query: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchall()

    out: dict = {"survey": survey.pk, "responses": survey.responses.count(), "repeat": repeat}

    # Frequencies.
    t_fn, freq = _median_time(lambda: analysis.frequencies(survey, FREQUENCY_QUESTION), repeat)
    hand = f"SELECT data->>%s, count(*) FROM {table} WHERE {where} GROUP BY 1"  # noqa: S608
    t_sql, rows = _median_time(lambda: sql(hand, [FREQUENCY_QUESTION, survey.pk]), repeat)
    ours = {row["value"]: row["count"] for row in freq["rows"] if row["count"]}
    theirs = {value: count for value, count in rows if value is not None}
    out["frequencies"] = {
        "question": FREQUENCY_QUESTION,
        "function_s": round(t_fn, 4),
        "sql_s": round(t_sql, 4),
        "ratio": round(t_fn / t_sql, 2),
        "equal": ours == theirs and freq["missing"] == sum(c for v, c in rows if v is None),
        "n": freq["n"],
    }

    # Weighted frequencies: Σweight per answer.
    t_fn, freq = _median_time(lambda: analysis.frequencies(survey, WEIGHTED_QUESTION, weighted=True), repeat)
    hand = f"SELECT data->>%s, sum(weight) FROM {table} WHERE {where} AND data ? %s GROUP BY 1"  # noqa: S608
    t_sql, rows = _median_time(lambda: sql(hand, [WEIGHTED_QUESTION, survey.pk, WEIGHTED_QUESTION]), repeat)
    ours = {row["value"]: row["count"] for row in freq["rows"] if row["count"]}
    theirs = {value: round(total, 2) for value, total in rows}
    out["frequencies_weighted"] = {
        "question": WEIGHTED_QUESTION,
        "function_s": round(t_fn, 4),
        "sql_s": round(t_sql, 4),
        "ratio": round(t_fn / t_sql, 2),
        "equal": set(ours) == set(theirs) and all(abs(ours[k] - theirs[k]) < 0.05 for k in ours),
    }

    # Crosstab.
    row, column = CROSSTAB
    t_fn, cross = _median_time(lambda: analysis.crosstab(survey, row, column), repeat)
    hand = (
        f"SELECT data->>%s, data->>%s, count(*) FROM {table} WHERE {where} "  # noqa: S608
        "AND data ? %s AND data ? %s GROUP BY 1, 2"
    )
    t_sql, rows = _median_time(lambda: sql(hand, [row, column, survey.pk, row, column]), repeat)
    ours = {
        (r["value"], c["value"]): cross["counts"][i][j]
        for i, r in enumerate(cross["rows"])
        for j, c in enumerate(cross["columns"])
        if cross["counts"][i][j]
    }
    theirs = {(r, c): n for r, c, n in rows}
    out["crosstab"] = {
        "row": row,
        "column": column,
        "function_s": round(t_fn, 4),
        "sql_s": round(t_sql, 4),
        "ratio": round(t_fn / t_sql, 2),
        "equal": ours == theirs,
        "total": cross["total"],
        "chi2": cross["chi2"],
    }
    return out


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def child_export() -> dict:
    _django()
    from azamat.surveys import export_services
    from azamat.surveys.models import ExportJob, Survey

    survey = Survey.objects.get(purpose="population")
    manager = survey.team.filter(role="manager").order_by("pk").first().user
    job = ExportJob.objects.create(
        survey=survey, requested_by=manager, format=ExportJob.Format.CSV, labels=True, language="ru"
    )
    samples: list[tuple[int, float]] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.2):
            done = ExportJob.objects.filter(pk=job.pk).values_list("rows_done", flat=True).first() or 0
            samples.append((done, _rss_mb()))

    rss_before = _rss_mb()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    job = export_services.write_export(job)
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def at(share: float) -> float | None:
        target = share * (job.rows_total or 1)
        found = [rss for done, rss in samples if done >= target]
        return round(found[0], 1) if found else None

    return {
        "rows": job.rows_done,
        "rows_total": job.rows_total,
        "status": job.status,
        "seconds": round(seconds, 1),
        "rows_per_s": round(job.rows_done / seconds) if seconds else None,
        "file_mb": round(job.file_size / 2**20, 1),
        "rss_mb": {"before": round(rss_before, 1), "at_10": at(0.1), "at_50": at(0.5), "at_90": at(0.9)},
        "peak_rss_mb": round(peak, 1),
        "peak_minus_start_mb": round(peak - rss_before, 1),
    }


def child_web_survey() -> dict:
    """A fresh open-link copy of the needs assessment for the respondents (no quotas, one response per device)."""
    _django()
    import copy

    from azamat.surveys import seed_data
    from azamat.surveys.models import Survey, SurveyVersion

    source = Survey.objects.get(purpose="needs")
    survey = Survey.objects.create(
        organisation=source.organisation,
        created_by=source.created_by,
        title="Нагрузочный тест: оценка потребностей",
        status=Survey.Status.OPEN,
        modes=[Survey.Mode.OPEN],
        region_question="region",
    )
    SurveyVersion.objects.create(
        survey=survey, number=1, definition=copy.deepcopy(seed_data.NEEDS), created_by=source.created_by
    )
    return {"survey": survey.pk}


def child_web_check(pk: int) -> dict:
    _django()
    from azamat.surveys.models import Response

    rows = Response.objects.filter(survey_id=pk)
    return {
        "completed": rows.filter(status="completed").count(),
        "in_progress": rows.filter(status="in_progress").count(),
        "answers_ok": rows.filter(status="completed", data__region="750000000", data__consent="no").count(),
    }


def run_child(env: dict[str, str], *args: str, timeout: float = 3600) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        env=env,
        cwd=PROJECT_DIR,
        check=True,
        timeout=timeout,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


# The respondents (the web form over HTTP) ------------------------------------------------------------------------


async def http(method: str, path: str, body: bytes = b"", cookie: str = "") -> tuple[str, dict, str]:
    """One request on its own connection; (status, headers, body)."""
    reader, writer = await asyncio.open_connection(HOST, web.PORT)
    try:
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {HOST}:{web.PORT}\r\nConnection: close\r\n"
            "User-Agent: azamat-bench-surveys\r\nAccept-Language: ru\r\n"
        )
        if cookie:
            head += f"Cookie: {cookie}\r\n"
        if body:
            head += f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        writer.write(head.encode() + b"\r\n" + body)
        await writer.drain()
        data = await reader.read()
    finally:
        writer.close()
    header_bytes, _sep, content = data.partition(b"\r\n\r\n")
    lines = header_bytes.decode("latin-1").split("\r\n")
    status = lines[0][9:12] if lines and lines[0].startswith("HTTP/") else "bad"
    headers: dict = {}
    for line in lines[1:]:
        name, _colon, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return status, headers, content.decode("utf-8", errors="replace")


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Respondents:
    def __init__(self, pk: int, clients: int, seconds: float):
        self.pk, self.clients, self.seconds = pk, clients, seconds
        self.pages = 0
        self.completed = 0
        self.errors: dict[str, int] = {}
        self.latencies: list[float] = []

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1

    async def timed(self, *args, **kwargs):
        start = time.perf_counter()
        result = await asyncio.wait_for(http(*args, **kwargs), REQUEST_TIMEOUT)
        self.latencies.append((time.perf_counter() - start) * 1000)
        return result

    async def one(self) -> None:
        status, headers, body = await http("GET", f"/surveys/{self.pk}/respond/")
        token = TOKEN.search(body)
        cookies = [c.split(";")[0] for c in headers.get("set-cookie", []) if c.startswith("csrftoken=")]
        if status != "200" or not token or not cookies:
            self.error(f"intro {status}")
            return
        cookie, csrf = cookies[0], token.group(1)
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf}).encode()
        status, headers, _body = await self.timed("POST", f"/surveys/{self.pk}/respond/", form, cookie)
        if status != "303":
            self.error(f"start {status}")
            return
        location = headers["location"][0]
        for answers in PAGES:
            fields = [("csrfmiddlewaretoken", csrf), ("action", "next")]
            fields += answers + [("_shown", name) for name in dict(answers)]
            body = urllib.parse.urlencode(fields).encode()
            status, headers, _body = await self.timed(
                "POST", urllib.parse.urlparse(location).path, body, cookie
            )
            if status != "303":
                self.error(f"page {status}")
                return
            self.pages += 1
            location = headers["location"][0]
        if "/done/" in location:
            self.completed += 1
        else:
            self.error("not done")

    async def client(self, deadline: float) -> None:
        while time.perf_counter() < deadline:
            try:
                await self.one()
            except (TimeoutError, OSError) as error:
                self.error(type(error).__name__)

    async def run(self) -> float:
        start = time.perf_counter()
        await asyncio.gather(*(self.client(start + self.seconds) for _ in range(self.clients)))
        return time.perf_counter() - start


# Main ------------------------------------------------------------------------------------------------------------


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind = sys.argv[2]
        if kind == "analysis":
            result = child_analysis(int(sys.argv[3]))
        elif kind == "export":
            result = child_export()
        elif kind == "web-survey":
            result = child_web_survey()
        else:
            result = child_web_check(int(sys.argv[3]))
        print(json.dumps(result))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=125, choices=range(1, 201), metavar="1..200")
    parser.add_argument("--duration", type=int, default=30, choices=range(2, 601), metavar="2..600")
    parser.add_argument("--connections", type=int, default=16, choices=range(1, 257), metavar="1..256")
    parser.add_argument("--repeat", type=int, default=5, choices=range(1, 51), metavar="1..50")
    parser.add_argument("--reuse-db", action="store_true", help=f"keep {web.DB_NAME} when it exists")
    parser.add_argument(
        "--parts", default="analysis,export,web", help="which measurements (default analysis,export,web)"
    )
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    args.skip_web = "web" not in parts
    if not args.skip_web and not Path(web.WRK).exists():
        parser.error("wrk is not installed (apt-get install wrk)")
    if not args.skip_web and not web.port_is_free(web.PORT):
        parser.error(f"{HOST}:{web.PORT} is already in use")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = datetime.datetime.now(datetime.UTC)
    var_dir = Path(tempfile.mkdtemp(prefix="azamat-bench-surveys-"))
    env = web.server_env(var_dir)
    azamat = str(BIN_DIR / "azamat")
    report: dict = {
        "started": started.isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count()},
        "settings": vars(args),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }
    server = None
    try:
        if args.reuse_db and web.database_exists():
            log(f"reusing database {web.DB_NAME}")
            web.run([azamat, "migrate", "--noinput", "-v0"], env)
            report["seed_reused"] = True
        else:
            web.recreate_database()
            web.run([azamat, "migrate", "--noinput", "-v0"], env, timeout=1800)
            seed_s, steps = web.run_seed(
                [azamat, "seed", "--scale", str(args.scale), "--seed", "1", "--only", APPS], env
            )
            report["seed_s"], report["seed_steps_s"] = round(seed_s, 1), steps
            web.run(
                [
                    sys.executable,
                    "-c",
                    "import psycopg,sys; c=psycopg.connect(sys.argv[1], autocommit=True); "
                    "c.execute('VACUUM ANALYZE')",
                    f"{web.PG_URL}/{web.DB_NAME}",
                ],
                env,
                timeout=3600,
            )
        if "analysis" in parts:
            log("analysis: frequencies and a crosstab against hand-written SQL")
            report["analysis"] = run_child(env, "analysis", str(args.repeat))
            log(json.dumps(report["analysis"], ensure_ascii=False))
        if "export" in parts:
            log("the full CSV export of the population survey")
            report["export"] = run_child(env, "export")
            log(json.dumps(report["export"], ensure_ascii=False))
        if not args.skip_web:
            pk = run_child(env, "web-survey")["survey"]
            web.run([azamat, "collectstatic", "--noinput", "-v0"], env)
            server = web.start_gunicorn(var_dir, env)
            results, probes = web.measure(
                [Target("baseline", "Trivial view /healthz (baseline)", ["/healthz"])], 10, args.connections
            )
            report["baseline"] = results["baseline"]
            base = results["baseline"]["rps"]
            log(f"/healthz {base:.0f} req/s; {args.connections} respondents for {args.duration} s")
            respondents = Respondents(pk, args.connections, args.duration)
            seconds = asyncio.run(respondents.run())
            lat = sorted(respondents.latencies) or [0.0]
            check = run_child(env, "web-check", str(pk))
            report["web_form"] = {
                "clients": args.connections,
                "seconds": round(seconds, 1),
                "page_posts": respondents.pages,
                "page_posts_per_s": round(respondents.pages / seconds, 1),
                "responses_completed": respondents.completed,
                "responses_per_s": round(respondents.completed / seconds, 2),
                "errors": respondents.errors,
                "latency_ms": {
                    "p50": round(lat[len(lat) // 2], 1),
                    "p95": round(lat[int(len(lat) * 0.95)], 1),
                    "p99": round(lat[int(len(lat) * 0.99)], 1),
                },
                "database": check,
                "ratio_page_posts_vs_healthz": round(respondents.pages / seconds / base, 4) if base else None,
            }
            report["checks_web"] = (
                check["completed"] >= respondents.completed and check["answers_ok"] == check["completed"]
            )
    finally:
        if server is not None:
            web.stop(server)
    report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    checks = [report["analysis"][k]["equal"] for k in ("frequencies", "frequencies_weighted", "crosstab")]
    checks.append(
        report["export"]["status"] == "done" and report["export"]["rows"] == report["export"]["rows_total"]
    )
    if "checks_web" in report:
        checks.append(report["checks_web"])
    report["checks_pass"] = all(checks)
    RESULTS_DIR.mkdir(exist_ok=True)
    out = RESULTS_DIR / f"surveys-{started:%Y-%m-%d-%H%M%S}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(json.dumps(report, ensure_ascii=False, indent=1))
    log(f"wrote {out}")
    return 0 if report["checks_pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
