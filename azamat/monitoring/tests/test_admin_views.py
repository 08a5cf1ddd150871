"""The monitoring's home and administration as people use them: a role holder sees what waits for them; an
organisation's administrator grants and revokes roles and reads the log of reads; the platform's administrators
keep the thesauri; everyone else is refused with the reason, and a refused POST changes nothing. Every role works
only with two-factor sign-in on."""

import datetime
import html

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse
from django.utils import timezone, translation

from azamat.monitoring.models import Candidate, Event, Hearing, MonitoringRole, ReadLog, Term
from azamat.testing import monitoring_factories as mf
from azamat.testing.factories import TEST_PASSWORD, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def people(ngo, alice):
    """The NGO runs monitoring: alice administers it (two-factor on), its team has a role each."""
    mf.two_factor(alice)
    return {"admin": alice, **mf.team(ngo)}


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _page(client, name, **kwargs):
    return client.get(reverse(f"monitoring:{name}", kwargs=kwargs), **EN)


# Home ----------------------------------------------------------------------------------------------------------


def test_home_shows_each_role_holder_what_waits_for_them(client, ngo, people):
    monitor, verifier, expert, lawyer = (people[r] for r in ("monitor", "verifier", "expert", "lawyer"))
    mf.event(ngo, by=monitor)  # received: for the verifier
    mf.event(ngo, by=monitor, status=Event.Status.VERIFYING)
    mf.event(ngo, by=monitor, status=Event.Status.VERIFIED)
    mf.event(ngo, by=monitor, restricted=True)  # restricted to who entered it: not the verifier's
    mf.event(ngo, by=verifier)  # entered by the verifier: someone else verifies it
    mf.candidate(ngo, by=monitor, status=Candidate.Status.DECISION)
    mf.candidate(ngo, by=monitor, status=Candidate.Status.ANALYSIS)
    hearing_case = mf.case(ngo, lawyer=lawyer)
    Hearing.objects.create(case=hearing_case, date=timezone.localdate() + datetime.timedelta(days=6))
    mf.case(ngo, lawyer=lawyer)

    client.force_login(verifier)
    page = _text(_page(client, "home"))
    assert ngo.name in page
    assert "2 events to verify" in page
    events = reverse("monitoring:events", kwargs={"org": ngo.pk})
    assert f'href="{events}?show=to_verify"' in page  # the count opens those events, not all of them
    assert "<p>2 events</p>" in _text(client.get(f"{events}?show=to_verify", **EN))
    client.force_login(expert)
    page = _text(_page(client, "home"))
    assert "1 candidate awaiting the expert group" in page
    assert "to verify" not in page
    client.force_login(monitor)
    assert "4 events I entered" in _text(_page(client, "home"))
    assert "<p>4 events</p>" in _text(client.get(f"{events}?show=mine", **EN))
    client.force_login(lawyer)
    page = _text(_page(client, "home"))
    assert "2 open cases of mine" in page and "1 hearing in the next 14 days" in page


def test_the_administrator_without_a_role_sees_the_organisation_and_its_administration(client, ngo, people):
    client.force_login(people["admin"])
    page = _text(_page(client, "home"))
    assert ngo.name in page
    assert reverse("monitoring:roles", kwargs={"org": ngo.pk}) in page
    assert reverse("monitoring:reads", kwargs={"org": ngo.pk}) in page
    assert reverse("monitoring:events", kwargs={"org": ngo.pk}) not in page  # reading records needs a role


def test_home_refuses_who_has_no_monitoring_and_sends_strangers_to_sign_in(client, ngo, people):
    response = _page(client, "home")
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    client.force_login(UserFactory())
    refused = _page(client, "home")
    assert refused.status_code == 403
    assert "You hold no role in an organisation's monitoring and administer none" in _text(refused)
    # An organisation's administrator whose organisation has no monitoring is refused the same way.
    other = UserFactory()
    MembershipFactory(user=other, organisation=OrganisationFactory(), role="admin", status="active")
    mf.two_factor(other)
    client.force_login(other)
    assert _page(client, "home").status_code == 403


def test_a_role_holder_without_two_factor_is_sent_to_turn_it_on_and_then_gets_in(client, ngo):
    person = UserFactory(email="new-monitor@example.kz")
    mf.grant(person, ngo, "monitor", with_two_factor=False)
    client.post(reverse("account_login"), {"login": person.email, "password": TEST_PASSWORD})
    home = reverse("monitoring:home")
    overview = reverse("monitoring:organisation", kwargs={"org": ngo.pk})
    for url in (home, overview):
        response = client.get(url, **EN)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_activate_totp"))
        assert "next=" in response["Location"]

    # allauth asks for the password again before a second factor is added.
    asked = client.get(reverse("mfa_activate_totp"), **EN)
    assert asked.status_code == 302 and asked["Location"].startswith(reverse("account_reauthenticate"))
    client.post(asked["Location"], {"password": TEST_PASSWORD})
    form = client.get(reverse("mfa_activate_totp"), **EN)
    assert form.status_code == 200
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))
    activated = client.post(reverse("mfa_activate_totp"), {"code": code}, **EN)
    assert activated.status_code == 302
    assert person.authenticator_set.filter(type="totp").exists()

    assert client.get(home, **EN).status_code == 200
    assert client.get(overview, **EN).status_code == 200


# An organisation's overview -----------------------------------------------------------------------------------


def test_the_overview_counts_for_role_holders_and_administrators_only(client, ngo, people):
    mf.event(ngo, by=people["monitor"], status=Event.Status.VERIFIED)
    mf.event(ngo, by=people["monitor"])
    for who in (people["monitor"], people["admin"]):
        client.force_login(who)
        response = _page(client, "organisation", org=ngo.pk)
        assert response.status_code == 200
        assert response.context["events_total"] == 2
        assert ("Verified", 1) in response.context["events"]
    client.force_login(UserFactory())
    refused = _page(client, "organisation", org=ngo.pk)
    assert refused.status_code == 403
    assert "an organisation's monitoring you do not work on" in _text(refused)


# Roles ---------------------------------------------------------------------------------------------------------


def test_the_administrator_grants_a_role_by_email_and_revokes_it(client, ngo, people):
    lawyer = UserFactory(email="Zhanar.Lawyer@example.kz", full_name="Жанар Адвокатова")
    client.force_login(people["admin"])
    page = _page(client, "roles", org=ngo.pk)
    assert page.status_code == 200
    assert people["verifier"].email in _text(page)

    response = client.post(
        reverse("monitoring:roles", kwargs={"org": ngo.pk}),
        {"email": "zhanar.lawyer@example.kz", "role": "lawyer"},
        follow=True,
        **EN,
    )
    grant = MonitoringRole.objects.get(organisation=ngo, user=lawyer)
    assert grant.role == "lawyer" and grant.granted_by == people["admin"]
    assert grant.history.first().history_user == people["admin"]
    shown = _text(response)
    assert "Жанар Адвокатова now holds the role “Lawyer”." in shown
    assert "They will be asked to turn on two-factor sign-in" in shown
    assert "Off: cannot open records yet" in shown  # the roles page tells who has no second factor

    revoked = client.post(reverse("monitoring:role_revoke", kwargs={"pk": grant.pk}), follow=True, **EN)
    assert not MonitoringRole.objects.filter(pk=grant.pk).exists()
    assert "Жанар Адвокатова no longer holds the role “Lawyer”." in _text(revoked)


def test_a_role_for_an_unknown_email_is_refused_with_a_message_and_nothing_changes(client, ngo, people):
    client.force_login(people["admin"])
    before = MonitoringRole.objects.count()
    response = client.post(
        reverse("monitoring:roles", kwargs={"org": ngo.pk}),
        {"email": "nobody-here@example.kz", "role": "monitor"},
        **EN,
    )
    assert response.status_code == 400
    page = _text(response)
    assert "Nobody is signed up on Azamat with this email" in page
    assert 'value="nobody-here@example.kz"' in page  # what was typed is kept
    assert MonitoringRole.objects.count() == before
    again = client.post(
        reverse("monitoring:roles", kwargs={"org": ngo.pk}),
        {"email": people["verifier"].email, "role": "verifier"},
        **EN,
    )
    assert again.status_code == 400 and "already holds this role" in _text(again)
    assert MonitoringRole.objects.count() == before


def test_only_the_organisations_administrators_grant_and_revoke(client, ngo, people):
    outsider = UserFactory(email="outsider@example.kz")
    grant = MonitoringRole.objects.get(organisation=ngo, user=people["monitor"])
    for who in (people["verifier"], UserFactory()):
        mf.two_factor(who) if not who.authenticator_set.exists() else None
        client.force_login(who)
        assert _page(client, "roles", org=ngo.pk).status_code == 403
        refused = client.post(
            reverse("monitoring:roles", kwargs={"org": ngo.pk}),
            {"email": outsider.email, "role": "monitor"},
            **EN,
        )
        assert refused.status_code == 403
        assert "Only the organisation's administrators manage its monitoring." in _text(refused)
        assert client.post(reverse("monitoring:role_revoke", kwargs={"pk": grant.pk})).status_code == 403
    assert not MonitoringRole.objects.filter(user=outsider).exists()
    assert MonitoringRole.objects.filter(pk=grant.pk).exists()
    assert client.get(reverse("monitoring:role_revoke", kwargs={"pk": grant.pk})).status_code == 405


def test_an_administrator_without_two_factor_is_sent_to_turn_it_on(client, ngo):
    admin = UserFactory()
    MembershipFactory(user=admin, organisation=ngo, role="admin", status="active")
    client.force_login(admin)
    response = _page(client, "roles", org=ngo.pk)
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_activate_totp"))


# The log of reads ----------------------------------------------------------------------------------------------


def _log(org, user, action, record_type, record_id, days_ago):
    entry = ReadLog.objects.create(
        organisation=org,
        user=user,
        action=action,
        record_type=record_type,
        record_id=record_id,
        what=f"#{record_id}",
    )
    ReadLog.objects.filter(pk=entry.pk).update(at=timezone.now() - datetime.timedelta(days=days_ago))
    return entry


def test_the_administrator_reads_the_log_newest_first_and_filters_it(client, ngo, people):
    monitor, verifier = people["monitor"], people["verifier"]
    old = _log(ngo, monitor, "view", "person", 11, days_ago=40)
    mid = _log(ngo, verifier, "export", "export", None, days_ago=10)
    new = _log(ngo, monitor, "view", "event", 12, days_ago=1)
    _log(OrganisationFactory(), monitor, "view", "event", 99, days_ago=1)  # another organisation's log
    client.force_login(people["admin"])

    response = _page(client, "reads", org=ngo.pk)
    assert response.status_code == 200
    assert [row["entry"] for row in response.context["rows"]] == [new, mid, old]
    # She holds no monitoring role: the records are named by number, not linked to a refusal.
    assert "#12" in _text(response) and reverse("monitoring:event", kwargs={"pk": 12}) not in _text(response)

    def shown(**params):
        page = client.get(reverse("monitoring:reads", kwargs={"org": ngo.pk}), params, **EN)
        return [row["entry"] for row in page.context["rows"]]

    assert shown(person=monitor.pk) == [new, old]
    assert shown(action="export") == [mid]
    assert shown(record_type="person") == [old]
    since = (timezone.localdate() - datetime.timedelta(days=20)).isoformat()
    assert shown(since=since) == [new, mid]
    until = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()
    assert shown(since=since, until=until) == [mid]

    bad = client.get(
        reverse("monitoring:reads", kwargs={"org": ngo.pk}), {"since": "вчера", "action": "export"}, **EN
    )
    assert bad.status_code == 400
    assert "Enter a date as day.month.year, for example 05.03.2024." in _text(bad)
    assert [row["entry"] for row in bad.context["rows"]] == [mid]  # the valid filter still applies


def test_the_log_links_the_records_only_for_an_administrator_who_may_open_them(client, ngo, people):
    """Walking the demo: every record in the log was a link, and for the administrator (who holds no role) each
    led to 'Access denied', itself written into the log she was reading."""
    _log(ngo, people["monitor"], "view", "event", 12, days_ago=1)
    client.force_login(people["admin"])
    assert reverse("monitoring:event", kwargs={"pk": 12}) not in _text(_page(client, "reads", org=ngo.pk))
    mf.grant(people["admin"], ngo, "verifier")
    assert reverse("monitoring:event", kwargs={"pk": 12}) in _text(_page(client, "reads", org=ngo.pk))


def test_the_log_is_paginated_and_keeps_its_filters(client, ngo, people):
    for n in range(55):
        _log(ngo, people["monitor"], "view", "event", n + 1, days_ago=0)
    client.force_login(people["admin"])
    first = client.get(reverse("monitoring:reads", kwargs={"org": ngo.pk}), {"action": "view"}, **EN)
    assert len(first.context["rows"]) == 50
    assert "action=view&page=2" in _text(first)
    second = client.get(
        reverse("monitoring:reads", kwargs={"org": ngo.pk}), {"action": "view", "page": 2}, **EN
    )
    assert len(second.context["rows"]) == 5


def test_a_role_holder_who_is_not_an_administrator_cannot_read_the_log(client, ngo, people):
    client.force_login(people["verifier"])
    refused = _page(client, "reads", org=ngo.pk)
    assert refused.status_code == 403
    assert "Only the organisation's administrators manage its monitoring." in _text(refused)


# The thesauri --------------------------------------------------------------------------------------------------


def test_the_platform_administrator_lists_adds_renames_and_retires_terms(client, dana):
    client.force_login(dana)
    page = client.get(reverse("monitoring:terms"), **EN)
    assert page.status_code == 200
    text = _text(page)
    assert "Мирное собрание" in text and "Бейбіт жиналыс" in text and "Peaceful assembly" in text
    assert "Constitution, art. 32; ICCPR, art. 21" in text  # the references as English writes them
    for language, written in [
        ("ru", "Конституция, ст. 32; МПГПП, ст. 21"),
        ("kk", "Конституция, 32-бап; АСҚХП, 21-бап"),  # the covenant named in Kazakh
    ]:
        assert written in _text(client.get(reverse("monitoring:terms"), HTTP_ACCEPT_LANGUAGE=language))

    added = client.post(
        reverse("monitoring:terms"),
        {
            "kind": "act_type",
            "code": "deportation",
            "name_kk": "Елден шығарып жіберу",
            "name_ru": "Выдворение",
            "name_en": "Deportation",
            "reference_kk": "АСҚХП, 13-бап",
        },
        follow=True,
        **EN,
    )
    term = Term.objects.get(kind="act_type", code="deportation")
    with translation.override("ru"):
        assert term.reference == "АСҚХП, 13-бап"  # written in one language only: shown in it on every page
    assert term.active and term.position == Term.objects.filter(kind="act_type").count() - 1
    assert "The term “Deportation” is added." in _text(added)
    duplicate = client.post(
        reverse("monitoring:terms"),
        {"kind": "act_type", "code": "deportation", "name_kk": "а", "name_ru": "б", "name_en": "c"},
        **EN,
    )
    assert duplicate.status_code == 400
    assert "already has a term with this code" in _text(duplicate)

    used = Term.objects.get(kind="event_type", code="assembly")
    edit = reverse("monitoring:term_edit", kwargs={"pk": used.pk})
    assert client.get(edit, **EN).status_code == 200
    retired = client.post(
        edit,
        {
            "name_kk": "Бейбіт жиналыс",
            "name_ru": "Мирное собрание (митинг, пикет)",
            "name_en": "Peaceful assembly",
            "reference_kk": "Конституция, 32-бап; АСҚХП, 21-бап",
            "reference_ru": "Конституция, ст. 32; МПГПП, ст. 21",
            "reference_en": "Constitution, art. 32; ICCPR, art. 21",
            "position": "0",
        },
        follow=True,
        **EN,
    )
    used.refresh_from_db()
    assert used.active is False and used.name_ru == "Мирное собрание (митинг, пикет)"
    assert "is retired" in _text(retired)
    assert Term.objects.filter(pk=used.pk).exists()  # never deleted
    assert used.history.first().history_user == dana

    empty = client.post(edit, {"name_kk": "", "name_ru": "x", "name_en": "y"}, **EN)
    assert empty.status_code == 400
    used.refresh_from_db()
    assert used.name_kk == "Бейбіт жиналыс"


def test_only_the_platform_administrators_keep_the_thesauri(client, ngo, people):
    term = Term.objects.get(kind="event_type", code="assembly")
    for who in (people["admin"], people["verifier"]):
        client.force_login(who)
        refused = client.get(reverse("monitoring:terms"), **EN)
        assert refused.status_code == 403
        assert "Only the platform's administrators manage the thesauri." in _text(refused)
        posted = client.post(
            reverse("monitoring:term_edit", kwargs={"pk": term.pk}),
            {"name_kk": "x", "name_ru": "x", "name_en": "x"},
        )
        assert posted.status_code == 403
    term.refresh_from_db()
    assert term.name_en == "Peaceful assembly" and term.active


# The workspace ------------------------------------------------------------------------------------------------


def test_the_workspace_leads_role_holders_and_platform_administrators_here(client, ngo, people, dana, carol):
    client.force_login(people["monitor"])
    home = f'href="{reverse("monitoring:home")}"'
    assert home in _text(client.get(reverse("accounts:dashboard"), **EN))
    client.force_login(dana)
    page = _text(client.get(reverse("accounts:dashboard"), **EN))
    assert f'href="{reverse("monitoring:terms")}"' in page and home not in page
    client.force_login(carol)
    assert home not in _text(client.get(reverse("accounts:dashboard"), **EN))
