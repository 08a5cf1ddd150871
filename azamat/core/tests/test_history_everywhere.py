"""Every model of ours keeps its history, so no weight, budget or score changes without a trace."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from simple_history.models import HistoricalChanges

# Models that may go without history, each with the reason. Keep it short: a new model belongs here only
# if its rows are derived or disposable, never if a person's decision lives in it.
ALLOWED_WITHOUT_HISTORY: dict[str, str] = {
    "problems.StatusChange": "itself a history: an append-only record of a problem's steps with who, when and why.",
    "registry.ReportReminder": "derived and disposable: the date of the last reminder sent, so none goes twice a week.",
    "campaigns.Signature": "written once by the signer and stamped once by the confirmation link (a history row per "
    "signature would double the writes of a signing burst); a moderator's strike-out is an audited Invalidation.",
    "campaigns.Threshold": "derived: when the counting job saw a petition pass a number of signatures.",
    "campaigns.Tally": "derived: how far the counting job has counted; rebuilt by the nightly reconciliation.",
    "monitoring.ReadLog": "itself an audit: an append-only log of who read what, never changed.",
    "surveys.SurveyVersion": "itself a history: each published form is a new row, never edited.",
    "surveys.Response": "written by the respondent page by page (a history row per page saved would double the "
    "writes of fieldwork); a reviewer's decision and corrections are kept in ReviewDecision.",
    "surveys.ReviewDecision": "itself a history: an append-only record of each review with who, when, why and the "
    "answers corrected.",
    "surveys.Invitation": "written once when a survey's team invites an address (the invitation is the decision, "
    "with its sealed address); the sending job only stamps when it went.",
    "surveys.ExportJob": "itself an audit row: who asked for which export, with which filters and "
    "personal data or not; the building job only records its progress and file.",
}

# Many-to-many fields whose links may change without history, each with the reason.
ALLOWED_M2M_WITHOUT_HISTORY: dict[str, str] = {
    "accounts.User.groups": "Django's groups grant no rights here (platform roles do, with history); "
    "the admin does not offer them.",
    "accounts.User.user_permissions": "Django's per-person permissions are not used (platform roles are); "
    "the admin does not offer them.",
}


def _our_models():
    for config in apps.get_app_configs():
        if not config.name.startswith("azamat."):
            continue
        yield from config.get_models(include_auto_created=True)


def _needs_history(model) -> bool:
    meta = model._meta
    if meta.abstract or meta.proxy or not meta.managed:
        return False
    # The records simple_history writes, including the per-record copies of M2M rows.
    if issubclass(model, HistoricalChanges):
        return False
    # An M2M's own link table: it is kept through `m2m_fields` of the model that declares the field.
    return not meta.auto_created


def test_every_model_of_ours_keeps_history():
    missing = [
        model._meta.label
        for model in _our_models()
        if _needs_history(model)
        and not hasattr(model._meta, "simple_history_manager_attribute")
        and model._meta.label not in ALLOWED_WITHOUT_HISTORY
    ]

    assert missing == [], f"Add `history = HistoricalRecords()` to: {', '.join(sorted(missing))}"


def test_every_many_to_many_of_ours_keeps_history():
    """A link added or removed is a change too: each M2M is listed in its model's `m2m_fields`."""
    missing = []
    for model in _our_models():
        if not _needs_history(model) or model._meta.label in ALLOWED_WITHOUT_HISTORY:
            continue
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        tracked = getattr(model, manager).model._history_m2m_fields if manager else []
        missing += [
            f"{model._meta.label}.{field.name}"
            for field in model._meta.local_many_to_many
            if field not in tracked and f"{model._meta.label}.{field.name}" not in ALLOWED_M2M_WITHOUT_HISTORY
        ]

    assert missing == [], f"Add to `HistoricalRecords(m2m_fields=[...])`: {', '.join(sorted(missing))}"


def test_the_allow_lists_name_real_models_and_fields_and_say_why():
    for label, reason in ALLOWED_WITHOUT_HISTORY.items():
        assert apps.get_model(label) is not None
        assert reason.strip(), f"{label} needs a reason to go without history"
    for label, reason in ALLOWED_M2M_WITHOUT_HISTORY.items():
        model_label, field_name = label.rsplit(".", 1)
        assert apps.get_model(model_label)._meta.get_field(field_name).many_to_many
        assert reason.strip(), f"{label} needs a reason to go without history"


@pytest.mark.django_db
def test_a_changed_direction_budget_and_expert_areas_leave_a_trace():
    from decimal import Decimal

    from azamat.grants.factories import DirectionFactory
    from azamat.grants.models import Expert
    from azamat.registry.models import ActivityArea
    from azamat.testing.factories import UserFactory

    direction = DirectionFactory(budget=Decimal("50000000.00"))
    direction.budget = Decimal("70000000.00")
    direction.save()
    expert = Expert.objects.create(user=UserFactory())
    area = ActivityArea.objects.order_by("pk").first()
    expert.areas.add(area)

    assert [h.budget for h in direction.history.order_by("history_id")] == [
        Decimal("50000000.00"),
        Decimal("70000000.00"),
    ]
    latest = expert.history.latest()
    assert [row.activityarea_id for row in latest.areas.all()] == [area.pk]


# Code that may write in bulk, each with the reason: never a change a person decided.
ALLOWED_BULK: dict[str, str] = {
    "monitoring/management/commands/vault_rotate.py": "re-encrypts the same values with a new key: no value "
    "changes, and the history rows are rotated in place too.",
}


def test_no_domain_code_writes_in_bulk_past_the_history():
    """`bulk_create` and `bulk_update` send no signals, so simple_history records nothing: domain code uses
    `bulk_create_with_history` / `bulk_update_with_history` instead (the data generator may skip history)."""
    root = Path(apps.get_app_config("core").path).parent
    bulk = re.compile(r"\.objects\.bulk_(create|update)\(")
    offenders = [
        f"{path.relative_to(root.parent)}:{number}"
        for path in sorted(root.rglob("*.py"))
        if not ({"tests", "migrations", "seed"} & set(path.parts))
        # The data generator (an app's seed.py and the seed_<part>.py modules it is split into).
        and not (path.name == "seed.py" or path.name.startswith("seed_"))
        and str(path.relative_to(root)) not in ALLOWED_BULK
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if bulk.search(line)
    ]

    assert offenders == []


@pytest.mark.django_db
def test_an_expert_s_submitted_scores_are_on_the_record_with_their_author():
    import datetime

    from django.utils import timezone

    from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory, ExpertFactory
    from azamat.grants.models import Assignment, Draw, Score
    from azamat.grants.services.conflicts import declaration_confirm
    from azamat.grants.services.scoring import score_submit

    now = timezone.now()
    call = CallFactory(
        opens_at=now - datetime.timedelta(days=40), closes_at=now - datetime.timedelta(days=10)
    )
    application = ApplicationFactory(
        direction=DirectionFactory(call=call), call=call, number="KZ-2026-h-0001", status="compliant"
    )
    expert = ExpertFactory()
    declaration_confirm(person=expert.user, call=call)
    assignment = Assignment.objects.create(
        application=application,
        expert=expert,
        draw=Draw.objects.create(call=call, method="random", seed="history"),
    )
    criteria = list(call.grant_type.criteria.order_by("position", "pk"))

    score_submit(
        assignment=assignment,
        by=expert.user,
        scores={c.pk: (7, "A concrete plan with dates and people in charge.") for c in criteria},
    )

    records = Score.history.filter(assignment_id=assignment.pk)
    assert sorted(records.values_list("history_type", "value", "history_user_id")) == [
        ("+", 7, expert.user.pk)
    ] * len(criteria)
