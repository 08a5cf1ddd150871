"""What the vote's services share: the permission check, the audited save and removal, where the archive lies."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

from azamat.core.errors import DomainError
from azamat.core.permissions import Decision
from azamat.voting import belenios
from azamat.voting.errors import NOT_ALLOWED
from azamat.voting.models import Election


def _require(decision: Decision) -> None:
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)


def _save(record, by) -> None:
    try:
        record.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError("invalid", " ".join(messages), field=None if field == "__all__" else field) from exc
    record._history_user = by
    record.save()


def _delete(record, by) -> None:
    """Removed with its history row ("-") naming who removed it, as `_save` names who wrote it."""
    record._history_user = by
    record.delete()


def archive_dir(election: Election) -> Path:
    return Path(settings.MEDIA_ROOT) / "voting" / election.uuid


def archive_file(election: Election) -> Path:
    return belenios.archive_path(archive_dir(election), election.uuid)


def setup_dir(election: Election) -> Path:
    """The archive as it stood at the opening: ballots are generated from it."""
    return archive_dir(election) / "setup"
