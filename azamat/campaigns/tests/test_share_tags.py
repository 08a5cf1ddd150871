"""A link pasted into WhatsApp, Telegram or Facebook showed a bare address: no page had Open Graph or Twitter card
tags. The pages people pass on (a petition, a public campaign, a call, a project, an organisation, a published
survey report) now carry them (core/templatetags/sharing.py), in the page's language; a draft's or a hidden
record's page carries none."""

import html
import re
import runpy
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from PIL import Image

from azamat.campaigns.models import Petition
from azamat.core.templatetags.sharing import summary
from azamat.grants.factories import CallFactory
from azamat.grants.tests.test_projects import make_operator, make_project
from azamat.problems.tests import factories as pf
from azamat.surveys.models import Survey
from azamat.testing import campaigns_factories as cf
from azamat.testing import surveys_factories as sf
from azamat.testing.factories import OrganisationFactory, PlatformRoleFactory

pytestmark = pytest.mark.django_db
RU = {"HTTP_ACCEPT_LANGUAGE": "ru"}
KK = {"HTTP_ACCEPT_LANGUAGE": "kk"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
SITE_DESCRIPTION = {
    "en": "Azamat: the open platform of Kazakhstan’s civil society.",
}


def tags(response) -> dict[str, list[str]]:
    """Every `<meta property|name="og:…|twitter:…" content="…">` of the page's head, by name."""
    head = response.content.decode().split("</head>", 1)[0]
    found: dict[str, list[str]] = {}
    for name, content in re.findall(
        r'<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)">', head
    ):
        found.setdefault(name, []).append(html.unescape(content))
    return found


def one(found: dict, name: str) -> str:
    assert len(found.get(name, [])) == 1, (name, found.get(name))
    return found[name][0]


# --- The cut -------------------------------------------------------------------------------------------------------


def test_a_long_summary_is_cut_at_a_word_and_a_short_one_kept_whole():
    assert summary("  Пандусы\n\nво   всех поликлиниках ") == "Пандусы во всех поликлиниках"
    assert summary("Пандусы во всех поликлиниках", limit=18) == "Пандусы во всех…"
    assert summary("Пандусы во, всех поликлиниках", limit=14) == "Пандусы во…"  # no comma before the ellipsis
    assert summary("Пандусы во всех", limit=15) == "Пандусы во всех"
    assert summary("Поликлиникаларда", limit=8) == "Поликли…"  # one long word: cut where it reaches the limit
    assert summary("") == ""
    text = "сөз " * 100
    assert len(summary(text)) <= 200 and summary(text).endswith("сөз…")


# --- Petitions -----------------------------------------------------------------------------------------------------


def test_an_open_petition_shared_in_russian_and_in_kazakh(client):
    text = "Мы просим оборудовать пандусами все поликлиники города. " * 6
    petition = cf.petition(title="Пандусы во всех поликлиниках & школах", text=text)
    url = settings.SITE_URL + petition.get_absolute_url()

    ru = tags(client.get(petition.get_absolute_url(), **RU))
    assert one(ru, "og:title") == one(ru, "twitter:title") == "Пандусы во всех поликлиниках & школах"
    description = one(ru, "og:description")
    assert description == summary(text) and description.endswith("пандусами…") and len(description) <= 200
    assert one(ru, "twitter:description") == description
    assert one(ru, "og:url") == url
    assert one(ru, "og:type") == "article"
    assert one(ru, "og:site_name") == "Azamat"
    assert one(ru, "og:locale") == "ru_RU"
    assert ru["og:locale:alternate"] == ["kk_KZ", "en_US"]
    image = one(ru, "og:image")
    assert image == settings.SITE_URL + settings.STATIC_URL + "img/share-card.png"
    assert one(ru, "twitter:image") == image
    assert (one(ru, "og:image:width"), one(ru, "og:image:height")) == ("1200", "630")
    assert one(ru, "twitter:card") == "summary_large_image"

    kk = tags(client.get(petition.get_absolute_url(), **KK))
    assert one(kk, "og:locale") == "kk_KZ"
    assert kk["og:locale:alternate"] == ["ru_RU", "en_US"]
    assert one(kk, "og:url") == url


@pytest.mark.parametrize(
    "status", [Petition.Status.DRAFT, Petition.Status.MODERATION, Petition.Status.REJECTED]
)
def test_a_petition_not_published_gives_nothing_to_a_preview(client, status):
    author, organisation = cf.ngo_admin()
    petition = cf.petition(by=author, organisation=organisation, status=status, title="Черновик о пандусах")
    moderator = cf.ngo_admin()[0]
    PlatformRoleFactory(user=moderator, role="petition_moderator")
    for person in (author, moderator):
        client.force_login(person)
        response = client.get(petition.get_absolute_url(), **RU)
        assert response.status_code == 200 and "Черновик о пандусах" in response.content.decode()
        assert tags(response) == {}


def test_pages_that_are_not_a_record_carry_none(client):
    cf.petition()
    assert tags(client.get("/petitions/", **RU)) == {}
    assert tags(client.get("/", **RU)) == {}


# --- Campaigns -----------------------------------------------------------------------------------------------------


def test_a_public_campaign_shows_what_everyone_reads(client):
    lead, organisation = cf.ngo_admin()
    shown = cf.campaign(
        by=lead,
        visibility="public",
        public_parts=["problem"],
        problem_statement="Нет пандусов в поликлиниках.",
    )
    found = tags(client.get(shown.get_absolute_url(), **KK))
    assert one(found, "og:title") == shown.title
    assert one(found, "og:description") == "Нет пандусов в поликлиниках."
    assert one(found, "og:locale") == "kk_KZ"

    # Its problem statement kept for the team: the preview says what the site is, even when the team opens it.
    kept = cf.campaign(by=lead, visibility="public", public_parts=[], problem_statement="Внутренняя заметка.")
    client.force_login(lead)
    found = tags(client.get(kept.get_absolute_url(), **EN))
    assert one(found, "og:description") == SITE_DESCRIPTION["en"]
    assert "Внутренняя заметка." not in str(found)


def test_a_private_campaign_gives_nothing_even_to_its_team(client):
    lead, _organisation = cf.ngo_admin()
    private = cf.campaign(by=lead, visibility="private")
    client.force_login(lead)
    response = client.get(private.get_absolute_url(), **RU)
    assert response.status_code == 200
    assert tags(response) == {}


# --- The other modules' public pages -------------------------------------------------------------------------------


def test_a_published_call_and_not_a_draft(client):
    call = CallFactory(code="share-open", title_kk="Жастар гранттары", title_ru="Молодёжные гранты")
    call.description_kk = "Ауыл жастары ұйымдарына арналған гранттар."
    call.description_ru = "Гранты для молодёжных организаций сельских районов."
    call.save()
    found = tags(client.get(call.get_absolute_url(), **KK))
    assert one(found, "og:title") == "Жастар гранттары"
    assert one(found, "og:description") == "Ауыл жастары ұйымдарына арналған гранттар."
    found = tags(client.get(call.get_absolute_url(), **RU))
    assert one(found, "og:title") == "Молодёжные гранты"
    assert one(found, "og:description") == "Гранты для молодёжных организаций сельских районов."

    draft = CallFactory(code="share-draft", published=False)
    client.force_login(make_operator())
    response = client.get(draft.get_absolute_url(), **RU)
    assert response.status_code == 200
    assert tags(response) == {}


def test_an_organisation_is_described_in_the_page_language(client):
    organisation = OrganisationFactory(about_kk="Мүгедектігі бар адамдарға көмек.", about_ru="Помощь людям.")
    kk = tags(client.get(organisation.get_absolute_url(), **KK))
    assert one(kk, "og:title") == organisation.name_kk
    assert one(kk, "og:description") == "Мүгедектігі бар адамдарға көмек."
    ru = tags(client.get(organisation.get_absolute_url(), **RU))
    assert one(ru, "og:title") == organisation.name_ru
    assert one(ru, "og:description") == "Помощь людям."
    assert one(ru, "og:type") == "website"


def test_a_project_once_its_results_are_public(client, ngo, alice):
    project = make_project(organisation=ngo, operator=make_operator(), amount=Decimal("2700000.00"))
    application = project.application
    application.summary = "Ауылдағы 150 жасқа кәсіби бағдар беру."
    application.save()
    found = tags(client.get(project.get_absolute_url(), **KK))
    assert one(found, "og:title") == application.title
    assert one(found, "og:description") == "Ауылдағы 150 жасқа кәсіби бағдар беру."

    call = project.application.call
    call.results_published = False
    call.save()
    client.force_login(alice)
    response = client.get(project.get_absolute_url(), **KK)
    assert response.status_code == 200
    assert tags(response) == {}


def test_a_survey_report_only_when_its_results_are_public(client):
    survey = sf.survey(results=Survey.Results.PUBLIC, description="Итоги опроса о доступности.")
    found = tags(client.get(reverse("surveys:report", args=[survey.pk]), **RU))
    assert one(found, "og:title") == survey.title
    assert one(found, "og:description") == "Итоги опроса о доступности."

    survey.results = Survey.Results.LINK
    survey.save()
    response = client.get(reverse("surveys:report", args=[survey.pk]) + f"?t={survey.report_token}", **RU)
    assert response.status_code == 200
    assert tags(response) == {}


# --- The card ------------------------------------------------------------------------------------------------------


def test_the_card_is_a_1200_by_630_png_that_its_script_draws_again(tmp_path):
    card = Path(finders.find("img/share-card.png"))
    with Image.open(card) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    script = Path(__file__).resolve().parents[3] / "scripts" / "make_share_card.py"
    drawn = tmp_path / "card.png"
    runpy.run_path(str(script))["draw"]().save(drawn, format="PNG", optimize=True)
    assert drawn.read_bytes() == card.read_bytes()


def test_a_problem_once_it_is_in_the_public_register(client, alice):
    group = pf.working_group_member()
    shown = pf.registered(by=alice, group=group, title="Гранттар кешігіп төленеді")
    found = tags(client.get(shown.get_absolute_url(), **KK))
    assert one(found, "og:title") == "Гранттар кешігіп төленеді"
    assert one(found, "og:description") == summary(shown.description)

    proposed = pf.proposed(by=alice, title="Әлі қаралып жатқан мәселе")
    client.force_login(alice)
    response = client.get(proposed.get_absolute_url(), **KK)
    assert response.status_code == 200
    assert tags(response) == {}
