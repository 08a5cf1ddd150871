"""Surveys on the workspace: the surveys the person manages or analyses, with their completed and flagged
responses, their interviewer assignments, the open surveys they have not answered yet, and the offer to make a
survey."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from azamat.core.hooks import Action
from azamat.surveys import selectors
from azamat.surveys.permissions import can_create_survey

MAX_LISTED = 5


def actions(*, user, memberships, role_codes) -> list[Action]:
    result: list[Action] = []
    assignments = selectors.my_assignments(user)
    for assignment in assignments[:MAX_LISTED]:
        result.append(
            Action(
                _("Interviews: %(title)s") % {"title": assignment.survey.title},
                _("%(area)s: %(done)s of %(target)s interviews done.")
                % {"area": assignment.area, "done": assignment.n_done, "target": assignment.target},
                reverse("surveys:interviews"),
            )
        )
    for survey in selectors.my_surveys(user)[:MAX_LISTED]:
        if survey.n_flagged:
            description = _(
                "%(status)s: %(completed)s completed responses, %(flagged)s flagged to review."
            ) % {
                "status": survey.get_status_display(),
                "completed": survey.n_completed,
                "flagged": survey.n_flagged,
            }
        else:
            description = _("%(status)s: %(completed)s completed responses.") % {
                "status": survey.get_status_display(),
                "completed": survey.n_completed,
            }
        result.append(
            Action(_("Survey: %(title)s") % {"title": survey.title}, description, survey.get_absolute_url())
        )
    to_answer = selectors.unanswered_open_surveys(user).count()
    if to_answer:
        result.append(
            Action(
                _("Surveys to answer"),
                ngettext(
                    "%(count)s survey open to everyone waits for your answers.",
                    "%(count)s surveys open to everyone wait for your answers.",
                    to_answer,
                )
                % {"count": to_answer},
                reverse("surveys:list"),
                general=True,
            )
        )
    if can_create_survey(user):
        result.append(
            Action(
                _("Surveys"),
                _(
                    "Needs assessments, population surveys and consultations: from an XLSForm to the analysis."
                ),
                reverse("surveys:list"),
            )
        )
    return result
