"""The life of a problem, in one table: proposed → under review → in the register → recommendations sent →
partly solved → solved, or archived, or merged into another. Every step is recorded with its reason
(`services.problem_step`); the steps in `REASON_REQUIRED` are refused without one."""

from django.utils.translation import gettext_lazy as _

from azamat.core.statemachine import Machine, Transition, guard
from azamat.problems.errors import NOT_WORKING_GROUP
from azamat.problems.models import Problem
from azamat.problems.permissions import OPEN_STATES, can_moderate_problems

S = Problem.Status


@guard(NOT_WORKING_GROUP)
def working_group(problem, user):
    return can_moderate_problems(user)


WRONG = _("“%(step)s” is not possible while the problem is “%(state)s”.")

PROBLEM = Machine(
    Problem,
    field="status",
    transitions=[
        Transition("review", {S.PROPOSED}, S.REVIEW, _("Take for review"), [working_group], WRONG),
        Transition("register", {S.REVIEW}, S.REGISTERED, _("Put in the register"), [working_group], WRONG),
        Transition("return", {S.REVIEW}, S.PROPOSED, _("Return to the author"), [working_group], WRONG),
        Transition("send", {S.REGISTERED}, S.SENT, _("Recommendations sent"), [working_group], WRONG),
        Transition(
            "partly_solve", {S.SENT}, S.PARTLY_SOLVED, _("Mark as partly solved"), [working_group], WRONG
        ),
        Transition(
            "solve",
            {S.REGISTERED, S.SENT, S.PARTLY_SOLVED},
            S.SOLVED,
            _("Mark as solved"),
            [working_group],
            WRONG,
        ),
        Transition("archive", set(OPEN_STATES), S.ARCHIVED, _("Archive"), [working_group], WRONG),
        Transition("reopen", {S.SOLVED, S.ARCHIVED}, S.REGISTERED, _("Reopen"), [working_group], WRONG),
        Transition(
            "merge", set(OPEN_STATES), S.MERGED, _("Merge into another problem"), [working_group], WRONG
        ),
    ],
)

# Steps a person takes by hand on the problem's page ("send" follows sending a recommendation, "merge" has its
# own form), and those that need a reason.
MANUAL_STEPS = ("review", "register", "return", "partly_solve", "solve", "archive", "reopen")
REASON_REQUIRED = frozenset({"return", "partly_solve", "solve", "archive", "reopen", "merge"})
