"""The generator's surveys tell the truth: every survey made, answers that fit their forms, quota counts equal to
the completed responses of their cells, flags as the collection sets them, reviews with their decisions, and real
work for the demo logins."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q

from azamat.accounts.models import User
from azamat.core import seeding
from azamat.core.sealed import unseal
from azamat.registry.models import GovernmentBody
from azamat.surveys import definition as form
from azamat.surveys import quality
from azamat.surveys.models import PopulationShare, Quota, Response, ReviewDecision, Survey
from azamat.surveys.permissions import can_manage_survey, can_respond, can_view_report, is_interviewer, role
from azamat.surveys.selectors import my_assignments, open_surveys
from azamat.testing.councils_factories import CouncilFactory, CouncilSecretaryFactory

pytestmark = pytest.mark.django_db
SCALE = 0.03


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed", scale=SCALE, seed=3, verbosity=0, demo_logins=True, only="registry,accounts")
            # The council secretary@ keeps (the councils' own generator makes three years of meetings: slow).
            secretary = User.objects.get(email="secretary@azamat.kz")
            council = CouncilFactory(body=GovernmentBody.objects.get(code="mci"))
            CouncilSecretaryFactory(council=council, user=secretary)
            seeding.run(
                scale=SCALE, seed=3, demo_logins=True, only={"campaigns", "surveys"}, log=lambda _m: None
            )
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _survey(purpose):
    return Survey.objects.get(purpose=purpose)


def test_every_survey_is_made_with_its_responses(seeded):
    assert set(Survey.objects.values_list("purpose", flat=True)) == {
        "needs",
        "population",
        "consultation",
        "evaluation",
    }
    counts = dict(Survey.objects.annotate(n=Count("responses")).values_list("purpose", "n"))
    assert counts == {"needs": 40, "population": 240, "consultation": 30, "evaluation": 30}
    assert set(Response.objects.values_list("status", flat=True)) == {
        "completed",
        "in_progress",
        "screened_out",
    }
    needs = _survey("needs")
    assert needs.campaign is not None and needs.campaign.organisation_id == needs.organisation_id
    assert _survey("consultation").council is not None
    evaluation = _survey("evaluation")
    assert (
        evaluation.status == "closed"
        and evaluation.results == "public"
        and evaluation.body.code == "mci-civil-society"
    )


def test_answers_fit_their_forms(seeded):
    for survey in Survey.objects.all():
        definition = survey.current_version().definition
        nodes = {node["name"]: node for node in form.questions(definition)}
        names = set(nodes) | {f"{n}_other" for n, node in nodes.items() if node.get("or_other")}
        for response in survey.responses.all():
            assert set(response.data) <= names, set(response.data) - names
            for name, answer in response.data.items():
                node = nodes.get(name)
                if node and node["type"] in form.CHOICE_TYPES:
                    allowed = {c["name"] for c in definition["choices"][node["list"]]} | {form.OTHER}
                    values = answer if isinstance(answer, list) else [answer]
                    assert set(values) <= allowed, (name, values)
            if response.status == "completed":
                assert response.fingerprint == quality.fingerprint(response.data)
                assert response.straightlining == quality.straightlining(definition, response.data)
                assert response.too_fast == (response.duration_seconds < survey.min_seconds)
                assert response.completed_at is not None
            else:
                assert response.fingerprint == "" and response.completed_at is None
        assert "phone" not in {k for r in survey.responses.all() for k in r.data}
    sealed = list(Response.objects.exclude(personal="").values_list("personal", flat=True))
    assert sealed and all(p.startswith('{"phone": "+7 7') for p in sealed)  # read back unsealed
    stored = (
        Response.objects.exclude(personal="").extra(select={"raw": "personal"}).values_list("raw", flat=True)
    )
    assert all("+7" not in raw and unseal(raw).startswith('{"phone"') for raw in stored)


def test_quota_counts_are_the_completed_responses_of_their_cells(seeded):
    full = 0
    for quota in Quota.objects.select_related("survey"):
        matching = [
            r
            for r in quota.survey.responses.filter(status="completed")
            if all(r.data.get(name) in values for name, values in quota.conditions.items())
        ]
        assert quota.completed == len(matching), quota.label
        assert quota.completed <= quota.target
        full += quota.is_full
    assert full
    assert Response.objects.filter(survey__purpose="population", status="screened_out").exists()
    population = _survey("population")
    assert population.quotas.count() == 160
    shares = PopulationShare.objects.filter(survey=population)
    assert shares.count() == 160 and sum(s.share for s in shares) == 1
    # Post-stratified: the completed responses' weights of each cell sum to its share of them all.
    completed = list(population.responses.filter(status="completed"))
    for share in shares:
        cell = [r for r in completed if all(r.data.get(k) == v for k, v in share.cell.items())]
        if cell:
            assert abs(sum(r.weight for r in cell) / len(completed) - float(share.share)) < 1e-4


def test_flags_and_reviews(seeded):
    completed = Response.objects.filter(status="completed")
    for flag in ("too_fast", "straightlining", "duplicate"):
        assert completed.filter(**{flag: True}).exists(), flag
    assert set(completed.values_list("review", flat=True)) >= {"", "approved"}
    assert completed.filter(review="rejected").exclude(review_reason="").exists()
    for response in Response.objects.exclude(review=""):
        decision = response.decisions.get()
        assert (decision.review, decision.reason) == (response.review, response.review_reason)
    assert ReviewDecision.objects.count() == Response.objects.exclude(review="").count()
    flagged_open = completed.filter(review="").filter(
        Q(too_fast=True) | Q(straightlining=True) | Q(duplicate=True)
    )
    assert flagged_open.filter(survey__purpose="needs").exists() or flagged_open.exists()


def test_the_demo_logins_have_work(seeded):
    people = {u.email.split("@")[0]: u for u in User.objects.filter(email__endswith="@azamat.kz")}
    needs, population = _survey("needs"), _survey("population")
    assert can_manage_survey(people["ngo"], needs)
    assert role(people["member"], needs) == "analyst" and role(people["member"], population) == "analyst"
    assert is_interviewer(people["interviewer"], population)
    assert len(my_assignments(people["interviewer"])) == 2
    # Interviews still to make on each, and no assignment done beyond its target ("347 of 160 interviews done").
    assert all(0 < a.n_done < a.target for a in my_assignments(people["interviewer"]))
    # Two areas of their own sizes and routes, not one area's figures twice ("106 of 160" on both).
    mine = my_assignments(people["interviewer"])
    assert len({a.target for a in mine}) == 2 and len({a.route for a in mine}) == 2
    over = population.assignments.annotate(n_done=Count("responses", filter=Q(responses__status="completed")))
    assert not [(a.area, a.n_done, a.target) for a in over if a.n_done > a.target]
    assert can_manage_survey(people["secretary"], _survey("consultation"))
    assert can_manage_survey(people["officer"], _survey("evaluation"))
    assert can_view_report(people["citizen"], _survey("evaluation"))
    listed = set(open_surveys())
    assert {needs, _survey("consultation")} <= listed
    assert all(can_respond(people["citizen"], s) for s in listed)
    interviews = population.responses.filter(mode="interviewer")
    assert interviews.exists()
    assert all(
        r.assignment.region.kato == r.region_code for r in interviews.select_related("assignment__region")
    )
