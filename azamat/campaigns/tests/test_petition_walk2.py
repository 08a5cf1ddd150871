"""Found walking petitions and campaigns on a phone, in Kazakh and Russian, off the happy path: a petition whose
addressee let the deadline pass still read "awaiting the answer" (and a deadline extended was not read at all);
two moderators deciding the same petition at once, the later one overwrote the first's decision; the team's
security checklist and the coalition's "end the partnership" were bare browser buttons (a class the stylesheet
does not have), too small to tap."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import formats, timezone, translation

from azamat.accountability.models import Item
from azamat.accounts.models import PlatformRole
from azamat.campaigns import petition_services as services
from azamat.campaigns.counting import send_to_addressee
from azamat.campaigns.models import Partner, Petition
from azamat.core.errors import DomainError
from azamat.testing import campaigns_factories as f
from azamat.testing.factories import OrganisationFactory, PlatformRoleFactory, UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
S = Petition.Status


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _moderator(email):
    user = UserFactory(email=email)
    PlatformRoleFactory(user=user, role=PlatformRole.Role.PETITION_MODERATOR)
    return user


def _sent_petition() -> Petition:
    petition = send_to_addressee(f.petition().pk)
    assert petition.status == S.SENT and petition.item_id
    return petition


def _day(date: datetime.date) -> str:
    with translation.override("en"):
        return formats.date_format(date, "DATE_FORMAT")


def test_a_petition_whose_answer_is_late_says_it_is_overdue(client):
    """The officer's body let the deadline pass: the signers read on the petition that the answer is overdue, not
    that it is still awaited, as they did four days after the due date."""
    petition = _sent_petition()
    due = timezone.localdate() - datetime.timedelta(days=4)
    Item.objects.filter(pk=petition.item_id).update(
        due_on=due, long_overdue_on=due + datetime.timedelta(days=20)
    )
    page = client.get(reverse("campaigns:petition", args=[petition.pk]), **EN).content.decode()
    assert f"The answer is overdue: it was due by {_day(due)}." in page
    assert "Awaiting the answer" not in page


def test_a_petition_whose_deadline_was_extended_gives_the_new_date(client):
    """The body extended its deadline: the petition gave the first due date, already past, as the one awaited."""
    petition = _sent_petition()
    first = timezone.localdate() - datetime.timedelta(days=1)
    extended = timezone.localdate() + datetime.timedelta(days=20)
    Item.objects.filter(pk=petition.item_id).update(
        due_on=first,
        long_overdue_on=first + datetime.timedelta(days=20),
        extended_to=extended,
        extended_long_overdue_on=extended + datetime.timedelta(days=20),
    )
    page = client.get(reverse("campaigns:petition", args=[petition.pk]), **EN).content.decode()
    assert f"Awaiting the answer, due by {_day(extended)}." in page
    assert "overdue" not in page


def test_a_moderator_rejecting_a_petition_another_published_a_moment_ago_is_refused():
    """Two moderators open the same petition; one publishes, the other (her page read before) rejects it. The
    rejection overwrote the publication: the petition taking signatures became "rejected", its author told both."""
    author = f.ngo_admin()[0]
    petition = f.petition(by=author, status=S.MODERATION)
    gulnar, erlan = _moderator("gulnar@example.kz"), _moderator("erlan@example.kz")
    read_by_erlan = Petition.objects.get(pk=petition.pk)  # loaded before Gulnar's decision committed
    services.petition_publish(petition=petition, by=gulnar)
    mail.outbox.clear()
    with pytest.raises(DomainError) as refused, translation.override("en"):
        services.petition_reject(petition=read_by_erlan, by=erlan, reason="Нарушает правила")
    assert str(refused.value) == "This petition is “Open for signatures”: this step is not possible now."
    petition.refresh_from_db()
    assert (petition.status, petition.moderated_by, petition.moderation_reason) == (S.OPEN, gulnar, "")
    assert mail.outbox == []


def test_a_petition_published_by_two_moderators_at_once_is_published_once():
    author = f.ngo_admin()[0]
    petition = f.petition(by=author, status=S.MODERATION)
    gulnar, erlan = _moderator("gulnar@example.kz"), _moderator("erlan@example.kz")
    read_by_erlan = Petition.objects.get(pk=petition.pk)
    services.petition_publish(petition=petition, by=gulnar)
    opened = Petition.objects.get(pk=petition.pk).opened_at
    with pytest.raises(DomainError):
        services.petition_publish(petition=read_by_erlan, by=erlan)
    petition.refresh_from_db()
    assert (petition.moderated_by, petition.opened_at) == (gulnar, opened)


def _styled_classes() -> set[str]:
    css = (Path(settings.BASE_DIR) / "static" / "css" / "azamat.css").read_text(encoding="utf-8")
    return set(re.findall(r"\.([A-Za-z][\w-]*)", css))


def _button_classes(page: str) -> set[str]:
    return {name for found in re.findall(r'<button[^>]*class="([^"]*)"', page) for name in found.split()}


def test_the_security_checklist_and_ending_a_partnership_are_buttons_the_stylesheet_draws(client):
    """On a phone the checklist's "Tick as done" and the coalition's "End the partnership" were the browser's bare
    grey buttons, 20 pixels high: their class (link-button) is not in the stylesheet."""
    coordinator, organisation = f.ngo_admin()
    campaign = f.campaign(by=coordinator, organisation=organisation)
    Partner.objects.create(campaign=campaign, organisation=OrganisationFactory(), invited_by=coordinator)
    client.force_login(coordinator)
    risks = client.get(reverse("campaigns:stage", args=[campaign.pk, "risks"]), **EN).content.decode()
    partners = client.get(reverse("campaigns:partners", args=[campaign.pk]), **EN).content.decode()
    assert "Tick as done" in risks and "End the partnership" in partners
    unstyled = (_button_classes(risks) | _button_classes(partners)) - _styled_classes()
    assert unstyled == set()


def test_a_petition_past_its_goal_says_how_far_past(client):
    """817 signatures of a goal of 653 read «Мақсаттың 100 пайызы»: the bar is full, the words give 125 per cent."""
    petition = f.petition(goal=653)
    Petition.objects.filter(pk=petition.pk).update(signature_count=817)
    page = client.get(reverse("campaigns:petition", args=[petition.pk]), **EN).content.decode()
    assert "125 per cent of the goal." in page
    assert 'max="653" value="653"' in page  # the bar stays full


def test_signed_until_a_minute_takes_the_whole_minute():
    """The box gives minutes: "until 14:05" left out a signature made at 14:05:30, so a batch was struck out short."""
    from azamat.campaigns.petition_forms import InvalidateForm

    form = InvalidateForm(data={"until": "2026-12-01T14:05", "reason": "Пакет с одного адреса"})
    assert form.is_valid(), form.errors
    until = form.cleaned_data["until"]
    assert (until.hour, until.minute, until.second) == (14, 5, 59)
    signed = until.replace(second=30, microsecond=0)
    assert signed <= until
