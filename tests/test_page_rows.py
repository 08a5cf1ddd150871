"""The public lists whose rows are written in Python (core/templatetags/fragments.py, registry_markup.py,
grants_markup.py) escape what people typed, link each row to its page and say when nothing matches, as the
template loops they replaced did."""

import datetime

import pytest
from django.utils import timezone, translation

from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.models import Application, Project
from azamat.registry.models import GovernmentBody
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script> & Ко'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Ко"


def _page(client, url, **params) -> str:
    response = client.get(url, params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_the_directory_rows(client):
    org = OrganisationFactory(name_ru=HOSTILE, name_kk=HOSTILE)
    body = _page(client, "/organisations/")
    assert HOSTILE not in body and ESCAPED in body
    assert f'<h2><a href="/organisations/{org.bin}/">{ESCAPED}</a></h2>' in body
    assert f"BIN {org.bin} · " in body
    assert "No organisation matches. Try fewer words or other filters." in _page(
        client, "/organisations/", q="zzzzqqqq"
    )


def test_the_government_bodies_rows(client):
    parent = GovernmentBody.objects.get(code="mci")
    new = GovernmentBody.objects.create(
        code="test-body", name_kk=HOSTILE, name_ru=HOSTILE, kind="ministry", level="republican", parent=parent
    )
    body = _page(client, "/government-bodies/", q="alert")
    assert HOSTILE not in body
    assert f'<li><h2><a href="/government-bodies/test-body/">{ESCAPED}</a></h2>' in body
    with translation.override("en"):
        assert f"{new.get_kind_display()} · {new.get_level_display()} · {parent.name}</div></li>" in body
    assert "<li>No body matches.</li>" in _page(client, "/government-bodies/", q="zzzzqqqq")


def test_the_calls_rows(client):
    now = timezone.now()
    call = CallFactory(
        title_en=HOSTILE,
        title_ru=HOSTILE,
        title_kk=HOSTILE,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=9),
    )
    DirectionFactory(call=call)
    body = _page(client, "/grants/")
    assert HOSTILE not in body
    assert f'<h2><a href="/grants/calls/{call.code}/">{ESCAPED}</a></h2>' in body
    opens = timezone.localtime(call.opens_at).strftime("%d.%m.%Y %H:%M")
    assert f"applications from {opens} to " in body
    assert "1 direction</div>" in body


def test_the_results_rows(client):
    now = timezone.now()
    call = CallFactory(
        opens_at=now - datetime.timedelta(days=40), closes_at=now - datetime.timedelta(days=10)
    )
    direction = DirectionFactory(call=call)
    winner = ApplicationFactory(
        call=call, direction=direction, status=Application.Status.AWARDED, number="N-1", title=HOSTILE
    )
    ApplicationFactory(call=call, direction=direction, status=Application.Status.NOT_AWARDED, number="")
    project = Project.objects.create(
        application=winner,
        agreement_number="AG-1",
        amount="1500.50",
        signed_on=datetime.date(2026, 4, 1),
        starts_on=datetime.date(2026, 4, 15),
        ends_on=datetime.date(2026, 10, 15),
    )
    call.results_published = True
    call.save()
    body = _page(client, f"/grants/calls/{call.code}/results/")
    assert HOSTILE not in body
    assert '<tr class="row-awarded"><th scope="row">N-1</th>' in body
    assert f'<td data-label="Project"><a href="/grants/projects/{project.pk}/">' in body
    assert '<span class="decision decision-awarded">Awarded</span>' in body
    assert '<span class="decision decision-not-awarded">Not awarded</span>' in body
    assert '<td class="num" data-label="Amount, ₸">1,500.50</td></tr>' in body
    assert '<tr><th scope="row">—</th>' in body  # no number yet
