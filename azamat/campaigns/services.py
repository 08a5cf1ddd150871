"""Every write of the campaign workspace: creating and editing a campaign, its team and coalition, the tools of
its stages (needs, objectives, stakeholders, methods, messages, actions, risks, indicators and their values,
lessons), the digital-security checklist, moving through the stages and closing. Each change is saved with
`_history_user`, so a campaign's history tells who changed what."""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from azamat.campaigns import errors as E
from azamat.campaigns.models import (
    Action,
    Campaign,
    Indicator,
    IndicatorValue,
    Lesson,
    Message,
    Method,
    Need,
    Objective,
    Partner,
    Risk,
    SecurityCheck,
    Stakeholder,
    TeamMember,
)
from azamat.campaigns.permissions import (
    acting_organisations,
    can_answer_invitation,
    can_create_campaign,
    can_edit_campaign,
    can_manage_campaign,
)
from azamat.core.edits import require_unchanged
from azamat.core.errors import DomainError
from azamat.core.notifications import notify
from azamat.core.permissions import Decision
from azamat.core.twice import twin
from azamat.registry.models import Membership, Organisation

CAMPAIGN_FIELDS = (
    "title",
    "problem_statement",
    "problem",
    "target_audience",
    "goal",
    "region",
    "rules",
    "visibility",
    "public_parts",
    "starts_on",
    "ends_on",
)


def _error(code: str, field: str | None = None, **values) -> DomainError:
    message = E.MESSAGES[code]
    return DomainError(code, message % values if values else message, field=field)


def _require(decision: Decision, code: str) -> None:
    if not decision:
        raise DomainError(code, decision.reason)


def _save(obj, by, **clean) -> None:
    try:
        obj.full_clean(**clean)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError("invalid", " ".join(messages), field=None if field == "__all__" else field) from exc
    obj._history_user = by
    obj.save()


def _dates(starts_on, ends_on) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise _error(E.DATES_ORDER, "ends_on")


def _forget(user) -> None:
    """Drop the per-request caches of permissions.py after the team or the coalition changes."""
    for key in ("_campaign_roles", "_campaign_organisations"):
        user.__dict__.pop(key, None)


# The campaign.


@transaction.atomic
def campaign_create(*, by, organisation, title: str, problem_statement: str, **fields) -> Campaign:
    """Start a campaign for an organisation `by` acts for; `by` becomes its coordinator. The same form sent again
    (the back button, a double tap: core.twice) gives the campaign it started, marked `sent_again`, so the page
    does not announce a start a second time."""
    _require(can_create_campaign(by), E.NOT_MEMBER)
    if organisation.pk not in acting_organisations(by):
        raise _error(E.NOT_MEMBER, "organisation")
    _dates(fields.get("starts_on"), fields.get("ends_on"))
    same = twin(
        Campaign,
        by=by,
        organisation=organisation,
        title=title.strip(),
        problem_statement=problem_statement.strip(),
    )
    if same is not None:
        same.sent_again = True
        return same
    campaign = Campaign(organisation=organisation, created_by=by, title=title.strip())
    campaign.problem_statement = problem_statement.strip()
    for name, value in fields.items():
        if name in CAMPAIGN_FIELDS:
            setattr(campaign, name, value)
    campaign.public_parts = _parts(campaign.public_parts)
    _save(campaign, by)
    member = TeamMember(campaign=campaign, user=by, role=TeamMember.Role.COORDINATOR)
    _save(member, by)
    _forget(by)
    return campaign


def _parts(parts) -> list[str]:
    return [part for part in Campaign.PUBLIC_PARTS if part in set(parts or [])]


@transaction.atomic
def campaign_update(
    *, campaign: Campaign, by, loaded_at: datetime.datetime | None = None, **fields
) -> Campaign:
    """With `loaded_at` (the campaign's last save when the form was loaded), a save over a change made since (a
    colleague, another tab) is refused (core.edits)."""
    _require(can_edit_campaign(by, campaign), E.NOT_TEAM)
    typed = {
        name: value.strip() if isinstance(value, str) else value
        for name, value in fields.items()
        if name in CAMPAIGN_FIELDS
    }
    if "public_parts" in typed:
        typed["public_parts"] = _parts(typed["public_parts"])
    if require_unchanged(campaign, loaded_at, by=by, values=typed):
        return campaign  # the same form sent twice: saved by the first
    _dates(fields.get("starts_on", campaign.starts_on), fields.get("ends_on", campaign.ends_on))
    for name, value in fields.items():
        if name in CAMPAIGN_FIELDS:
            setattr(campaign, name, value.strip() if isinstance(value, str) else value)
    campaign.public_parts = _parts(campaign.public_parts)
    _save(campaign, by)
    return campaign


@transaction.atomic
def stage_move(*, campaign: Campaign, by, stage: str) -> Campaign:
    """Mark the stage the team works on now."""
    _require(can_edit_campaign(by, campaign), E.NOT_TEAM)
    if stage not in Campaign.Stage.values:
        raise _error(E.UNKNOWN_STAGE)
    campaign.stage = stage
    _save(campaign, by)
    return campaign


@transaction.atomic
def stage_complete(*, campaign: Campaign, by, stage: str | None = None) -> Campaign:
    """The current stage is done: move on to the next one (the last stays). With `stage` (the one the person saw
    as current), a stage already moved past (the same button tapped twice, the back button, a teammate a moment
    ago) is not completed again: one "done" moves one stage, not two."""
    _require(can_edit_campaign(by, campaign), E.NOT_TEAM)
    campaign.stage = Campaign.objects.select_for_update().values_list("stage", flat=True).get(pk=campaign.pk)
    if stage and stage != campaign.stage:
        return campaign
    values = list(Campaign.Stage.values)
    index = values.index(campaign.stage)
    campaign.stage = values[min(index + 1, len(values) - 1)]
    _save(campaign, by)
    return campaign


@transaction.atomic
def campaign_close(*, campaign: Campaign, by, status: str = Campaign.Status.COMPLETED) -> Campaign:
    _require(can_manage_campaign(by, campaign), E.NOT_COORDINATOR)
    if campaign.status != Campaign.Status.ACTIVE or status == Campaign.Status.ACTIVE:
        raise _error(E.WRONG_STATUS, status=campaign.get_status_display())
    campaign.status = status
    _save(campaign, by)
    return campaign


@transaction.atomic
def campaign_reopen(*, campaign: Campaign, by) -> Campaign:
    _require(can_manage_campaign(by, campaign), E.NOT_COORDINATOR)
    if campaign.status == Campaign.Status.ACTIVE:
        raise _error(E.WRONG_STATUS, status=campaign.get_status_display())
    campaign.status = Campaign.Status.ACTIVE
    _save(campaign, by)
    return campaign


@transaction.atomic
def feed_token_issue(*, campaign: Campaign, by) -> str:
    """The team's private calendar link: made when the team first asks for it."""
    _require(can_edit_campaign(by, campaign), E.NOT_TEAM)
    if not campaign.feed_token:
        campaign.feed_token = secrets.token_urlsafe(32)
        _save(campaign, by)
    return campaign.feed_token


# The team.


def _eligible_organisations(campaign: Campaign) -> set[int]:
    accepted = campaign.partners.filter(status=Partner.Status.ACCEPTED).values_list(
        "organisation_id", flat=True
    )
    return {campaign.organisation_id, *accepted}


@transaction.atomic
def team_add(
    *, campaign: Campaign, by, email: str, role: str = TeamMember.Role.MEMBER, can_see: str = ""
) -> TeamMember:
    """Add a person by email: an active member of the lead or of an accepted partner organisation."""
    _require(can_manage_campaign(by, campaign), E.NOT_COORDINATOR)
    email = (email or "").strip()
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        raise _error(E.UNKNOWN_PERSON, "email", email=email)
    if not Membership.objects.filter(
        user=user, status=Membership.Status.ACTIVE, organisation_id__in=_eligible_organisations(campaign)
    ).exists():
        raise _error(E.NOT_ELIGIBLE, "email", email=email)
    if campaign.team.filter(user=user).exists():
        raise _error(E.ALREADY_TEAM, "email", email=email)
    member = TeamMember(campaign=campaign, user=user, role=role, can_see=(can_see or "").strip())
    _save(member, by)
    notify(to=[user.email], template="campaigns/email/team_added", context={"campaign": campaign})
    return member


def _other_coordinators(member: TeamMember) -> bool:
    """Whether the campaign keeps a coordinator without this member (true when the member is not one)."""
    if member.role != TeamMember.Role.COORDINATOR:
        return True
    others = member.campaign.team.filter(role=TeamMember.Role.COORDINATOR).exclude(pk=member.pk)
    return others.exists()


@transaction.atomic
def team_update(*, member: TeamMember, by, role: str, can_see: str = "") -> TeamMember:
    campaign = member.campaign
    _require(can_manage_campaign(by, campaign), E.NOT_COORDINATOR)
    if role != TeamMember.Role.COORDINATOR and not _other_coordinators(member):
        raise _error(E.LAST_COORDINATOR, "role")
    member.role = role
    member.can_see = (can_see or "").strip()
    _save(member, by)
    _forget(member.user)
    return member


@transaction.atomic
def team_remove(*, member: TeamMember, by) -> None:
    """Take a person off the team; the calendar link changes (the old one stops working)."""
    campaign = member.campaign
    _require(can_manage_campaign(by, campaign), E.NOT_COORDINATOR)
    if not _other_coordinators(member):
        raise _error(E.LAST_COORDINATOR)
    member._history_user = by
    member.delete()
    if campaign.feed_token:
        campaign.feed_token = secrets.token_urlsafe(32)
        _save(campaign, by)
    _forget(member.user)


# The coalition.


def find_organisation(query: str) -> Organisation:
    """An organisation by its BIN (12 digits, typed or pasted in groups as on a certificate: "1408 4000 0026") or
    its exact name."""
    query = (query or "").strip()
    digits = "".join(query.split())
    found = list(
        Organisation.objects.filter(
            Q(bin=digits if digits.isdigit() else query)
            | Q(name_ru__iexact=query)
            | Q(name_kk__iexact=query)
            | Q(short_name__iexact=query)
        )[:2]
    )
    if not found:
        raise _error(E.UNKNOWN_ORGANISATION, "organisation", query=query)
    if len(found) > 1:
        raise _error(E.AMBIGUOUS_ORGANISATION, "organisation", query=query)
    return found[0]


@transaction.atomic
def partner_invite(
    *,
    campaign: Campaign,
    by,
    organisation,
    role: str = Partner.Role.PARTNER,
    responsibilities: str = "",
    shared_parts=(),
) -> Partner:
    _require(can_manage_campaign(by, campaign), E.NOT_COORDINATOR)
    if isinstance(organisation, str):
        organisation = find_organisation(organisation)
    if organisation.pk == campaign.organisation_id:
        raise _error(E.LEAD_AS_PARTNER, "organisation")
    existing = campaign.partners.filter(organisation=organisation).first()
    if existing and existing.status in (Partner.Status.INVITED, Partner.Status.ACCEPTED):
        raise _error(E.ALREADY_PARTNER, "organisation", organisation=organisation.name)
    partner = existing or Partner(campaign=campaign, organisation=organisation, invited_by=by)
    partner.status = Partner.Status.INVITED
    partner.role = role
    partner.responsibilities = (responsibilities or "").strip()
    partner.shared_parts = sorted(set(shared_parts))
    partner.answered_by = None
    partner.answered_at = None
    partner.rules_agreed_at = None
    _save(partner, by)
    admins = Membership.objects.filter(
        organisation=organisation, status=Membership.Status.ACTIVE, role=Membership.Role.ADMIN
    ).values_list("user__email", flat=True)
    notify(
        to=list(admins),
        template="campaigns/email/partner_invited",
        context={"campaign": campaign, "partner": partner},
    )
    return partner


@transaction.atomic
def partner_update(
    *, partner: Partner, by, role: str, responsibilities: str = "", shared_parts=()
) -> Partner:
    _require(can_manage_campaign(by, partner.campaign), E.NOT_COORDINATOR)
    partner.role = role
    partner.responsibilities = (responsibilities or "").strip()
    partner.shared_parts = sorted(set(shared_parts))
    _save(partner, by)
    return partner


@transaction.atomic
def partner_answer(*, partner: Partner, by, accept: bool, rules_agreed: bool = False) -> Partner:
    """The invited organisation's member accepts (agreeing the rules of interaction) or declines."""
    _require(can_answer_invitation(by, partner), E.NOT_MEMBER)
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    if partner.status != Partner.Status.INVITED:
        raise _error(E.NOT_INVITED)
    if accept and not rules_agreed:
        raise _error(E.RULES_NOT_AGREED, "rules_agreed")
    now = timezone.now()
    partner.status = Partner.Status.ACCEPTED if accept else Partner.Status.DECLINED
    partner.answered_by = by
    partner.answered_at = now
    partner.rules_agreed_at = now if accept else None
    _save(partner, by)
    return partner


@transaction.atomic
def partner_leave(*, partner: Partner, by) -> Partner:
    """An accepted partner leaves (its member), or the coordinators end the partnership."""
    if not (can_answer_invitation(by, partner) or can_manage_campaign(by, partner.campaign)):
        raise _error(E.NOT_MEMBER)
    if partner.status not in (Partner.Status.ACCEPTED, Partner.Status.INVITED):
        raise _error(E.NOT_PARTNER)
    partner.status = Partner.Status.LEFT
    _save(partner, by)
    # Its people leave the team unless they act for the lead or another accepted partner.
    keep = _eligible_organisations(partner.campaign)
    for member in partner.campaign.team.select_related("user"):
        if member.role == TeamMember.Role.COORDINATOR:
            continue
        if not Membership.objects.filter(
            user=member.user, status=Membership.Status.ACTIVE, organisation_id__in=keep
        ).exists():
            member._history_user = by
            member.delete()
    return partner


# The tools of the stages: one add, update and delete for each kind of item.


def _check_item(campaign: Campaign, by, values: dict) -> None:
    _require(can_edit_campaign(by, campaign), E.NOT_TEAM)
    for name in ("stakeholder", "method"):
        related = values.get(name)
        if related is not None and related.campaign_id != campaign.pk:
            raise _error(E.FOREIGN_ITEM, name)
    _dates(values.get("starts_on"), values.get("ends_on"))


def _validate(model, item, by) -> None:
    if model is Stakeholder and not (item.name.strip() or item.body_id or item.organisation_id):
        raise _error(E.STAKEHOLDER_WHO, "name")
    _save(item, by)


@transaction.atomic
def item_add(*, campaign: Campaign, by, model, **values):
    """Add a tool's item. The same form sent twice (a double tap on a phone, the back button, a retry on a slow
    line) adds one: the campaign's row is locked, so two requests at once are checked one after the other, and
    an item identical in every field typed is the one returned."""
    _check_item(campaign, by, values)
    list(Campaign.objects.select_for_update().filter(pk=campaign.pk).values_list("pk", flat=True))
    same = model.objects.filter(campaign=campaign, **values).order_by("pk").first()
    if same is not None:
        return same
    item = model(campaign=campaign, **values)
    if model is Lesson:
        item.written_by = by
    _validate(model, item, by)
    return item


@transaction.atomic
def item_update(*, item, by, loaded_at: datetime.datetime | None = None, **values):
    """With `loaded_at` (the item's last save when its form was loaded), a save over a change made since is
    refused (core.edits)."""
    campaign = item.campaign
    merged = {
        "starts_on": getattr(item, "starts_on", None),
        "ends_on": getattr(item, "ends_on", None),
        **values,
    }
    _check_item(campaign, by, merged)
    if require_unchanged(item, loaded_at, by=by, values=values):
        return item  # the same form sent twice: saved by the first
    for name, value in values.items():
        setattr(item, name, value)
    _validate(type(item), item, by)
    return item


@transaction.atomic
def item_delete(*, item, by) -> None:
    _require(can_edit_campaign(by, item.campaign), E.NOT_TEAM)
    item._history_user = by
    item.delete()


def _adder(model):
    def add(*, campaign, by, **values):
        return item_add(campaign=campaign, by=by, model=model, **values)

    add.__doc__ = f"Add a {model._meta.model_name} to the campaign (the team)."
    return add


need_add, objective_add, stakeholder_add = _adder(Need), _adder(Objective), _adder(Stakeholder)
method_add, message_add, action_add = _adder(Method), _adder(Message), _adder(Action)
risk_add, indicator_add, lesson_add = _adder(Risk), _adder(Indicator), _adder(Lesson)
need_update = objective_update = stakeholder_update = method_update = message_update = item_update
action_update = risk_update = indicator_update = lesson_update = item_update
need_delete = objective_delete = stakeholder_delete = method_delete = message_delete = item_delete
action_delete = risk_delete = indicator_delete = lesson_delete = item_delete


@transaction.atomic
def value_add(*, indicator: Indicator, by, measured_on, value, note: str = "") -> IndicatorValue:
    """The indicator's actual value on a date (one a day)."""
    _require(can_edit_campaign(by, indicator.campaign), E.NOT_TEAM)
    today = timezone.localdate()
    if measured_on > today:  # a year mistyped (2062) would stretch the chart's time axis for decades
        raise _error(E.VALUE_FUTURE, "measured_on", today=today.strftime("%d.%m.%Y"))
    if indicator.values.filter(measured_on=measured_on).exists():
        raise _error(E.VALUE_TWICE, "measured_on", date=measured_on.strftime("%d.%m.%Y"))
    item = IndicatorValue(
        indicator=indicator, measured_on=measured_on, value=value, note=(note or "").strip()
    )
    _save(item, by, validate_constraints=False)
    return item


@transaction.atomic
def value_delete(*, value: IndicatorValue, by) -> None:
    _require(can_edit_campaign(by, value.indicator.campaign), E.NOT_TEAM)
    value._history_user = by
    value.delete()


@transaction.atomic
def security_check(*, campaign: Campaign, by, code: str, done: bool) -> SecurityCheck:
    """Tick (or untick) an item of the team's digital-security checklist."""
    from azamat.campaigns.stages import SECURITY_ITEMS

    _require(can_edit_campaign(by, campaign), E.NOT_TEAM)
    if code not in dict(SECURITY_ITEMS):
        raise _error(E.UNKNOWN_CHECK)
    check = SecurityCheck.objects.select_for_update().filter(campaign=campaign, code=code).first()
    check = check or SecurityCheck(campaign=campaign, code=code)
    check.done = done
    check.checked_by = by if done else None
    check.checked_at = timezone.now() if done else None
    _save(check, by, validate_constraints=False)
    return check
