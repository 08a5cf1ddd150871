"""The record's pages in Kazakh and Russian: each renders, and no English word of ours shows — neither a word of the
catalogue's English source strings (tests/crawl/english.py) nor any word the same page shows in English (so a
string left untranslated is caught even before it reaches the catalogue)."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from azamat.monitoring.models import Attachment, Detention, Intervention, Involvement
from azamat.monitoring.storage import store
from azamat.registry.models import GovernmentBody
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_records_factories as rf
from tests.crawl.english import ALLOWED, _words, english_on_page, visible_texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    organisation, people = rf.organisation_with_team()
    monitor, verifier = people["monitor"], people["verifier"]
    victim = mf.person(organisation, "Айдос Серикбаев", by=verifier, other_names="Серікбаев Айдос")
    event = mf.event(organisation, by=monitor, victim=victim, reliability="medium")
    event.rights.add(mf.term("right", "assembly"))
    event.readers.add(people["expert"])
    act = event.acts.get()
    body = GovernmentBody.objects.order_by("pk").first()
    Involvement.objects.create(act=act, body=body, role=Involvement.Role.ORDERED)
    Involvement.objects.create(
        act=act, perpetrator=mf.person(organisation, "Ержан Полицейский", by=verifier), role="failed"
    )
    source = event.sources.get()
    source.person = victim
    source.save()
    attachment = Attachment(organisation=organisation, event=event, uploaded_by=monitor)
    store(attachment, ContentFile(b"%PDF-1.4\n%%EOF\n", name="protokol.pdf"))
    Intervention.objects.create(
        organisation=organisation,
        event=event,
        kind=Intervention.Kind.COMPLAINT,
        body=body,
        sent_on=timezone.localdate(),
        summary="Жалоба на задержание",
        created_by=monitor,
    )
    Detention.objects.create(
        person=victim, place="Следственный изолятор", since=timezone.localdate() - datetime.timedelta(days=4)
    )
    mf.case(organisation, lawyer=people["lawyer"], client=victim, by=verifier)
    event.title = "Разгон собрания у акимата"  # a change, for the history
    event._history_user = verifier
    event.save()
    return organisation, people, event, act, source, victim


def _pages(organisation, event, act, source, victim):
    org, pk = organisation.pk, event.pk
    return [
        ("get", reverse("monitoring:events", args=[org]), {}),
        ("post", reverse("monitoring:events", args=[org]), {"q": "собрания", "status": "received"}),
        (
            "post",
            reverse("monitoring:events", args=[org]),
            {"date_from": "2024-05-01", "date_to": "2024-01-01"},
        ),
        ("get", reverse("monitoring:event", args=[pk]), {}),
        ("get", reverse("monitoring:event_new", args=[org]), {}),
        (
            "post",
            reverse("monitoring:event_new", args=[org]),
            {"settlement_kato": "12", "date": "2999-01-01"},
        ),
        ("get", reverse("monitoring:event_edit", args=[pk]), {}),
        ("get", reverse("monitoring:act_new", args=[pk]), {}),
        ("post", reverse("monitoring:act_new", args=[pk]), {"type": act.type_id}),
        ("get", reverse("monitoring:act_edit", args=[act.pk]), {}),
        ("get", reverse("monitoring:involvement_new", args=[act.pk]), {}),
        ("post", reverse("monitoring:involvement_new", args=[act.pk]), {"role": "ordered"}),
        ("get", reverse("monitoring:source_new", args=[pk]), {}),
        ("post", reverse("monitoring:source_new", args=[pk]), {"kind": "media", "reliability": "c"}),
        ("get", reverse("monitoring:source_edit", args=[source.pk]), {}),
        ("get", reverse("monitoring:attachment_new", args=[pk]), {}),
        (
            "post",
            reverse("monitoring:attachment_new", args=[pk]),
            {"file": ContentFile(b"x", name="virus.exe")},
        ),
        ("get", reverse("monitoring:persons", args=[org]), {}),
        ("post", reverse("monitoring:persons", args=[org]), {"q": "Серикбаев"}),
        ("post", reverse("monitoring:persons", args=[org]), {"q": "Никтоев"}),
        ("get", reverse("monitoring:person_new", args=[org]), {}),
        ("post", reverse("monitoring:person_new", args=[org]), {"consent_to_publish": "on"}),
        ("get", reverse("monitoring:person", args=[victim.pk]), {}),
        ("get", reverse("monitoring:person_edit", args=[victim.pk]), {}),
    ]


def _words_of(html: str, language: str) -> set[str]:
    """The Latin words the page's own content shows (inside <main>: the site's header is not these pages')."""
    main = html[html.index("<main") : html.index("</main>")]
    return {w for text in visible_texts(main, language) for w in _words(text.value) if len(w) > 1} - ALLOWED


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_record_pages_speak_kazakh_and_russian(client, record, language):
    organisation, people, event, act, source, victim = record
    client.force_login(people["verifier"])
    for method, url, data in _pages(organisation, event, act, source, victim):
        english = getattr(client, method)(url, data, HTTP_ACCEPT_LANGUAGE="en")
        for value in data.values():
            if hasattr(value, "seek"):
                value.seek(0)  # the same file, posted again
        response = getattr(client, method)(url, data, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code in (200, 400), (url, response.status_code)
        html = response.content.decode()
        assert f'lang="{language}"' in html
        leaked = english_on_page(html, language)
        assert not leaked, f"{method.upper()} {url} in {language}: {leaked[:5]}"
        typed = {
            w.lower()
            for v in data.values()
            for w in re.findall(r"[A-Za-z]+", getattr(v, "name", None) or str(v))
        }
        ours = (_words_of(english.content.decode(), "en") & _words_of(html, language)) - typed
        assert not ours, (
            f"{method.upper()} {url} in {language} shows English words of its English page: {ours}"
        )
    # The data shown is the record's, in its own words.
    page = client.get(
        reverse("monitoring:event", args=[event.pk]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert "Разгон собрания у акимата" in page and "Айдос Серикбаев" in page
