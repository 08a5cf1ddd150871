"""A vote from setup to its verified result. Every write checks its permission; bad input raises DomainError
with a message in the user's language and changes nothing. The cryptography is Belenios' (`belenios.py`).

Steps: the administrator prepares (questions, candidates, the roll, the credential authority and trustees) and
freezes the setup; each trustee generates her part of the threshold key in three steps (her private key is
handed to her and forgotten; she brings it back at each later step); the credential authority sends each
voter a private credential (not kept) and the vote opens; voters cast (the server encrypts the ballot with the
voter's credential in the request and keeps no plaintext); after the closing time the administrator closes;
trustees decrypt their shares; once enough have, the result is computed, the archive verified, and published."""

from azamat.voting.services.casting import (
    accepting_ballots,
    cast,
    choices_vector,
    credentials_send,
    not_open,
    typed_credential,
)
from azamat.voting.services.common import archive_dir, archive_file, setup_dir
from azamat.voting.services.corrections import election_delete, election_retime, times_version
from azamat.voting.services.prepare import (
    DETAILS,
    candidate_add,
    candidate_remove,
    details_version,
    election_create,
    election_edit,
    freeze,
    question_add,
    question_remove,
    roles_set,
    roll_addresses,
    roll_from_members,
    roll_upload,
    template,
    trustee_certificate,
    trustee_polynomial,
    trustee_verification,
    voter_remove,
)
from azamat.voting.services.tally import archive_bytes, close, decrypt, shuffle, shuffles_needed, verify_again

__all__ = [
    "DETAILS",
    "accepting_ballots",
    "archive_bytes",
    "archive_dir",
    "archive_file",
    "candidate_add",
    "candidate_remove",
    "cast",
    "choices_vector",
    "close",
    "credentials_send",
    "decrypt",
    "details_version",
    "election_create",
    "election_delete",
    "election_edit",
    "election_retime",
    "freeze",
    "not_open",
    "question_add",
    "question_remove",
    "roles_set",
    "roll_addresses",
    "roll_from_members",
    "roll_upload",
    "setup_dir",
    "shuffle",
    "shuffles_needed",
    "template",
    "times_version",
    "trustee_certificate",
    "trustee_polynomial",
    "trustee_verification",
    "typed_credential",
    "verify_again",
    "voter_remove",
]
