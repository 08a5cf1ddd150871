"""What the authorisation matrix is written in: a `Case` per URL, and the outcome tables of the personas.

The matrix itself is `test_authorisation_matrix.py`; each later module keeps its own rows in
`cases_<app>.py` (a `build(w)` that adds its objects to the world, and `CASES`), which the matrix takes in.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection
from django.urls import reverse

from tests.security.world import PERSONAS, World

LANGUAGES = ["kk", "ru", "en"]
EDITORS = ("operator", "platform_admin")  # who edits calls: the only ones who see a draft call
OWN = ("owner", "member")  # the first NGO's people: its applications, project and reports are theirs
EXPERTS = ("expert_assigned", "expert_unassigned")
SIGNED_IN = tuple(p for p in PERSONAS if p != "anonymous")
PREFIX_RULES = ("admin/", "accounts/")  # tested by the prefix rules at the end of this module


def table(default: str, *, anonymous: str | None = None, **codes: str) -> dict[str, str]:
    """Every persona's outcome: `default`, anonymous's own if given, and the exceptions named."""
    outcomes = dict.fromkeys(PERSONAS, default)
    if anonymous:
        outcomes["anonymous"] = anonymous
    outcomes.update(codes)
    return outcomes


def allow(
    personas, code: str = "200", *, others: str = "403", anonymous: str = "login", **codes: str
) -> dict[str, str]:
    """`personas` get `code`; the other signed-in personas `others` (or their own in `codes`); anonymous
    visitors are sent to sign in."""
    return table(others, anonymous=anonymous, **dict.fromkeys(personas, code), **codes)


PUBLIC = table("200")
SIGNED = table("200", anonymous="login")
POST_ONLY = table("405", anonymous="login")  # a GET on a signed-in, POST-only action
NOWHERE = table("404")


@dataclass(frozen=True)
class Case:
    """One URL with its kwargs from the world; `post` only for write endpoints, with who may write."""

    label: str
    kwargs: Callable[[World], dict]
    get: dict[str, str]
    post: dict[str, str] | None = None
    writers: tuple = field(default=())
    path: Callable[[World], str] | None = None  # for a pattern without a name

    def url(self, name: str, w: World) -> str:
        return self.path(w) if self.path else reverse(name, kwargs=self.kwargs(w))


def outcome(response) -> str:
    if response.status_code == 302 and response["Location"].startswith(("/accounts/login/", "/admin/login/")):
        return "login"
    return str(response.status_code)


_WATCHED_APPS = {
    "accounts",
    "core",
    "registry",
    "grants",
    "accountability",
    "councils",
    "problems",
    "campaigns",
    "surveys",
    "monitoring",
    "voting",
    "account",
    "mfa",
}


def _watched():
    """Every domain table and its history, many-to-many tables included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in _WATCHED_APPS
        and not model._meta.proxy
        and model._meta.managed
        # The log of reads records refusals too (who tried to open what): a log line, not a change.
        and model._meta.label != "monitoring.ReadLog"
    ]


@functools.cache
def _fingerprint_sql() -> tuple[str, tuple]:
    if connection.vendor == "postgresql":
        # PostgreSQL counts the rows this transaction inserted, updated and deleted in each table: one cheap
        # query that also sees an update or a delete, which a count of rows would miss.
        return (
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables "
            "WHERE schemaname = current_schema() AND relname = ANY(%s)",
            ([model._meta.db_table for model in _watched()],),
        )
    quote = connection.ops.quote_name
    return (
        " UNION ALL ".join(
            # Table names from the models, quoted: no outside input reaches this SQL.
            f"SELECT '{model._meta.db_table}', COUNT(*) FROM {quote(model._meta.db_table)}"  # noqa: S608
            for model in _watched()
        ),
        (),
    )


def fingerprint() -> dict[str, tuple]:
    """What the transaction has written to every domain table so far (PostgreSQL), or its row counts."""
    sql, params = _fingerprint_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0]: row[1:] for row in cursor.fetchall()}
