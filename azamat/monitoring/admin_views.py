"""The monitoring's home and administration: one's monitoring organisations with what waits there, an
organisation's overview, its roles (granted and revoked by its administrators, each shown with whether two-factor
sign-in is on), its log of reads, and the thesauri the platform's administrators keep."""

import datetime
from urllib.parse import urlencode

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.accounts.models import User
from azamat.core import edits
from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import deny
from azamat.monitoring import access_services, permissions
from azamat.monitoring.admin_forms import ReadsFilterForm, RoleGrantForm, TermChangeForm, TermNewForm
from azamat.monitoring.models import (
    Act,
    BlockedSite,
    Candidate,
    Case,
    Event,
    Hearing,
    MonitoringRole,
    ReadLog,
    Term,
)
from azamat.monitoring.records_selectors import VERIFYING_STATUSES
from azamat.monitoring.views_common import check, monitoring_view
from azamat.monitoring.views_common import organisation as organisation_or_404
from azamat.registry.models import Membership, Organisation

PAGE_SIZE = 50
HEARINGS_AHEAD_DAYS = 14
NO_MONITORING = gettext_lazy(
    "You hold no role in an organisation's monitoring and administer none. An organisation's administrators "
    "grant the roles."
)
# The kinds of record the log names (audit.read's `record_type` is the model's name), in the order people think.
RECORD_TYPES = ["event", "person", "act", "source", "attachment", "intervention", "case", "hearing"]
RECORD_TYPES += ["detention", "detentionvisit", "candidate", "blockedsite", "sitecheck", "export"]
# Where a logged record is opened again (only records with a page of their own).
RECORD_PAGES = {
    "event": "monitoring:event",
    "person": "monitoring:person",
    "case": "monitoring:case",
    "candidate": "monitoring:candidate",
    "blockedsite": "monitoring:site",
    "intervention": "monitoring:intervention",
}


def _record_type_label(name: str) -> str:
    if name == "export":
        return _("Export")
    try:
        return str(apps.get_model("monitoring", name)._meta.verbose_name).capitalize()
    except LookupError:
        return name


# The sections of an organisation's monitoring ----------------------------------------------------------------


def _sections(user, organisation_id: int) -> dict[str, bool]:
    """Which of the organisation's monitoring pages this person may open (the links shown)."""
    held = permissions.roles(user).get(organisation_id, set())
    admin = organisation_id in permissions.admin_organisations(user)
    return {
        "records": bool(held),
        "candidates": bool(held & {permissions.EXPERT, permissions.VERIFIER}),
        # The policy and the text rules are the administrators' (verifiers publish from an event's preview).
        "publication": admin,
        "admin": admin,
    }


def _can_see_organisation(user, organisation_id: int):
    if permissions.has_role(user, organisation_id):
        return permissions.can_work_in(user, organisation_id)
    if organisation_id in permissions.admin_organisations(user):
        return permissions.can_administer(user, organisation_id)
    return deny(permissions.NOT_YOURS)


# Home ------------------------------------------------------------------------------------------------------------


def _monitoring_organisations(user) -> list[int]:
    held = set(permissions.roles(user))
    administered = permissions.admin_organisations(user)
    if administered - held:
        held |= set(
            MonitoringRole.objects.filter(organisation_id__in=administered - held)
            .values_list("organisation_id", flat=True)
            .distinct()
        )
    return sorted(held)


def _counts(queryset, key: str = "organisation_id") -> dict[int, int]:
    return dict(queryset.values_list(key).annotate(n=Count("pk", distinct=True)).values_list(key, "n"))


def _home_rows(user) -> list[dict]:
    """One row per monitoring organisation of this person, with what waits for them there: a fixed number of
    queries however many organisations and records there are."""
    ids = _monitoring_organisations(user)
    if not ids:
        return []
    held = permissions.roles(user)
    verifying = [o for o in ids if permissions.VERIFIER in held.get(o, set())]
    deciding = [o for o in ids if held.get(o, set()) & {permissions.EXPERT, permissions.VERIFIER}]
    with_role = [o for o in ids if held.get(o)]
    to_verify = (
        _counts(
            Event.objects.filter(organisation_id__in=verifying, status__in=VERIFYING_STATUSES)
            .filter(Q(restricted=False) | Q(readers=user))
            .exclude(entered_by=user)
        )
        if verifying
        else {}
    )
    mine = _counts(Event.objects.filter(organisation_id__in=with_role, entered_by=user)) if with_role else {}
    my_cases = (
        _counts(
            Case.objects.filter(organisation_id__in=with_role, status=Case.Status.OPEN).filter(
                Q(lawyers=user) | Q(created_by=user)
            )
        )
        if with_role
        else {}
    )
    today = timezone.localdate()
    hearings = (
        _counts(
            Hearing.objects.filter(
                case__organisation_id__in=with_role,
                date__gte=today,
                date__lte=today + datetime.timedelta(days=HEARINGS_AHEAD_DAYS),
            ).filter(Q(case__lawyers=user) | Q(case__created_by=user)),
            "case__organisation_id",
        )
        if with_role
        else {}
    )
    awaiting = (
        _counts(Candidate.objects.filter(organisation_id__in=deciding, status=Candidate.Status.DECISION))
        if deciding
        else {}
    )
    labels = dict(MonitoringRole.Role.choices)
    administered = permissions.admin_organisations(user)
    rows = []
    for organisation in Organisation.objects.filter(pk__in=ids).order_by("name_ru", "pk"):
        pk = organisation.pk
        roles = held.get(pk, set())
        rows.append(
            {
                "organisation": organisation,
                "roles": [labels[r] for r in MonitoringRole.Role.values if r in roles],
                "admin": pk in administered,
                "to_verify": to_verify.get(pk, 0) if pk in verifying else None,
                "mine": mine.get(pk, 0) if roles else None,
                "cases": my_cases.get(pk, 0) if roles else None,
                "hearings": hearings.get(pk, 0) if roles else None,
                "awaiting": awaiting.get(pk, 0) if pk in deciding else None,
                "sections": _sections(user, pk),
            }
        )
    return rows


@monitoring_view
@require_GET
def home(request):
    user = request.user
    if not permissions.works_in_monitoring(user):
        raise PermissionDenied(NO_MONITORING)
    check(request, permissions.two_factor(user))
    return render(
        request,
        "monitoring/admin/home.html",
        {
            "rows": _home_rows(user),
            "hearings_days": HEARINGS_AHEAD_DAYS,
            "can_manage_terms": bool(permissions.can_manage_terms(user)),
        },
    )


# An organisation's overview ------------------------------------------------------------------------------------


@monitoring_view
@require_GET
def organisation(request, org):
    organisation = organisation_or_404(org)
    user = request.user
    check(request, _can_see_organisation(user, organisation.pk))
    events = dict(
        Event.objects.filter(organisation=organisation)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    candidates = dict(
        Candidate.objects.filter(organisation=organisation)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    held = permissions.roles(user).get(organisation.pk, set())
    labels = dict(MonitoringRole.Role.choices)
    context = {
        "organisation": organisation,
        "sections": _sections(user, organisation.pk),
        "my_roles": [labels[r] for r in MonitoringRole.Role.values if r in held],
        "events": [(label, events.get(value, 0)) for value, label in Event.Status.choices],
        "events_total": sum(events.values()),
        "candidates": [(label, candidates.get(value, 0)) for value, label in Candidate.Status.choices],
        "cases_open": Case.objects.filter(organisation=organisation, status=Case.Status.OPEN).count(),
        "sites_blocked": BlockedSite.objects.filter(organisation=organisation)
        .exclude(status=BlockedSite.Status.ACCESSIBLE)
        .count(),
        "holders": MonitoringRole.objects.filter(organisation=organisation).values("user").distinct().count(),
    }
    return render(request, "monitoring/admin/organisation.html", context)


# Roles -----------------------------------------------------------------------------------------------------------


def _holders(organisation) -> list[dict]:
    """The organisation's role holders, one row per person with their roles and whether two-factor sign-in is on."""
    from allauth.mfa.models import Authenticator

    grants = list(
        MonitoringRole.objects.filter(organisation=organisation)
        .select_related("user", "granted_by")
        .order_by("user__full_name", "user__email", "role")
    )
    user_ids = {g.user_id for g in grants}
    protected = set(
        Authenticator.objects.filter(
            user_id__in=user_ids, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        ).values_list("user_id", flat=True)
    )
    rows: dict[int, dict] = {}
    for grant in grants:
        row = rows.setdefault(
            grant.user_id, {"user": grant.user, "grants": [], "two_factor": grant.user_id in protected}
        )
        row["grants"].append(grant)
    return list(rows.values())


@monitoring_view
@require_http_methods(["GET", "POST"])
def roles(request, org):
    organisation = organisation_or_404(org)
    check(request, permissions.can_administer(request.user, organisation.pk))
    form = RoleGrantForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            grant = access_services.role_grant(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request,
                _("%(person)s now holds the role “%(role)s”.")
                % {"person": grant.user.get_full_name(), "role": grant.get_role_display()},
            )
            if not permissions.two_factor_on(grant.user):
                messages.warning(
                    request,
                    _("They will be asked to turn on two-factor sign-in before they can open any record."),
                )
            return redirect("monitoring:roles", org=organisation.pk)
    return render(
        request,
        "monitoring/admin/roles.html",
        {
            "organisation": organisation,
            "sections": _sections(request.user, organisation.pk),
            "holders": _holders(organisation),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@monitoring_view
@require_POST
def role_revoke(request, pk):
    grant = get_object_or_404(MonitoringRole.objects.select_related("user"), pk=pk)
    check(request, permissions.can_administer(request.user, grant.organisation_id))
    person, role = grant.user.get_full_name(), grant.get_role_display()
    access_services.role_revoke(grant=grant, by=request.user)
    messages.success(
        request, _("%(person)s no longer holds the role “%(role)s”.") % {"person": person, "role": role}
    )
    return redirect("monitoring:roles", org=grant.organisation_id)


# The log of reads ------------------------------------------------------------------------------------------------


def _log_people(organisation_id: int, chosen: str) -> list[tuple[int, str]]:
    """Who may appear in the log: the role holders and the administrators (and the person chosen, if neither)."""
    people = Q(monitoring_roles__organisation_id=organisation_id) | Q(
        memberships__organisation_id=organisation_id,
        memberships__role=Membership.Role.ADMIN,
        memberships__status=Membership.Status.ACTIVE,
    )
    if chosen.isdigit():
        people |= Q(pk=int(chosen))
    return [
        (pk, full_name or email)
        for pk, full_name, email in User.objects.filter(people)
        .distinct()
        .order_by("full_name", "email")
        .values_list("pk", "full_name", "email")
    ]


def _period_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@monitoring_view
@require_GET
def reads(request, org):
    organisation = organisation_or_404(org)
    check(request, permissions.can_administer(request.user, organisation.pk))
    form = ReadsFilterForm(
        request.GET or None,
        people=_log_people(organisation.pk, request.GET.get("person", "")),
        record_types=[(name, _record_type_label(name)) for name in RECORD_TYPES],
    )
    log = ReadLog.objects.filter(organisation=organisation)
    if form.is_bound:
        form.is_valid()
        chosen = form.filters()
        if "person" in chosen:
            log = log.filter(user_id=chosen["person"])
        if "action" in chosen:
            log = log.filter(action=chosen["action"])
        if "record_type" in chosen:
            log = log.filter(record_type=chosen["record_type"])
        if "since" in chosen:
            log = log.filter(at__gte=_period_start(chosen["since"]))
        if "until" in chosen:
            log = log.filter(at__lt=_period_start(chosen["until"] + datetime.timedelta(days=1)))
    page = Paginator(log.select_related("user").order_by("-at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # An administrator without a monitoring role of the organisation opens none of its records: linking them
    # only led to a refusal (itself written into this log).
    opens = permissions.has_role(request.user, organisation.pk)
    rows = [
        {
            "entry": entry,
            "type": _record_type_label(entry.record_type),
            "url_name": RECORD_PAGES.get(entry.record_type) if entry.record_id and opens else None,
        }
        for entry in page.object_list
    ]
    kept = request.GET.copy()
    kept.pop("page", None)
    return render(
        request,
        "monitoring/admin/reads.html",
        {
            "organisation": organisation,
            "sections": _sections(request.user, organisation.pk),
            "form": form,
            "page": page,
            "rows": rows,
            "query": urlencode([(k, v) for k, values in kept.lists() for v in values if v]),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# The thesauri ----------------------------------------------------------------------------------------------------


def _term_uses() -> dict[int, int]:
    """How many events and acts use each term (a term in use is retired, never deleted)."""
    uses: dict[int, int] = {}
    for counts in (
        Event.objects.values_list("type_id").annotate(n=Count("pk")),
        Act.objects.values_list("type_id").annotate(n=Count("pk")),
        Event.rights.through.objects.values_list("term_id").annotate(n=Count("pk")),
    ):
        for term_id, n in counts:
            uses[term_id] = uses.get(term_id, 0) + n
    return uses


def _uses_of(term: Term) -> int:
    return (
        Event.objects.filter(type=term).count()
        + Act.objects.filter(type=term).count()
        + Event.rights.through.objects.filter(term=term).count()
    )


def _terms_page(request, form, status=200):
    uses = _term_uses()
    terms = list(Term.objects.order_by("kind", "position", "code"))
    kinds = []
    for value, label in Term.Kind.choices:
        rows = [(term, uses.get(term.pk, 0)) for term in terms if term.kind == value]
        kinds.append({"value": value, "label": label, "rows": rows})
    return render(request, "monitoring/admin/terms.html", {"kinds": kinds, "form": form}, status=status)


def _manages_terms(request) -> None:
    check(request, permissions.can_manage_terms(request.user))


@monitoring_view
@require_http_methods(["GET", "POST"])
def terms(request):
    _manages_terms(request)
    if request.method == "GET":
        return _terms_page(request, TermNewForm(initial={"kind": request.GET.get("kind", "")}))
    form = TermNewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            term = access_services.term_create(
                kind=data["kind"],
                code=data["code"],
                name_kk=data["name_kk"],
                name_ru=data["name_ru"],
                name_en=data["name_en"],
                reference_kk=data["reference_kk"],
                reference_ru=data["reference_ru"],
                reference_en=data["reference_en"],
                position=data["position"],
                by=request.user,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The term “%(name)s” is added.") % {"name": term.name})
            return redirect("monitoring:terms")
    return _terms_page(request, form, status=400)


@monitoring_view
@require_http_methods(["GET", "POST"])
def term_edit(request, pk):
    _manages_terms(request)
    term = get_object_or_404(Term, pk=pk)
    initial = {
        "name_kk": term.name_kk,
        "name_ru": term.name_ru,
        "name_en": term.name_en,
        "reference_kk": term.reference_kk,
        "reference_ru": term.reference_ru,
        "reference_en": term.reference_en,
        "position": term.position,
        "active": term.active,
        "loaded_at": edits.loaded_marker(term),
    }
    form = TermChangeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        was_active = term.active
        try:
            access_services.term_update(
                term=term,
                name_kk=data["name_kk"],
                name_ru=data["name_ru"],
                name_en=data["name_en"],
                reference_kk=data["reference_kk"],
                reference_ru=data["reference_ru"],
                reference_en=data["reference_en"],
                position=term.position if data["position"] is None else data["position"],
                active=data["active"],
                by=request.user,
                loaded_at=data["loaded_at"],
            )
        except DomainError as error:
            if error.code == edits.CHANGED_MEANWHILE:
                term.refresh_from_db()
                form = TermChangeForm(edits.taken_over(request.POST, term))
                form.is_valid()
            form_error(form, error)
        else:
            if was_active and not term.active:
                text = _("The term “%(name)s” is retired: records keep it, new ones cannot pick it.")
            elif term.active and not was_active:
                text = _("The term “%(name)s” is in use again.")
            else:
                text = _("The term “%(name)s” is saved.")
            messages.success(request, text % {"name": term.name})
            return redirect("monitoring:terms")
        term.refresh_from_db()
    return render(
        request,
        "monitoring/admin/term_edit.html",
        {"term": term, "form": form, "uses": _uses_of(term)},
        status=400 if form.errors else 200,
    )
