"""The survey workspace's error codes and the messages people read."""

from django.utils.translation import gettext_lazy as _

NOT_OWNER = "not_acting_for_owner"
NOT_MANAGER = "not_survey_manager"
NO_OWNER = "no_owner"
CAMPAIGN_ELSEWHERE = "campaign_of_another_organisation"
NO_QUESTIONS = "no_questions"
WRONG_STATUS = "wrong_survey_status"
UNKNOWN_STEP = "unknown_step"
DATES_ORDER = "dates_order"
NO_MODES = "no_modes"
UNKNOWN_PERSON = "unknown_person"
ALREADY_TEAM = "already_on_team"
LAST_MANAGER = "last_manager"
UNKNOWN_ROLE = "unknown_role"
REGION_QUESTION = "region_question_unknown"

MESSAGES = {
    NOT_OWNER: _(
        "You can only make a survey for an organisation you act for, a public council of which you are the "
        "secretary or a state body of which you are an officer."
    ),
    NOT_MANAGER: _("Only the survey's managers can change it."),
    NO_OWNER: _("Choose who runs the survey."),
    CAMPAIGN_ELSEWHERE: _(
        "This campaign belongs to another organisation: choose the campaign's organisation."
    ),
    NO_QUESTIONS: _(
        "The survey has no questions yet: upload an XLSForm or build the form before opening it for responses."
    ),
    WRONG_STATUS: _("The survey is %(status)s: this step does not apply."),
    UNKNOWN_STEP: _("No such step."),
    DATES_ORDER: _("The survey must close after it opens."),
    NO_MODES: _("Choose at least one way to collect responses."),
    UNKNOWN_PERSON: _("No one is registered on Azamat with the email %(email)s."),
    ALREADY_TEAM: _("%(email)s is already on the team."),
    LAST_MANAGER: _("A survey needs a manager: make someone else a manager first."),
    UNKNOWN_ROLE: _("Choose manager or analyst."),
    REGION_QUESTION: _("The region question must be a single-choice question of the form."),
}
