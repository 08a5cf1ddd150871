"""The counting job: a window lagging behind now, the watermark and the counts moving together, nothing counted
twice, thresholds stamped once, reconciliation; and on PostgreSQL two workers at once, a worker killed (kill -9)
in the middle of its transaction, and a moderator's invalidation waiting for the lock — the count checked
against the rows each time."""

import datetime
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from azamat.campaigns import counting
from azamat.campaigns.models import Petition, Signature, Tally
from azamat.testing import campaigns_factories as f
from azamat.testing.factories import UserFactory

ROOT = Path(__file__).resolve().parents[3]


def _signatures(petition, n, *, confirmed_at=None, start=0, **fields):
    rows = [
        Signature(
            petition=petition,
            name=f"Signer {i}",
            email=f"s{i}@example.kz",
            email_key=f"key-{petition.pk}-{i}",
            confirmed_at=confirmed_at,
            **fields,
        )
        for i in range(start, start + n)
    ]
    Signature.objects.bulk_create(rows)


def _truth(petition) -> int:
    return Signature.objects.filter(
        petition=petition, confirmed_at__lte=counting.counted_until(), invalidation__isnull=True
    ).count()


@pytest.mark.django_db
def test_window_watermark_thresholds_and_reconcile(capsys):
    petition = f.petition(goal=8)
    now = timezone.now()
    _signatures(petition, 3, confirmed_at=now - datetime.timedelta(minutes=1))
    _signatures(petition, 2, confirmed_at=now - datetime.timedelta(seconds=2), start=3)  # inside the lag
    _signatures(petition, 4, start=5)  # unconfirmed
    result = counting.count_signatures(now=now)
    petition.refresh_from_db()
    assert result["counted"] == 3 and petition.signature_count == 3 == _truth(petition)
    assert Tally.objects.get().counted_until == now - counting.LAG
    assert counting.count_signatures(now=now)["counted"] == 0  # the same window again: nothing twice
    later = now + datetime.timedelta(seconds=10)
    Signature.objects.filter(confirmed_at__isnull=True).update(
        confirmed_at=later - datetime.timedelta(seconds=6)
    )
    counting.count_signatures(now=later)
    petition.refresh_from_db()
    assert petition.signature_count == 9 == _truth(petition)
    assert list(petition.thresholds.values_list("signatures", flat=True)) == [2, 4, 6, 8]
    assert petition.goal_reached_at and petition.listed_at and petition.status == Petition.Status.SENT
    # A count gone wrong (by hand, or a confirmation that slipped behind the watermark) is set right nightly.
    Petition.objects.filter(pk=petition.pk).update(signature_count=2)
    call_command("petitions_reconcile")
    assert "2 → 9" in capsys.readouterr().out
    petition.refresh_from_db()
    assert petition.signature_count == 9
    call_command("petitions_count")  # the command's single run
    assert "counted 0 signatures" in capsys.readouterr().out


HOLDER = """
import os, sys, time
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "azamat.test_settings"
django.setup()
from django.db import transaction
from azamat.campaigns.counting import count_signatures
with transaction.atomic():
    result = count_signatures()  # its changes stay uncommitted inside this transaction
    print("counted", result and result["counted"], flush=True)
    time.sleep(600)  # killed here with -9: nothing of the run may survive
"""


def _start_holder():
    database = settings.DATABASES["default"]
    url = f"postgres://{database['USER']}:{database.get('PASSWORD') or ''}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(  # noqa: S603 (our own script, this interpreter)
        [sys.executable, "-c", HOLDER],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    assert line.startswith("counted"), process.stderr.read()
    return process, line


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgresql
def test_a_killed_worker_a_second_worker_and_an_invalidation_keep_the_count_exact():
    petition = f.petition(goal=1000)
    past = timezone.now() - datetime.timedelta(minutes=5)
    _signatures(petition, 40, confirmed_at=past)
    _signatures(petition, 10, confirmed_at=past, start=40, ip_key="bad")
    process, line = _start_holder()  # a worker in the middle of its run, holding the lock
    assert line.strip() == "counted 50"
    assert counting.count_signatures() is None  # a second worker skips: one at a time
    moderator = UserFactory()
    done = {}
    invalidating = threading.Thread(
        target=lambda: done.update(
            inv=counting.invalidate(petition=petition, by=moderator, reason="flood", ip_key="bad")
        )
    )
    invalidating.start()  # waits for the lock
    invalidating.join(timeout=1)
    assert invalidating.is_alive() and Petition.objects.get(pk=petition.pk).signature_count == 0
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    invalidating.join(timeout=60)
    assert done["inv"].count == 10
    petition.refresh_from_db()
    assert petition.signature_count == 0  # the killed run left nothing; nothing counted was struck out
    assert counting.counted_until() < past  # the watermark did not move either

    # Two workers at once while people keep confirming: the count ends exact.
    stop = threading.Event()
    runs = []

    def worker():
        try:
            while not stop.is_set():
                runs.append(counting.count_signatures())
        finally:
            connection.close()

    workers = [threading.Thread(target=worker) for _ in range(2)]
    for thread in workers:
        thread.start()
    for batch in range(5):
        # Stamped now, as confirming does: the workers' window lags behind, so none slips past the watermark.
        _signatures(petition, 20, confirmed_at=timezone.now(), start=100 + 20 * batch)
    stop.set()
    for thread in workers:
        thread.join(timeout=60)
    counting.count_signatures(now=timezone.now() + counting.LAG + datetime.timedelta(seconds=2))
    petition.refresh_from_db()
    assert petition.signature_count == 140 == _truth(petition)
    assert any(
        r is not None and r["counted"] for r in runs
    )  # the workers counted the 40 left by the killed one
    assert counting.reconcile() == {}
