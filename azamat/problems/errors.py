"""The problem register's error codes and the messages people read (shared by the lifecycle's guards and the
services)."""

from django.utils.translation import gettext_lazy as _

NOT_WORKING_GROUP = "not_working_group"
REASON_REQUIRED = "reason_required"
MERGE_SELF = "merge_into_itself"
MERGE_INTO_MERGED = "merge_into_merged"
MERGE_INTO_CLOSED = "merge_into_closed"
MERGE_INTO_PRIVATE = "merge_into_private"
ALREADY_ENDORSED = "already_endorsed"
NOT_MEMBER = "not_member_of_organisation"
ENDORSE_CLOSED = "endorse_closed_problem"
ALREADY_SENT = "recommendation_already_sent"
NO_BODY = "recommendation_without_body"
SEND_WRONG_STATE = "send_wrong_state"
NOT_EDITABLE = "problem_not_editable"
UNKNOWN_PROBLEM = "unknown_problem"
CASE_REQUIRED = "case_required"
ALREADY_PROPOSED = "already_proposed"
CHANGED_MEANWHILE = "changed_meanwhile"
FILE_TYPE = "evidence_file_type"
FILE_EMPTY = "file_empty"
FILE_TOO_LARGE = "file_too_large"
FILE_CONTENT = "file_content"
FILE_ENCRYPTED = "file_encrypted"

MESSAGES = {
    NOT_WORKING_GROUP: _("Only the working group on NGO problems can do this."),
    REASON_REQUIRED: _("Write the reason: this step is taken with a reason everyone can read."),
    MERGE_SELF: _("A problem cannot be merged into itself. Choose another problem."),
    MERGE_INTO_MERGED: _(
        "Problem %(number)s has itself been merged into %(target)s: merge into %(target)s instead."
    ),
    MERGE_INTO_CLOSED: _("Problem %(number)s is archived: a problem can only be merged into an open one."),
    MERGE_INTO_PRIVATE: _(
        "Problem %(number)s is not in the public register yet, and this one is: merging it there would hide it "
        "from the public. Merge %(number)s into this one instead, or put it in the register first."
    ),
    ALREADY_ENDORSED: _("%(organisation)s has already said this problem affects it."),
    NOT_MEMBER: _("You can only act for an organisation of which you are an active member."),
    ENDORSE_CLOSED: _("This problem is “%(state)s”: it no longer takes endorsements."),
    ALREADY_SENT: _("This recommendation has already been sent (%(number)s): it cannot be sent twice."),
    NO_BODY: _("Choose the government body that must act before sending the recommendation."),
    SEND_WRONG_STATE: _(
        "Recommendations are sent once the problem is in the register; this one is “%(state)s”."
    ),
    NOT_EDITABLE: _("This problem is “%(state)s”: it can no longer be changed."),
    UNKNOWN_PROBLEM: _("No problem with the number %(number)s."),
    CASE_REQUIRED: _("Describe your organisation's case: how does this problem affect you?"),
    ALREADY_PROPOSED: _("You have already filed this problem: it is %(number)s. Add to it there."),
    CHANGED_MEANWHILE: _(
        "Someone changed this problem while you were editing it: open its page to see their changes. "
        "Your text is kept here; save again to replace theirs with it."
    ),
    FILE_TYPE: _(
        "Attach the evidence as a PDF, Word (DOCX) or Excel (XLSX) file or a photo (JPEG, PNG, HEIC); "
        "“%(name)s” is none of these."
    ),
    FILE_EMPTY: _("The file is empty."),
    FILE_TOO_LARGE: _("The file is too large: at most %(limit)s MB."),
    FILE_CONTENT: _("“%(name)s” is not a genuine %(kind)s file; save it again as %(kind)s and attach it."),
    FILE_ENCRYPTED: _("“%(name)s” is protected with a password; save it without the password and attach it."),
}
