"""Voting benchmark (issue 13): casting, ballots a second at 16 clients as a ratio to the trivial view.

What it does:
1. Creates its own PostgreSQL database (azamat_bench_voting_cast) and migrates it; nothing else is seeded. With
   `--reuse-db` it keeps the database of an earlier run (migrate on a loaded 2-core machine took 7.5 minutes) and
   adds the new vote beside the earlier ones.
2. In a child process with the server's settings, an organisation's open vote built through the services, as the
   tests' `azamat.testing.voting_factories` build it (prepared, two more candidates, the trustees' key steps, the
   credentials sent): `--voters` voters (400), one question of 5 candidates (choose one; choosing none is a blank
   vote), 3 trustees with threshold 2, all through Debian's `belenios-tool`, nothing mocked. The private
   credentials come back to the script as the voters' e-mail would give them; each voter gets her own signed-in
   session (a session row, as a sign-in writes it). The archive lies in the server's MEDIA_ROOT.
3. Serves Azamat with gunicorn (bench/web.py's start_gunicorn, 4 sync workers) and measures /healthz with wrk
   (16 connections, 10 s) before the casting and again after it.
4. `--connections` clients (16) in a closed loop for `--duration` seconds. Each takes a voter no other client has
   in hand: one who has not voted yet, or, with probability `--revote` (and always once everyone has voted), one
   who has, so some vote twice. With the voter's session it GETs the ballot page (the CSRF token), then POSTs the
   credential and a seeded random choice (one of the 5 or blank). A ballot is accepted when the answer redirects to
   the vote's page and that page (fetched, as a browser follows the redirect) shows the tracker. The figure is
   accepted ballots a second ÷ /healthz requests a second of the same server.
5. After the server has stopped: the Ballot rows must be exactly the accepted POSTs (count and trackers), the
   ballot box in the archive must hold as many ballots, and `services.verify_again` (the tool's full `verify`)
   must pass. `generate-ballot` and `archive add-event` are timed by themselves on a copy of the archive before
   the casting and after it (median of 3), to show what an append costs as the archive grows.

    .venv/bin/python bench/voting_cast.py [--voters 400] [--duration 60] [--connections 16] [--revote 0.15] [--seed 13] [--reuse-db] [--keep]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth), wrk and belenios-tool. Writes
bench/results/voting_cast-<date>-<time>.json and prints the figures. See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import html
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import web  # bench/web.py, on sys.path as this script's directory
from web import BIN_DIR, HOST, PROJECT_DIR, RESULTS_DIR, Target, log

web.DB_NAME = "azamat_bench_voting_cast"
web.PORT = 8776
EXTRA_CANDIDATES = ["Жұмабаев Ерлан", "Ким Ольга"]  # the factories' three + these two: 5 candidates
REQUEST_TIMEOUT = 120.0
WINDOW_SECONDS = 10  # accepted ballots counted per window, to see the rate as the archive grows
TOOL_REPEAT = 3


# Child mode: Django with the server's settings -----------------------------------------------------------------


def _django():
    import django

    django.setup()


def tool_times(election, credential: str, width: int) -> dict:
    """`generate-ballot` and `archive add-event` by themselves on a copy of the archive as it is now, median of
    TOOL_REPEAT each (the copy takes the extra ballots; add-event checks nothing). Also whether add-event writes a
    new file (a reader then sees the old or the new archive whole) or appends to the same one."""
    from azamat.voting import belenios, services

    source = services.archive_file(election)
    generate, append, replaced = [], [], False
    with tempfile.TemporaryDirectory(prefix="bench-voting-cast-") as tmp:
        shutil.copy(source, tmp)
        copy = Path(tmp) / source.name
        for _ in range(TOOL_REPEAT):
            started = time.perf_counter()
            ballot = belenios.ballot(Path(tmp), credential, [[1] + [0] * (width - 1)])
            generate.append(time.perf_counter() - started)
            inode = copy.stat().st_ino
            started = time.perf_counter()
            belenios.add_event(Path(tmp), "Ballot", ballot)
            append.append(time.perf_counter() - started)
            replaced = replaced or copy.stat().st_ino != inode
    return {
        "archive_bytes": source.stat().st_size,
        "generate_s": round(statistics.median(generate), 3),
        "append_s": round(statistics.median(append), 3),
        "append_writes_new_file": replaced,
    }


def child_setup(voters: int) -> dict:
    _django()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from azamat.accounts.models import User
    from azamat.registry.models import Organisation
    from azamat.testing import voting_factories
    from azamat.testing.factories import OrganisationFactory, UserFactory
    from azamat.voting import services

    # A reused database holds the earlier runs' votes: the factories' e-mails and BINs continue after them.
    UserFactory.reset_sequence(User.objects.count())
    OrganisationFactory.reset_sequence(Organisation.objects.count())
    times = {}
    started = time.perf_counter()
    world = voting_factories.prepared(voters=voters)
    question = world.election.questions.get()
    for name in EXTRA_CANDIDATES:
        services.candidate_add(by=world.administrator, question=question, name=name)
    times["prepared_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    voting_factories.with_keys(world)
    times["keys_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    voting_factories.opened(world)
    times["credentials_sent_s"] = round(time.perf_counter() - started, 1)
    election = world.election
    candidates = list(question.candidates.order_by("position").values_list("pk", flat=True))
    store = import_module(settings.SESSION_ENGINE).SessionStore
    people = []
    for user in world.voters:
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.set_expiry(24 * 3600)
        session.create()
        people.append(
            {
                "user": user.pk,
                "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
                "credential": world.credentials[user.pk],
            }
        )
    return {
        "election": election.pk,
        "uuid": election.uuid,
        "question": question.pk,
        "candidates": candidates,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "voters": people,
        "setup_s": times,
        "tool_before": tool_times(election, people[0]["credential"], len(candidates)),
    }


def child_check(path: str) -> dict:
    """The database and the archive after the casting; `path` holds the accepted trackers and one credential."""
    _django()
    from azamat.voting import belenios, services
    from azamat.voting.models import Ballot, Election, Voter

    given = json.loads(Path(path).read_text())
    election = Election.objects.get(pk=given["election"])
    trackers = list(Ballot.objects.filter(election=election).values_list("tracker", flat=True))
    accepted = given["trackers"]
    out = {
        "ballot_rows": len(trackers),
        "ballot_rows_distinct_credentials": Ballot.objects.filter(election=election)
        .values("credential_hash")
        .distinct()
        .count(),
        "trackers_equal": sorted(trackers) == sorted(accepted),
        "voters_marked_voted": Voter.objects.filter(election=election, voted_at__isnull=False).count(),
        "archive_ballots": len(belenios.ballot_summary(services.archive_dir(election))),
    }
    started = time.perf_counter()
    ok, output = services.verify_again(election)
    out["verify_s"] = round(time.perf_counter() - started, 1)
    out["verify_ok"] = ok and "all checks passed" in output
    out["verify_tail"] = output[-300:]
    out["tool_after"] = tool_times(election, given["credential"], given["width"])
    return out


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


# The voters (the ballot form over HTTP) --------------------------------------------------------------------------


async def http(method: str, path: str, body: bytes = b"", cookie: str = "") -> tuple[str, dict, str]:
    """One request on its own connection; (status, headers, body)."""
    reader, writer = await asyncio.open_connection(HOST, web.PORT)
    try:
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {HOST}:{web.PORT}\r\nConnection: close\r\n"
            "User-Agent: azamat-bench-voting-cast\r\nAccept-Language: ru\r\n"
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
TRACKER = re.compile(r'id="tracker">([0-9a-f]{64})<')
ALERT = re.compile(r'role="alert"[^>]*>(.*?)</div>', re.S)


def percentiles(values: list[float]) -> dict:
    ordered = sorted(values) or [0.0]
    return {
        "p50": round(ordered[len(ordered) // 2], 1),
        "p95": round(ordered[int(len(ordered) * 0.95)], 1),
        "p99": round(ordered[int(len(ordered) * 0.99)], 1),
    }


class Voters:
    def __init__(self, setup: dict, clients: int, seconds: float, revote: float, seed: int):
        self.pk, self.question, self.candidates = setup["election"], setup["question"], setup["candidates"]
        self.csrf_cookie = setup["csrf_cookie"]
        self.clients, self.seconds, self.revote = clients, seconds, revote
        self.rng = random.Random(seed)
        self.fresh = list(setup["voters"])
        self.rng.shuffle(self.fresh)
        self.voted: list[dict] = []  # voted at least once and in no client's hand: may vote again
        self.jars: dict[int, str] = {}  # voter → her CSRF cookie, once the server has set it
        self.casts: dict[int, int] = {}  # voter → accepted ballots
        self.trackers: list[str] = []
        self.accepted_at: list[float] = []
        self.posts = 0
        self.errors: dict[str, int] = {}
        self.get_ms: list[float] = []
        self.post_ms: list[float] = []
        self.loads: list[tuple[float, float]] = []
        self.start = 0.0

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1

    def take(self) -> dict | None:
        if self.voted and (not self.fresh or self.rng.random() < self.revote):
            return self.voted.pop(self.rng.randrange(len(self.voted)))
        return self.fresh.pop() if self.fresh else None

    def give_back(self, voter: dict) -> None:
        if self.casts.get(voter["user"]):
            self.voted.append(voter)
        else:
            self.fresh.insert(0, voter)

    def cookie(self, voter: dict) -> str:
        jar = self.jars.get(voter["user"])
        return voter["cookie"] + (f"; {jar}" if jar else "")

    async def timed(self, latencies: list[float], *args, **kwargs):
        started = time.perf_counter()
        result = await asyncio.wait_for(http(*args, **kwargs), REQUEST_TIMEOUT)
        latencies.append((time.perf_counter() - started) * 1000)
        return result

    async def one(self, voter: dict) -> None:
        path = f"/workspace/votes/{self.pk}/ballot/"
        status, headers, body = await self.timed(self.get_ms, "GET", path, cookie=self.cookie(voter))
        for value in headers.get("set-cookie", []):
            if value.startswith(f"{self.csrf_cookie}="):
                self.jars[voter["user"]] = value.split(";")[0]
        token = TOKEN.search(body)
        if status != "200" or not token or voter["user"] not in self.jars:
            self.error(f"ballot page {status}")
            return
        fields = [("csrfmiddlewaretoken", html.unescape(token.group(1))), ("credential", voter["credential"])]
        choice = self.rng.randrange(len(self.candidates) + 1)  # the last one: blank, nothing chosen
        if choice < len(self.candidates):
            fields.append((f"q{self.question}", str(self.candidates[choice])))
        form = urllib.parse.urlencode(fields).encode()
        self.posts += 1
        status, headers, body = await self.timed(self.post_ms, "POST", path, form, self.cookie(voter))
        if status == "302":  # accepted: to the vote's page, which shows the tracker (as a browser follows it)
            location = urllib.parse.urlsplit(headers.get("location", [""])[0])
            status, _headers, body = await self.timed(
                self.get_ms, "GET", location.path, cookie=self.cookie(voter)
            )
        tracker = TRACKER.search(body)
        if status == "200" and tracker:
            self.trackers.append(tracker.group(1))
            self.accepted_at.append(time.perf_counter() - self.start)
            self.casts[voter["user"]] = self.casts.get(voter["user"], 0) + 1
            return
        alert = ALERT.search(body)
        reason = " ".join(re.sub(r"<[^>]+>", " ", alert.group(1)).split())[:80] if alert else ""
        self.error(f"ballot {status} {reason}".strip())

    async def client(self, deadline: float) -> None:
        while time.perf_counter() < deadline:
            voter = self.take()
            if voter is None:  # every voter is in another client's hand (more clients than voters)
                await asyncio.sleep(0.05)
                continue
            try:
                await self.one(voter)
            except (TimeoutError, OSError) as error:
                self.error(type(error).__name__)
            finally:
                self.give_back(voter)

    async def sample_load(self, deadline: float) -> None:
        while time.perf_counter() < deadline:
            self.loads.append((round(time.perf_counter() - self.start, 1), round(os.getloadavg()[0], 2)))
            await asyncio.sleep(10)

    async def run(self) -> float:
        self.start = time.perf_counter()
        deadline = self.start + self.seconds
        sampler = asyncio.create_task(self.sample_load(deadline))
        await asyncio.gather(*(self.client(deadline) for _ in range(self.clients)))
        sampler.cancel()
        return time.perf_counter() - self.start

    def windows(self, seconds: float) -> list[float]:
        """Accepted ballots a second in each WINDOW_SECONDS of the run (the last window may be shorter)."""
        count = max(1, -int(-seconds // WINDOW_SECONDS))
        counts = [0] * count
        for moment in self.accepted_at:
            counts[min(count - 1, int(moment // WINDOW_SECONDS))] += 1
        lengths = [min(WINDOW_SECONDS, seconds - i * WINDOW_SECONDS) for i in range(count)]
        return [round(n / length, 2) for n, length in zip(counts, lengths, strict=True)]


# Main ------------------------------------------------------------------------------------------------------------


def busiest() -> list[str]:
    """The processes using the most CPU (pid, %CPU, elapsed, command), to note what ran beside the bench."""
    out = subprocess.run(
        ["ps", "-eo", "pid,pcpu,etime,args", "--sort=-pcpu", "--no-headers"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    return [line.strip()[:160] for line in out[:6]]


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def healthz(connections: int) -> dict:
    results, _probes = web.measure(
        [Target("baseline", "Trivial view /healthz (baseline)", ["/healthz"])], 10, connections
    )
    return results["baseline"]


def table(report: dict) -> str:
    cast, base = report["casting"], report["healthz"]
    rows = [
        "| | per second | p50 ms | p95 ms | p99 ms | errors | ÷ /healthz |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for when in ("before", "after"):
        b = base[when]
        rows.append(
            f"| /healthz, wrk, {when} the casting | {b['rps']:.0f} | {b['latency_ms']['p50']:.1f} | "
            f"{b['latency_ms']['p95']:.1f} | {b['latency_ms']['p99']:.1f} | {b['errors']['total']} | 1 |"
        )
    lat = cast["post_latency_ms"]
    rows.append(
        f"| **ballots accepted** (POST, {cast['clients']} voters at a time) | {cast['accepted_per_s']:.2f} | "
        f"{lat['p50']:.0f} | {lat['p95']:.0f} | {lat['p99']:.0f} | {sum(cast['errors'].values())} | "
        f"**{report['ratio_accepted_vs_healthz']:.4f}** |"
    )
    lat = cast["get_latency_ms"]
    rows.append(
        f"| ballot page (GET before each POST) | {cast['gets'] / cast['seconds']:.2f} | {lat['p50']:.0f} | "
        f"{lat['p95']:.0f} | {lat['p99']:.0f} | — | — |"
    )
    return "\n".join(rows)


def measure(args, env: dict[str, str], var_dir: Path) -> dict:
    """The database, the vote, the server, /healthz before, the casting, /healthz after, then the checks."""
    azamat = str(BIN_DIR / "azamat")
    out: dict = {}
    if args.reuse_db and web.database_exists():
        log(f"reusing database {web.DB_NAME} (a new vote is added to it)")
        out["database_reused"] = True
    else:
        web.recreate_database()
    out["migrate_s"] = round(web.run([azamat, "migrate", "--noinput", "-v0"], env, timeout=1800), 1)
    log(f"an open vote of {args.voters} voters through the services and belenios-tool")
    wall = time.perf_counter()
    setup = run_child(env, "setup", str(args.voters))
    out["setup_s"] = round(time.perf_counter() - wall, 1)
    out["vote"] = {k: setup[k] for k in ("election", "uuid", "question", "candidates", "setup_s")}
    out["tool_before"] = setup["tool_before"]
    log(
        f"vote {setup['election']} open in {out['setup_s']} s; the tool on the fresh archive: {setup['tool_before']}"
    )
    web.run([azamat, "collectstatic", "--noinput", "-v0"], env)
    voters = Voters(setup, args.connections, args.duration, args.revote, args.seed)
    server = web.start_gunicorn(var_dir, env)
    try:
        out["healthz"] = {"before": healthz(args.connections)}
        log(
            f"/healthz {out['healthz']['before']['rps']:.0f} req/s; {args.connections} voters at a time for {args.duration} s"
        )
        out["load_average_casting_start"] = loadavg()
        seconds = asyncio.run(voters.run())
        out["load_average_casting_end"] = loadavg()
        log(f"{len(voters.trackers)} ballots accepted in {seconds:.1f} s, errors {voters.errors}")
        out["healthz"]["after"] = healthz(args.connections)
    finally:
        web.stop(server)
    casts = voters.casts.values()
    out["casting"] = {
        "clients": args.connections,
        "seconds": round(seconds, 1),
        "gets": len(voters.get_ms),
        "posts": voters.posts,
        "accepted": len(voters.trackers),
        "accepted_per_s": round(len(voters.trackers) / seconds, 2),
        "voters_who_voted": len(voters.casts),
        "voters_who_voted_more_than_once": sum(1 for n in casts if n > 1),
        "casts_per_voter": {str(n): sum(1 for c in casts if c == n) for n in sorted(set(casts))},
        "accepted_per_s_by_window": voters.windows(seconds),
        "window_s": WINDOW_SECONDS,
        "errors": voters.errors,
        "post_latency_ms": percentiles(voters.post_ms),
        "get_latency_ms": percentiles(voters.get_ms),
        "load_average_every_10_s": voters.loads,
    }
    given = var_dir / "accepted.json"
    given.write_text(
        json.dumps(
            {
                "election": setup["election"],
                "trackers": voters.trackers,
                "credential": setup["voters"][0]["credential"],
                "width": len(setup["candidates"]),
            }
        )
    )
    log("checks: the Ballot rows, the ballot box in the archive, the tool's full verify")
    out["check"] = run_child(env, "check", str(given))
    given.unlink()
    log(f"verify {out['check']['verify_s']} s; the tool on the final archive: {out['check']['tool_after']}")
    return out


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        result = child_setup(int(sys.argv[3])) if sys.argv[2] == "setup" else child_check(sys.argv[3])
        print(json.dumps(result, ensure_ascii=False))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--voters", type=int, default=400, choices=range(20, 20001), metavar="20..20000")
    parser.add_argument("--duration", type=int, default=60, choices=range(5, 601), metavar="5..600")
    parser.add_argument("--connections", type=int, default=16, choices=range(1, 257), metavar="1..256")
    parser.add_argument("--revote", type=float, default=0.15, help="chance a client takes a voter who voted")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--reuse-db", action="store_true", help=f"keep {web.DB_NAME} when it exists")
    parser.add_argument("--keep", action="store_true", help="keep the server's var directory (the archive)")
    args = parser.parse_args()
    from azamat.voting import belenios

    if not belenios.available():
        parser.error("belenios-tool is not installed (apt-get install belenios-tool)")
    if not Path(web.WRK).exists():
        parser.error("wrk is not installed (apt-get install wrk)")
    if not web.port_is_free(web.PORT):
        parser.error(f"{HOST}:{web.PORT} is already in use")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = datetime.datetime.now(datetime.UTC)
    version = subprocess.run([belenios.TOOL, "--version"], capture_output=True, text=True, check=False).stdout
    report: dict = {
        "started": started.isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count()},
        "tool": f"{belenios.TOOL} {version.strip()}",
        "settings": vars(args),
        "load_average_before": loadavg(),
        "busiest_before": busiest(),
    }
    log(f"{report['tool']}, {os.cpu_count()} CPUs, load {report['load_average_before']}; busiest processes:")
    for line in report["busiest_before"]:
        log(f"  {line}")
    var_dir = Path(tempfile.mkdtemp(prefix="azamat-bench-voting-cast-"))
    try:
        report.update(measure(args, web.server_env(var_dir), var_dir))
    finally:
        if args.keep:
            log(f"var directory (the archive under media/voting/) kept in {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)
    report["load_average_after"] = loadavg()
    report["busiest_after"] = busiest()
    before, after = (report["healthz"][when]["rps"] for when in ("before", "after"))
    rate = report["casting"]["accepted_per_s"]
    report["healthz_mean_rps"] = round((before + after) / 2, 1)
    report["ratio_accepted_vs_healthz"] = round(rate / report["healthz_mean_rps"], 5)
    report["ratio_accepted_vs_healthz_before"] = round(rate / before, 5)
    report["ratio_accepted_vs_healthz_after"] = round(rate / after, 5)
    check, casting = report["check"], report["casting"]
    report["checks"] = {
        "ballot_rows_equal_accepted": check["ballot_rows"] == casting["accepted"] and check["trackers_equal"],
        "archive_ballots_equal_accepted": check["archive_ballots"] == casting["accepted"],
        "voters_marked_equal_voters_who_voted": check["voters_marked_voted"] == casting["voters_who_voted"],
        "verify_passed": check["verify_ok"],
        "no_errors": not casting["errors"],
    }
    report["checks_pass"] = all(report["checks"].values())
    report["table"] = table(report)
    RESULTS_DIR.mkdir(exist_ok=True)
    out = RESULTS_DIR / f"voting_cast-{started:%Y-%m-%d-%H%M%S}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(json.dumps({k: v for k, v in report.items() if k != "table"}, ensure_ascii=False, indent=1))
    print()
    print(report["table"])
    print()
    print(
        f"ballots accepted ÷ /healthz = {report['ratio_accepted_vs_healthz']} ({rate} ÷ "
        f"{report['healthz_mean_rps']:.0f}, the mean of before and after); "
        f"checks {'pass' if report['checks_pass'] else 'FAIL'}: {report['checks']}"
    )
    log(f"wrote {out}")
    return 0 if report["checks_pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
