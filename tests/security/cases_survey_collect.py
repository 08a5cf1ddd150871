"""Surveys' collect rows of the authorisation matrix; the objects come from cases_surveys.build."""

from tests.security.matrix import Case  # noqa: F401
from tests.security.world import World


def build(w: World) -> None:
    pass


def _cases() -> dict[str, list]:
    return {}


CASES: dict[str, list] = _cases()
