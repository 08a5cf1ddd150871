"""A whole secret vote in the browser, with the real belenios-tool: an organisation's administrator sets it up (a
question, three candidates, a roll of three, a credential authority and three trustees of whom two decrypt) and
freezes it; each trustee takes her three key steps, reading her private key off the page and bringing it back;
the credential authority sends the credentials, which the voters read in their e-mail; three voters vote on a
390 px phone — one in English who votes twice, one in Russian whose mistyped credential is refused in Russian,
one who switches the page to Kazakh — and each finds her tracker in the public ballot box; the administrator
closes, a trustee with another's key is refused, two trustees decrypt, and the public page shows the totals of
the last ballots, the turnout and the tool's "all checks passed". axe-core checks the setup, the trustee's step,
the ballot (in Russian with its error, in Kazakh) and the public page; the phone pages must not scroll sideways.
"""

import datetime
import re
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connections
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect, sync_playwright

from azamat.registry.models import Membership
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory
from azamat.voting.models import Ballot, Election, Trustee
from tests.browser.conftest import (  # noqa: F401 — the browser tests' fixtures, used by name
    CHROMIUM_ARGS,
    RUNNING,
    _browser_test_state,
    _chromium_or_fail,
    make_page,
    new_context,
)
from tests.browser.support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}}
ALMATY = ZoneInfo("Asia/Almaty")
CREDENTIAL = re.compile(r"\b[1-9A-HJ-NP-Za-km-z]{3}(?:-[1-9A-HJ-NP-Za-km-z]{3}){4}\b")
TITLE = "Выборы правления «Жасыл Даму»"
QUESTION = "Председатель правления"
AKHMETOVA, IVANOV, SERIKBAYEV = "Ахметова Динара", "Иванов Сергей", "Серікбаев Нұрлан"
# The slowest steps run belenios-tool several times (the last decryption computes the result and verifies the
# whole archive): they get more than the default 15 s.
TOOL_MS = 60_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium for this module, as tests/browser/conftest.py launches it, but closed when the module ends: the
    sync Playwright of tests/browser cannot start while another runs in the same thread. When the browser tests ran
    first in this process, their Chromium still runs: this module takes it."""
    if RUNNING:
        yield RUNNING[0]
        return
    executable = _chromium_or_fail()
    # As in tests/browser/conftest.py: keep one set of database connections once Playwright's loop runs.
    before = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in before.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def fits(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def almaty(moment: datetime.datetime) -> str:
    """What a datetime-local input takes, in the form's Almaty time."""
    return moment.astimezone(ALMATY).strftime("%Y-%m-%dT%H:%M")


def message(page: Page):
    return page.locator(".messages")


def cast(page: Page, *, choice: str, credential: str, button: str) -> str:
    """On the ballot page: choose, paste the credential, cast; returns the tracker the page shows."""
    page.get_by_label(choice, exact=True).check()
    page.locator('[name="credential"]').fill(credential)
    page.get_by_role("button", name=button).click()
    tracker = page.locator("#tracker")
    expect(tracker).to_have_text(re.compile(r"^[0-9a-f]{64}$"), timeout=TOOL_MS)
    assert fits(page), "the tracker's page scrolls sideways at 390 px"
    return tracker.inner_text()


def find_in_the_box(page: Page, tracker: str) -> None:
    """From the page that shows the tracker, to the public ballot box, where it is."""
    page.locator('a[href$="#ballot-box"]').click()
    page.wait_for_url(re.compile(r"/votes/\d+/#ballot-box$"))
    expect(page.locator("ol.trackers")).to_contain_text(tracker)


def test_a_whole_vote_from_setup_to_the_verified_result(make_page):  # noqa: F811 — the imported fixture
    organisation = OrganisationFactory(
        name_ru="Общественное объединение «Жасыл Даму»", name_kk="«Жасыл Даму» қоғамдық бірлестігі"
    )
    admin = UserFactory(email="secretary@zhasyl.kz", full_name="Айгерим Сапарова")
    MembershipFactory(user=admin, organisation=organisation, role=Membership.Role.ADMIN)
    authority = UserFactory(email="authority@zhasyl.kz", full_name="Ержан Қасымов")
    trustees = [
        UserFactory(email="trustee1@zhasyl.kz", full_name="Гүлнар Әбдіқадырова"),
        UserFactory(email="trustee2@zhasyl.kz", full_name="Ольга Ким"),
        UserFactory(email="trustee3@zhasyl.kz", full_name="Бауыржан Тоқтаров"),
    ]
    english, russian, kazakh = voters = [
        UserFactory(email="dana@zhasyl.kz", full_name="Dana Miller"),
        UserFactory(email="marina@zhasyl.kz", full_name="Марина Петрова"),
        UserFactory(email="aliya@zhasyl.kz", full_name="Әлия Нұрланқызы"),
    ]
    now = timezone.now()

    # The administrator sets the vote up.
    admin_page = make_page(locale="en-US")
    sign_in(admin_page, admin.email)
    admin_page.goto(f"/workspace/votes/new/organisation/{organisation.pk}/")
    admin_page.get_by_label("Title", exact=True).fill(TITLE)
    admin_page.get_by_label("Voting opens (Almaty time)").fill(almaty(now + datetime.timedelta(minutes=30)))
    admin_page.get_by_label("Voting closes (Almaty time)").fill(almaty(now + datetime.timedelta(days=1)))
    admin_page.get_by_role("button", name="Create the vote").click()
    expect(message(admin_page)).to_contain_text("The vote is created.")
    election = Election.objects.get()
    # Half an hour passes (a vote opens from now on, never in the past): the voters can vote once it is open.
    Election.objects.filter(pk=election.pk).update(opens_at=now - datetime.timedelta(minutes=1))
    assert election.organisation == organisation and election.administrator == admin
    vote_url = f"/workspace/votes/{election.pk}/"
    admin_page.wait_for_url(re.compile(re.escape(vote_url) + "$"))

    admin_page.get_by_label("Question", exact=True).fill(QUESTION)
    admin_page.get_by_role("button", name="Add the question").click()
    expect(message(admin_page)).to_contain_text("The question is on the ballot.")
    for name in (AKHMETOVA, IVANOV, SERIKBAYEV):
        admin_page.get_by_label("Candidate or answer").fill(name)
        admin_page.get_by_role("button", name="Add the candidate").click()
        expect(message(admin_page)).to_contain_text("The candidate is on the ballot.")
    admin_page.get_by_label("E-mail addresses, one per line").fill("\n".join(v.email for v in voters))
    admin_page.get_by_role("button", name="Add to the roll").click()
    expect(admin_page.get_by_text("3 voters on the roll.")).to_be_visible()
    admin_page.get_by_label("Credential authority (e-mail)").fill(authority.email)
    admin_page.get_by_label("Trustees (e-mails, one per line)").fill("\n".join(t.email for t in trustees))
    admin_page.get_by_label("Trustees needed to decrypt").fill("2")
    admin_page.get_by_role("button", name="Name the roles").click()
    expect(message(admin_page)).to_contain_text("The credential authority and the trustees are named.")
    expect(admin_page.locator('section[aria-labelledby="ballot-title"] ol')).to_have_text(
        re.compile(f"{AKHMETOVA}.*{IVANOV}.*{SERIKBAYEV}", re.S)
    )
    assert_accessible(admin_page, "the vote's page while it is prepared")
    # Freezing cannot be undone: the box saying so is ticked first.
    admin_page.get_by_label("I have checked the ballot, the roll, the roles and the voting times").check()
    admin_page.get_by_role("button", name="Freeze the setup").click()
    expect(message(admin_page)).to_contain_text("The setup is frozen.")
    election.refresh_from_db()
    assert election.status == Election.Status.KEYS and election.threshold == 2
    assert [t.user for t in election.trustees.order_by("position")] == trustees

    # Each trustee generates her key: shown once, on the key page.
    trustee_pages, keys = [], []
    for trustee in trustees:
        page = make_page(locale="en-US")
        sign_in(page, trustee.email)
        page.goto(vote_url)
        expect(page.get_by_text("Step 1 of 3")).to_be_visible()
        page.get_by_role("button", name="Generate my key").click()
        key = page.locator("#private-key")
        expect(key).not_to_be_empty(timeout=TOOL_MS)
        keys.append(key.inner_text().strip())
        page.get_by_role("link", name="I have saved it: back to the vote").click()
        trustee_pages.append(page)
    assert len(set(keys)) == 3
    assert_accessible(trustee_pages[-1], "the trustee's key step")
    # Steps 2 and 3: once everyone's part of the step before is in, each brings her key back.
    for step in ("Step 2 of 3", "Step 3 of 3"):
        for page, key in zip(trustee_pages, keys, strict=True):
            page.goto(vote_url)
            expect(page.get_by_text(step)).to_be_visible()
            page.get_by_label("Your private key").fill(key)
            page.get_by_role("button", name="Take this step").click()
            expect(message(page)).to_contain_text("Your key step is recorded.", timeout=TOOL_MS)
    election.refresh_from_db()
    assert election.status == Election.Status.CREDENTIALS and election.trustees_json
    assert not any(key in election.trustees_json for key in keys)

    # The credential authority sends the credentials: each voter's comes by e-mail.
    mail.outbox.clear()
    authority_page = make_page(locale="en-US")
    sign_in(authority_page, authority.email)
    authority_page.goto(vote_url)
    authority_page.get_by_label("I have checked that voting runs from").check()
    authority_page.get_by_role("button", name="Send the credentials").click()
    expect(message(authority_page)).to_contain_text(
        "Credentials sent to 3 voters. The vote is open.", timeout=TOOL_MS
    )
    credentials = {m.to[0]: CREDENTIAL.search(m.body).group(0) for m in mail.outbox}
    assert set(credentials) == {v.email for v in voters}
    assert len(set(credentials.values())) == 3
    election.refresh_from_db()
    assert election.status == Election.Status.OPEN
    assert not any(c in election.public_creds for c in credentials.values())  # only the public parts are kept
    ballot_url = f"/workspace/votes/{election.pk}/ballot/"

    # In English, on a phone: she votes, then changes her mind; her second ballot replaces the first.
    page = make_page(locale="en-US", **PHONE)
    sign_in(page, english.email)
    page.goto(vote_url)
    page.get_by_role("link", name="Vote", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your ballot")
    first = cast(page, choice=IVANOV, credential=credentials[english.email], button="Cast my ballot")
    find_in_the_box(page, first)
    page.goto(vote_url)
    assert fits(page), "the vote's page scrolls sideways at 390 px"
    page.get_by_role("link", name="Vote again").click()
    expect(
        page.get_by_text("You have voted already; a new ballot replaces your earlier one.")
    ).to_be_visible()
    last = cast(page, choice=AKHMETOVA, credential=credentials[english.email], button="Cast my ballot")
    assert last != first
    find_in_the_box(page, last)
    expect(page.locator("ol.trackers")).to_contain_text(first)  # the box keeps both; only the last counts

    # In Russian: a mistyped credential is refused in Russian, nothing is added, and her choice is still there.
    page = make_page(locale="ru-RU", **PHONE)
    sign_in(page, russian.email)
    page.goto(ballot_url)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    wrong = "abc-def-ghi-jkm-npq"
    assert wrong not in credentials.values()
    page.get_by_label(SERIKBAYEV, exact=True).check()
    page.locator('[name="credential"]').fill(wrong)
    page.get_by_role("button", name="Отправить бюллетень").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Этот код недействителен для данного голосования.", timeout=TOOL_MS
    )
    assert Ballot.objects.filter(election=election).count() == 2
    expect(page.get_by_label(SERIKBAYEV, exact=True)).to_be_checked()
    assert fits(page), "the ballot scrolls sideways at 390 px"
    assert_accessible(page, "the ballot with a refused credential, in Russian")
    tracker = cast(
        page, choice=SERIKBAYEV, credential=credentials[russian.email], button="Отправить бюллетень"
    )
    expect(message(page)).to_contain_text("Ваш бюллетень опущен в электронную урну.")
    page.reload()  # the vote's page after a redirect: reloading it posts nothing again
    expect(page.locator("#tracker")).to_have_text(tracker)
    assert Ballot.objects.filter(election=election).count() == 3
    find_in_the_box(page, tracker)

    # A browser in Russian, switched to Kazakh on the ballot page.
    page = make_page(locale="ru-RU", **PHONE)
    sign_in(page, kazakh.email)
    page.goto(ballot_url)
    page.get_by_role("button", name="Қазақша").click()
    page.wait_for_url(re.compile(re.escape(ballot_url) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.get_by_role("heading", level=1)).to_have_text("Сіздің бюллетеніңіз")
    assert_accessible(page, "the ballot, in Kazakh")
    tracker = cast(page, choice=AKHMETOVA, credential=credentials[kazakh.email], button="Бюллетенімді жіберу")
    find_in_the_box(page, tracker)
    assert Ballot.objects.filter(election=election).count() == 4

    # Closing. Before the closing time the administrator is told to wait.
    admin_page.goto(vote_url)
    expect(admin_page.get_by_text("3 of 3 voters have voted.")).to_be_visible()
    expect(admin_page.get_by_text("the tally starts after that")).to_be_visible()
    expect(admin_page.get_by_role("button", name="Close and tally")).to_have_count(0)
    # The test does not wait a day: the closing time is moved into the past.
    Election.objects.filter(pk=election.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    admin_page.reload()
    admin_page.get_by_role("button", name="Close and tally").click()
    expect(message(admin_page)).to_contain_text("Voting is closed.", timeout=TOOL_MS)
    election.refresh_from_db()
    assert election.status == Election.Status.CLOSED

    # The first trustee brings the second's key: refused, nothing recorded. Then she and the third decrypt.
    first_trustee, _second, third_trustee = trustee_pages
    first_trustee.goto(vote_url)
    first_trustee.get_by_label("Your private key").fill(keys[1])
    first_trustee.get_by_role("button", name="Decrypt my share").click()
    expect(first_trustee.get_by_role("alert")).to_contain_text(
        "This is not your private key: the tool could not use it. Nothing was recorded.", timeout=TOOL_MS
    )
    assert not Trustee.objects.filter(election=election, decrypted_at__isnull=False).exists()
    first_trustee.get_by_label("Your private key").fill(keys[0])
    first_trustee.get_by_role("button", name="Decrypt my share").click()
    expect(message(first_trustee)).to_contain_text("Your partial decryption is recorded.", timeout=TOOL_MS)
    election.refresh_from_db()
    assert election.status == Election.Status.CLOSED  # one share of two is not enough
    third_trustee.goto(vote_url)
    third_trustee.get_by_label("Your private key").fill(keys[2])
    third_trustee.get_by_role("button", name="Decrypt my share").click()
    expect(message(third_trustee)).to_contain_text("Your partial decryption is recorded.", timeout=TOOL_MS)
    election.refresh_from_db()
    assert election.status == Election.Status.TALLIED
    assert election.result == [[2, 0, 1]] and election.ballots_counted == 3
    assert "all checks passed" in election.verification

    # The public page: the totals of the last ballots, the turnout, the verification; anyone may download.
    public = make_page(locale="en-US", **PHONE)
    public.goto("/votes/")
    public.get_by_role("link", name=TITLE).click()
    expect(public.get_by_role("heading", level=1)).to_have_text(TITLE)
    rows = public.locator("table tbody tr")
    expect(rows).to_have_text([f"{AKHMETOVA}2", f"{IVANOV}0", f"{SERIKBAYEV}1"])
    expect(public.locator("table caption")).to_have_text(QUESTION)
    expect(public.get_by_text("Turnout: 3 of 3")).to_be_visible()
    expect(public.get_by_text("The quorum of 50 % is met.")).to_be_visible()
    expect(
        public.get_by_text(
            re.compile(r"Azamat verified the whole archive with belenios-tool on .+: all checks passed\.")
        )
    ).to_be_visible()
    expect(public.get_by_text("4 ballots cast.")).to_be_visible()
    expect(public.locator("ol.trackers li")).to_have_count(4)
    body = public.content()
    assert not any(v.email in body or v.full_name in body for v in voters)
    archive = public.request.get(f"/votes/{election.pk}/archive/")
    assert archive.ok and len(archive.body()) > 1000
    assert fits(public), "the public page scrolls sideways at 390 px"
    assert_accessible(public, "the public page with the result")
