"""The list of persecuted persons as its people use it: a monitor proposes a person, a verifier writes the analysis
against a version of the criteria and submits it, an expert records the expert group's decision — and each way a
decision is wrong (no quorum, more votes than members present, listing someone who used violence, no majority,
a candidate not awaiting a decision) is refused with its reason and changes nothing."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from azamat.monitoring import listing_services
from azamat.monitoring.models import (
    Candidate,
    Criteria,
    ListDecision,
    PublishedEntry,
    ReadLog,
    SituationChange,
)
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_listing_factories as lf
from azamat.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def _text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    org = OrganisationFactory()
    people = mf.team(org)
    criteria = mf.criteria(org)
    return {"org": org, "criteria": criteria, **people}


def _vote(criteria, **overrides):
    data = {
        "criteria": criteria.pk,
        "decided_on": YESTERDAY.isoformat(),
        "members": 5,
        "present": 4,
        "votes_for": 3,
        "votes_against": 1,
        "abstained": 0,
        "outcome": "list",
        "grounds": "Критерий 1: преследование за мирное собрание.",
    }
    data.update(overrides)
    return data


def test_a_person_is_proposed_analysed_and_listed(client, world):
    org, monitor, verifier, expert = world["org"], world["monitor"], world["verifier"], world["expert"]
    event = lf.verified_event(org, by=monitor, verifier=verifier)
    victim = event.acts.get().victim
    client.force_login(monitor)
    response = client.post(
        reverse("monitoring:candidate_new", args=[org.pk]),
        {
            "person": str(victim.pk),
            "materials": "Приговор, жалобы, заключение адвоката.",
            "events": event.number,
        },
        **EN,
    )
    candidate = Candidate.objects.get(person=victim)
    assert response.status_code == 302 and response["Location"] == reverse(
        "monitoring:candidate", args=[candidate.pk]
    )
    assert list(candidate.events.all()) == [event] and candidate.proposed_by == monitor
    assert candidate.materials == "Приговор, жалобы, заключение адвоката."

    client.force_login(verifier)
    page = client.get(reverse("monitoring:candidate_analysis", args=[candidate.pk]), **EN)
    assert page.status_code == 200
    analysis = {
        "criteria": world["criteria"].pk,
        "analysis": "Задержан за участие в мирном собрании; насилия не применял.",
        "ground": "beliefs",
        "public_grounds": "Осуждён за участие в мирном собрании.",
    }
    client.post(
        reverse("monitoring:candidate_analysis", args=[candidate.pk]), {**analysis, "step": "save"}, **EN
    )
    candidate.refresh_from_db()
    assert candidate.status == "analysis" and candidate.analysed_by == verifier
    client.post(
        reverse("monitoring:candidate_analysis", args=[candidate.pk]), {**analysis, "step": "submit"}, **EN
    )
    candidate.refresh_from_db()
    assert candidate.status == "decision"
    assert listing_services.analysed_criteria(candidate) == world["criteria"]

    client.force_login(expert)
    form = client.get(reverse("monitoring:candidate_decision", args=[candidate.pk]), **EN)
    assert form.context["form"].initial["criteria"] == world["criteria"].pk  # the analysis's version
    response = client.post(
        reverse("monitoring:candidate_decision", args=[candidate.pk]), _vote(world["criteria"]), **EN
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == "listed" and candidate.listed_on == YESTERDAY
    decision = candidate.decisions.get()
    assert (decision.members, decision.present, decision.votes_for, decision.recorded_by) == (5, 4, 3, expert)
    entry = PublishedEntry.objects.get(candidate=candidate)
    assert entry.shown_name == "активист из Алматы" and entry.criteria_version == 1
    assert entry.grounds == "Осуждён за участие в мирном собрании."

    detail = client.get(reverse("monitoring:candidate", args=[candidate.pk]), **EN)
    body = _text(detail)
    assert "Ержан Сапаров" in body and "List the person" in body and "Shown as “активист из Алматы”" in body
    assert ReadLog.objects.filter(user=expert, record_type="candidate", record_id=candidate.pk).exists()


REFUSALS = [
    (
        {"present": 2},
        "No quorum: 2 of the 5 members were present; more than half (at least 3) must be.",
    ),
    (
        {"present": 3, "votes_for": 2, "votes_against": 1, "abstained": 1},
        "The votes (4: for, against and abstained) add up to more than the members present (3).",
    ),
    (
        {"present": 4, "votes_for": 2, "votes_against": 2},
        "No majority: 2 of the 4 members present voted for it",
    ),
    ({"present": 6}, "More members present (6) than the expert group has (5)."),
]


@pytest.mark.parametrize(("overrides", "message"), REFUSALS)
def test_a_wrong_vote_is_refused_and_changes_nothing(client, world, overrides, message):
    candidate = lf.awaiting(world["org"])
    client.force_login(world["expert"])
    response = client.post(
        reverse("monitoring:candidate_decision", args=[candidate.pk]),
        _vote(world["criteria"], **overrides),
        **EN,
    )
    assert response.status_code == 400
    assert message in _text(response)
    assert response.context["form"].data["grounds"].startswith("Критерий 1")  # kept as typed
    candidate.refresh_from_db()
    assert candidate.status == "decision" and candidate.listed_on is None
    assert not ListDecision.objects.exists() and not PublishedEntry.objects.exists()


def test_someone_who_used_violence_is_not_listed_but_may_be_decided_against(client, world):
    candidate = lf.awaiting(world["org"], used_violence=True)
    client.force_login(world["expert"])
    url = reverse("monitoring:candidate_decision", args=[candidate.pk])
    response = client.post(url, _vote(world["criteria"], votes_for=4, votes_against=0), **EN)
    assert response.status_code == 400
    assert "A person who used or called for violence is not listed" in _text(response)
    candidate.refresh_from_db()
    assert candidate.status == "decision" and not ListDecision.objects.exists()
    client.post(url, _vote(world["criteria"], outcome="not_list", votes_for=0, votes_against=4), **EN)
    candidate.refresh_from_db()
    assert candidate.status == "not_listed" and not PublishedEntry.objects.exists()


@pytest.mark.parametrize("status", ["candidate", "analysis", "not_listed"])
def test_a_candidate_not_awaiting_a_decision_is_refused(client, world, status):
    candidate = lf.awaiting(world["org"], status=status)
    client.force_login(world["expert"])
    response = client.post(
        reverse("monitoring:candidate_decision", args=[candidate.pk]), _vote(world["criteria"]), **EN
    )
    assert response.status_code == 400
    assert "The candidate is not awaiting the expert group's decision" in _text(response)
    candidate.refresh_from_db()
    assert candidate.status == status and not ListDecision.objects.exists()


def test_only_a_member_of_the_expert_group_records_a_decision(client, world):
    candidate = lf.awaiting(world["org"])
    client.force_login(world["verifier"])
    url = reverse("monitoring:candidate_decision", args=[candidate.pk])
    response = client.post(url, _vote(world["criteria"]), **EN)
    assert response.status_code == 403
    assert "The expert group's decisions are recorded by its members." in _text(response)
    assert not ListDecision.objects.exists()
    assert ReadLog.objects.filter(user=world["verifier"], action="refused", record_id=candidate.pk).exists()


def test_a_listed_person_is_removed_and_leaves_the_public_list(client, world):
    candidate = lf.listed(world["org"], expert=world["expert"])
    assert PublishedEntry.objects.filter(candidate=candidate).exists()
    client.force_login(world["expert"])
    url = reverse("monitoring:candidate_decision", args=[candidate.pk])
    response = client.post(
        url, _vote(world["criteria"], outcome="remove", votes_for=4, votes_against=0), **EN
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == "removed"
    assert not PublishedEntry.objects.filter(candidate=candidate).exists()


def test_a_change_of_situation_moves_the_candidate_and_the_public_entry(client, world):
    candidate = lf.listed(world["org"], expert=world["expert"])
    client.force_login(world["verifier"])
    url = reverse("monitoring:candidate_situation", args=[candidate.pk])
    client.post(url, {"situation": "imprisoned", "on": "2025-10-01", "note": "Приговор: 5 лет."}, **EN)
    client.post(
        url, {"situation": "released", "on": YESTERDAY.isoformat(), "note": "Освобождён по УДО."}, **EN
    )
    # An earlier change entered later does not undo the latest one.
    client.post(url, {"situation": "detained", "on": "2025-09-01"}, **EN)
    candidate.refresh_from_db()
    assert candidate.situation == "released"
    assert SituationChange.objects.filter(candidate=candidate).count() == 3
    assert PublishedEntry.objects.get(candidate=candidate).situation == "released"

    future = client.post(url, {"situation": "deceased", "on": "2999-01-01"}, **EN)
    assert future.status_code == 400 and "The date cannot be in the future." in _text(future)
    assert SituationChange.objects.filter(candidate=candidate).count() == 3


def test_the_analysis_is_closed_once_submitted_and_opened_again_by_reconsidering(client, world):
    candidate = lf.awaiting(world["org"])
    client.force_login(world["verifier"])
    url = reverse("monitoring:candidate_analysis", args=[candidate.pk])
    data = {
        "criteria": world["criteria"].pk,
        "analysis": "Новый текст",
        "ground": "political",
        "step": "save",
    }
    response = client.post(url, data, **EN)
    assert response.status_code == 400
    assert "The analysis is not changed while the candidate is “Awaiting the expert group”." in _text(
        response
    )
    candidate.status = "not_listed"
    candidate.save()
    client.post(url, {**data, "step": "reconsider"}, **EN)
    candidate.refresh_from_db()
    assert candidate.status == "analysis" and candidate.analysis == "Новый текст"


def test_submitting_needs_the_analysis_and_the_ground(client, world):
    candidate = mf.candidate(world["org"])
    client.force_login(world["verifier"])
    url = reverse("monitoring:candidate_analysis", args=[candidate.pk])
    response = client.post(url, {"criteria": world["criteria"].pk, "analysis": "", "step": "submit"}, **EN)
    assert response.status_code == 400
    assert "Write the analysis against the criteria before the expert group decides." in _text(response)
    candidate.refresh_from_db()
    assert candidate.status == "candidate"


def test_a_person_already_on_the_way_to_the_list_is_not_proposed_twice(client, world):
    candidate = mf.candidate(world["org"], by=world["monitor"])
    client.force_login(world["monitor"])
    response = client.post(
        reverse("monitoring:candidate_new", args=[world["org"].pk]),
        {"person": str(candidate.person_id), "materials": "Ещё раз."},
        **EN,
    )
    assert response.status_code == 400
    assert f"This person is already a candidate or on the list (candidate #{candidate.pk})." in _text(
        response
    )
    assert Candidate.objects.count() == 1


def test_a_monitor_cannot_link_an_event_they_do_not_see(client, world):
    hidden = mf.event(world["org"], by=world["verifier"], restricted=True)
    client.force_login(world["monitor"])
    response = client.post(
        reverse("monitoring:candidate_new", args=[world["org"].pk]),
        {
            "name": "Асель Нурланова",
            "public_alias": "журналистка",
            "materials": "Материалы.",
            "events": hidden.number,
        },
        **EN,
    )
    assert response.status_code == 400
    assert f"No event {hidden.number} that you can see in this organisation." in _text(response)
    assert not Candidate.objects.exists()


def test_the_candidates_page_links_only_the_cases_and_events_its_reader_may_open(client, world):
    """Walking the demo as the verifier: the candidate's case was a link to 'A case is seen by the lawyers named
    on it.' Now it is named by its number, and linked for its lawyer."""
    org = world["org"]
    candidate = lf.awaiting(org)
    case = mf.case(org, lawyer=world["lawyer"])
    restricted = mf.event(org, by=world["monitor"], restricted=True)
    shared = mf.event(org, by=world["monitor"])
    candidate.cases.add(case)
    candidate.events.add(restricted, shared)
    url = reverse("monitoring:candidate", args=[candidate.pk])

    client.force_login(world["expert"])
    page = _text(client.get(url, **EN))
    assert f"№\xa0{case.pk}" in page and reverse("monitoring:case", args=[case.pk]) not in page
    assert restricted.number in page and reverse("monitoring:event", args=[restricted.pk]) not in page
    assert reverse("monitoring:event", args=[shared.pk]) in page

    mf.grant(world["lawyer"], org, "expert")
    client.force_login(world["lawyer"])
    assert reverse("monitoring:case", args=[case.pk]) in _text(client.get(url, **EN))


def test_a_new_person_can_be_proposed_with_the_case(client, world):
    case = mf.case(world["org"], lawyer=world["lawyer"], by=world["lawyer"])
    client.force_login(world["lawyer"])
    response = client.post(
        reverse("monitoring:candidate_new", args=[world["org"].pk]),
        {
            "name": "Асель Нурланова",
            "public_alias": "журналистка",
            "materials": "Материалы.",
            "cases": f"#{case.pk}",
        },
        **EN,
    )
    assert response.status_code == 302
    candidate = Candidate.objects.get()
    assert candidate.person.name == "Асель Нурланова" and list(candidate.cases.all()) == [case]


def test_experts_adopt_a_new_version_of_the_criteria_and_monitors_cannot(client, world):
    client.force_login(world["expert"])
    url = reverse("monitoring:criteria_new", args=[world["org"].pk])
    response = client.post(
        url,
        {
            "text_kk": "Жаңа өлшемдер.",
            "text_ru": "Новые критерии.",
            "adopted_on": timezone.localdate().isoformat(),
        },
        **EN,
    )
    assert response.status_code == 302
    assert Criteria.objects.get(organisation=world["org"], version=2).text_ru == "Новые критерии."
    refused = client.post(
        url, {"text_kk": "", "text_ru": "Только русский.", "adopted_on": "2020-01-01"}, **EN
    )
    assert refused.status_code == 400
    assert Criteria.objects.filter(organisation=world["org"]).count() == 2

    client.force_login(world["monitor"])
    assert client.get(url, **EN).status_code == 403
    assert client.get(reverse("monitoring:criteria", args=[world["org"].pk]), **EN).status_code == 200


def test_criteria_sent_again_unchanged_are_not_a_new_version(client, world):
    """The back button after adopting version 2, and the button again, adopted a version 3 identical to it, which
    the public criteria page then listed."""
    client.force_login(world["expert"])
    url = reverse("monitoring:criteria_new", args=[world["org"].pk])
    data = {"text_kk": "Жаңа өлшемдер.", "text_ru": "Новые критерии.", "adopted_on": YESTERDAY.isoformat()}
    assert client.post(url, data, **EN).status_code == 302
    again = client.post(url, data, **EN)
    assert again.status_code == 400
    assert (
        "These are the criteria of version 2 word for word: change them before adopting a new version."
        in _text(again)
    )
    assert sorted(Criteria.objects.filter(organisation=world["org"]).values_list("version", flat=True)) == [
        1,
        2,
    ]


def test_without_two_factor_sign_in_the_expert_is_sent_to_set_it_up(client, world):
    expert = UserFactory()
    mf.grant(expert, world["org"], "expert", with_two_factor=False)
    candidate = lf.awaiting(world["org"])
    client.force_login(expert)
    for name in ("candidate", "candidate_decision", "candidate_analysis"):
        response = client.get(reverse(f"monitoring:{name}", args=[candidate.pk]), **EN)
        assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_activate_totp"))
    response = client.post(
        reverse("monitoring:candidate_decision", args=[candidate.pk]), _vote(world["criteria"]), **EN
    )
    assert response.status_code == 302 and not ListDecision.objects.exists()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_workspace_page_of_the_list_renders_in_each_language(client, language):
    org = OrganisationFactory()
    people = mf.team(org)
    admin = lf.org_admin(org)
    mf.grant(admin, org, "expert", "verifier")
    fresh = mf.candidate(org)  # no criteria yet: the analysis page asks to adopt them first
    client.force_login(admin)
    header = {"HTTP_ACCEPT_LANGUAGE": language}
    page = client.get(reverse("monitoring:candidate_analysis", args=[fresh.pk]), **header)
    assert (
        page.status_code == 200 and reverse("monitoring:criteria_new", args=[org.pk]) in page.content.decode()
    )
    listed = lf.listed(org, expert=people["expert"])
    unverified = mf.event(org, by=people["monitor"])
    urls = [
        reverse("monitoring:candidates", args=[org.pk]),
        reverse("monitoring:candidates", args=[org.pk]) + "?status=listed",
        reverse("monitoring:candidate_new", args=[org.pk]) + f"?person={listed.person_id}",
        reverse("monitoring:candidate", args=[listed.pk]),
        reverse("monitoring:candidate_analysis", args=[listed.pk]),
        reverse("monitoring:candidate_decision", args=[listed.pk]),
        reverse("monitoring:candidate_situation", args=[listed.pk]),
        reverse("monitoring:criteria", args=[org.pk]),
        reverse("monitoring:criteria_new", args=[org.pk]),
        reverse("monitoring:publication", args=[org.pk]),
        reverse("monitoring:event_preview", args=[unverified.pk]),
    ]
    for url in urls:
        response = client.get(url, **header)
        assert response.status_code == 200, url
        assert f'<html lang="{language}">' in response.content.decode()
    decision = client.get(reverse("monitoring:candidate_decision", args=[listed.pk]), **header)
    assert decision.context["form"].initial["outcome"] == "remove"
    preview = client.get(reverse("monitoring:event_preview", args=[unverified.pk]), **header)
    assert 'value="publish"' not in preview.content.decode()  # only a verified record has the button


def test_a_persecuted_person_is_not_called_a_user_in_russian(client, world):
    """Walking the demo in Russian: the candidate's page, the list of candidates and the public list headed the
    persecuted person "Пользователь" (an account's user, the word shared with the roles pages)."""
    org = world["org"]
    listed = lf.listed(org, expert=world["expert"])
    client.force_login(world["verifier"])
    ru = {"HTTP_ACCEPT_LANGUAGE": "ru"}
    for url in (
        reverse("monitoring:candidate", args=[listed.pk]),
        reverse("monitoring:candidates", args=[org.pk]),
        reverse("monitoring:public_list"),
    ):
        page = client.get(url, **ru)
        assert page.status_code == 200 and "Пользователь" not in _text(page), url
