"""Monitoring's shared objects for the authorisation matrix; the rows live in cases_monitoring_<part>.py.

The other NGO runs monitoring. Its member is a monitor and a lawyer: they entered the events and are the lawyer
on the case. Its administrator administers it (roles, the log of reads) and is also a verifier and a member of
the expert group. Both have two-factor sign-in on. Everyone else — the first NGO's people, officers, the platform
administrator — is a stranger to its records (the platform administrator manages the thesauri only).

Objects: a verified and published event (act, perpetrator, source, file, intervention to a body), a received
event, a restricted event entered by the administrator and shared with nobody, a victim with a detention and a
visit, a case with a hearing and a document, a blocked site with a check, the criteria, a listed candidate (decision, published
entry) and an open one, a redaction rule, the publication policy, a thesaurus term and a role row."""

MONITORS = ("other_member",)  # monitor and lawyer
VERIFIERS = ("other_admin",)  # verifier and expert
ADMINS = ("other_admin",)
ROLE_HOLDERS = ("other_member", "other_admin")


def build(w) -> None:
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from azamat.monitoring.models import (
        Attachment,
        Detention,
        DetentionVisit,
        Hearing,
        Intervention,
        ListDecision,
        MonitoringRole,
        PublicationPolicy,
        PublishedEntry,
        PublishedEvent,
        RedactionRule,
        SiteCheck,
        Term,
    )
    from azamat.testing import monitoring_factories as mf

    org = w.other_ngo
    monitor, admin = w.people["other_member"], w.people["other_admin"]
    mf.grant(monitor, org, "monitor", "lawyer")
    mf.grant(admin, org, "verifier", "expert")
    w.mon_org = org
    w.mon_role = MonitoringRole.objects.get(organisation=org, user=monitor, role="lawyer")
    w.mon_term = Term.objects.get(kind="event_type", code="assembly")
    w.mon_victim = mf.person(org, "Айгерим Тулегенова", by=monitor)
    w.mon_event = mf.event(org, by=monitor, victim=w.mon_victim, status="verified", reliability="high")
    w.mon_event.verified_by, w.mon_event.verified_at = admin, timezone.now()
    w.mon_event.save()
    w.mon_act = w.mon_event.acts.get()
    w.mon_involvement = w.mon_act.involvements.get()
    w.mon_source = w.mon_event.sources.get()
    w.mon_received = mf.event(org, by=monitor, title="Обыск у журналиста", with_source=False)
    w.mon_restricted = mf.event(org, by=admin, title="Угрозы адвокату", restricted=True)
    w.mon_attachment = Attachment.objects.create(
        organisation=org,
        event=w.mon_event,
        stored_name="",
        original_name="protocol.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=monitor,
    )
    from azamat.monitoring.storage import store

    store(w.mon_attachment, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    w.mon_detention = Detention.objects.create(
        person=w.mon_victim,
        place="Учреждение ЛА-155/14",
        since=timezone.localdate() - datetime.timedelta(days=9),
    )
    w.mon_visit = DetentionVisit.objects.create(
        detention=w.mon_detention,
        visited_on=timezone.localdate(),
        visitor=monitor,
        notes="Жалоб на условия нет.",
    )
    w.mon_case = mf.case(org, lawyer=monitor, client=w.mon_victim, by=monitor)
    w.mon_case.events.add(w.mon_event)
    w.mon_hearing = Hearing.objects.create(
        case=w.mon_case, date=timezone.localdate(), stage="первая инстанция"
    )
    w.mon_case_document = Attachment.objects.create(
        organisation=org,
        case=w.mon_case,
        stored_name="",
        original_name="Постановление суда.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=monitor,
    )
    store(w.mon_case_document, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    w.mon_intervention = Intervention.objects.create(
        organisation=org,
        event=w.mon_event,
        kind=Intervention.Kind.COMPLAINT,
        body=w.body,
        sent_on=timezone.localdate(),
        summary="Жалоба на задержание участников собрания",
        text="Просим проверить законность задержания.",
        created_by=monitor,
    )
    w.mon_site = mf.site(org)
    w.mon_check = SiteCheck.objects.create(
        site=w.mon_site,
        checked_at=timezone.now(),
        result="blocked",
        provider="Казахтелеком",
        checked_by=monitor,
    )
    w.mon_criteria = mf.criteria(org)
    w.mon_listed = mf.candidate(org, subject=w.mon_victim, by=monitor, status="listed")
    w.mon_listed.analysis = "Преследуется за участие в мирном собрании."
    w.mon_listed.ground = "beliefs"
    w.mon_listed.listed_on = timezone.localdate()
    w.mon_listed.save()
    ListDecision.objects.create(
        candidate=w.mon_listed,
        decided_on=timezone.localdate(),
        criteria=w.mon_criteria,
        members=5,
        present=4,
        votes_for=4,
        votes_against=0,
        outcome="list",
        grounds="Критерий 1.",
        recorded_by=admin,
    )
    w.mon_candidate = mf.candidate(org, by=monitor)
    w.mon_rule = RedactionRule.objects.create(
        organisation=org,
        find="РУВД",
        replace_with="[отдел полиции]",
        comment="Не указывать отдел.",
        editor=admin,
    )
    w.mon_policy = PublicationPolicy.objects.create(organisation=org)
    w.mon_published = PublishedEvent.objects.create(
        event=w.mon_event,
        organisation=org,
        number=w.mon_event.number,
        title="Задержание участников мирного собрания",
        summary="Полиция задержала участников собрания.",
        type=w.mon_event.type,
        region=w.mon_event.region,
        date_shown="2026",
        year=w.mon_event.date.year,
        month=w.mon_event.date.month,
        victims=1,
        published_at=timezone.now(),
        published_by=admin,
    )
    w.mon_entry = PublishedEntry.objects.create(
        candidate=w.mon_listed,
        organisation=org,
        shown_name="активист из Алматы",
        region=w.mon_event.region,
        ground="beliefs",
        grounds="Преследуется за участие в мирном собрании.",
        situation="prosecuted",
        listed_on=timezone.localdate(),
        criteria_version=1,
        published_at=timezone.now(),
    )


CASES: dict[str, list] = {}
