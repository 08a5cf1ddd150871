"""Who may do what with an organisation's monitoring: `can_<verb>_<entity>(user, record) -> Decision`.

Records belong to an organisation. Its people hold roles (`MonitoringRole`): monitors document and see what they
entered and what is shared with them; verifiers see the organisation's events (but a restricted one only when
named on it), verify and publish them; the expert group (experts) decides on the list of persecuted persons and
reads its candidates' materials; lawyers see the cases they are named on. Monitors and lawyers act on what they
see (interventions and their outcomes); verifiers and experts read what was done. The organisation's
administrators grant the roles, set the publication rules and read the log of reads; reading the records needs a
role too. Every
monitoring role works only with two-factor sign-in on (`two_factor`). A stranger to the organisation is refused
with the same words whether the record exists or not. The public sees only published, redacted copies.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.core.permissions import ALLOW, Decision, cached_on_user, deny
from azamat.registry.permissions import is_platform_admin

MONITOR, VERIFIER, EXPERT, LAWYER = "monitor", "verifier", "expert", "lawyer"

NOT_YOURS = _("This record belongs to an organisation's monitoring you do not work on.")
NEEDS_TWO_FACTOR = _("Monitoring data is sensitive: turn on two-factor sign-in to work with it.")


def roles(user) -> dict[int, set[str]]:
    """organisation id → this person's monitoring roles there."""
    if not user.is_authenticated:
        return {}

    def compute():
        found: dict[int, set[str]] = {}
        for organisation_id, role in user.monitoring_roles.values_list("organisation_id", "role"):
            found.setdefault(organisation_id, set()).add(role)
        return found

    return cached_on_user(user, "_monitoring_roles", compute)


def admin_organisations(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return cached_on_user(
        user,
        "_monitoring_admin_orgs",
        lambda: set(
            user.memberships.filter(status="active", role="admin").values_list("organisation_id", flat=True)
        ),
    )


def has_role(user, organisation_id: int, *wanted: str) -> bool:
    held = roles(user).get(organisation_id, set())
    return bool(held & set(wanted)) if wanted else bool(held)


def two_factor_on(user) -> bool:
    """A TOTP or a security key is set up (allauth then asks for it at every sign-in)."""
    if not user.is_authenticated:
        return False
    from allauth.mfa.models import Authenticator

    return cached_on_user(
        user,
        "_two_factor_on",
        lambda: Authenticator.objects.filter(
            user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        ).exists(),
    )


def works_in_monitoring(user) -> bool:
    """Holds a monitoring role or administers an organisation that has monitoring (the workspace link)."""
    return bool(roles(user)) or bool(admin_organisations(user) & _organisations_with_roles(user))


def _organisations_with_roles(user) -> set[int]:
    from azamat.monitoring.models import MonitoringRole

    admin_of = admin_organisations(user)
    if not admin_of:
        return set()
    return cached_on_user(
        user,
        "_monitoring_orgs_administered",
        lambda: set(
            MonitoringRole.objects.filter(organisation_id__in=admin_of).values_list(
                "organisation_id", flat=True
            )
        ),
    )


def two_factor(user) -> Decision:
    """Every monitoring page for a signed-in person goes through this first (views redirect to set it up)."""
    return ALLOW if two_factor_on(user) else deny(NEEDS_TWO_FACTOR)


# — the organisation —


def can_work_in(user, organisation_id: int, *wanted: str) -> Decision:
    """Holds one of `wanted` roles (any role when none named) in the organisation."""
    if not has_role(user, organisation_id, *wanted):
        return deny(NOT_YOURS)
    return two_factor(user)


def can_administer(user, organisation_id: int) -> Decision:
    """Grant roles, set the publication rules, read the log of reads."""
    if organisation_id not in admin_organisations(user):
        return deny(_("Only the organisation's administrators manage its monitoring."))
    return two_factor(user)


def can_manage_terms(user) -> Decision:
    if not is_platform_admin(user):
        return deny(_("Only the platform's administrators manage the thesauri."))
    return ALLOW


# — events —


def can_view_event(user, event) -> Decision:
    held = roles(user).get(event.organisation_id, set())
    if not held:
        return deny(NOT_YOURS)
    if event.entered_by_id == user.pk or user.pk in _reader_ids(event):
        return two_factor(user)
    if event.restricted:
        return deny(_("This record is restricted to the people named on it."))
    if held & {VERIFIER, EXPERT}:
        return two_factor(user)
    if LAWYER in held and _lawyer_of_event(user, event):
        return two_factor(user)
    return deny(_("Monitors see the events they entered and those shared with them."))


def can_edit_event(user, event) -> Decision:
    decision = can_view_event(user, event)
    if not decision:
        return decision
    if event.status in ("verified", "not_confirmed", "rejected") and not has_role(
        user, event.organisation_id, VERIFIER
    ):
        return deny(_("A verified or closed record is changed by a verifier."))
    if event.entered_by_id != user.pk and not has_role(user, event.organisation_id, VERIFIER):
        return deny(_("Only who entered the record and the verifiers change it."))
    return ALLOW


def can_verify_event(user, event) -> Decision:
    if not has_role(user, event.organisation_id, VERIFIER):
        return deny(_("Only the organisation's verifiers verify records."))
    decision = can_view_event(user, event)
    if not decision:
        return decision
    if event.entered_by_id == user.pk:
        return deny(_("A record is verified by someone other than who entered it."))
    return ALLOW


def can_publish_event(user, event) -> Decision:
    if not has_role(user, event.organisation_id, VERIFIER):
        return deny(_("Only the organisation's verifiers publish records."))
    return can_view_event(user, event)


def _reader_ids(event) -> set[int]:
    cache = getattr(event, "_prefetched_objects_cache", {})
    if "readers" in cache:
        return {reader.pk for reader in cache["readers"]}
    return set(event.readers.values_list("pk", flat=True))


def _lawyer_of_event(user, event) -> bool:
    return event.cases.filter(lawyers=user).exists()


def visible_events_filter(user, organisation_id: int):
    """The Q of the events of an organisation this person may see (lists and search; `can_view_event` agrees)."""
    from django.db.models import Q

    held = roles(user).get(organisation_id, set())
    if not held:
        return Q(pk__in=[])
    mine = Q(entered_by=user) | Q(readers=user)
    seen = mine
    if held & {VERIFIER, EXPERT}:
        seen |= Q(restricted=False)
    elif LAWYER in held:
        seen |= Q(restricted=False, cases__lawyers=user)
    return Q(organisation_id=organisation_id) & seen


# — persons —


def can_view_person(user, person) -> Decision:
    held = roles(user).get(person.organisation_id, set())
    if not held:
        return deny(NOT_YOURS)
    if held & {VERIFIER, EXPERT, LAWYER} or person.created_by_id == user.pk:
        return two_factor(user)
    from azamat.monitoring.models import Event

    seen = (
        Event.objects.filter(visible_events_filter(user, person.organisation_id))
        .filter(acts__victim=person)
        .exists()
        or Event.objects.filter(visible_events_filter(user, person.organisation_id))
        .filter(sources__person=person)
        .exists()
    )
    if not seen:
        return deny(_("Monitors see the persons of the events they see."))
    return two_factor(user)


def can_edit_person(user, person) -> Decision:
    return can_view_person(user, person)


# — cases —


def can_view_case(user, case) -> Decision:
    if not has_role(user, case.organisation_id):
        return deny(NOT_YOURS)
    if case.created_by_id == user.pk or case.lawyers.filter(pk=user.pk).exists():
        return two_factor(user)
    return deny(_("A case is seen by the lawyers named on it."))


def can_edit_case(user, case) -> Decision:
    return can_view_case(user, case)


def can_open_case(user, organisation_id: int) -> Decision:
    return can_work_in(user, organisation_id, LAWYER)


# — interventions —


def can_record_intervention(user, intervention) -> Decision:
    """Record an intervention (a complaint, an appeal, a lawyer's visit) and, later, what came of it: on a case,
    its lawyers; on an event, those who see it and act for the organisation — its monitors and lawyers. Verifiers
    and the expert group read interventions; they do not make them. `intervention` may be a new, unsaved one
    naming its event or case."""
    if intervention.case_id:
        return can_edit_case(user, intervention.case)
    organisation_id = (
        intervention.event.organisation_id if intervention.event_id else intervention.organisation_id
    )
    decision = (
        can_view_event(user, intervention.event)
        if intervention.event_id
        else can_work_in(user, organisation_id)
    )
    if decision and not has_role(user, organisation_id, MONITOR, LAWYER):
        return deny(_("Interventions are recorded by the organisation's monitors and lawyers."))
    return decision


# — the list of persecuted persons —


def can_view_candidate(user, candidate) -> Decision:
    return can_work_in(user, candidate.organisation_id, EXPERT, VERIFIER)


def can_propose_candidate(user, organisation_id: int) -> Decision:
    return can_work_in(user, organisation_id)


def can_analyse_candidate(user, candidate) -> Decision:
    return can_work_in(user, candidate.organisation_id, EXPERT, VERIFIER)


def can_decide_candidate(user, candidate) -> Decision:
    """Record the expert group's decision: a member of the group."""
    if not has_role(user, candidate.organisation_id, EXPERT):
        return deny(_("The expert group's decisions are recorded by its members."))
    return two_factor(user)


# — blocked websites —


def can_view_sites(user, organisation_id: int) -> Decision:
    return can_work_in(user, organisation_id)


def can_edit_site(user, site) -> Decision:
    return can_work_in(user, site.organisation_id, MONITOR, VERIFIER, LAWYER)


# — election observation —


def can_view_elections(user, organisation_id: int) -> Decision:
    """The organisation's observed elections: any of its monitoring people (observers see their stations)."""
    return can_work_in(user, organisation_id)


def can_coordinate_elections(user, organisation_id: int) -> Decision:
    """Set up an observed election, its stations and observers, close it and publish its totals: the
    organisation's verifiers and administrators."""
    if has_role(user, organisation_id, VERIFIER) or organisation_id in admin_organisations(user):
        return two_factor(user)
    return deny(_("Elections are set up by the organisation's verifiers and administrators."))


def can_view_station(user, station) -> Decision:
    """A station's page (its checklists and incidents): the coordinators, and the observers assigned to it."""
    organisation_id = station.election.organisation_id
    if can_coordinate_elections(user, organisation_id):
        return ALLOW
    decision = can_view_elections(user, organisation_id)
    if decision and not station.observers.filter(pk=user.pk).exists():
        return deny(_("Only the observers assigned to this polling station report from it."))
    return decision


def can_report_at(user, station) -> Decision:
    """Send a checklist or report an incident at a station: an observer assigned to it, once the day has come
    and until the observation is closed."""
    election = station.election
    if not has_role(user, election.organisation_id):
        return deny(NOT_YOURS)
    if not station.observers.filter(pk=user.pk).exists():
        return deny(_("Only the observers assigned to this polling station report from it."))
    if election.closed:
        return deny(_("The observation of this election is closed."))
    if election.day > timezone.localdate():
        return deny(_("Reports from the polling stations open on the election day."))
    return two_factor(user)
