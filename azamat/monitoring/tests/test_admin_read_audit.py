"""Every read of a sensitive record is in the log of reads: each page of the records and the casework that opens
one record (every URL name of urls_records.py and urls_casework.py with a record's number in it, taken from the
urls files, so a new page is covered the day it is added) is opened by a verifier of the organisation, and each
GET leaves a row naming who read which record — never the record's contents. A search by a person's name is
logged with the count of what it found, not the name. The organisation's administrator then reads those rows on
the log page; a refused attempt is logged too."""

import datetime
import html

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from azamat.monitoring import storage, urls_casework, urls_records
from azamat.monitoring.models import (
    Attachment,
    Detention,
    Intervention,
    ReadLog,
    SiteCheck,
)
from azamat.testing import monitoring_factories as mf
from azamat.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
VICTIM = "Сандуғаш Ермекқызы Кенжебаева"
# The record each address's first segment names.
RECORDS = {
    "events": "event",
    "acts": "act",
    "perpetrators": "involvement",
    "sources": "source",
    "files": "attachment",
    "persons": "person",
    "interventions": "intervention",
    "cases": "case",
    "sites": "site",
    "detentions": "detention",
}
# Pages that open a record which identifies nobody: logged or not, they are not a read of sensitive data.
NOT_SENSITIVE = {
    "site": "a blocked website's address and its checks are public by design",
    "site_check_new": "a blocked website's address and its checks are public by design",
    "hearing_new": "the form shows the case's number and court only, no sealed field",
}


@pytest.fixture
def world(ngo, alice):
    people = mf.team(ngo)
    monitor = people["monitor"]
    verifier = people["verifier"]
    mf.grant(
        verifier, ngo, "expert", "lawyer"
    )  # sees every record of the organisation that is not restricted
    mf.two_factor(alice)  # the organisation's administrator
    victim = mf.person(ngo, VICTIM, by=monitor)
    event = mf.event(ngo, by=monitor, victim=victim, title=f"Задержание {VICTIM}")
    act = event.acts.get()
    attachment = Attachment(organisation=ngo, event=event, uploaded_by=monitor)
    storage.store(attachment, ContentFile(b"%PDF-1.4\n%%EOF\n", name="protocol.pdf"))
    case = mf.case(ngo, lawyer=verifier, client=victim, by=monitor)
    case.events.add(event)
    site = mf.site(ngo)
    SiteCheck.objects.create(site=site, checked_at=timezone.now(), result="blocked", checked_by=monitor)
    detention = Detention.objects.create(person=victim, place="СИЗО-1", since=datetime.date(2026, 1, 5))
    intervention = Intervention.objects.create(
        organisation=ngo,
        event=event,
        person=victim,
        kind="complaint",
        sent_on=timezone.localdate(),
        summary="Жалоба на задержание",
        text="Просим проверить.",
        created_by=monitor,
    )
    return {
        "org": ngo,
        "admin": alice,
        "verifier": verifier,
        "pk": {
            "event": event.pk,
            "act": act.pk,
            "involvement": act.involvements.get().pk,
            "source": event.sources.get().pk,
            "attachment": attachment.pk,
            "person": victim.pk,
            "intervention": intervention.pk,
            "case": case.pk,
            "site": site.pk,
            "detention": detention.pk,
        },
    }


def _record_pages():
    """(url name, first segment) of every records and casework page with a record's number in its address."""
    for pattern in [*urls_records.urlpatterns, *urls_casework.urlpatterns]:
        route = str(pattern.pattern)
        if "<int:pk>" in route:
            yield pattern.name, route.split("/")[0]


# Actions on a record, POST only: nothing to read on them.
POST_ONLY = {"act_delete", "involvement_delete", "attachment_delete"}


def test_the_urls_files_name_record_pages():
    assert len(list(_record_pages())) >= 20  # the walk finds the pages, so the test below covers them


@pytest.mark.parametrize(("name", "segment"), list(_record_pages()))
def test_every_page_of_a_sensitive_record_logs_the_read(client, world, name, segment):
    verifier = world["verifier"]
    client.force_login(verifier)
    url = reverse(f"monitoring:{name}", kwargs={"pk": world["pk"][RECORDS[segment]]})
    before = set(ReadLog.objects.values_list("pk", flat=True))

    response = client.get(url)

    if name in POST_ONLY:  # an action: it shows nothing, and a GET is refused
        assert response.status_code == 405, f"GET {name}: {response.status_code}"
        return
    assert response.status_code == 200, f"GET {name}: {response.status_code}"
    if name in NOT_SENSITIVE:
        return
    rows = ReadLog.objects.exclude(pk__in=before)
    assert rows.count() >= 1, f"GET {name} left no row in the log of reads"
    row = rows.order_by("pk").first()
    assert row.user == verifier and row.organisation_id == world["org"].pk
    assert row.action in {"view", "edit", "download"}
    assert row.record_id is not None
    assert not any(word in row.what for word in VICTIM.split()), (
        "the log names the record, never its contents"
    )


def test_a_search_by_name_is_logged_with_its_count_and_not_the_name(client, world):
    client.force_login(world["verifier"])
    # The events page searches the persons of the events by `name`; the persons page by `q`.
    for name, field in (("events", "name"), ("persons", "q")):
        before = ReadLog.objects.count()
        response = client.post(
            reverse(f"monitoring:{name}", kwargs={"org": world["org"].pk}), {field: "Кенжебаева"}
        )
        assert response.status_code == 200
        rows = ReadLog.objects.order_by("-pk")[: ReadLog.objects.count() - before]
        searches = [r for r in rows if r.action == "search"]
        assert searches, f"a search by name on {name} left no row"
        assert searches[0].what == "1" and "Кенжебаева" not in searches[0].what


def test_the_administrator_reads_the_rows_and_refusals_are_there_too(client, world):
    verifier, stranger = world["verifier"], UserFactory()
    client.force_login(verifier)
    client.get(reverse("monitoring:event", kwargs={"pk": world["pk"]["event"]}))
    client.get(reverse("monitoring:attachment", kwargs={"pk": world["pk"]["attachment"]}))
    mf.grant(stranger, OrganisationFactory(), "verifier")  # a verifier of another organisation
    client.force_login(stranger)
    assert client.get(reverse("monitoring:event", kwargs={"pk": world["pk"]["event"]})).status_code == 403

    client.force_login(world["admin"])
    page = client.get(reverse("monitoring:reads", kwargs={"org": world["org"].pk}), HTTP_ACCEPT_LANGUAGE="en")
    entries = [row["entry"] for row in page.context["rows"]]
    assert [(e.user, e.action, e.record_type) for e in entries[:3]] == [
        (stranger, "refused", "event"),
        (verifier, "download", "attachment"),
        (verifier, "view", "event"),
    ]
    text = html.unescape(page.content.decode())
    assert "Refused" in text and "Downloaded a file" in text
    assert VICTIM not in text
