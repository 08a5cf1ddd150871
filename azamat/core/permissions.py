"""Permissions that explain themselves: a decision is truthy or falsy and carries the reason."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def deny(reason) -> Decision:
    return Decision(False, str(reason))


def require(decision: Decision) -> None:
    """In a view: go on when the decision allows, else a 403 page that shows its reason."""
    if not decision:
        raise PermissionDenied(decision.reason)


def cached_on_user(user, key: str, compute):
    """What `compute()` gives, kept on this request's user object under `key` (a page asks many times)."""
    known = user.__dict__.get(key)
    if known is None:
        known = compute()
        user.__dict__[key] = known
    return known
