"""Publication as the organisation's people use it: the administrator sets the policy and the text rules (with the
editor and the reason recorded, deleting one after a confirmation), a verifier previews an event as it would be
published and publishes it; every page that shows sensitive text logs the read."""

import html

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.monitoring.models import PublicationPolicy, PublishedEvent, ReadLog, RedactionRule
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_listing_factories as lf
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    org = OrganisationFactory()
    people = mf.team(org)
    admin = lf.org_admin(org)
    event = lf.verified_event(org, by=people["monitor"], verifier=people["verifier"])
    return {"org": org, "admin": admin, "event": event, **people}


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_administrator_sets_the_policy_and_the_rules(client, world):
    org, admin = world["org"], world["admin"]
    client.force_login(admin)
    url = reverse("monitoring:publication", args=[org.pk])
    page = client.get(url, **EN)
    assert page.status_code == 200 and "Precision of places and dates" in _text(page)
    client.post(url, {"form": "policy", "policy-place": "country", "policy-date": "year"}, **EN)
    policy = PublicationPolicy.objects.get(organisation=org)
    assert (policy.place, policy.date) == ("country", "year")
    assert policy.history.first().history_user == admin

    client.post(
        url,
        {"form": "rule", "rule-find": "РУВД", "rule-replace_with": "[полиция]", "rule-comment": "Отдел."},
        **EN,
    )
    rule = RedactionRule.objects.get(organisation=org)
    assert (rule.find, rule.replace_with, rule.comment, rule.editor) == ("РУВД", "[полиция]", "Отдел.", admin)
    listed = client.get(url, **EN)
    assert "РУВД" in _text(listed) and "[полиция]" in _text(listed)

    refused = client.post(url, {"form": "rule", "rule-find": "рувд", "rule-comment": "Ещё раз."}, **EN)
    assert refused.status_code == 400 and "A rule already hides this text." in _text(refused)
    assert refused.context["rule_form"]["comment"].value() == "Ещё раз."
    assert RedactionRule.objects.count() == 1

    delete = reverse("monitoring:redaction_delete", args=[rule.pk])
    confirm = client.post(delete, **EN)
    assert confirm.status_code == 200 and "Delete a text rule" in _text(confirm)
    assert RedactionRule.objects.count() == 1
    client.post(delete, {"confirm": "yes"}, **EN)
    assert not RedactionRule.objects.exists()


def test_a_verifier_or_a_monitor_does_not_set_the_rules(client, world):
    for person in (world["verifier"], world["monitor"]):
        client.force_login(person)
        response = client.post(
            reverse("monitoring:publication", args=[world["org"].pk]),
            {"form": "rule", "rule-find": "РУВД", "rule-comment": "Отдел."},
            **EN,
        )
        assert response.status_code == 403
    assert not RedactionRule.objects.exists()


def test_the_preview_shows_the_redacted_copy_and_publishing_makes_it_public(client, world):
    event = world["event"]
    RedactionRule.objects.create(
        organisation=world["org"],
        find="РУВД",
        replace_with="[отдел]",
        comment="Отдел.",
        editor=world["admin"],
    )
    client.force_login(world["verifier"])
    preview = client.get(reverse("monitoring:event_preview", args=[event.pk]), **EN)
    body = _text(preview)
    assert preview.status_code == 200
    assert "Задержание участников мирного собрания у акимата" in body
    assert "Ержан Сапаров" not in body  # the victim without consent (the factory's description names nobody)
    assert ReadLog.objects.filter(user=world["verifier"], record_type="event", record_id=event.pk).exists()
    assert not PublishedEvent.objects.exists()
    response = client.post(reverse("monitoring:event_publish", args=[event.pk]), {"action": "publish"}, **EN)
    copy = PublishedEvent.objects.get(event=event)
    assert response["Location"] == reverse("monitoring:public_event", args=[copy.pk])
    client.logout()
    public = _text(client.get(reverse("monitoring:public_event", args=[copy.pk]), **EN))
    assert "Задержание участников мирного собрания у акимата" in public and "Almaty" in public


def test_a_monitor_cannot_preview_or_publish(client, world):
    client.force_login(world["monitor"])
    assert client.get(reverse("monitoring:event_preview", args=[world["event"].pk]), **EN).status_code == 403
    response = client.post(
        reverse("monitoring:event_publish", args=[world["event"].pk]), {"action": "publish"}, **EN
    )
    assert response.status_code == 403
    assert "Only the organisation's verifiers publish records." in _text(response)
    assert not PublishedEvent.objects.exists()


def test_a_stranger_to_the_organisation_is_refused_and_logged(client, world):
    other = OrganisationFactory()
    stranger = mf.team(other)["expert"]
    candidate = lf.awaiting(world["org"])
    client.force_login(stranger)
    for url in (
        reverse("monitoring:candidate", args=[candidate.pk]),
        reverse("monitoring:candidates", args=[world["org"].pk]),
        reverse("monitoring:publication", args=[world["org"].pk]),
    ):
        assert client.get(url, **EN).status_code == 403
    assert ReadLog.objects.filter(user=stranger, action="refused", record_id=candidate.pk).exists()


def test_the_list_of_candidates_logs_its_read(client, world):
    lf.awaiting(world["org"], subject=mf.person(world["org"], "Асель Нурланова"))
    client.force_login(world["expert"])
    page = client.get(reverse("monitoring:candidates", args=[world["org"].pk]), **EN)
    assert "Асель Нурланова" in _text(page)
    read = ReadLog.objects.get(user=world["expert"], record_type="candidate", record_id=None)
    assert read.what == "1" and "Асель" not in read.what


def test_a_verifier_is_not_offered_the_publication_settings_only_administrators_open(client, world):
    org, event = world["org"], world["event"]
    settings_url = reverse("monitoring:publication", args=[org.pk])
    client.force_login(world["verifier"])
    assert client.get(settings_url, **EN).status_code == 403
    for url in (
        reverse("monitoring:home"),
        reverse("monitoring:organisation", args=[org.pk]),
        reverse("monitoring:event_preview", args=[event.pk]),
    ):
        page = client.get(url, **EN)
        assert page.status_code == 200 and settings_url not in _text(page), url
    client.force_login(world["admin"])
    for url in (reverse("monitoring:home"), reverse("monitoring:organisation", args=[org.pk])):
        assert settings_url in _text(client.get(url, **EN)), url
