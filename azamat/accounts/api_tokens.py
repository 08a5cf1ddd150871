"""API tokens: made with a name and an expiry, shown once, kept only as a digest, revoked by their owner."""

import datetime
import hashlib
import secrets

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.accounts.models import ApiToken, User
from azamat.core.errors import DomainError

# Scanners for leaked secrets recognise a fixed prefix; the rest is 256 random bits.
KEY_PREFIX = "azt_"
LIFETIMES_DAYS = (7, 30, 90, 365)
# Writing the time of last use at most once a minute keeps reads from turning into writes.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)
MAX_ACTIVE_TOKENS = 20


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


@transaction.atomic
def api_token_create(*, user: User, name: str, lifetime_days: int) -> tuple[ApiToken, str]:
    """Make a token; the plain key is returned once and never stored. A name one of the person's active tokens
    already has is refused, so a form sent twice makes one token."""
    name = name.strip()
    if not name:
        raise DomainError("token_name_required", _("Give the token a name."), field="name")
    if lifetime_days not in LIFETIMES_DAYS:
        raise DomainError("token_lifetime", _("Choose one of the offered lifetimes."), field="lifetime_days")
    User.objects.select_for_update().filter(pk=user.pk).first()  # serialise the checks below per person
    now = timezone.now()
    active = ApiToken.objects.filter(user=user, revoked_at=None, expires_at__gt=now)
    # A double tap, or the form sent again from Back or a refresh, would make a twin whose key the person never
    # sees (the browser shows the second answer only); two live tokens of one name cannot be told apart either.
    twin = active.filter(name__iexact=name).first()
    if twin is not None:
        raise DomainError(
            "token_name_taken",
            _(
                "You already have an active token named “%(name)s”. Give this one another name; if you did not "
                "copy that token's key, revoke it and make a new one."
            )
            % {"name": twin.name},
            field="name",
        )
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise DomainError(
            "token_limit",
            _("At most %(max)d tokens can be active at a time: revoke one first.")
            % {"max": MAX_ACTIVE_TOKENS},
        )
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name,
        digest=digest_of(key),
        prefix=key[:8],
        expires_at=now + datetime.timedelta(days=lifetime_days),
    )
    token.full_clean()
    token.save()
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    if token.user_id != by.pk:
        raise DomainError("token_not_yours", _("This token belongs to someone else."))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(*, key: str) -> User | None:
    """The active owner of a valid, unexpired, unrevoked token, or None; notes when it was last used."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest_of(key), revoked_at=None, expires_at__gt=now, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_PRECISION:
        ApiToken.objects.filter(
            Q(last_used_at=None) | Q(last_used_at__lt=now - LAST_USED_PRECISION), pk=token.pk
        ).update(last_used_at=now)
    return token.user
