"""The authorisation matrix: every URL pattern × every persona → the outcome it must give.

Each URL pattern of the project has a row in CASES (the admin and allauth are covered by prefix rules below).
A new page without its row fails `test_every_url_pattern_has_a_row`: add one, and so declare who may see it.
Outcomes: "200", "login" (a redirect to sign in), "403", "404", "405", or any other status as a string.
A refused POST must also change nothing in the database.
"""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from azamat.registry.models import ActivityArea
from tests.security import (
    cases_accountability,
    cases_accountability_items,
    cases_appeals,
    cases_campaigns,
    cases_councils,
    cases_councils_kpi,
    cases_founding_documents,
    cases_monitoring,
    cases_monitoring_admin,
    cases_monitoring_casework,
    cases_monitoring_elections,
    cases_monitoring_listing,
    cases_monitoring_public,
    cases_monitoring_records,
    cases_petitions,
    cases_problems,
    cases_reports,
    cases_statistics,
    cases_survey_analysis,
    cases_survey_collect,
    cases_survey_forms,
    cases_surveys,
    cases_voting,
)
from tests.security.matrix import (
    EDITORS,
    EXPERTS,
    LANGUAGES,
    NOWHERE,
    OWN,
    POST_ONLY,
    PREFIX_RULES,
    PUBLIC,
    SIGNED,
    SIGNED_IN,
    Case,
    allow,
    fingerprint,
    outcome,
    table,
)
from tests.security.world import DRAFT_TITLES, PERSONAS, World
from tests.url_patterns import url_patterns

pytestmark = pytest.mark.django_db


def _none(w):
    return {}


def _bin(w):
    return {"bin": w.ngo.bin}


def _call(attr):
    return lambda w: {"code": getattr(w, attr).code}


def _pk(attr, key="pk"):
    return lambda w: {key: getattr(w, attr).pk}


def _item(w):
    return {"pk": w.open_sitting.pk, "item": w.item.pk}


def _report(w):
    return {"pk": w.project.pk, "report_pk": w.report.pk}


def _draft_app(w):
    return {"pk": w.draft_application.pk}


def _editing():
    """The editor's POST-only sections of a draft application: its own people save (400: the form is empty)."""
    return [Case("", _draft_app, POST_ONLY, allow(OWN, "400"), OWN)]


def _operator_post(kwargs, code="302", get=POST_ONLY):
    return [Case("", kwargs, get, allow(EDITORS, code), EDITORS)]


CASES: dict[str, list[Case]] = {
    # Site and registry
    "core:home": [Case("", _none, PUBLIC)],
    "core:healthz": [Case("", _none, PUBLIC)],
    "registry:directory": [Case("", _none, PUBLIC)],
    "registry:organisation_register": [Case("", _none, SIGNED, SIGNED, SIGNED_IN)],
    "registry:organisation": [Case("", _bin, PUBLIC)],
    "registry:organisation_edit": [
        Case(
            "",
            _bin,
            allow(["owner", "platform_admin"]),
            allow(["owner", "platform_admin"]),
            ("owner", "platform_admin"),
        )
    ],
    "registry:organisation_history": [Case("", _bin, allow(["owner", "platform_admin"]))],
    "registry:organisation_join": [Case("", _bin, POST_ONLY, table("302", anonymous="login"), SIGNED_IN)],
    "registry:organisation_members": [
        Case(
            "",
            _bin,
            allow(["owner", "platform_admin"]),
            allow(["owner", "platform_admin"], "404"),
            ("owner", "platform_admin"),
        )
    ],
    "registry:bodies": [Case("", _none, PUBLIC)],
    "registry:body": [Case("", lambda w: {"code": w.body.code}, PUBLIC)],
    "media/logos/<path:path>": [Case("", _none, NOWHERE, path=lambda w: "/media/logos/none.png")],
    # Calls
    "grants:calls": [Case("", _none, PUBLIC)],
    "grants:call": [
        Case("open", _call("open_call"), PUBLIC),
        Case("draft", _call("draft_call"), table("404", operator="200", platform_admin="200")),
    ],
    "grants:call_apply": [
        Case(
            "open",
            _call("open_call"),
            allow(OWN + ("other_member", "other_admin")),
            allow(OWN + ("other_member", "other_admin")),
            OWN + ("other_member", "other_admin"),
        ),
        Case(
            "draft",
            _call("draft_call"),
            table("404", anonymous="login", operator="403", platform_admin="403"),
            table("404", anonymous="login", operator="403", platform_admin="403"),
        ),
    ],
    # The operator's forms of a call and its directions: an empty form is refused (400) and changes nothing.
    "grants:call_new": [Case("", _none, allow(EDITORS), allow(EDITORS, "400"), EDITORS)],
    "grants:call_edit": [
        Case("draft", _call("draft_call"), allow(EDITORS), allow(EDITORS, "400"), EDITORS),
        Case("open", _call("open_call"), allow(EDITORS), allow(EDITORS, "400"), EDITORS),
    ],
    "grants:direction_new": [
        Case("draft", _call("draft_call"), allow(EDITORS), allow(EDITORS, "400"), EDITORS)
    ],
    "grants:direction_edit": [
        Case(
            "open",
            lambda w: {"code": w.open_call.code, "pk": w.direction.pk},
            allow(EDITORS),
            allow(EDITORS, "400"),
            EDITORS,
        )
    ],
    "grants:call_publish": [Case("draft", _call("draft_call"), POST_ONLY, allow(EDITORS, "302"), EDITORS)],
    # Without the confirmation, closing early shows the page that asks for it (200) and changes nothing.
    "grants:call_close": [Case("open", _call("open_call"), POST_ONLY, allow(EDITORS, "200"), EDITORS)],
    "grants:direction_comment": [
        Case(
            "open",
            lambda w: {"code": w.open_call.code, "pk": w.direction.pk},
            POST_ONLY,
            # An empty comment: refused on the call's page again, with its reason (nothing to lose, nothing kept).
            table("400", anonymous="login"),
            SIGNED_IN,
        ),
        Case(
            "draft",
            lambda w: {"code": w.draft_call.code, "pk": w.draft_call.directions.get().pk},
            POST_ONLY,
            table("404", anonymous="login"),
        ),
    ],
    # Applications
    "grants:applications": [Case("", _none, SIGNED)],
    "grants:application": [
        Case("draft", _draft_app, allow(OWN + EDITORS)),
        Case("submitted", _pk("submitted_application"), allow(OWN + EDITORS)),
    ],
    "grants:application_project": _editing(),
    "grants:application_activities": _editing(),
    "grants:application_budget": _editing(),
    "grants:application_indicators": _editing(),
    "grants:application_attachment_upload": _editing(),
    # Without the check page's confirmation, the submit action shows that page (200) and changes nothing.
    "grants:application_submit": [Case("", _draft_app, POST_ONLY, allow(OWN), OWN)],
    "grants:application_save": _editing(),
    "grants:application_autosave": [
        Case(
            "",
            lambda w: {"pk": w.draft_application.pk, "section": "project"},
            POST_ONLY,
            allow(OWN),  # 200: the status fragment lists the empty form's errors
            OWN,
        )
    ],
    "grants:application_pdf": [Case("", _pk("submitted_application"), allow(OWN + EDITORS))],
    "grants:application_attachment": [
        Case(
            "",
            lambda w: {"pk": w.draft_application.pk, "attachment_pk": w.attachment.pk},
            allow(OWN + EDITORS),
        )
    ],
    "grants:application_attachment_delete": [
        Case(
            "",
            lambda w: {"pk": w.draft_application.pk, "attachment_pk": w.attachment.pk},
            POST_ONLY,
            allow(OWN, "302"),
            OWN,
        )
    ],
    # Without the confirmation, withdrawing shows the page that asks for it (200) and changes nothing.
    "grants:application_withdraw": [
        Case("", _pk("submitted_application"), POST_ONLY, allow(OWN, "200"), OWN)
    ],
    "grants:application_clarification": _operator_post(_pk("submitted_application")),
    "grants:application_versions": [Case("", _pk("submitted_application"), allow(OWN + EDITORS))],
    "grants:similarity": [Case("", _none, allow(EDITORS))],
    "grants:similarity_flag": [Case("", _pk("similarity"), allow(EDITORS))],
    "grants:similarity_reviewed": _operator_post(_pk("similarity")),
    # Stage 1: compliance, experts, draws
    "grants:operator_queue": [Case("", _none, allow(EDITORS))],
    "grants:compliance_check": _operator_post(_pk("submitted_application"), "200", allow(EDITORS)),
    "grants:blind_correct": _operator_post(_pk("submitted_application"), "302"),
    "grants:expert_register": [Case("", _none, allow(EDITORS))],
    "grants:call_assignment": _operator_post(_call("closed_call"), "200", allow(EDITORS)),
    "grants:ranking": [Case("", _call("closed_call"), allow(EDITORS))],
    "grants:application_decide": _operator_post(
        lambda w: {"code": w.closed_call.code, "pk": w.compliant_application.pk}
    ),
    "grants:draw": [Case("", lambda w: {"code": w.closed_call.code, "pk": w.draw.pk}, PUBLIC)],
    # The operator's lists as files, the experts' loads and the manual change of an expert (issue 7).
    "grants:operator_queue_download": [Case("", lambda w: {"fmt": "csv"}, allow(EDITORS))],
    "grants:ranking_download": [
        Case("", lambda w: {"code": w.closed_call.code, "fmt": "xlsx"}, allow(EDITORS))
    ],
    "grants:expert_loads": [Case("", _call("closed_call"), allow(EDITORS))],
    "grants:expert_loads_download": [
        Case("", lambda w: {"code": w.closed_call.code, "fmt": "csv"}, allow(EDITORS))
    ],
    "grants:assignment_change": _operator_post(_call("closed_call"), "400", allow(EDITORS)),
    "grants:expert_home": [Case("", _none, allow(EXPERTS))],
    "grants:expert_declaration": [
        Case("closed", _call("closed_call"), allow(EXPERTS), allow(EXPERTS), EXPERTS),
        # The leak of issue 6: a draft call's declaration page named the call to any expert.
        Case("draft", _call("draft_call"), allow(EXPERTS, "404"), allow(EXPERTS, "404")),
    ],
    "grants:expert_assignment": [
        Case(
            "",
            _pk("assignment"),
            allow(EDITORS, expert_assigned="302"),
            allow((), expert_assigned="302"),
            ("expert_assigned",),
        )
    ],
    "grants:expert_recuse": [
        Case(
            "",
            _pk("assignment"),
            POST_ONLY,
            # An empty reason is refused on the page again (400), the reason kept; the others are not let in.
            allow(EDITORS + ("expert_assigned",), "400"),
            EDITORS + ("expert_assigned",),
        )
    ],
    # Stage 2: the commission
    "grants:commission_manage": _operator_post(_call("closed_call"), "302", allow(EDITORS)),
    "grants:commission_member_add": _operator_post(_call("closed_call"), "400"),
    "grants:commission_member_remove": _operator_post(
        lambda w: {"code": w.closed_call.code, "pk": w.seat.pk}, "302"
    ),
    "grants:commission_secretary": _operator_post(_call("closed_call"), "400"),
    "grants:sitting_schedule": _operator_post(_call("closed_call"), "400"),
    "grants:commission_home": [Case("", _none, SIGNED)],
    "grants:commission_declaration": [
        Case(
            "closed",
            _call("closed_call"),
            allow(["commission_member"]),
            allow(["commission_member"]),
            ("commission_member",),
        ),
        Case("draft", _call("draft_call"), table("404", anonymous="login"), table("404", anonymous="login")),
    ],
    "grants:sitting": [Case("", _pk("open_sitting"), allow(EDITORS + ("commission_member",)))],
    # The member may press the buttons; the service refuses and nothing changes (the operator's actions).
    "grants:sitting_agenda": [
        Case("", _pk("open_sitting"), POST_ONLY, allow(EDITORS + ("commission_member",), "302"), EDITORS)
    ],
    "grants:sitting_attendance": [
        Case("", _pk("open_sitting"), POST_ONLY, allow(EDITORS + ("commission_member",), "302"), EDITORS)
    ],
    # Those who may close first see the summary to confirm (200); the member's press is refused (302).
    "grants:sitting_close": [
        Case("", _pk("open_sitting"), POST_ONLY, allow(EDITORS, "200", commission_member="302"), EDITORS)
    ],
    "grants:sitting_protocol": [
        # Before the results are published: the commission and the operator only (permissions.py).
        Case(
            "unpublished",
            _pk("closed_sitting"),
            table("404", operator="200", platform_admin="200", commission_member="200"),
        ),
        Case("published", _pk("published_sitting"), PUBLIC),
    ],
    "grants:agenda_item_vote": [
        Case("", _item, allow(["commission_member"]), allow(["commission_member"]), ("commission_member",))
    ],
    "grants:agenda_item_recuse": [
        Case("", _item, POST_ONLY, allow(["commission_member"], "400"), ("commission_member",))
    ],
    # Only the chair decides; an empty form is refused before that, for the sitting's insiders too.
    "grants:agenda_item_decide": [Case("", _item, POST_ONLY, allow(EDITORS + ("commission_member",), "400"))],
    # Projects
    "grants:projects": [Case("", _none, SIGNED)],
    "grants:project": [Case("", _pk("project"), PUBLIC)],
    "grants:project_report": [Case("", _report, allow(OWN + EDITORS), allow(OWN, "302"), OWN)],
    "grants:project_report_review": _operator_post(_report, "400"),
    "grants:project_report_file": [
        Case("", lambda w: {**_report(w), "file_pk": w.report_file.pk}, allow(OWN + EDITORS))
    ],
    "grants:operator_payments": _operator_post(_none, "404", allow(EDITORS)),
    "grants:late_payments_download": [Case("", lambda w: {"fmt": "xlsx"}, allow(EDITORS))],
    "grants:project_create": _operator_post(
        _pk("compliant_application", "application_pk"), "200", allow(EDITORS)
    ),
    "grants:dashboard": [Case("", _none, PUBLIC)],
    # Transparency
    "grants:call_results": [
        Case("published", _call("results_call"), PUBLIC),
        Case("draft", _call("draft_call"), NOWHERE),
    ],
    "grants:call_results_publish": _operator_post(_call("closed_call")),
    "grants:open_data": [Case("", _none, PUBLIC)],
    "grants:open_data_download": [Case("", lambda w: {"fmt": "csv"}, PUBLIC)],
    # The workspace
    "accounts:dashboard": [Case("", _none, SIGNED)],
    "accounts:profile": [Case("", _none, SIGNED, SIGNED, SIGNED_IN)],
    "accounts:token_create": [Case("", _none, POST_ONLY, table("400", anonymous="login"), SIGNED_IN)],
    "accounts:token_revoke": [Case("", lambda w: {"pk": 999999}, POST_ONLY, table("404", anonymous="login"))],
    "set_language": [Case("", _none, table("302"), table("302"), PERSONAS)],
    # The API (read-only; its writes are checked in tests/api)
    "v1:api-root": [Case("", _none, PUBLIC)],
    "v1:region-list": [Case("", _none, PUBLIC)],
    "v1:region-detail": [Case("", lambda w: {"kato": "750000000"}, PUBLIC)],
    "v1:area-list": [Case("", _none, PUBLIC)],
    "v1:area-detail": [
        Case("", lambda w: {"code": ActivityArea.objects.order_by("pk").first().code}, PUBLIC)
    ],
    "v1:government-body-list": [Case("", _none, PUBLIC)],
    "v1:government-body-detail": [Case("", lambda w: {"code": w.body.code}, PUBLIC)],
    "v1:organisation-list": [Case("", _none, PUBLIC)],
    "v1:organisation-detail": [Case("", _bin, PUBLIC)],
    "v1:call-list": [Case("", _none, PUBLIC)],
    "v1:call-detail": [Case("open", _call("open_call"), PUBLIC), Case("draft", _call("draft_call"), NOWHERE)],
    "v1:direction-list": [Case("", _none, PUBLIC)],
    "v1:direction-detail": [Case("", _pk("direction"), PUBLIC)],
    "v1:awarded-grant-list": [Case("", _none, PUBLIC)],
    "api-schema": [Case("", _none, PUBLIC)],
    "api-docs": [Case("", _none, PUBLIC)],
    "api-redoc": [Case("", _none, PUBLIC)],
    "api/^(?P<rest>[\\s\\S]*)$": [Case("", _none, NOWHERE, path=lambda w: "/api/no-such-thing/")],
}


# --- Every URL pattern has its row --------------------------------------------------------------------------


# Each later module's rows, kept in its own file.
for _module in (
    cases_accountability,
    cases_accountability_items,
    cases_appeals,
    cases_campaigns,
    cases_councils,
    cases_councils_kpi,
    cases_founding_documents,
    cases_monitoring,
    cases_monitoring_admin,
    cases_monitoring_casework,
    cases_monitoring_elections,
    cases_monitoring_listing,
    cases_monitoring_public,
    cases_monitoring_records,
    cases_petitions,
    cases_problems,
    cases_reports,
    cases_statistics,
    cases_survey_analysis,
    cases_survey_collect,
    cases_survey_forms,
    cases_surveys,
    cases_voting,
):
    CASES.update(_module.CASES)


def test_every_url_pattern_has_a_row():
    declared = {key for key, route in url_patterns() if not route.startswith(PREFIX_RULES)}
    missing = sorted(declared - CASES.keys())
    stale = sorted(CASES.keys() - declared)
    assert not missing, (
        "These URL patterns have no row in the authorisation matrix. Add one to CASES in "
        f"tests/security/test_authorisation_matrix.py saying what each persona gets: {missing}"
    )
    assert not stale, (
        f"These rows of the authorisation matrix name URL patterns that no longer exist: {stale}"
    )


# --- GET and POST for every persona -------------------------------------------------------------------------


def _client(w: World, persona: str) -> Client:
    # Each persona reads the site in one of the three languages, so every language is crawled for leaks.
    client = Client(HTTP_ACCEPT_LANGUAGE=LANGUAGES[PERSONAS.index(persona) % 3])
    if persona != "anonymous":
        # Signed in once per module (conftest's `world`); a test's writes to its session are rolled back with it.
        client.cookies[settings.SESSION_COOKIE_NAME] = w.sessions[persona]
    return client


def _params(method: str):
    for name, cases in CASES.items():
        for case in cases:
            expected = case.get if method == "get" else case.post
            if expected is None:
                continue
            for persona in PERSONAS:
                label = f"{name}[{case.label}]" if case.label else name
                yield pytest.param(name, case, persona, id=f"{label}-{persona}")


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def test_the_fingerprint_sees_a_write(world):
    """The check of refused POSTs can fail: an insert moves the fingerprint, and on PostgreSQL an update and a
    delete that leave the count as it was move it too."""
    before = fingerprint()
    area = ActivityArea.objects.create(code="fingerprint-check", name_kk="a", name_ru="a", name_en="a")
    after_insert = fingerprint()
    assert after_insert["registry_activityarea"] != before["registry_activityarea"]
    if connection.vendor == "postgresql":
        ActivityArea.objects.filter(pk=area.pk).update(position=7)  # a bulk update: no history row
        after_update = fingerprint()
        assert after_update["registry_activityarea"] != after_insert["registry_activityarea"]
        assert (
            after_update["registry_historicalactivityarea"] == after_insert["registry_historicalactivityarea"]
        )


@pytest.mark.parametrize(("name", "case", "persona"), list(_params("get")))
def test_get(world, name, case, persona):
    response = _client(world, persona).get(case.url(name, world))
    assert outcome(response) == case.get[persona], (
        f"GET {name} as {persona}: expected {case.get[persona]}, got {outcome(response)}"
    )
    if persona not in EDITORS:
        body = _body(response)
        leaked = [title for title in DRAFT_TITLES.values() if title in body]
        assert not leaked, f"GET {name} as {persona} shows the draft call's title {leaked}"


@pytest.mark.parametrize(("name", "case", "persona"), list(_params("post")))
def test_post(world, name, case, persona):
    client = _client(world, persona)  # signing in writes (last_login), so count after it
    before = fingerprint()
    response = client.post(case.url(name, world), {})
    assert outcome(response) == case.post[persona], (
        f"POST {name} as {persona}: expected {case.post[persona]}, got {outcome(response)}"
    )
    if persona not in case.writers:
        after = fingerprint()
        changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
        assert not changed, f"POST {name} as {persona} was refused but changed rows: {changed}"


# --- HEAD answers as GET does -------------------------------------------------------------------------------


def _head_params():
    for name, cases in CASES.items():
        for case in cases:
            seen = set()
            for persona in PERSONAS:  # one persona per distinct outcome keeps this short
                if case.get[persona] not in seen:
                    seen.add(case.get[persona])
                    label = f"{name}[{case.label}]" if case.label else name
                    yield pytest.param(name, case, persona, id=f"{label}-{persona}")


@pytest.mark.parametrize(("name", "case", "persona"), list(_head_params()))
def test_head_answers_as_get(world, name, case, persona):
    response = _client(world, persona).head(case.url(name, world))
    assert outcome(response) == case.get[persona], f"HEAD {name} as {persona}: {outcome(response)}"
    assert _body(response) == ""


# --- Prefix rules: the admin and allauth ---------------------------------------------------------------------


def _prefixed(prefix: str):
    return sorted({(key, route) for key, route in url_patterns() if route.startswith(prefix)})


ADMIN_NAMES = sorted(
    {
        key
        for key, route in _prefixed("admin/")
        if ":" in key and key.endswith(("_changelist", "_add")) or key == "admin:index"
    }
)


@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_only_lets_staff_in(world, persona):
    """admin/*: the platform administrator (staff) gets in; everyone else is sent to sign in."""
    client = _client(world, persona)
    for name in ADMIN_NAMES:
        got = outcome(client.get(reverse(name)))
        if persona == "platform_admin":
            assert got in {"200", "403"}, f"{name} as the platform administrator: {got}"
        else:
            assert got == "login", f"{name} as {persona}: expected a redirect to sign in, got {got}"
    if persona == "platform_admin":
        assert outcome(client.get(reverse("admin:index"))) == "200"


def _admin_object_urls(w: World) -> list[str]:
    """Each model's change, delete and history pages, for the platform administrator's own account."""
    return [
        f"/admin/{app}/{model}/{w.people['platform_admin'].pk}/{page}/"
        for app, model in [("accounts", "user"), ("registry", "organisation"), ("grants", "call")]
        for page in ("change", "delete", "history")
    ]


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "platform_admin"])
def test_admin_object_pages_send_everyone_but_staff_to_sign_in(world, persona):
    client = _client(world, persona)
    for url in [*_admin_object_urls(world), "/admin/grants/", "/admin/no/such/page/"]:
        assert outcome(client.get(url)) == "login", f"GET {url} as {persona}"
        assert outcome(client.post(url, {})) == "login", f"POST {url} as {persona}"


@pytest.mark.parametrize("persona", ["anonymous", "citizen"])
def test_allauth_pages_never_fail(world, persona):
    """accounts/*: allauth's pages are open to sign in; none answers with a server error."""
    client = _client(world, persona)
    for key, route in _prefixed("accounts/"):
        if "<" in route or "(?P" in route or key == route:
            continue  # pages that need a key from an email are reached through the flows tested in accounts
        url = reverse(key)
        assert client.get(url).status_code < 500, f"GET {url} as {persona}"
