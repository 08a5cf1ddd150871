"""The operator's decision on an application of a one-stage grant type: award or not, from the experts' ranking.

Two-stage grant types are decided by the tender commission (services/sittings.item_decide); the lifecycle's
guards (grants/lifecycle.py, `award_by_operator`, `decline_by_operator`) refuse the operator there.
"""

from django.db import transaction

from azamat.core.public_cache import topics_bump
from azamat.grants.lifecycle import APPLICATION
from azamat.grants.models import Application


@transaction.atomic
def application_decide(*, application: Application, by, award: bool) -> Application:
    """Award (or not) a scored application of a one-stage call; its agreement's amount is set at signing."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__grant_type", "organisation")
        .get(pk=application.pk)
    )
    step = "award_by_operator" if award else "decline_by_operator"
    APPLICATION.apply(application, step, by=by)
    topics_bump(f"results:{application.call.code}", "dashboard")
    return application
