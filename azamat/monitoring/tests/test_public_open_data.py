"""The open data of published events is streamed: its queries do not grow with the rows (one a chunk of 2,000),
every CSV cell is safe to open in a spreadsheet, and only the published, redacted copies of verified records are
in it."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from azamat.monitoring import publication
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_listing_factories as lf
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _download(client, fmt: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("monitoring:open_data", args=[fmt]))
        body = b"".join(response.streaming_content).decode()
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="azamat-monitoring-events.{fmt}"'
    return len(queries), body


def _publish(k: int, titles: list[str]) -> None:
    org = OrganisationFactory()
    people = mf.team(org)
    for n in range(k):
        title = titles[n % len(titles)] + f" {org.pk}-{n}"
        event = lf.verified_event(org, by=people["monitor"], verifier=people["verifier"], title=title)
        publication.event_publish(event=event, by=people["verifier"])


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_download_makes_as_many_queries_for_more_rows(client, fmt):
    titles = ["=SUM(A1:A2) задержание", "+7 обысков", "-штраф активисту", "@блокировка сайта", "Задержание"]
    _publish(3, titles)
    few, body = _download(client, fmt)
    _publish(3, titles)
    more, body = _download(client, fmt)
    assert few == more
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
        assert len(rows) == 1 + 6
        cells = [cell for row in rows[1:] for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
        assert sum(cell.startswith("'=SUM(A1:A2)") for cell in cells) == 2
    else:
        rows = json.loads(body)
        assert len(rows) == 6 and sum(row["title"].startswith("=SUM") for row in rows) == 2
        assert {row["month"] for row in rows} <= set(range(1, 13))


def test_an_unpublished_record_is_not_in_the_open_data(client):
    org = OrganisationFactory()
    people = mf.team(org)
    mf.event(org, by=people["monitor"], title="Неопубликованная запись о задержании")
    event = lf.verified_event(
        org, by=people["monitor"], verifier=people["verifier"], title="Проверенная запись"
    )
    publication.event_publish(event=event, by=people["verifier"])
    _count, body = _download(client, "csv")
    assert "Проверенная запись" in body and "Неопубликованная" not in body
    assert "Ержан Сапаров" not in body and "Жандосова" not in body
