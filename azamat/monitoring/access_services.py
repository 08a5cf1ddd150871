"""Who works on an organisation's monitoring and with which words: the roles its administrators grant and revoke,
and the thesauri the platform's administrators keep. Each write is one function, in a transaction, with who did it
kept in the history; a refusal is a DomainError with the reason people read."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from azamat.accounts.models import User
from azamat.core import edits
from azamat.core.errors import DomainError
from azamat.monitoring.models import MonitoringRole, Term

UNKNOWN_PERSON = "unknown_person"
ALREADY_HELD = "already_held"
NO_SUCH_ROLE = "no_such_role"
DUPLICATE_CODE = "duplicate_code"
INVALID = "invalid"


def person_by_email(email: str) -> User | None:
    email = (email or "").strip()
    if not email:
        return None
    return User.objects.filter(email__iexact=email, is_active=True).first()


@transaction.atomic
def role_grant(*, organisation, email: str, role: str, by) -> MonitoringRole:
    """Give a person already signed up on Azamat a role in the organisation's monitoring."""
    if role not in MonitoringRole.Role.values:
        raise DomainError(NO_SUCH_ROLE, _("Choose one of the monitoring roles."), field="role")
    person = person_by_email(email)
    if person is None:
        raise DomainError(
            UNKNOWN_PERSON,
            _(
                "Nobody is signed up on Azamat with this email. Ask the person to sign up first, then grant "
                "the role to the email they signed up with."
            ),
            field="email",
        )
    if MonitoringRole.objects.filter(organisation=organisation, user=person, role=role).exists():
        raise DomainError(ALREADY_HELD, _("This person already holds this role."), field="role")
    grant = MonitoringRole(organisation=organisation, user=person, role=role, granted_by=by)
    grant._history_user = by
    try:
        with transaction.atomic():
            grant.save()
    except IntegrityError as error:  # granted at the same moment by another administrator
        raise DomainError(ALREADY_HELD, _("This person already holds this role."), field="role") from error
    return grant


@transaction.atomic
def role_revoke(*, grant: MonitoringRole, by) -> None:
    """Take a role away; from the next page on, the person no longer reads what the role let them read."""
    grant._history_user = by
    grant.delete()


def _clean(term: Term) -> None:
    try:
        term.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        code = DUPLICATE_CODE if field == "__all__" else INVALID
        if code == DUPLICATE_CODE:
            raise DomainError(
                code, _("This thesaurus already has a term with this code."), field="code"
            ) from error
        raise DomainError(code, " ".join(str(m) for m in messages), field=field) from error


@transaction.atomic
def term_create(
    *,
    kind: str,
    code: str,
    name_kk: str,
    name_ru: str,
    name_en: str,
    reference_kk: str = "",
    reference_ru: str = "",
    reference_en: str = "",
    position: int | None = None,
    by,
) -> Term:
    if position is None:
        last = Term.objects.filter(kind=kind).order_by("-position").values_list("position", flat=True).first()
        position = 0 if last is None else last + 1
    term = Term(
        kind=kind,
        code=code,
        name_kk=name_kk.strip(),
        name_ru=name_ru.strip(),
        name_en=name_en.strip(),
        reference_kk=reference_kk.strip(),
        reference_ru=reference_ru.strip(),
        reference_en=reference_en.strip(),
        position=position,
    )
    _clean(term)
    term._history_user = by
    term.save()
    return term


@transaction.atomic
def term_update(
    *,
    term: Term,
    name_kk: str,
    name_ru: str,
    name_en: str,
    reference_kk: str,
    reference_ru: str,
    reference_en: str,
    position: int,
    active: bool,
    by,
    loaded_at: datetime.datetime | None = None,
) -> Term:
    """Rename a term, change its references, retire it (inactive: records keep it, new ones cannot pick it) or
    bring it back. A term is never deleted: the records that use it keep their meaning. With `loaded_at` (the
    term's last save as the form was loaded), a save over another administrator's since is refused."""
    values = {
        "name_kk": name_kk.strip(),
        "name_ru": name_ru.strip(),
        "name_en": name_en.strip(),
        "reference_kk": reference_kk.strip(),
        "reference_ru": reference_ru.strip(),
        "reference_en": reference_en.strip(),
        "position": position,
        "active": active,
    }
    if edits.require_unchanged(term, loaded_at, by=by, values=values):
        return term  # the same form sent twice: saved by the first
    for name, value in values.items():
        setattr(term, name, value)
    _clean(term)
    term._history_user = by
    term.save()
    return term
