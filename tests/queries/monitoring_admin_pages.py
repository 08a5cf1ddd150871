"""The query-count cases of the monitoring's administration: the home page (one's monitoring organisations with
what waits there), an organisation's roles, its log of reads and the thesauri, registered into `PAGE_CASES` on
import. Rows vary: different organisations, people, roles, kinds of record. `LIST_PAGES` and `NOT_LISTS` declare
the part's pages."""

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.queries.support import SERIALS, page_case

FORM_OR_ACTION = "a form or an action: it shows no list of records"


def _with_two_factor(user):
    if not user.authenticator_set.exists():
        from azamat.testing import monitoring_factories as mf

        mf.two_factor(user)
    return user


def _ngo_admin(ctx):
    """Alice administers the NGO's monitoring: two-factor sign-in on."""
    return _with_two_factor(ctx["alice"])


@page_case("monitoring home", persona="alice", url=lambda ctx: reverse("monitoring:home"))
def _home(k, ctx):
    """Organisations where Alice verifies, decides and defends, each with an event to verify, a candidate
    awaiting the decision, a case of hers with a hearing soon, and one she only administers."""
    from azamat.monitoring.models import Candidate, Hearing, MonitoringRole
    from azamat.registry.models import Membership
    from azamat.testing import monitoring_factories as mf
    from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

    alice = _with_two_factor(ctx["alice"])
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        organisation = OrganisationFactory()
        mf.grant(alice, organisation, "verifier", "expert", "lawyer")
        colleague = UserFactory(email=f"monitor-{serial}@example.kz")
        mf.event(organisation, by=colleague, title=f"Событие {serial}")
        mf.candidate(organisation, by=colleague, status=Candidate.Status.DECISION)
        case = mf.case(organisation, lawyer=alice)
        Hearing.objects.create(case=case, date=timezone.localdate() + datetime.timedelta(days=serial % 7))
        rows.append(reverse("monitoring:organisation", kwargs={"org": organisation.pk}))
        administered = OrganisationFactory()
        MembershipFactory(
            user=alice, organisation=administered, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
        )
        MonitoringRole.objects.create(organisation=administered, user=colleague, role="monitor")
        rows.append(reverse("monitoring:reads", kwargs={"org": administered.pk}))
    return rows


@page_case(
    "monitoring roles", persona="alice", url=lambda ctx: reverse("monitoring:roles", args=[ctx["ngo"].pk])
)
def _roles(k, ctx):
    """People with one or two roles, some with two-factor sign-in, granted by different administrators."""
    from azamat.monitoring.models import MonitoringRole
    from azamat.testing import monitoring_factories as mf
    from azamat.testing.factories import UserFactory

    _ngo_admin(ctx)
    rows = []
    roles = ["monitor", "verifier", "expert", "lawyer"]
    for _ in range(k):
        serial = next(SERIALS)
        person = UserFactory(email=f"holder-{serial}@example.kz", full_name=f"Правозащитник Номер{serial}")
        granter = UserFactory(full_name=f"Администратор Номер{serial}")
        for role in {roles[serial % 4], roles[(serial + 1) % 4]}:
            MonitoringRole.objects.create(organisation=ctx["ngo"], user=person, role=role, granted_by=granter)
        if serial % 2:
            mf.two_factor(person)
        rows.append(person.email)
    return rows


@page_case(
    "monitoring log of reads",
    persona="alice",
    url=lambda ctx: reverse("monitoring:reads", args=[ctx["ngo"].pk]),
)
def _reads(k, ctx):
    """Reads of different kinds of record by different people."""
    from azamat.monitoring.models import MonitoringRole, ReadLog
    from azamat.testing.factories import UserFactory

    _ngo_admin(ctx)
    kinds = [("view", "event"), ("view", "person"), ("export", "export"), ("refused", "case")]
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        reader = UserFactory(full_name=f"Читатель Номер{serial}")
        MonitoringRole.objects.create(organisation=ctx["ngo"], user=reader, role="monitor")
        action, record_type = kinds[serial % 4]
        ReadLog.objects.create(
            organisation=ctx["ngo"],
            user=reader,
            action=action,
            record_type=record_type,
            record_id=serial if record_type != "export" else None,
            what=f"запись-{serial}",
        )
        rows.append(f"запись-{serial}")
    return rows


@page_case("monitoring thesauri", persona="alice", url=lambda ctx: reverse("monitoring:terms"))
def _terms(k, ctx):
    """Terms of every thesaurus, some used by events and acts, some retired."""
    from azamat.accounts.models import PlatformRole
    from azamat.monitoring.models import Act, Term
    from azamat.testing import monitoring_factories as mf

    PlatformRole.objects.get_or_create(user=ctx["alice"], role=PlatformRole.Role.PLATFORM_ADMIN)
    kinds = ["event_type", "act_type", "right"]
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        term = Term.objects.create(
            kind=kinds[serial % 3],
            code=f"query-term-{serial}",
            name_kk=f"Термин-кк {serial}",
            name_ru=f"Термин-ру {serial}",
            name_en=f"Term-en {serial}",
            reference_kk=f"ICCPR, {serial}",
            active=bool(serial % 2),
        )
        if term.kind == "act_type":
            event = mf.event(ctx["ngo"], title=f"Событие {serial}")
            Act.objects.create(event=event, type=term)
        rows.append(term.code)
    return rows


LIST_PAGES = {
    "monitoring:home": "monitoring home",
    "monitoring:roles": "monitoring roles",
    "monitoring:reads": "monitoring log of reads",
    "monitoring:terms": "monitoring thesauri",
}
NOT_LISTS = {
    "monitoring:organisation": "counts by status and links: a fixed number of aggregate queries",
    "monitoring:role_revoke": FORM_OR_ACTION,
    "monitoring:term_edit": FORM_OR_ACTION,
}
