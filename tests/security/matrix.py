"""What the authorisation matrix is written in: a `Case` per URL, and the outcome tables of the personas.

The matrix itself is `test_authorisation_matrix.py`; each later module keeps its own rows in
`cases_<app>.py` (a `build(w)` that adds its objects to the world, and `CASES`), which the matrix takes in.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

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
