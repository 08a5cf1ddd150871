"""The accountability module's error codes and the messages people read (shared by the lifecycle's guards
and the services)."""

from django.utils.translation import gettext_lazy as _

NOT_OFFICER = "not_officer_of_body"
NOT_AUTHOR = "not_author"
JUSTIFICATION_REQUIRED = "justification_required"
DUE_DATE_REQUIRED = "due_date_required"
DUE_DATE_FIXED = "due_date_fixed_by_rule"
NOT_WORKING_DAY = "not_working_day"
DUE_BEFORE_SENT = "due_before_sent"
DUE_TOO_FAR = "due_too_far"
SAME_BODY = "forward_to_same_body"
NO_EXTENSION = "extension_not_allowed"
ALREADY_EXTENDED = "already_extended"
EXTENSION_TOO_LONG = "extension_beyond_maximum"
EXTENSION_TOO_LATE = "extension_after_due_date"
EXTENSION_NOT_LATER = "extension_not_later"
MILESTONE_BEFORE_ANSWER = "milestone_before_answer"
MILESTONE_TOO_FAR = "milestone_too_far"
MILESTONE_EXISTS = "milestone_exists"
EVIDENCE_REQUIRED = "evidence_required"
ALREADY_DONE = "milestone_already_done"
UNKNOWN_RULE = "unknown_rule"
EVIDENCE_FILE_TYPE = "evidence_file_type"
FILE_EMPTY = "file_empty"
FILE_TOO_LARGE = "file_too_large"
FILE_CONTENT = "file_content"
FILE_ENCRYPTED = "file_encrypted"
ALREADY_DISPUTED = "already_disputed"
NOT_IMPLEMENTED = "not_implemented"
DISPUTE_ANSWERED = "dispute_already_answered"
NO_SUCH_DISPUTE = "no_such_dispute"
DISPUTE_OPEN = "dispute_open"

MESSAGES = {
    NOT_OFFICER: _("Only an officer of the body the item is addressed to can do this."),
    NOT_AUTHOR: _("Only the author of the item (or their organisation) can dispute it."),
    JUSTIFICATION_REQUIRED: _("Write the justification: an answer that rejects or partly accepts needs one."),
    DUE_DATE_REQUIRED: _("Set the date by which the body must answer."),
    DUE_DATE_FIXED: _("The law sets this deadline; it is counted when the item is sent."),
    NOT_WORKING_DAY: _("%(date)s is not a working day in Kazakhstan. Choose a working day."),
    DUE_BEFORE_SENT: _("The due date must come after the day the item is sent."),
    DUE_TOO_FAR: _(
        "Check the due date: it can be at most a year after the day the item is sent, by %(date)s."
    ),
    SAME_BODY: _("The item is already addressed to this body. Choose the competent body."),
    NO_EXTENSION: _("The deadline of this kind of item cannot be extended."),
    ALREADY_EXTENDED: _("The deadline has already been extended once; it cannot be extended again."),
    EXTENSION_TOO_LONG: _(
        "The law allows an extension to %(date)s at the latest (%(months)s months from sending)."
    ),
    EXTENSION_TOO_LATE: _("The deadline has passed: an extension must be decided before the due date."),
    EXTENSION_NOT_LATER: _("The new due date must come after the current one (%(date)s)."),
    MILESTONE_BEFORE_ANSWER: _("A milestone cannot be due before the answer (%(date)s)."),
    MILESTONE_TOO_FAR: _("A milestone is planned at most five years ahead, by %(date)s: check the year."),
    MILESTONE_EXISTS: _("This milestone is already in the plan, due on %(date)s; it was not added again."),
    EVIDENCE_REQUIRED: _("Describe what was done: a milestone is marked done with its evidence."),
    ALREADY_DONE: _("This milestone is already marked done."),
    UNKNOWN_RULE: _("No deadline rule with this code."),
    EVIDENCE_FILE_TYPE: _(
        "Attach the evidence as a PDF, DOCX, JPEG or PNG file; “%(name)s” is none of these."
    ),
    FILE_EMPTY: _("The file is empty."),
    FILE_TOO_LARGE: _("The file is too large: at most %(limit)s MB."),
    FILE_CONTENT: _("“%(name)s” is not a genuine %(kind)s file; save it again as %(kind)s and attach it."),
    FILE_ENCRYPTED: _("“%(name)s” is protected with a password; save it without the password and attach it."),
    ALREADY_DISPUTED: _("This item is already disputed: the body must answer that dispute first."),
    NOT_IMPLEMENTED: _("Only an item reported as implemented can be disputed."),
    DISPUTE_ANSWERED: _("The dispute you are answering was already answered on %(date)s: “%(response)s”."),
    NO_SUCH_DISPUTE: _("This item has no such dispute."),
    DISPUTE_OPEN: _(
        "The item is disputed: answer the dispute first (agree and continue, then add the steps left)."
    ),
}
