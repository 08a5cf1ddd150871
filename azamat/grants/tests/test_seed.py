"""The grants part of the data generator: the demo holds a coherent cycle that tells the truth about time,
subjects and languages, and every demo login lands on a workspace with something to do."""

import re
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F, Max, Sum
from django.urls import reverse
from django.utils import timezone

from azamat.accounts.models import User
from azamat.grants.models import (
    Activity,
    AgendaItem,
    Application,
    Assignment,
    BudgetLine,
    Call,
    ComplianceCheck,
    DeclarationConfirmation,
    Direction,
    Draw,
    Payment,
    Project,
    Report,
    SimilarityFlag,
    Sitting,
    Vote,
)
from azamat.grants.seed.content import DIRECTIONS, KAZAKH_LETTERS
from azamat.grants.selectors.applications import amount_range, required_documents
from azamat.grants.selectors.evaluation import effectiveness, projects_for_evaluation
from azamat.grants.selectors.review import scoring_due_on
from azamat.grants.services.application_files import content_matches, extension
from azamat.grants.services.similarity import threshold_setting
from azamat.grants.services.sittings import vote_cast
from azamat.registry.models import Membership, text_language

pytestmark = pytest.mark.django_db

# Words that are Russian, not Kazakh: none may stand in a Kazakh text.
RUSSIAN_WORDS = {"и", "в", "для", "по", "на", "с", "проект", "центр", "помощь", "города", "жители", "школа"}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One demo for the whole module (seeding takes seconds), rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed", scale=1, seed=3, verbosity=0)
        yield
        transaction.set_rollback(True)


def _user(email: str) -> User:
    return User.objects.get(email=email)


def test_every_phase_and_state_is_in_the_demo(seeded):
    assert {call.phase for call in Call.objects.all()} >= {"discussion", "open", "closed", "results"}
    states = set(Application.objects.values_list("status", flat=True))
    assert states >= {"draft", "submitted", "compliant", "rejected", "reviewed", "awarded", "not_awarded"}
    assert Sitting.objects.filter(closed_at__isnull=False).exists()
    assert Report.objects.filter(status="approved").exists() and Report.objects.filter(status="due").exists()


def test_nothing_is_dated_after_now(seeded):
    now, today = timezone.now(), timezone.localdate()
    happened = [
        (Application, "submitted_at"),
        (Application, "created_at"),
        (ComplianceCheck, "decided_at"),
        (Draw, "created_at"),
        (Assignment, "assigned_at"),
        (Assignment, "submitted_at"),
        (DeclarationConfirmation, "confirmed_at"),
        (Vote, "cast_at"),
        (Sitting, "starts_at"),
        (Sitting, "closed_at"),
        (Report, "submitted_at"),
        (Report, "approved_at"),
    ]
    for model, field in happened:
        latest = model.objects.aggregate(latest=Max(field))["latest"]
        assert latest is not None and latest <= now, (model.__name__, field, latest)
    for model, field in [(Payment, "paid_on"), (Project, "signed_on")]:
        assert model.objects.aggregate(latest=Max(field))["latest"] <= today, (model.__name__, field)
    # What is still to come is in the future: no expert is late, the open call closes and the next one opens
    # later.
    unscored = Assignment.objects.filter(status="assigned")
    assert unscored.exists() and all(scoring_due_on(a.assigned_at) >= today for a in unscored)
    assert Call.objects.filter(closes_at__gt=now).exists() and Call.objects.filter(opens_at__gt=now).exists()


def test_each_call_is_where_its_dates_put_it(seeded):
    now = timezone.now()
    for call in Call.objects.all():
        applications = call.applications.all()
        submitted = applications.exclude(submitted_at=None)
        assert not submitted.filter(submitted_at__lt=call.opens_at).exists(), call.code
        assert not submitted.filter(submitted_at__gt=call.closes_at).exists(), call.code
        if call.phase == "open":
            assert call.opens_at < now < call.closes_at
        if call.phase == "discussion":
            assert now < call.opens_at and not applications.exists()
        if call.closes_at < now:  # checked after it closed, none of them before
            checks = ComplianceCheck.objects.filter(application__call=call)
            assert not checks.filter(decided_at__lt=call.closes_at).exists(), call.code
        if call.phase == "results":  # every stage done, each after the one before
            assert not applications.filter(status__in=["submitted", "compliant", "reviewed"]).exists()
            sitting = Sitting.objects.get(commission__call=call)
            drawn = Draw.objects.get(call=call).created_at
            scored = Assignment.objects.filter(application__call=call).aggregate(m=Max("submitted_at"))["m"]
            assert call.closes_at < drawn <= scored < sitting.starts_at < sitting.closed_at < now, call.code
            for project in Project.objects.filter(application__call=call):
                assert timezone.localtime(sitting.closed_at).date() < project.signed_on <= project.starts_on


def test_reports_follow_their_projects_dates(seeded):
    today = timezone.localdate()
    for report in Report.objects.select_related("project"):
        project = report.project
        assert project.starts_on < report.due_on, report
        if report.kind == "final":
            assert report.due_on > project.ends_on
        if report.due_on > today:
            assert report.status == "due" and report.submitted_at is None, report
        if report.submitted_at:
            assert timezone.localdate(report.submitted_at) > project.starts_on
        if report.approved_at:
            assert report.approved_at >= report.submitted_at


def _theme(direction) -> str:
    return next(key for key, theme in DIRECTIONS.items() if theme["title"][1] == direction.title_ru)


def _matches(title: str, templates: list[str]) -> bool:
    return any(re.fullmatch(re.escape(t).replace(re.escape("{town}"), ".+"), title) for t in templates)


def test_projects_are_under_the_direction_they_are_about(seeded):
    applications = Application.objects.select_related("direction")
    assert applications.count() > 50
    for application in applications:
        projects = DIRECTIONS[_theme(application.direction)]["projects"]
        titles = [kk if application.language == "kk" else ru for kk, ru in projects]
        assert _matches(application.title, titles), (application.direction.title_ru, application.title)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_kazakh_texts_are_kazakh_and_russian_texts_russian(seeded):
    kazakh = Application.objects.filter(language="kk")
    russian = Application.objects.filter(language="ru")
    assert kazakh.count() > 10 and russian.count() > 10
    for application in kazakh:
        for text in [application.title, application.summary, application.problem, application.goals]:
            assert set(text) & KAZAKH_LETTERS, text
            assert not _words(text) & RUSSIAN_WORDS, text
    for application in russian:
        for text in [application.title, application.summary, application.target_group]:
            assert not set(text) & KAZAKH_LETTERS, text
    for text in BudgetLine.objects.filter(application__language="kk").values_list("description", flat=True):
        assert set(text) & KAZAKH_LETTERS, text
    for text in Activity.objects.filter(application__language="ru").values_list("title", flat=True):
        assert not set(text) & KAZAKH_LETTERS, text


def test_submitted_applications_carry_their_documents_checked_files(seeded):
    submitted = Application.objects.exclude(status__in=["draft", "withdrawn"]).select_related(
        "call__grant_type"
    )
    for application in submitted:
        attached = {a.document_code: a for a in application.attachments.all()}
        assert set(attached) >= {code for code, _name in required_documents(application.call.grant_type)}
        for attachment in attached.values():
            with attachment.file.open("rb") as handle:
                assert content_matches(handle, extension(attachment.file.name)), attachment.file.name
    kinds = {
        extension(name) for name in Application.objects.values_list("attachments__file", flat=True) if name
    }
    assert kinds >= {"pdf", "docx", "xlsx"}


def test_closed_sittings_have_their_protocols_served(seeded, client):
    closed = Sitting.objects.filter(closed_at__isnull=False)
    assert closed.count() >= 2
    for sitting in closed:
        assert sitting.protocol and sitting.protocol.storage.exists(sitting.protocol.name)
        response = client.get(reverse("grants:sitting_protocol", kwargs={"pk": sitting.pk}))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert (
            b"".join(response.streaming_content if response.streaming else [response.content])[:5] == b"%PDF-"
        )


def test_ngo_has_a_report_due_and_an_application_in_progress(seeded, client):
    today = timezone.localdate()
    for email in ["ngo@azamat.kz", "member@azamat.kz"]:
        organisation = Membership.objects.get(user__email=email).organisation
        due = Report.objects.filter(
            project__application__organisation=organisation, status="due", due_on__gte=today
        ).first()
        assert due is not None, email
        client.force_login(_user(email))
        page = client.get(reverse("accounts:dashboard")).content.decode()
        assert reverse("grants:project_report", kwargs={"pk": due.project_id, "report_pk": due.pk}) in page
    # ngo@'s next report is weeks away, not months, and nothing before it is left unwritten.
    organisation = Membership.objects.get(user__email="ngo@azamat.kz").organisation
    earliest = (
        Report.objects.filter(project__application__organisation=organisation, submitted_at=None)
        .order_by("due_on")
        .first()
    )
    assert earliest is not None and today <= earliest.due_on <= today + timedelta(days=42), earliest.due_on
    draft = Application.objects.get(created_by__email="ngo@azamat.kz", status="draft")
    assert draft.call.phase == "open"
    # Its charter and certificate are on the organisation's profile: the draft offers them instead of copies.
    assert not draft.attachments.filter(document_code__in=["charter", "registration"]).exists()
    client.force_login(_user("ngo@azamat.kz"))
    page = client.get(reverse("grants:application", args=[draft.pk])).content.decode()
    assert 'name="on_file" value="charter"' in page and 'name="on_file" value="registration"' in page


def test_expert_has_applications_to_score_before_the_deadline(seeded, client):
    today = timezone.localdate()
    waiting = Assignment.objects.filter(expert__user__email="expert@azamat.kz", status="assigned")
    assert waiting.exists()
    assert all(scoring_due_on(a.assigned_at) >= today for a in waiting)
    assert all(a.application.status == "compliant" for a in waiting)
    client.force_login(_user("expert@azamat.kz"))
    assert reverse("grants:expert_home") in client.get(reverse("accounts:dashboard")).content.decode()


def test_officer_chairs_a_sitting_open_now_and_can_vote(seeded, client):
    officer = _user("officer@azamat.kz")
    sitting = Sitting.objects.get(closed_at=None)
    assert sitting.starts_at <= timezone.now()
    assert sitting.present.filter(user=officer, is_chair=True).exists()
    item = sitting.items.filter(decision="").exclude(votes__member__user=officer).first()
    vote = vote_cast(item=item, member_user=officer, choice="support")
    assert vote.pk and AgendaItem.objects.get(pk=item.pk).votes.filter(member__user=officer).exists()
    client.force_login(officer)
    assert reverse("grants:commission_home") in client.get(reverse("accounts:dashboard")).content.decode()


def test_operator_has_checks_waiting_and_near_duplicates_to_review(seeded, client):
    now = timezone.now()
    waiting = Application.objects.filter(status="submitted", call__closes_at__lt=now)
    assert waiting.exists()
    flags = SimilarityFlag.objects.filter(reviewed=False)
    assert flags.exists()
    assert all(flag.score >= Decimal(str(threshold_setting())) for flag in flags)
    client.force_login(_user("operator@azamat.kz"))
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("grants:operator_queue") in page and reverse("grants:similarity") in page


def test_citizen_can_read_results_with_their_protocol(seeded, client):
    client.force_login(_user("citizen@azamat.kz"))
    for call in Call.objects.filter(results_published=True):
        page = client.get(reverse("grants:call_results", kwargs={"code": call.code}))
        assert page.status_code == 200
        sitting = Sitting.objects.get(commission__call=call)
        assert reverse("grants:sitting_protocol", kwargs={"pk": sitting.pk}) in page.content.decode()


def test_activities_fall_within_the_project_months(seeded):
    outside = (
        Activity.objects.filter(application__duration_months__lt=F("ends_month"))
        | Activity.objects.filter(starts_month__lt=1)
        | Activity.objects.filter(starts_month__gt=F("ends_month"))
    )
    assert not outside.exists()


def test_submitted_budgets_are_within_the_grant_types_limits(seeded):
    submitted = (
        Application.objects.exclude(status__in=["draft", "withdrawn"])
        .annotate(total=Sum(F("budget_lines__quantity") * F("budget_lines__unit_cost")))
        .select_related("call__grant_type")
    )
    ranges = {}
    for application in submitted:
        limits = ranges.setdefault(application.call_id, amount_range(application.call))
        assert limits.minimum <= application.total <= limits.maximum, application.number
    assert len(ranges) >= 4


def test_projects_have_their_tranches_and_some_money_arrives_late(seeded):
    projects = Project.objects.annotate(tranched=Sum("tranches__amount"))
    assert projects.exists()
    for project in projects:
        assert project.tranched == project.amount, project.agreement_number
        advance = project.tranches.get(number=1)
        assert advance.is_advance and advance.amount == (project.amount * Decimal("0.3")).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
    late = Payment.objects.filter(tranche__due_on__lt=F("paid_on"))
    assert late.exists() and Payment.objects.filter(tranche__due_on__gte=F("paid_on")).exists()


def test_submitted_reports_carry_their_figures_so_effectiveness_can_be_scored(seeded):
    sent = Report.objects.exclude(status="due")
    assert sent.exists() and not sent.filter(submitted_at__isnull=True).exists()
    assert not sent.filter(indicator_actuals__isnull=True).exists()
    assert not sent.filter(expenditures__isnull=True).exists()
    scores = [effectiveness(p)["score"] for p in projects_for_evaluation()]
    scored = [s for s in scores if s is not None]
    assert len(scored) >= 2 and min(scored) < max(scored)  # scored, and not all alike


def test_application_numbers_run_in_the_order_of_submission(seeded):
    for call in Call.objects.all():
        numbers = list(
            call.applications.exclude(number=None).order_by("submitted_at").values_list("number", flat=True)
        )
        assert numbers == sorted(numbers), call.code


def test_call_titles_keep_the_acronyms_of_grant_type_names(seeded):
    acronyms = 0
    for call in Call.objects.select_related("grant_type"):
        for name, title in [
            (call.grant_type.name_kk, call.title_kk),
            (call.grant_type.name_ru, call.title_ru),
        ]:
            for word in name.split():
                if len(word) > 1 and word.isupper():
                    acronyms += 1
                    assert word in title, (word, title)
    assert acronyms  # the award's ҮЕҰ/НПО is among the demo's calls


def test_expert_can_open_an_application_to_score_now_and_has_a_declaration_to_confirm(seeded, client):
    client.force_login(_user("expert@azamat.kz"))
    waiting = Assignment.objects.filter(expert__user__email="expert@azamat.kz", status="assigned")
    opened = [client.get(reverse("grants:expert_assignment", args=[a.pk])).status_code for a in waiting]
    assert 200 in opened  # declared in one call: scores to give now
    assert any(code != 200 for code in opened)  # not yet in the other: the declaration comes first


def test_every_demo_call_and_direction_is_described_in_kazakh_russian_and_english(seeded):
    for record in [*Call.objects.all(), *Direction.objects.all()]:
        texts = (record.description_kk, record.description_ru, record.description_en)
        assert all(texts), record
        assert tuple(text_language(t) for t in texts) == ("kk", "ru", "en"), record
        assert (
            not set(record.description_kk.lower().replace(".", " ").replace(",", " ").split()) & RUSSIAN_WORDS
        )
