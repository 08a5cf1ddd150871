"""The register on the workspace: the working group sees the proposals and problems under review waiting for
it; everyone signed in is offered to propose a problem."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from azamat.core.hooks import Action
from azamat.problems import selectors
from azamat.problems.permissions import is_working_group

MAX_LISTED = 5


def actions(*, user, memberships, role_codes) -> list[Action]:
    result: list[Action] = []
    if is_working_group(user):
        waiting = selectors.working_group_queue()
        count = waiting.count()
        for problem in waiting[:MAX_LISTED]:
            result.append(
                Action(
                    f"{problem.number} · {problem.title}",
                    _("“%(state)s”: review it, register it or return it with a reason.")
                    % {"state": problem.get_status_display()},
                    problem.get_absolute_url(),
                )
            )
        result.append(
            Action(
                _("Register of problems of NGOs"),
                ngettext(
                    "%(count)s problem waits for the working group.",
                    "%(count)s problems wait for the working group.",
                    count,
                )
                % {"count": count},
                f"{reverse('problems:register')}?status=proposed",
            )
        )
    result.append(
        Action(
            _("Propose a problem"),
            _("File a problem NGOs face, or add your organisation's case to one already in the register."),
            reverse("problems:propose"),
            general=True,
        )
    )
    return result
