"""Grants on the workspace dashboard: what NGO members, the operator's staff and experts can do next."""

from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from azamat.core.hooks import Action
from azamat.grants.models import Application, CommissionMember, Report, SimilarityFlag, Sitting
from azamat.grants.permissions import is_expert, is_operator
from azamat.grants.selectors import applications as selectors
from azamat.grants.selectors import review
from azamat.registry.models import Membership

MAX_LISTED = 5


def _url(name: str, *args) -> str:
    return reverse(name, args=args)


def actions(*, user, memberships, role_codes) -> list[Action]:
    result: list[Action] = []
    active = [m for m in memberships if m.status == Membership.Status.ACTIVE]
    if active:
        in_progress = list(selectors.applications_in_progress(user=user)[:MAX_LISTED])
        for application in in_progress:
            if application.status == Application.Status.CLARIFICATION:
                description = _(
                    "The operator asks for a clarification: change what is asked and submit again."
                )
            else:
                description = _(
                    "A draft of %(organisation)s: fill in the sections and submit it before %(closes)s."
                ) % {
                    "organisation": application.organisation.name,
                    "closes": formats.date_format(
                        timezone.localtime(application.call.closes_at), "SHORT_DATE_FORMAT"
                    ),
                }
            result.append(Action(application.title, description, application.get_absolute_url()))
        open_calls = selectors.calls_public(phase="open").count()
        if open_calls:
            result.append(
                Action(
                    _("Open calls for grants"),
                    ngettext(
                        "%(count)s call accepts applications now; apply for your organisation.",
                        "%(count)s calls accept applications now; apply for your organisation.",
                        open_calls,
                    )
                    % {"count": open_calls},
                    f"{reverse('grants:calls')}?phase=open",
                )
            )
        result.append(
            Action(
                _("Your organisations' applications"),
                _("Drafts, submitted applications and their versions."),
                reverse("grants:applications"),
            )
        )
    operator = "grant_operator" in role_codes or is_operator(user)
    if operator:
        result.append(
            Action(
                _("Calls for applications"),
                _("Publish calls, follow their discussion, close them."),
                reverse("grants:calls"),
            )
        )
        waiting = Application.objects.filter(status=Application.Status.SUBMITTED).count()
        result.append(
            Action(
                _("Applications to check"),
                ngettext(
                    "%(count)s submitted application waits for the compliance check.",
                    "%(count)s submitted applications wait for the compliance check.",
                    waiting,
                )
                % {"count": waiting},
                _url("grants:operator_queue"),
            )
        )
        flags = SimilarityFlag.objects.filter(reviewed=False).count()
        result.append(
            Action(
                _("Near-duplicate applications"),
                ngettext(
                    "%(count)s pair of applications with overlapping texts to look at.",
                    "%(count)s pairs of applications with overlapping texts to look at.",
                    flags,
                )
                % {"count": flags},
                reverse("grants:similarity"),
            )
        )
        result.append(
            Action(
                _("Register of experts"),
                _("Independent experts, their areas and languages."),
                _url("grants:expert_register"),
            )
        )
    if "expert" in role_codes or is_expert(user):
        result.append(Action(_("Your expert assignments"), _expert_summary(user), _url("grants:expert_home")))
    if (
        CommissionMember.objects.filter(user=user).exists()
        or CommissionMember.objects.filter(commission__secretary=user).exists()
    ):
        # A sitting open now is the first thing a member or the secretary has to do: each is named, with its call.
        now = timezone.now()
        open_now = (
            Sitting.objects.filter(
                starts_at__lte=now, closed_at__isnull=True, commission__call__published=True
            )
            .filter(Q(commission__members__user=user) | Q(commission__secretary=user))
            .select_related("commission__call")
            .distinct()
            .order_by("starts_at")[:MAX_LISTED]
        )
        for sitting in open_now:
            result.append(
                Action(
                    _("Sitting open now: %(call)s") % {"call": sitting.commission.call.title},
                    _("Started at %(time)s: mark who is present, vote on each item, then decide.")
                    % {
                        "time": formats.date_format(
                            timezone.localtime(sitting.starts_at), "SHORT_DATETIME_FORMAT"
                        )
                    },
                    reverse("grants:sitting", args=[sitting.pk]),
                )
            )
        result.append(
            Action(
                _("Tender commission"),
                _("Your sittings: declare conflicts, vote on the agenda."),
                _url("grants:commission_home"),
            )
        )
    result.extend(_project_actions(user=user, memberships=memberships))
    result.append(
        Action(
            _("Grants dashboard"),
            _("Applications, awards, effectiveness and payment delays by region, customer and year."),
            _url("grants:dashboard"),
            general=True,
        )
    )
    return result


def _expert_summary(user) -> str:
    """What waits for the expert: declarations to confirm first, applications to score by their deadline."""
    expert = getattr(user, "expert", None)
    tasks = review.expert_tasks(expert=expert) if expert else None
    if tasks is None or not (tasks.to_declare or tasks.to_score):
        return str(_("Declare conflicts of interest and score the applications assigned to you."))
    parts = []
    if tasks.to_score:
        parts.append(
            ngettext(
                "%(count)s application to score, the first by %(date)s.",
                "%(count)s applications to score, the first by %(date)s.",
                tasks.to_score,
            )
            % {"count": tasks.to_score, "date": formats.date_format(tasks.next_due, "SHORT_DATE_FORMAT")}
        )
    if tasks.overdue:
        parts.append(
            ngettext("%(count)s is past its deadline.", "%(count)s are past their deadline.", tasks.overdue)
            % {"count": tasks.overdue}
        )
    if tasks.to_declare:
        parts.append(
            ngettext(
                "In %(count)s call, confirm your declaration of conflicts of interest first.",
                "In %(count)s calls, confirm your declaration of conflicts of interest first.",
                tasks.to_declare,
            )
            % {"count": tasks.to_declare}
        )
    return " ".join(parts)


def _project_actions(*, user, memberships) -> list[Action]:
    """Workspace items: reports to fill for members, the payment queue for the operator."""
    items = []
    organisations = [m.organisation_id for m in memberships if m.status == Membership.Status.ACTIVE]
    if organisations:
        reports = (
            Report.objects.filter(
                project__application__organisation__in=organisations,
                status__in=[Report.Status.DUE, Report.Status.REVISION],
            )
            .select_related("project__application")
            .order_by("due_on")[:5]
        )
        for report in reports:
            items.append(
                Action(
                    _("Report due %(date)s: %(project)s")
                    % {
                        "date": report.due_on.strftime("%d.%m.%Y"),
                        "project": report.project.application.title,
                    },
                    str(report.get_status_display()),
                    reverse(
                        "grants:project_report", kwargs={"pk": report.project_id, "report_pk": report.pk}
                    ),
                )
            )
    if is_operator(user):
        items.append(
            Action(
                _("Grant payments and reports"),
                _("Tranches due, late payments and reports waiting for review."),
                reverse("grants:operator_payments"),
            )
        )
    return items
