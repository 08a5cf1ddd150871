"""Petitions as people use them: the author's draft, moderation, signing (a repeated signature answered by email,
the same page either way), confirming ("you are signer No. N", idempotent), expired and closed links, the
honeypot, floods, striking out a fraudulent batch, the team's export, the answer emailed to signers."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import formats, timezone, translation

from azamat.accountability.services import item_answer
from azamat.accounts.models import PlatformRole
from azamat.campaigns import counting, petition_selectors
from azamat.campaigns import petition_services as services
from azamat.campaigns.canonical import canonical_email
from azamat.campaigns.models import Invalidation, Petition, Signature, Threshold
from azamat.testing import campaigns_factories as f
from azamat.testing.accountability_factories import officer_of
from azamat.testing.factories import PlatformRoleFactory, UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
S = Petition.Status


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def moderator(db):
    user = UserFactory(email="mod@example.kz")
    PlatformRoleFactory(user=user, role=PlatformRole.Role.PETITION_MODERATOR)
    return user


@pytest.fixture(autouse=True)
def _commits(django_capture_on_commit_callbacks):
    """Emails leave after the commit: each signing and step here runs its commit callbacks (the email task)."""
    _COMMITS[:] = [django_capture_on_commit_callbacks]


_COMMITS = []


def committed():
    return _COMMITS[0](execute=True)


def _sign(client, petition, email, **extra):
    with committed():
        return _post_sign(client, petition, email, **extra)


def _post_sign(client, petition, email, **extra):
    data = {"name": "Айгүл Серікова", "email": email, "show_name": "on", "wants_updates": "on", "website": ""}
    data.update(extra)
    return client.post(reverse("campaigns:petition_sign", args=[petition.pk]), data, **EN)


def _link(message) -> str:
    return re.search(r"https?://\S+/petitions/confirm/(\S+)/", message.body).group(1)


def _count(now=None):
    return counting.count_signatures(
        now=(now or timezone.now()) + counting.LAG + datetime.timedelta(seconds=1)
    )


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("Ivan.Petrov+news@GMAIL.com", "ivanpetrov@gmail.com"),
        ("ivanpetrov@googlemail.com", "ivanpetrov@gmail.com"),
        ("Ivan.Petrov+x@ya.ru", "ivan-petrov@yandex.ru"),
        ("ivan-petrov@yandex.kz", "ivan-petrov@yandex.ru"),
        ("a.b+tag@outlook.com", "a.b@outlook.com"),
        ("a.b+tag@mail.ru", "a.b+tag@mail.ru"),
        (" A.B@Example.KZ. ", "a.b@example.kz"),
    ],
)
def test_canonical_email(given, canonical):
    assert canonical_email(given) == canonical


def test_author_writes_moderator_publishes_and_rejects_with_reason(client, alice, moderator):
    campaign = f.campaign(by=alice)
    client.force_login(alice)
    url = reverse("campaigns:petition_new") + f"?campaign={campaign.pk}"
    assert campaign.title in client.get(url, **EN).content.decode()  # prefilled from the campaign
    data = {
        "title": "Пандусы во всех поликлиниках",
        "text": "Текст",
        "demands": "Требование",
        "body": f.body().pk,
        "goal": "0",
        "closes_on": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        "languages": ["ru"],
        "campaign": campaign.pk,
    }
    refused = client.post(url, data, **EN)
    assert refused.status_code == 400 and "at least 1 signature" in refused.content.decode()
    assert "Пандусы во всех поликлиниках" in refused.content.decode() and not Petition.objects.exists()
    data["goal"] = ""
    response = client.post(url, data, **EN)
    petition = Petition.objects.get()
    assert response.status_code == 302 and petition.campaign == campaign and petition.goal == 50_000
    assert petition.organisation == campaign.organisation and petition.status == S.DRAFT
    assert client.get(reverse("campaigns:petition", args=[petition.pk])).status_code == 200
    client.logout()
    assert client.get(reverse("campaigns:petition", args=[petition.pk])).status_code == 403  # a draft
    client.force_login(alice)
    client.post(reverse("campaigns:petition_submit", args=[petition.pk]))
    petition.refresh_from_db()
    assert petition.status == S.MODERATION
    client.force_login(moderator)
    assert petition.title in client.get(reverse("campaigns:petition_moderate")).content.decode()
    empty = client.post(reverse("campaigns:petition_reject", args=[petition.pk]), {"reason": " "}, **EN)
    assert empty.status_code == 400
    client.post(reverse("campaigns:petition_reject", args=[petition.pk]), {"reason": "Личные данные"})
    petition.refresh_from_db()
    assert petition.status == S.REJECTED and petition.moderation_reason == "Личные данные"
    client.force_login(alice)
    client.post(reverse("campaigns:petition_submit", args=[petition.pk]))
    client.force_login(moderator)
    client.post(reverse("campaigns:petition_publish", args=[petition.pk]))
    petition.refresh_from_db()
    assert petition.status == S.OPEN and petition.moderated_by == moderator and petition.opened_at
    client.logout()
    page = client.get(reverse("campaigns:petition", args=[petition.pk]))
    assert page.status_code == 200 and page["X-Robots-Tag"] == "noindex"  # visible by link only
    assert petition.title not in client.get(reverse("campaigns:petitions")).content.decode()


def test_a_goal_typed_with_spaces_is_read_and_a_huge_one_refused_not_a_server_error(client, alice):
    client.force_login(alice)
    data = {
        "title": "Пандусы",
        "text": "Текст",
        "demands": "Требование",
        "body": f.body().pk,
        "goal": "99 999 999 999",
        "closes_on": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
    }
    refused = client.post(reverse("campaigns:petition_new"), data, **EN)
    assert refused.status_code == 400 and "Enter a number of at most 20,000,000." in refused.content.decode()
    assert not Petition.objects.exists()
    with pytest.raises(services.DomainError) as error:
        services.petition_create(by=alice, **{**data, "body": f.body(), "goal": 3_000_000_000})
    assert error.value.code == "goal_too_large"
    data["goal"] = "1 500"
    assert client.post(reverse("campaigns:petition_new"), data, **EN).status_code == 302
    assert Petition.objects.get().goal == 1500


def test_sign_confirm_repeat_and_count(client):
    petition = f.petition(goal=4)
    mail.outbox.clear()
    response = _sign(client, petition, "Ivan.Petrov@gmail.com")
    assert response.status_code == 303 and response["Location"] == reverse(
        "campaigns:petition_signed", args=[petition.pk]
    )
    signature = Signature.objects.get()
    assert signature.email == "Ivan.Petrov@gmail.com" and signature.confirmed_at is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM campaigns_signature")
        raw = cursor.fetchone()[0]
    assert "gmail" not in raw  # sealed in the database
    token = _link(mail.outbox[-1])
    assert signing.loads(token, salt=services.TOKEN_SALT) == services.signing.loads(
        services.confirmation_token(petition.pk, "ivanpetrov+x@googlemail.com"), salt=services.TOKEN_SALT
    )
    # The same mailbox again: the same answer, nothing stored, an email "already signed" with the link.
    again = _sign(client, petition, "ivan.petrov+petition@googlemail.com")
    assert again.status_code == 303 and again["Location"] == response["Location"]
    assert Signature.objects.count() == 1
    assert "already signed" in mail.outbox[-1].subject and "/petitions/confirm/" in mail.outbox[-1].body
    assert mail.outbox[-1].to == ["ivan.petrov+petition@googlemail.com"]
    # Confirming: signer No. 1, and the same number on a second click.
    page = client.get(reverse("campaigns:signature_confirm", args=[token]), **EN).content.decode()
    assert "you are signer No. 1 " in page
    first = Signature.objects.get().confirmed_at
    page = client.get(reverse("campaigns:signature_confirm", args=[token]), **EN).content.decode()
    assert "you are signer No. 1 " in page and Signature.objects.get().confirmed_at == first
    for n in range(2, 5):
        _sign(client, petition, f"person{n}@example.kz")
        page = client.get(
            reverse(
                "campaigns:signature_confirm",
                args=[services.confirmation_token(petition.pk, f"person{n}@example.kz")],
            ),
            **EN,
        ).content.decode()
        assert f"you are signer No. {n} " in page
    petition.refresh_from_db()
    assert petition.signature_count == 0  # not yet counted: the job does it
    _count()
    petition.refresh_from_db()
    assert petition.signature_count == 4 and petition.listed_at and petition.goal_reached_at
    assert sorted(petition.thresholds.values_list("signatures", flat=True)) == [1, 2, 3, 4]
    assert petition.status == S.SENT and petition.item.rule.code == "petition"  # the goal sends it
    _count()  # counting again adds nothing
    petition.refresh_from_db()
    assert petition.signature_count == 4
    assert counting.reconcile() == {}
    # The page: signers shown by name only when they chose so; no email anywhere.
    page = client.get(reverse("campaigns:petition", args=[petition.pk]), **EN).content.decode()
    assert "Айгүл Серікова" in page and "example.kz" not in page and "gmail" not in page
    counter = client.get(reverse("campaigns:petition_counter", args=[petition.pk])).json()
    assert counter["signatures"] == 4 and counter["progress"] == 100
    api = client.get(reverse("v1:petition-detail", args=[petition.pk])).content.decode()
    assert '"signatures":4' in api and "example.kz" not in api and "Айгүл" not in api
    assert str(petition.pk) in client.get(reverse("v1:petition-list")).content.decode()
    # The body answers: signers who asked for updates get it.
    mail.outbox.clear()
    with committed():
        item_answer(
            item=petition.item, by=officer_of(petition.body), outcome="accepted", text="Пандусы будут."
        )
    answered = [m for m in mail.outbox if "answered the petition" in m.subject]
    assert len(answered) == 4 and all(len(m.to) == 1 for m in answered)
    assert (
        "Пандусы будут."
        in client.get(reverse("campaigns:petition", args=[petition.pk]), **EN).content.decode()
    )


def test_bad_input_honeypot_flood_expired_and_closed(client, settings):
    petition = f.petition()
    bad = _sign(client, petition, "not-an-email", name="Марат")
    assert (
        bad.status_code == 400 and "valid email" in bad.content.decode() and "Марат" in bad.content.decode()
    )
    bot = _sign(client, petition, "bot@example.kz", website="http://spam")
    assert bot.status_code == 400 and not Signature.objects.exists()
    settings.PETITION_RATE_LIMITS = {"ip": (2, 600)}
    assert _sign(client, petition, "a@example.kz").status_code == 303
    assert _sign(client, petition, "b@example.kz").status_code == 303
    flood = _sign(client, petition, "c@example.kz")
    assert flood.status_code == 429 and "Too many signatures" in flood.content.decode()
    assert Signature.objects.count() == 2
    settings.PETITION_RATE_LIMITS = {"ip": (0, 600), "domain": (1, 600)}
    assert _sign(client, petition, "x@spam.kz").status_code == 303
    assert _sign(client, petition, "y@spam.kz").status_code == 429
    assert _sign(client, petition, "z@gmail.com").status_code == 303  # free mail: no domain limit
    # An expired link: a clear page with a button for a fresh one.
    old = timezone.now() - datetime.timedelta(days=8)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: old.timestamp())
        token = services.confirmation_token(petition.pk, "a@example.kz")
    page = client.get(reverse("campaigns:signature_confirm", args=[token]), **EN)
    assert page.status_code == 400 and "more than 7 days old" in page.content.decode()
    mail.outbox.clear()
    with committed():
        resent = client.post(reverse("campaigns:signature_resend"), {"token": token})
    assert resent.status_code == 303 and "/petitions/confirm/" in mail.outbox[-1].body
    assert (
        client.get(reverse("campaigns:signature_confirm", args=[_link(mail.outbox[-1])])).status_code == 200
    )
    assert client.get(reverse("campaigns:signature_confirm", args=["garbage"])).status_code == 400
    # Closed: signing refused, a pending link does not count.
    Petition.objects.filter(pk=petition.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    petition.refresh_from_db()
    late = _sign(client, petition, "late@example.kz")
    assert late.status_code == 400 and not Signature.objects.filter(name="late").exists()
    link = reverse(
        "campaigns:signature_confirm", args=[services.confirmation_token(petition.pk, "b@example.kz")]
    )
    closed = client.get(link, **EN)
    assert closed.status_code == 410 and "no longer takes signatures" in closed.content.decode()
    assert Signature.objects.filter(confirmed_at__isnull=False).count() == 1
    assert counting.close_due() == [petition.pk]
    petition.refresh_from_db()
    assert petition.status == S.CLOSED and petition.closed_at and petition.item is None  # too few to send


def test_invalidation_and_export(client, moderator, alice):
    petition = f.petition(by=alice, organisation=None)
    for n, email in enumerate(["a@bots.kz", "b@bots.kz", "c@good.kz", "d@bots.kz"]):
        services.sign(petition=petition, name=f"=cmd{n}", email=email, ip="10.0.0.1")
        services.confirm(services.confirmation_token(petition.pk, email))
    _count()
    services.sign(petition=petition, name="later", email="e@bots.kz", ip="10.0.0.2")
    services.confirm(services.confirmation_token(petition.pk, "e@bots.kz"))
    # Confirmed after the watermark (the helper counted a little into the future): not yet counted.
    later = counting.counted_until() + datetime.timedelta(seconds=1)
    Signature.objects.filter(name="later").update(confirmed_at=later)
    petition.refresh_from_db()
    assert petition.signature_count == 4
    client.force_login(moderator)
    url = reverse("campaigns:petition_invalidate", args=[petition.pk])
    assert client.post(url, {"reason": "бот"}, **EN).status_code == 400  # nothing selected
    client.post(url, {"domain": "bots.kz", "reason": "Пачка с одного домена"})
    invalidation = Invalidation.objects.get()
    assert invalidation.count == 4 and invalidation.by == moderator
    petition.refresh_from_db()
    assert petition.signature_count == 1  # only the three counted ones were taken off
    _count(later)
    petition.refresh_from_db()
    assert petition.signature_count == 1 and counting.reconcile() == {}
    # The export: the team only, no emails, formulas neutralised.
    assert client.get(reverse("campaigns:petition_export", args=[petition.pk, "csv"])).status_code == 403
    client.force_login(alice)
    csv = client.get(reverse("campaigns:petition_export", args=[petition.pk, "csv"])).content.decode()
    assert "'=cmd2" in csv and "good.kz" not in csv and "=cmd0" not in csv
    for fmt in ("xlsx", "pdf"):
        assert client.get(reverse("campaigns:petition_export", args=[petition.pk, fmt])).status_code == 200


def test_a_time_window_typed_the_wrong_way_round_is_refused_not_struck_as_nothing(client, moderator, alice):
    petition = f.petition(by=alice, organisation=None)
    client.force_login(moderator)
    url = reverse("campaigns:petition_invalidate", args=[petition.pk])
    data = {"since": "2026-05-02T10:00", "until": "2026-05-01T10:00", "reason": "Ночная пачка"}
    refused = client.post(url, data, **EN)
    assert refused.status_code == 400
    assert "The end cannot come before the start." in refused.content.decode()
    assert not Invalidation.objects.exists()


def test_rejecting_a_petition_another_moderator_published_meanwhile_says_why_on_the_page(
    client, moderator, alice
):
    petition = f.petition(by=alice, organisation=None)  # published (open) already
    client.force_login(moderator)
    response = client.post(
        reverse("campaigns:petition_reject", args=[petition.pk]), {"reason": "Личные данные"}, **EN
    )
    assert response.status_code == 302 and response["Location"] == petition.get_absolute_url()
    page = client.get(response["Location"], **EN).content.decode()
    assert "this step is not possible now" in page
    petition.refresh_from_db()
    assert petition.status == S.OPEN


def test_the_edit_page_of_a_published_petition_sends_back_to_it_with_the_reason(client, alice):
    petition = f.petition(by=alice, organisation=None)
    client.force_login(alice)
    url = reverse("campaigns:petition_edit", args=[petition.pk])
    for response in (client.get(url, **EN), client.post(url, {"title": "Другое"}, **EN)):
        assert response.status_code == 302 and response["Location"] == petition.get_absolute_url()
    page = client.get(petition.get_absolute_url(), **EN).content.decode()
    assert "it can no longer be changed" in page
    petition.refresh_from_db()
    assert petition.title != "Другое"


def test_the_petition_page_writes_its_numbers_as_russian_does(client, monkeypatch):
    petition = f.petition(goal=100, signature_count=93)
    for count in (50, 133, 1250):
        Threshold.objects.create(petition=petition, signatures=count, reached_at=timezone.now())
    monkeypatch.setattr(petition_selectors, "by_region", lambda petition: [{"region": None, "count": 3998}])
    client.cookies["azamat_language"] = "ru"
    page = client.get(petition.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "93 процента цели." in page  # not "93 процентов"
    assert "133 подписи" in page and "1\xa0250 подписей" in page and "50 подписей" in page
    assert "<td>3\xa0998</td>" in page


def test_a_petition_awaiting_moderation_does_not_say_it_is_open_for_signatures(client, alice):
    petition = f.petition(by=alice, status=S.MODERATION, organisation=None)
    client.force_login(alice)
    page = client.get(petition.get_absolute_url(), **EN).content.decode()
    assert "0 per cent of the goal." in page
    assert "Open for signatures until" not in page


def test_striking_out_with_a_domain_no_signature_has_is_refused_and_keeps_what_was_typed(
    client, moderator, alice
):
    petition = f.petition(by=alice, organisation=None)
    services.sign(petition=petition, name="Бот", email="a@bots.kz", ip="10.0.0.1")
    client.force_login(moderator)
    url = reverse("campaigns:petition_invalidate", args=[petition.pk])
    refused = client.post(url, {"domain": "bots.kzz", "reason": "Пачка с одного домена"}, **EN)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "No signature of this petition matches these criteria, so nothing was struck out." in page
    assert 'value="bots.kzz"' in page and "Пачка с одного домена" in page
    assert not Invalidation.objects.exists()


def test_a_signed_in_citizen_finds_their_name_and_email_filled_in(client, alice):
    petition = f.petition()
    client.force_login(alice)
    page = client.get(reverse("campaigns:petition", args=[petition.pk]), **EN).content.decode()
    assert 'name="name" value="Алия Нурланова"' in page and 'name="email" value="alice@example.kz"' in page
    client.logout()
    page = client.get(reverse("campaigns:petition", args=[petition.pk]), **EN).content.decode()
    assert "Алия Нурланова" not in page and "alice@example.kz" not in page  # the cached public page: nobody's


def test_signing_again_from_a_russian_page_is_answered_in_russian(client):
    petition = f.petition()
    with committed():
        client.post(
            reverse("campaigns:petition_sign", args=[petition.pk]),
            {"name": "Айгүл Серікова", "email": "aigul@example.kz", "website": ""},
            HTTP_ACCEPT_LANGUAGE="kk",
        )
    mail.outbox.clear()
    with committed():
        client.post(
            reverse("campaigns:petition_sign", args=[petition.pk]),
            {"name": "Айгуль Серикова", "email": "aigul@example.kz", "website": ""},
            HTTP_ACCEPT_LANGUAGE="ru",
        )
    with translation.override("ru"):
        russian = translation.gettext("You have already signed this petition")
    with translation.override("kk"):
        kazakh = translation.gettext("You have already signed this petition")
    assert russian != kazakh
    assert mail.outbox[-1].subject == f"[Azamat] {russian}"


def test_the_signatures_workbook_holds_the_confirmation_as_a_date_a_spreadsheet_filters_by(client, alice):
    import io

    from openpyxl import load_workbook

    petition = f.petition(by=alice, organisation=None)
    services.sign(petition=petition, name="Айгүл Серікова", email="aigul@example.kz", ip="10.0.0.1")
    services.confirm(services.confirmation_token(petition.pk, "aigul@example.kz"))
    confirmed = Signature.objects.get().confirmed_at
    client.force_login(alice)
    data = client.get(reverse("campaigns:petition_export", args=[petition.pk, "xlsx"])).content
    sheet = load_workbook(io.BytesIO(data)).active
    number, name, _region, when = (cell.value for cell in sheet[2])
    assert (number, name) == (1, "Айгүл Серікова")
    assert isinstance(when, datetime.datetime)  # a date cell, not the text "2026-11-20 14:03"
    assert when == timezone.localtime(confirmed).replace(tzinfo=None, second=0, microsecond=0)
    csv = client.get(reverse("campaigns:petition_export", args=[petition.pk, "csv"])).content.decode()
    assert timezone.localtime(confirmed).strftime("%Y-%m-%d %H:%M") in csv


def test_a_signature_sent_after_the_petition_closed_meanwhile_is_told_why(client):
    """The page was loaded while the petition was open; its closing date passed before the form was sent. The
    refusal was attached to the signing form, which the page no longer shows: the signer read nothing."""
    petition = f.petition()
    Petition.objects.filter(pk=petition.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = _post_sign(client, petition, "late@example.kz")
    assert response.status_code == 400
    with translation.override("en"):
        closed_on = formats.date_format(timezone.localdate() - datetime.timedelta(days=1), "DATE_FORMAT")
    page = response.content.decode()
    assert f"This petition closed on {closed_on}: it no longer takes signatures." in page
    assert "Open for signatures" not in page  # its stored status, until the daily job closes it
    assert not Signature.objects.exists()
