"""Permissions that explain themselves: a decision is truthy or falsy and carries the reason."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def deny(reason) -> Decision:
    return Decision(False, str(reason))
