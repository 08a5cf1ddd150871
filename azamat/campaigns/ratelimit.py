"""Counters in the shared cache (Redis in production, each process's memory in the demo and the tests) that
refuse a flood: signatures from one network address, and to one email domain, in a window of time.

The limits come from `settings.PETITION_RATE_LIMITS` (name → (how many, seconds)) or the environment variable of
the same name, so a benchmark or a large event can raise them without a code change. Big free-mail providers (gmail.com, mail.ru, …) are not limited by
domain: hundreds of honest signers use them every minute; a small domain sending many signatures is suspicious.
"""

import os
import time

from django.conf import settings
from django.core.cache import cache

from azamat.campaigns.canonical import FREE_PROVIDERS

DEFAULT_LIMITS = {
    "ip": (30, 600),  # signatures (and resends) from one address in 10 minutes
    "domain": (200, 600),  # signatures with one (non-free-mail) email domain in 10 minutes
    "resend": (5, 3600),  # fresh links asked for one signature in an hour
}


def _from_environment() -> dict[str, tuple[int, int]]:
    """`PETITION_RATE_LIMITS="ip=0,domain=1000"` in the environment (a benchmark from one address): how many per
    the scope's default window; 0 switches a limit off."""
    found = {}
    for part in os.environ.get("PETITION_RATE_LIMITS", "").split(","):
        name, _eq, value = part.partition("=")
        if name.strip() in DEFAULT_LIMITS and value.strip().isdigit():
            found[name.strip()] = (int(value), DEFAULT_LIMITS[name.strip()][1])
    return found


def limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **_from_environment(), **getattr(settings, "PETITION_RATE_LIMITS", {})}


def hit(scope: str, key: str) -> bool:
    """Count one event for `key` in `scope`; False when that goes over the scope's limit in its window."""
    allowed, seconds = limits()[scope]
    if not allowed:
        return True  # 0 switches the limit off
    bucket = int(time.time() // seconds)
    name = f"petitions:rate:{scope}:{key}:{bucket}"
    if cache.add(name, 1, timeout=seconds + 5):
        return True
    try:
        count = cache.incr(name)
    except ValueError:  # evicted between add and incr
        cache.set(name, 1, timeout=seconds + 5)
        return True
    return count <= allowed


def sign_allowed(*, ip_key: str, domain: str) -> bool:
    """Whether a signature from this address to this domain is within the limits (counts it either way)."""
    if ip_key and not hit("ip", ip_key):
        return False
    return domain in FREE_PROVIDERS or hit("domain", domain)
