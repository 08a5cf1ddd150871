"""The crawl: as each persona, in Kazakh, Russian and English, from the home page and the workspace, every
link followed and every form submitted empty and with junk — no server error anywhere, and no English on
a Kazakh or Russian page (our messages, Django's and allauth's alike)."""

import pytest
from django.conf import settings
from django.test import Client

from .crawler import Crawler, pages_without_parameters
from .personas import PERSONAS

pytestmark = pytest.mark.django_db

LANGUAGES = ["kk", "ru", "en"]
START = ["/", "/workspace/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]

# A page each persona must reach, so a crawl that lost its way (signed out, a broken workspace) fails.
REACHES = {
    "anonymous": "registry:organisation",
    "citizen": "accounts:dashboard",
    "ngo_admin": "registry:organisation_members",
    "ngo_member": "grants:application",
    "operator": "grants:operator_queue",
    "expert": "grants:expert_assignment",
    "officer": "grants:commission_home",
    "secretary": "accounts:dashboard",
    "monitor": "accounts:dashboard",
    "working_group": "problems:edit",
    "moderator": "campaigns:petition_moderate",
    "interviewer": "surveys:interviews",
    "hr_monitor": "monitoring:event",
    "hr_verifier": "monitoring:event_verification",
    "platform_admin": "grants:operator_queue",
}
# Further pages a persona must reach from the navigation (a page only reachable by a typed address is lost).
ALSO_REACHES = {
    "ngo_admin": {"registry:organisation_documents"},  # from its profile's management buttons
}


def crawl(users, persona: str, language: str, **options) -> Crawler:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if users[persona] is not None:
        client.force_login(users[persona], backend=settings.AUTHENTICATION_BACKENDS[0])
    crawler = Crawler(client, language, **options)
    crawler.crawl([*START, *pages_without_parameters()])
    return crawler


def _report(crawler: Crawler, persona: str, language: str) -> str:
    unique = list(dict.fromkeys(str(f) for f in crawler.findings))
    return (
        f"{len(unique)} problem(s) as {persona} in {language} "
        f"({len(crawler.visited)} pages, {crawler.forms_submitted} form submissions):\n" + "\n".join(unique)
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("persona", list(PERSONAS))
def test_every_page_and_form_holds(seeded, persona, language):
    crawler = crawl(seeded, persona, language)
    assert {"core:home", REACHES[persona], *ALSO_REACHES.get(persona, ())} <= set(crawler.views_seen), sorted(
        crawler.views_seen
    )
    assert not crawler.findings, _report(crawler, persona, language)
