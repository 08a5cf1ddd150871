"""The sector statistics' row of the authorisation matrix: a public page that everyone reads, for any year asked
(a bad one explained on the page), and a POST refused for everyone without a change."""

from tests.security.matrix import PUBLIC, Case, table
from tests.security.world import World


def build(w: World) -> None:
    """Nothing more to make: the world's organisations (OrganisationFactory) have filed their current reports."""


PAGE = "/organisations/statistics/"
CASES: dict[str, list] = {
    "registry:statistics": [
        Case("", lambda w: {}, PUBLIC, table("405")),
        Case("a year", lambda w: {}, PUBLIC, path=lambda w: PAGE + "?year=2024"),
        Case("a bad year", lambda w: {}, PUBLIC, path=lambda w: PAGE + "?year=x%27%3E"),
    ],
}
