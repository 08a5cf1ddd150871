"""Monitoring benchmark (issue 12): the public pages and the monitors' search over 100,000 events, and what the
encryption of the records costs.

What it does:
1. Seeds its own PostgreSQL database (azamat_bench_monitoring; `azamat seed --only monitoring`, scale 100 by
   default: 100,000 events — 60,000 of them the human-rights bureau's — with their persons, acts, sources, cases,
   candidates and published copies) and VACUUM ANALYZEs it. The server is the one DATABASE_URL points to (its
   database name replaced), or 127.0.0.1:5432 as user postgres. The vault's keys are kept in
   var/bench-monitoring-vault.json, so that --reuse-db can read what an earlier run sealed.
2. Serves Azamat with gunicorn (bench/web.py's helpers) and loads each target with wrk (16 connections), as a
   ratio to the trivial view /healthz served by the same server in the same run: the public report page and the
   public list of persecuted persons, each as an anonymous visitor gets it (from the public-page cache) and
   rendered in full (a query parameter the cache does not keep); the public events list rendered in full; the
   monitors' search — the bureau's events page, signed in as its verifier (who sees its 60,000 events), by a
   surname (through the blind index of the persons' names), by a surname with filters (status, type, region),
   and by a word of the title (the blind index of the titles). Every search writes its row in the log of reads,
   as in production.
3. Encryption (a child process with the server's settings, in a transaction rolled back): saving and reading a
   Person (7 sealed fields and the blind index of the name) and an Event (4 sealed fields, the index of the title)
   with the vault on, against the same saves and reads with the vault's seal, unseal and blind index replaced by
   the identity — the same code, tables and history rows, without the cryptography. Median of --repeat rounds of
   --records records each, after a warm-up; the figure is the ratio with ÷ without.

    .venv/bin/python bench/monitoring.py [--scale 100] [--duration 20] [--reuse-db] [--parts web,crypto]

Needs PostgreSQL and wrk. Writes bench/results/monitoring-<date>.json and prints the figures. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import secrets
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

web.DB_NAME = "azamat_bench_monitoring"
web.PORT = 8774
KEYS_FILE = PROJECT_DIR / "var" / "bench-monitoring-vault.json"
SEED_TIMEOUT = 4 * 3600


def _server_url() -> str:
    """postgres://user@host:port of the server DATABASE_URL names (without its database), or the default."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urllib.parse.urlsplit(url)
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    return web.PG_URL


web.PG_URL = _server_url()


def _vault_env() -> dict[str, str]:
    """The same vault keys in every run on this database (a new key would leave the sealed data unreadable)."""
    if not KEYS_FILE.exists():
        from cryptography.fernet import Fernet

        KEYS_FILE.parent.mkdir(parents=True, exist_ok=True)
        KEYS_FILE.write_text(
            json.dumps({"keys": [Fernet.generate_key().decode()], "index_key": secrets.token_urlsafe(32)})
        )
        KEYS_FILE.chmod(0o600)
    stored = json.loads(KEYS_FILE.read_text())
    return {"AZAMAT_VAULT_KEYS": ",".join(stored["keys"]), "AZAMAT_VAULT_INDEX_KEY": stored["index_key"]}


# Child mode: Django with the server's settings -----------------------------------------------------------------


def _django():
    import django

    django.setup()


def child_facts() -> dict:
    """The bureau, its verifier's session, surnames that find events, the filters' values, the counts."""
    _django()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Count

    from azamat.accounts.models import User
    from azamat.monitoring.models import (
        Event,
        MonitoringRole,
        Person,
        PublishedEntry,
        PublishedEvent,
        ReadLog,
        Term,
    )

    verifier = User.objects.get(email="verifier@azamat.kz")
    bureau = MonitoringRole.objects.filter(user=verifier, role="verifier").get().organisation
    session = SessionStore()
    session[SESSION_KEY] = str(verifier.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = verifier.get_session_auth_hash()
    session.set_expiry(24 * 3600)
    session.create()
    # Surnames as people type them: the commonest and rarer ones (the name column is sealed: read in Python).
    counts: dict[str, int] = {}
    for person in Person.objects.filter(organisation=bureau).order_by("pk").only("name")[:3000]:
        surname = person.name.split()[0]
        counts[surname] = counts.get(surname, 0) + 1
    ranked = sorted(counts, key=lambda s: (-counts[s], s))
    region = (
        Event.objects.filter(organisation=bureau)
        .values("region")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()["region"]
    )
    return {
        "bureau": bureau.pk,
        "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
        "surnames": ranked[:3] + ranked[len(ranked) // 2 : len(ranked) // 2 + 3],
        "region": region,
        "type": Term.objects.get(kind="event_type", code="detention").pk,
        "counts": {
            "events": Event.objects.count(),
            "bureau_events": Event.objects.filter(organisation=bureau).count(),
            "persons": Person.objects.count(),
            "published_events": PublishedEvent.objects.count(),
            "list_entries": PublishedEntry.objects.count(),
            "reads_logged": ReadLog.objects.count(),
        },
    }


def _median_rate(func, records: int, repeat: int) -> float:
    """Median seconds per record over `repeat` rounds, after one warm-up round."""
    func(max(10, records // 10))
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func(records)
        times.append((time.perf_counter() - start) / records)
    return statistics.median(times)


def child_crypto(records: int, repeat: int) -> dict:
    _django()
    from django.db import transaction

    from azamat.accounts.models import User
    from azamat.core import vault
    from azamat.monitoring.models import Event, MonitoringRole, Person, Term
    from azamat.monitoring.models import records as record_models
    from azamat.registry.models import Region

    verifier = User.objects.get(email="verifier@azamat.kz")
    bureau = MonitoringRole.objects.filter(user=verifier, role="verifier").get().organisation
    region = Region.objects.get(kato="750000000")
    kind = Term.objects.get(kind="event_type", code="assembly")
    made: dict[str, list[int]] = {"person": [], "event": []}

    def save_persons(n: int) -> None:
        for i in range(n):
            person = Person.objects.create(
                organisation=bureau,
                name=f"Бенчмарков{i} Ержан Серикович",
                other_names=f"Benchmarkov{i} Yerzhan",
                birth_date="12.03.1988",
                phone="+7 701 555 12 34",
                address="г. Алматы, ул. Жандосова, 58, кв. 12",
                notes="Просит не указывать место работы; связь через адвоката.",
                consent_note="",
                region=region,
                created_by=verifier,
            )
            made["person"].append(person.pk)

    def read_persons(n: int) -> None:
        for pk in made["person"][-n:]:
            person = Person.objects.get(pk=pk)
            assert person.name.startswith("Бенчмарков")

    def save_events(n: int) -> None:
        for i in range(n):
            event = Event.objects.create(
                organisation=bureau,
                title=f"Задержание участников мирного собрания у акимата {i}",
                description="Полиция задержала пятерых участников, одного избили при задержании. " * 3,
                type=kind,
                date=datetime.date(2026, 3, 14),
                region=region,
                place="площадь у здания акимата, ул. Абая",
                entered_by=verifier,
            )
            made["event"].append(event.pk)

    def read_events(n: int) -> None:
        for pk in made["event"][-n:]:
            event = Event.objects.get(pk=pk)
            assert event.title.startswith("Задержание")

    def measure() -> dict:
        out = {}
        for name, func in (
            ("person_save", save_persons),
            ("person_read", read_persons),
            ("event_save", save_events),
            ("event_read", read_events),
        ):
            out[name] = _median_rate(func, records, repeat)
        return out

    originals = (vault.seal, vault.unseal, record_models.blind_tokens)
    with transaction.atomic():
        encrypted = measure()
        made["person"].clear()
        made["event"].clear()
        # The same code without the cryptography: sealing, opening and the keyed index are the identity.
        vault.seal, vault.unseal = (lambda text: text), (lambda token: token)
        record_models.blind_tokens = lambda *texts: ""
        try:
            plain = measure()
        finally:
            vault.seal, vault.unseal, record_models.blind_tokens = originals
        transaction.set_rollback(True)

    start = time.perf_counter()
    for _ in range(10_000):
        vault.unseal(vault.seal("Ержан Серикович Сапаров"))
    per_value = (time.perf_counter() - start) / 10_000
    return {
        "records": records,
        "repeat": repeat,
        "per_record_ms": {
            name: {
                "encrypted": round(encrypted[name] * 1000, 3),
                "plain": round(plain[name] * 1000, 3),
                "ratio": round(encrypted[name] / plain[name], 2),
            }
            for name in encrypted
        },
        "seal_and_unseal_one_name_us": round(per_value * 1e6, 1),
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


# The targets -----------------------------------------------------------------------------------------------------


def _q(path: str, **params) -> str:
    return path + ("?" + urllib.parse.urlencode(params) if params else "")


def targets(facts: dict) -> list[Target]:
    events = f"/workspace/monitoring/{facts['bureau']}/events/"
    signed_in = {"Cookie": facts["cookie"]}
    surnames = facts["surnames"]
    return [
        Target("baseline", "Trivial view /healthz (baseline)", ["/healthz"]),
        Target("report_cached", "Public report /monitoring/, cached", ["/monitoring/"]),
        Target(
            "report_full",
            "Public report /monitoring/, rendered in full",
            [_q("/monitoring/", uncached=str(n)) for n in range(8)],
        ),
        Target("list_cached", "Public list of persecuted persons, cached", ["/monitoring/list/"]),
        Target(
            "list_full",
            "Public list of persecuted persons, rendered in full",
            [_q("/monitoring/list/", uncached=str(n)) for n in range(8)],
        ),
        Target(
            "events_full",
            "Public events list, rendered in full",
            [_q("/monitoring/events/", uncached=str(n)) for n in range(8)],
        ),
        Target(
            "search_name",
            f"Monitors' search by surname, {len(surnames)} surnames rotating",
            [_q(events, name=s) for s in surnames],
            signed_in,
        ),
        Target(
            "search_filters",
            "Monitors' search by surname + status, type and region",
            [
                _q(events, name=s, status="verified", type=facts["type"], region=facts["region"])
                for s in surnames
            ],
            signed_in,
        ),
        Target(
            "search_title",
            "Monitors' search by a word of the title",
            [_q(events, q=w) for w in ("собрания", "журналиста", "обыск", "сайлау")],
            signed_in,
        ),
        Target("events_page", "Monitors' events page, no filter", [events], signed_in),
    ]


# Main ------------------------------------------------------------------------------------------------------------


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind = sys.argv[2]
        result = child_facts() if kind == "facts" else child_crypto(int(sys.argv[3]), int(sys.argv[4]))
        print(json.dumps(result, ensure_ascii=False))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=100)
    parser.add_argument("--duration", type=int, default=20, choices=range(2, 301), metavar="2..300")
    parser.add_argument("--connections", type=int, default=16, choices=range(1, 257), metavar="1..256")
    parser.add_argument("--records", type=int, default=300, help="records saved and read per round (crypto)")
    parser.add_argument("--repeat", type=int, default=5, choices=range(1, 51), metavar="1..50")
    parser.add_argument("--reuse-db", action="store_true", help=f"keep {web.DB_NAME} when it exists")
    parser.add_argument("--parts", default="web,crypto", help="which measurements (default web,crypto)")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    if "web" in parts and not Path(web.WRK).exists():
        parser.error("wrk is not installed (apt-get install wrk)")
    if "web" in parts and not web.port_is_free(web.PORT):
        parser.error(f"{HOST}:{web.PORT} is already in use")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = datetime.datetime.now(datetime.UTC)
    var_dir = Path(tempfile.mkdtemp(prefix="azamat-bench-monitoring-"))
    env = web.server_env(var_dir, DATABASE_URL=f"{web.PG_URL}/{web.DB_NAME}", **_vault_env())
    azamat = str(BIN_DIR / "azamat")
    report: dict = {
        "started": started.isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count()},
        "settings": {**vars(args), "gunicorn_workers": web.GUNICORN_WORKERS},
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
                [azamat, "seed", "--scale", str(args.scale), "--seed", "1", "--only", "monitoring"], env
            )
            report["seed_s"], report["seed_steps_s"] = round(seed_s, 1), steps
            web.run(
                [
                    sys.executable,
                    "-c",
                    "import psycopg,sys; c=psycopg.connect(sys.argv[1], autocommit=True); c.execute('VACUUM ANALYZE')",
                    f"{web.PG_URL}/{web.DB_NAME}",
                ],
                env,
                timeout=3600,
            )
        facts = run_child(env, "facts")
        report["database"] = facts["counts"]
        report["search"] = {"surnames": facts["surnames"], "region": facts["region"], "type": facts["type"]}
        log(f"database: {facts['counts']}")
        if "crypto" in parts:
            log(
                f"encryption: {args.records} persons and events saved and read, {args.repeat} rounds each way"
            )
            report["crypto"] = run_child(env, "crypto", str(args.records), str(args.repeat))
            log(json.dumps(report["crypto"], ensure_ascii=False))
        if "web" in parts:
            web.run([azamat, "collectstatic", "--noinput", "-v0"], env)
            server = web.start_gunicorn(var_dir, env)
            chosen = targets(facts)
            results, probes = web.measure(chosen, args.duration, args.connections)
            report["web"], report["probes"] = results, probes
            base = results["baseline"]["rps"]
            report["ratios"] = {
                t.name: round(results[t.name]["rps"] / base, 4) if base else None for t in chosen
            }
            print(web.table(chosen, results))
    finally:
        if server is not None:
            web.stop(server)
    report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    errors = sum(r["errors"]["total"] for r in report.get("web", {}).values())
    expected = round(300 * args.scale) if args.scale <= 1 else round(300 + (args.scale - 1) * 99_700 / 99)
    report["checks_pass"] = report["database"]["events"] == max(30, expected) and errors == 0
    RESULTS_DIR.mkdir(exist_ok=True)
    out = RESULTS_DIR / f"monitoring-{started:%Y-%m-%d-%H%M%S}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(
        json.dumps(
            {k: report[k] for k in ("database", "ratios", "crypto") if k in report},
            ensure_ascii=False,
            indent=1,
        )
    )
    log(f"wrote {out}")
    return 0 if report["checks_pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
