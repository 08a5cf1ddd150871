"""Petitions benchmark: a signing burst ten times the UK petitions site's 2019 peak, against a real server.

In March 2019 the UK Parliament's petitions site took about 2,000 signatures a minute at its peak (33 a second)
and fell over because every confirmation added one to the petition's row. Here a signature is one small insert
and a confirmation one small update of its own row; a separate counting job adds the confirmations to the count.

What it does:
1. Seeds its own PostgreSQL database (azamat_bench_petitions; `azamat seed --only registry,accounts,campaigns`,
   scale 10 by default: about 100,000 signatures) and picks the open petition with the most signatures.
2. Starts gunicorn (4 workers, bench/web.py's start_gunicorn) with the petitions' flood limits lifted through the
   environment (PETITION_RATE_LIMITS, see RATE_LIMITS: one machine sends everything from 127.0.0.1) and the
   counting worker `azamat petitions_count --loop --interval 1` as a separate process.
3. Measures /healthz and the petition's page (GET /petitions/<pk>/, anonymous, from the public cache) with wrk
   (bench/latency.lua, 16 connections): the requests a second this server manages on a trivial view.
4. The burst: an open-loop client (asyncio, one connection a request as gunicorn's sync workers close them)
   offers `--rate` signatures a second (default 333) for `--duration` seconds (default 60) to
   POST /petitions/<pk>/sign/, each with a new email. Each request is due at a fixed time whether or not the
   server answered the earlier ones, and its latency counts from that time (no coordinated omission). 95% of
   the signers confirm a few seconds after their answer (GET /petitions/confirm/<token>/, tokens from
   petition_services.confirmation_token), in the same open loop. Meanwhile wrk loads the petition's page with 4
   connections, and half-way through the counting worker is killed with SIGKILL and restarted 3 s later.
5. Waits for the count to settle, then checks it exactly: the petition's signature_count equals its valid
   confirmed rows, and equals the count before plus the confirmations the server accepted (nothing lost, nothing
   counted twice); every accepted signature has its row.

    .venv/bin/python bench/petitions.py [--scale 10] [--rate 333] [--duration 60] [--reuse-db]

Writes bench/results/petitions-<date>-<time>.json and prints the figures. See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import random
import resource
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
from web import BIN_DIR, HOST, PG_URL, PROJECT_DIR, RESULTS_DIR, Target, log

web.DB_NAME = "azamat_bench_petitions"
web.PORT = 8771
APPS = "registry,accounts,campaigns"
# One machine sends every signature from 127.0.0.1: the per-address limit (30 in 10 minutes) would refuse all
# but the first few. 0 switches a limit off (azamat/campaigns/ratelimit.py).
RATE_LIMITS = {"ip": [0, 600], "domain": [0, 600]}
CONFIRM_SHARE = 0.95
CONFIRM_DELAY = (2.0, 8.0)  # seconds after the answer to the signature, as people open the email
REQUEST_TIMEOUT = 30.0
SETTLE_TIMEOUT = 120
DRAIN_TIMEOUT = 600
WORKER_RESTART_AFTER = 3.0
BENCH_NAME = "Участник нагрузочного теста"
EMAIL_DOMAIN = "mail.ru"  # a free provider: no per-domain limit, and kept as typed by the canonical form


# Tokens (child mode: Django with the server's settings) ----------------------------------------------------------


def tokens_main(petition_id: int, count: int, run: str, out: str) -> None:
    import django

    django.setup()
    from azamat.campaigns.petition_services import confirmation_token, email_key

    with open(out, "w") as handle:
        for i in range(count):
            email = signer_email(run, i)
            handle.write(json.dumps([email, confirmation_token(petition_id, email), email_key(email)]) + "\n")


def signer_email(run: str, i: int) -> str:
    return f"bench.{run}.{i}@{EMAIL_DOMAIN}"


def make_tokens(env: dict[str, str], petition_id: int, count: int, run: str, var_dir: Path) -> list[tuple]:
    out = var_dir / "tokens.jsonl"
    subprocess.run(
        [sys.executable, __file__, "--tokens", str(petition_id), str(count), run, str(out)],
        env=env,
        cwd=PROJECT_DIR,
        check=True,
        timeout=600,
    )
    return [tuple(json.loads(line)) for line in out.read_text().splitlines()]


# The open-loop client ---------------------------------------------------------------------------------------------


class Recorder:
    def __init__(self) -> None:
        self.latencies: list[float] = []  # ms, from the time the request was due
        self.service: list[float] = []  # ms, from the time it was sent
        self.statuses: dict[str, int] = {}
        self.first_sent: float | None = None
        self.last_done = 0.0

    def add(self, status: str, due: float, sent: float, done: float) -> None:
        self.statuses[status] = self.statuses.get(status, 0) + 1
        self.first_sent = sent if self.first_sent is None else min(self.first_sent, sent)
        self.last_done = max(self.last_done, done)
        self.latencies.append((done - due) * 1000)
        self.service.append((done - sent) * 1000)

    def summary(self, ok: str, offered_seconds: float) -> dict:
        done = self.statuses.get(ok, 0)
        span = (self.last_done - self.first_sent) if self.first_sent else 0
        lat = sorted(self.latencies)

        def pct(p: float) -> float:
            return round(lat[min(len(lat) - 1, int(len(lat) * p / 100))], 1) if lat else 0.0

        return {
            "requests": len(self.latencies),
            "ok": done,
            "statuses": self.statuses,
            "errors": len(self.latencies) - done,
            "offered_seconds": round(offered_seconds, 2),
            "achieved_span_s": round(span, 2),
            "achieved_per_s": round(done / span, 1) if span else 0.0,
            "latency_ms": {
                "p50": pct(50),
                "p95": pct(95),
                "p99": pct(99),
                "max": round(lat[-1], 1) if lat else 0.0,
            },
            "service_ms_p50": round(statistics.median(self.service), 1) if self.service else 0.0,
        }


async def http(method: str, path: str, body: bytes = b"") -> tuple[str, bytes]:
    """One request on its own connection (gunicorn's sync workers close each one); (status, headers+body)."""
    reader, writer = await asyncio.open_connection(HOST, web.PORT)
    try:
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {HOST}:{web.PORT}\r\nConnection: close\r\n"
            "User-Agent: azamat-bench-petitions\r\nAccept-Language: ru\r\n"
        )
        if body:
            head += f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        writer.write(head.encode() + b"\r\n" + body)
        await writer.drain()
        data = await reader.read()
    finally:
        writer.close()
    status = data[9:12].decode() if data.startswith(b"HTTP/") else "bad"
    return status, data


class Burst:
    """Signatures offered at a fixed rate; each accepted one is confirmed a few seconds later (most of them)."""

    def __init__(
        self,
        petition_id: int,
        signers: list[tuple],
        regions: list[int],
        rate: float,
        seconds: float,
        run: str,
    ):
        self.petition_id, self.signers, self.regions, self.run_id = petition_id, signers, regions, run
        self.rate, self.seconds = rate, seconds
        self.sign, self.confirm = Recorder(), Recorder()
        self.accepted: list[str] = []
        self.confirmed: list[str] = []
        self.rng = random.Random(7)
        self.tasks: set[asyncio.Task] = set()

    def spawn(self, coroutine) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def one_sign(self, i: int, due: float) -> None:
        email, token, key = self.signers[i]
        fields = {
            "name": f"{BENCH_NAME} {self.run_id}-{i}",
            "email": email,
            "region": str(self.regions[i % len(self.regions)]) if i % 2 else "",
            "show_name": "on" if i % 3 == 0 else "",
            "wants_updates": "on",
            "website": "",
        }
        sent = time.perf_counter()
        try:
            status, _data = await asyncio.wait_for(
                http("POST", f"/petitions/{self.petition_id}/sign/", urllib.parse.urlencode(fields).encode()),
                REQUEST_TIMEOUT,
            )
        except (TimeoutError, OSError) as error:
            status = type(error).__name__
        done = time.perf_counter()
        self.sign.add(status, due, sent, done)
        if status == "303":
            self.accepted.append(key)
            if self.rng.random() < CONFIRM_SHARE:
                delay = self.rng.uniform(*CONFIRM_DELAY)
                self.spawn(self.one_confirm(key, token, done + delay))

    async def one_confirm(self, key: str, token: str, due: float) -> None:
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        sent = time.perf_counter()
        try:
            status, _data = await asyncio.wait_for(
                http("GET", f"/petitions/confirm/{token}/"), REQUEST_TIMEOUT
            )
        except (TimeoutError, OSError) as error:
            status = type(error).__name__
        self.confirm.add(status, due, sent, time.perf_counter())
        if status == "200":
            self.confirmed.append(key)

    async def run(self, on_half) -> None:
        start = time.perf_counter()
        total = int(self.rate * self.seconds)
        halfway = False
        for i in range(total):
            due = start + i / self.rate
            now = time.perf_counter()
            if due > now:
                await asyncio.sleep(due - now)
            if not halfway and i >= total // 2:
                halfway = True
                on_half()
            self.spawn(self.one_sign(i, due))
        while self.tasks:  # the signatures still in flight and the confirmations they scheduled
            await asyncio.gather(*list(self.tasks), return_exceptions=True)


# Database checks -------------------------------------------------------------------------------------------------


SIGN_LUA = r"""
-- wrk: POST a signature with a new email each request; prints BENCH_JSON like bench/latency.lua.
local id_counter = 0
function setup(thread)
   thread:set("tid", id_counter)
   id_counter = id_counter + 1
end
function init(args)
   path, run, n = args[1], args[2], 0
end
function request()
   n = n + 1
   local body = "name=Capacity+" .. run .. "&email=cap." .. run .. ".t" .. tid .. "." .. n ..
      "%40mail.ru&region=&wants_updates=on&website="
   return wrk.format("POST", path, {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
function done(summary, latency, requests)
   local e = summary.errors
   local seconds = summary.duration / 1e6
   io.write(string.format('BENCH_JSON {"requests": %d, "duration_s": %.3f, "rps": %.2f, ' ..
      '"latency_ms": {"mean": %.2f, "p50": %.2f, "p90": %.2f, "p95": %.2f, "p99": %.2f, "max": %.2f}, ' ..
      '"errors": {"total": %d, "status": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}}\n',
      summary.requests, seconds, summary.requests / seconds, latency.mean / 1000, latency:percentile(50) / 1000,
      latency:percentile(90) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, e.status + e.connect + e.read + e.write + e.timeout, e.status, e.connect, e.read,
      e.write, e.timeout))
end
"""


def capacity(var_dir: Path, petition_id: int, run: str, seconds: int, connections: int) -> dict:
    """Signing in a closed loop (wrk keeps `connections` requests in flight, each a new email): what the server
    takes when it is never offered more than it can do. These signatures are never confirmed."""
    script = var_dir / "sign.lua"
    script.write_text(SIGN_LUA)
    path = f"/petitions/{petition_id}/sign/"
    cmd = [web.WRK, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "-s", str(script)]
    cmd += [f"http://{HOST}:{web.PORT}", "--", path, run]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    return next(
        json.loads(x.removeprefix("BENCH_JSON ")) for x in out.splitlines() if x.startswith("BENCH_JSON ")
    )


def pick_petition() -> dict:
    """The open petition with the most signatures (the bench adds to a petition that already has many)."""
    with psycopg.connect(f"{PG_URL}/{web.DB_NAME}", autocommit=True) as conn:
        row = conn.execute(
            "SELECT id, signature_count, goal, status FROM campaigns_petition "
            "WHERE status IN ('open', 'sent') AND closed_at IS NULL AND closes_on >= current_date "
            "ORDER BY signature_count DESC LIMIT 1"
        ).fetchone()
        regions = [r for (r,) in conn.execute("SELECT id FROM registry_region ORDER BY id").fetchall()]
        rows = conn.execute("SELECT count(*) FROM campaigns_signature").fetchone()[0]
    if row is None:
        raise RuntimeError("no open petition in the database; is the campaigns seed there?")
    pk, count, goal, status = row
    return {"id": pk, "count_before": count, "goal": goal, "status": status, "regions": regions, "rows": rows}


def truth(petition_id: int, run: str, accepted=(), confirmed=()) -> dict:
    with psycopg.connect(f"{PG_URL}/{web.DB_NAME}", autocommit=True) as conn:
        count = conn.execute(
            "SELECT signature_count FROM campaigns_petition WHERE id = %s", [petition_id]
        ).fetchone()
        valid = conn.execute(
            "SELECT count(*), max(confirmed_at) FROM campaigns_signature "
            "WHERE petition_id = %s AND confirmed_at IS NOT NULL AND invalidation_id IS NULL",
            [petition_id],
        ).fetchone()
        ours = conn.execute(
            "SELECT count(*), count(confirmed_at) FROM campaigns_signature WHERE petition_id = %s AND name LIKE %s",
            [petition_id, f"{BENCH_NAME} {run}-%"],
        ).fetchone()
        tally = conn.execute("SELECT counted_until, runs FROM campaigns_tally ORDER BY id").fetchall()
        accepted_rows = conn.execute(
            "SELECT count(*) FROM campaigns_signature WHERE petition_id = %s AND email_key = ANY(%s)",
            [petition_id, list(accepted)],
        ).fetchone()[0]
        confirmed_rows = conn.execute(
            "SELECT count(*) FROM campaigns_signature WHERE petition_id = %s AND email_key = ANY(%s) "
            "AND confirmed_at IS NOT NULL",
            [petition_id, list(confirmed)],
        ).fetchone()[0]
    return {
        "signature_count": count[0],
        "valid_rows": valid[0],
        "last_confirmed_at": valid[1].isoformat() if valid[1] else None,
        "bench_rows": ours[0],
        "bench_confirmed_rows": ours[1],
        "tally": [[t.isoformat(), runs] for t, runs in tally],
        "rows_of_accepted": accepted_rows,
        "confirmed_rows_of_confirmed": confirmed_rows,
    }


def settle(petition_id: int, run: str) -> tuple[dict, float]:
    """Wait until the counting job has counted past the last confirmation; returns the truth and the wait."""
    start = time.perf_counter()
    while True:
        now = truth(petition_id, run)
        if now["signature_count"] == now["valid_rows"] or time.perf_counter() - start > SETTLE_TIMEOUT:
            return now, time.perf_counter() - start
        time.sleep(1)


# The counting worker ----------------------------------------------------------------------------------------------


class Counter:
    def __init__(self, env: dict[str, str], var_dir: Path):
        self.env, self.var_dir = env, var_dir
        self.process: subprocess.Popen | None = None
        self.events: list[str] = []
        self.started = 0

    def start(self) -> None:
        self.started += 1
        handle = open(self.var_dir / f"counter-{self.started}.log", "w")  # noqa: SIM115 — kept by the process
        self.process = subprocess.Popen(  # noqa: S603
            [str(BIN_DIR / "azamat"), "petitions_count", "--loop", "--interval", "1"],
            env=self.env,
            cwd=PROJECT_DIR,
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        self.events.append(f"{time.strftime('%H:%M:%S')} started pid {self.process.pid}")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
            self.events.append(f"{time.strftime('%H:%M:%S')} SIGKILL pid {self.process.pid}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


# Main -------------------------------------------------------------------------------------------------------------


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--tokens":
        tokens_main(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10, choices=range(1, 201), metavar="1..200")
    parser.add_argument("--rate", type=float, default=333.0, help="signatures offered a second (default 333)")
    parser.add_argument("--duration", type=int, default=60, choices=range(2, 601), metavar="2..600")
    parser.add_argument("--baseline-seconds", type=int, default=10, choices=range(2, 121), metavar="2..120")
    parser.add_argument("--connections", type=int, default=16, choices=range(1, 257), metavar="1..256")
    parser.add_argument(
        "--workers", type=int, default=web.GUNICORN_WORKERS, choices=range(1, 65), metavar="1..64"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        choices=range(1, 33),
        metavar="1..32",
        help="threads per gunicorn worker (gthread); signing mostly waits on PostgreSQL's commit",
    )
    parser.add_argument("--reuse-db", action="store_true", help=f"keep {web.DB_NAME} when it exists")
    args = parser.parse_args()
    web.GUNICORN_WORKERS = args.workers
    web.GUNICORN_THREADS = args.threads
    if not Path(web.WRK).exists():
        parser.error("wrk is not installed (apt-get install wrk)")
    if not web.port_is_free(web.PORT):
        parser.error(f"{HOST}:{web.PORT} is already in use")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)  # one socket a request in flight
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    started = datetime.datetime.now(datetime.UTC)
    run = started.strftime("%H%M%S")
    var_dir = Path(tempfile.mkdtemp(prefix="azamat-bench-petitions-"))
    env = web.server_env(var_dir, PETITION_RATE_LIMITS=json.dumps(RATE_LIMITS))
    azamat = str(BIN_DIR / "azamat")
    report: dict = {
        "started": started.isoformat(timespec="seconds"),
        "settings": {**vars(args), "rate_limits_env": RATE_LIMITS},
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }
    server = None
    counter = Counter(env, var_dir)
    page_load = None
    try:
        if args.reuse_db and web.database_exists():
            log(f"reusing database {web.DB_NAME}")
            web.run([azamat, "migrate", "--noinput", "-v0"], env)
            extra = ["--if-empty"]
        else:
            web.recreate_database()
            web.run([azamat, "migrate", "--noinput", "-v0"], env, timeout=1800)
            extra = []
        seed_s, steps = web.run_seed(
            [azamat, "seed", "--scale", str(args.scale), "--seed", "1", "--only", APPS, *extra], env
        )
        report["seed_s"], report["seed_steps_s"] = round(seed_s, 1), steps
        web.run([azamat, "collectstatic", "--noinput", "-v0"], env)
        with psycopg.connect(f"{PG_URL}/{web.DB_NAME}", autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
        petition = pick_petition()
        report["petition"] = {k: v for k, v in petition.items() if k != "regions"}
        log(
            f"petition {petition['id']}: {petition['count_before']} signatures counted, {petition['rows']} rows in all"
        )
        total = int(args.rate * args.duration)
        signers = make_tokens(env, petition["id"], total, run, var_dir)

        server = web.start_gunicorn(var_dir, env)
        counter.start()
        page = f"/petitions/{petition['id']}/"
        targets = [
            Target("baseline", "Trivial view /healthz (baseline)", ["/healthz"]),
            Target("petition_page", "Petition page, anonymous (public cache)", [page]),
        ]
        results, probes = web.measure(targets, args.baseline_seconds, args.connections)
        report["alone"], report["probes"] = results, probes
        results["sign_closed_loop"] = capacity(
            var_dir, petition["id"], run, args.baseline_seconds, args.connections
        )
        web.drain(results["sign_closed_loop"])
        log(
            f"signing, closed loop ({args.connections} connections): {results['sign_closed_loop']['rps']:.0f} req/s"
        )
        base = results["baseline"]["rps"]
        log(f"/healthz {base:.0f} req/s; the petition page {results['petition_page']['rps']:.0f} req/s")

        # The page under the burst: wrk with 4 connections for the burst's length, in the background.
        page_seconds = args.duration + 5
        page_load = subprocess.Popen(  # noqa: S603
            [
                web.WRK,
                "-t1",
                "-c4",
                f"-d{page_seconds}s",
                "--timeout",
                "30s",
                "-s",
                str(web.LUA_SCRIPT),
                f"http://{HOST}:{web.PORT}",
                "--",
                page,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        burst = Burst(petition["id"], signers, petition["regions"], args.rate, args.duration, run)
        loop = asyncio.new_event_loop()

        def half() -> None:
            counter.kill()
            loop.call_later(WORKER_RESTART_AFTER, counter.start)

        log(
            f"burst: {args.rate:.0f} signatures a second offered for {args.duration} s; the counter is killed half-way"
        )
        burst_start = time.perf_counter()
        loop.run_until_complete(burst.run(half))
        loop.close()
        burst_s = time.perf_counter() - burst_start
        out, _err = page_load.communicate(timeout=page_seconds + 60)
        page_load = None
        under = next(
            json.loads(x.removeprefix("BENCH_JSON ")) for x in out.splitlines() if x.startswith("BENCH_JSON ")
        )
        # Requests whose clients gave up are still queued in gunicorn and will be done: wait until the queue has
        # drained (a /healthz answer comes after everything queued before it), so no confirmation lands later.
        log("burst over; waiting for the server's queue to drain")
        drain_start = time.perf_counter()
        while True:
            try:
                if web.fetch("/healthz", timeout=DRAIN_TIMEOUT)[0] == 200:
                    break
            except OSError:
                pass
            if time.perf_counter() - drain_start > DRAIN_TIMEOUT:
                raise RuntimeError("the server did not drain its queue in time")
        report["drain_s"] = round(time.perf_counter() - drain_start, 1)
        time.sleep(web.GUNICORN_WORKERS * 0.2)  # the requests still running when /healthz was taken up
        log("waiting for the count to settle")
        settled, waited = settle(petition["id"], run)
        report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]

        sign = burst.sign.summary("303", args.duration)
        confirm = burst.confirm.summary("200", args.duration)
        settled = truth(petition["id"], run, burst.accepted, burst.confirmed)
        # A request the client gave up on (timeout) may still have been done by the server: the growth expected
        # is the burst's confirmed rows in the database, which include every confirmation the client saw.
        expected = petition["count_before"] + settled["bench_confirmed_rows"]
        checks = {
            "count_equals_valid_rows": settled["signature_count"] == settled["valid_rows"],
            "count_equals_before_plus_burst_confirmations": settled["signature_count"] == expected,
            "every_accepted_signature_has_its_row": settled["rows_of_accepted"] == len(burst.accepted),
            "every_confirmation_seen_is_stamped": settled["confirmed_rows_of_confirmed"]
            == len(burst.confirmed),
            "confirmations_seen_not_more_than_rows": len(burst.confirmed) <= settled["bench_confirmed_rows"],
        }
        report.update(
            {
                "offered_per_s": args.rate,
                "offered": int(args.rate * args.duration),
                "burst_wall_s": round(burst_s, 1),
                "sign": sign,
                "confirm": confirm,
                "page_under_burst": under,
                "counter_events": counter.events,
                "settled": settled,
                "settle_wait_s": round(waited, 1),
                "expected_count": expected,
                "checks": checks,
                "ratios": {
                    "signatures_per_s_vs_healthz": round(sign["achieved_per_s"] / base, 3) if base else None,
                    "signing_closed_loop_vs_healthz": round(results["sign_closed_loop"]["rps"] / base, 3)
                    if base
                    else None,
                    "page_alone_vs_healthz": round(results["petition_page"]["rps"] / base, 3)
                    if base
                    else None,
                    "page_under_burst_vs_healthz": round(under["rps"] / base, 3) if base else None,
                },
            }
        )
    finally:
        if page_load is not None and page_load.poll() is None:
            page_load.kill()
        counter.stop()
        if server is not None:
            web.stop(server)
    RESULTS_DIR.mkdir(exist_ok=True)
    out_path = RESULTS_DIR / f"petitions-{started:%Y-%m-%d-%H%M%S}.json"
    out_path.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(summary(report))
    log(f"wrote {out_path}")
    return 0 if all(report["checks"].values()) else 1


def summary(r: dict) -> str:
    s, c, p = r["sign"], r["confirm"], r["page_under_burst"]
    base, cap = r["alone"]["baseline"], r["alone"]["sign_closed_loop"]
    lines = [
        f"Petitions burst, {r['started']}, {r['settings']['workers']} gunicorn workers: offered {r['offered_per_s']:.0f} signatures/s for "
        f"{r['settings']['duration']} s ({r['offered']} signatures) to petition {r['petition']['id']} "
        f"({r['petition']['count_before']} signatures before)",
        "",
        "| | offered/s | ok | achieved/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        f"| Sign POST /petitions/<pk>/sign/ | {r['offered_per_s']:.0f} | {s['ok']} | {s['achieved_per_s']} | "
        f"{s['latency_ms']['p50']} | {s['latency_ms']['p95']} | {s['latency_ms']['p99']} | {s['errors']} {s['statuses']} |",
        f"| Confirm GET /petitions/confirm/<token>/ | (95% of the accepted) | {c['ok']} | {c['achieved_per_s']} | "
        f"{c['latency_ms']['p50']} | {c['latency_ms']['p95']} | {c['latency_ms']['p99']} | {c['errors']} {c['statuses']} |",
        f"| Sign, closed loop before the burst (wrk, {r['settings']['connections']} conn.) | — | {cap['requests']} | "
        f"{cap['rps']:.0f} | {cap['latency_ms']['p50']:.1f} | {cap['latency_ms']['p95']:.1f} | {cap['latency_ms']['p99']:.1f} | "
        f"{cap['errors']['total']} |",
        f"| Petition page during the burst (wrk, 4 conn.) | — | {p['requests']} | {p['rps']:.0f} | "
        f"{p['latency_ms']['p50']:.1f} | {p['latency_ms']['p95']:.1f} | {p['latency_ms']['p99']:.1f} | {p['errors']['total']} |",
        "",
        f"/healthz alone {base['rps']:.0f} req/s (p95 {base['latency_ms']['p95']:.1f} ms); the petition page alone "
        f"{r['alone']['petition_page']['rps']:.0f} req/s. Ratios to /healthz: signatures in the burst {r['ratios']['signatures_per_s_vs_healthz']}, "
        f"signing closed loop {r['ratios']['signing_closed_loop_vs_healthz']}, "
        f"page alone {r['ratios']['page_alone_vs_healthz']}, page during the burst {r['ratios']['page_under_burst_vs_healthz']}.",
        f"Counter: {'; '.join(r['counter_events'])}. Settled in {r['settle_wait_s']} s: count "
        f"{r['settled']['signature_count']}, valid rows {r['settled']['valid_rows']}, expected "
        f"{r['expected_count']} (before + confirmations accepted). Checks: {r['checks']}",
        f"Load average before {r['load_average_before']}, after {r['load_average_after']}.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
