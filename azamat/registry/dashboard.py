"""The annual report on the workspace: each organisation of the person with a report due or late says so, with
the deadline and a link (the `dashboard` hook, see accounts.services.dashboard_actions); and, for its
administrators, its founding documents (missing, or on file)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from azamat.core.hooks import Action
from azamat.registry.document_models import FoundingDocument
from azamat.registry.document_selectors import kinds_on_file
from azamat.registry.report_models import due_on
from azamat.registry.report_selectors import report_notices_for
from azamat.registry.selectors import invitations_for


def actions(*, user, memberships, role_codes) -> list[Action]:
    today = timezone.localdate()
    result = [_invitation_action(invitation) for invitation in invitations_for(user=user)]
    active = [m for m in memberships if m.status == "active"]
    organisations = [m.organisation for m in active]
    administered = {m.organisation_id for m in active if m.role == "admin"}
    notices = report_notices_for(organisations, today)
    result += _documents_actions([o for o in organisations if o.pk in administered])
    for organisation in organisations:
        if not notices[organisation.pk] and organisation.pk in administered:
            # Nothing due: the administrator may prepare the report on this year ahead of its filing.
            result.append(
                Action(
                    _("Annual report to the NGO database · %(name)s") % {"name": organisation.name},
                    _(
                        "Prepare the report on %(year)s ahead: it can be filed from 1 January and is due "
                        "%(date)s."
                    )
                    % {"year": today.year, "date": date_format(due_on(today.year), "DATE_FORMAT")},
                    reverse("registry:reports", kwargs={"bin": organisation.bin}),
                )
            )
        for notice in notices[organisation.pk]:
            due = date_format(notice.due_on, "DATE_FORMAT")
            if notice.late:
                description = _("The report on %(year)s was due %(date)s — file it.") % {
                    "year": notice.year,
                    "date": due,
                }
            else:
                description = ngettext(
                    "The report on %(year)s is due %(date)s: in %(days)s day.",
                    "The report on %(year)s is due %(date)s: in %(days)s days.",
                    notice.days_left,
                ) % {"year": notice.year, "date": due, "days": notice.days_left}
            result.append(
                Action(
                    _("Annual report to the NGO database · %(name)s") % {"name": organisation.name},
                    description,
                    reverse("registry:reports", kwargs={"bin": organisation.bin}),
                )
            )
    return result


def _invitation_action(invitation) -> Action:
    """An invitation to join waits for its answer on the organisation's page."""
    values = {
        "person": invitation.invited_by.get_full_name() if invitation.invited_by else "Azamat",
        "name": invitation.organisation.name,
    }
    if invitation.role == "admin":
        description = (
            _("%(person)s invites you to join %(name)s as an administrator: accept or decline.") % values
        )
    else:
        description = _("%(person)s invites you to join %(name)s as a member: accept or decline.") % values
    return Action(
        _("An invitation to join %(name)s") % values,
        description,
        invitation.organisation.get_absolute_url() + "#invitation",
    )


def _documents_actions(organisations) -> list[Action]:
    """Each administered organisation's founding documents: what is missing from its profile, or that both are
    there (the page where they are replaced when they change)."""
    on_file = kinds_on_file(organisations)
    result = []
    for organisation in organisations:
        complete = on_file.get(organisation.pk, set()) >= set(FoundingDocument.Kind.values)
        description = (
            _("Both are on file and offered in every grant application; upload a new file when one changes.")
            if complete
            else _(
                "Put the charter and the certificate of state registration on file once: every grant application "
                "then offers them instead of a new upload."
            )
        )
        result.append(
            Action(
                _("Founding documents · %(name)s") % {"name": organisation.name},
                description,
                reverse("registry:organisation_documents", kwargs={"bin": organisation.bin}),
            )
        )
    return result
