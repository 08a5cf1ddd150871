"""Experts' drafts of scores, the rubric of each criterion, and declarations corrected until confirmed."""
# ruff: noqa: F811 (the fixtures imported from the module they belong to are redefined as arguments)

import pytest
from django.urls import reverse

from azamat.core.errors import DomainError
from azamat.grants.models import Assignment, ConflictDeclaration
from azamat.grants.services import scoring
from azamat.grants.services.conflicts import declaration_confirm
from azamat.grants.tests.test_review_views import (  # noqa: F401 (fixtures)
    WHY,
    _body,
    application,
    assigned,
    call,
    english,
)
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _criteria(application):
    return list(application.call.grant_type.criteria.order_by("position", "pk"))


def test_a_draft_is_kept_shown_and_not_counted_then_submitted(client, assigned, application):
    criteria = _criteria(application)
    first = assigned[0]
    declaration_confirm(person=first.expert.user, call=application.call)
    client.force_login(first.expert.user)
    page = reverse("grants:expert_assignment", args=[first.pk])

    # Given an incomplete draft: one score and a short note, the rest left empty.
    data = {f"criterion_{criteria[0].pk}": "6", f"justification_{criteria[0].pk}": "Budget to recheck."}
    response = client.post(page, data | {"action": "draft"})
    first.refresh_from_db()
    assert response.status_code == 302 and first.status == "assigned" and first.scores.count() == 0
    assert first.draft_scores == {str(criteria[0].pk): {"value": 6, "justification": "Budget to recheck."}}

    # Then it is shown filled in next time, and counts nowhere.
    body = _body(client.get(page))
    assert "Your saved draft is filled in below" in body and "Budget to recheck." in body
    assert f'name="criterion_{criteria[0].pk}" value="6"' in body
    assert scoring.aggregate(application).count == 0
    assert scoring.application_settle(application=application, by=first.expert.user) == "waiting"

    # When the expert completes and submits, the scores are saved and the draft is gone.
    full = {f"criterion_{c.pk}": "7" for c in criteria} | {f"justification_{c.pk}": WHY for c in criteria}
    response = client.post(page, full | {"confirm": "yes"})
    first.refresh_from_db()
    assert (response.status_code, first.status, first.scores.count(), first.draft_scores) == (
        302,
        "submitted",
        len(criteria),
        {},
    )
    assert scoring.aggregate(application).count == 1


def test_a_draft_out_of_range_is_refused_and_nothing_changes(client, assigned, application):
    criteria = _criteria(application)
    first = assigned[0]
    declaration_confirm(person=first.expert.user, call=application.call)
    client.force_login(first.expert.user)
    response = client.post(
        reverse("grants:expert_assignment", args=[first.pk]),
        {f"criterion_{criteria[0].pk}": "11", "action": "draft"},
    )
    assert response.status_code == 400 and "at most 10" in _body(response)
    assert Assignment.objects.get(pk=first.pk).draft_scores == {}


def test_only_the_assigned_expert_saves_a_draft_and_never_after_submitting(assigned, application):
    criteria = _criteria(application)
    first, second = assigned[0], assigned[1]
    with pytest.raises(DomainError) as error:
        scoring.score_draft_save(assignment=first, by=second.expert.user, scores={criteria[0].pk: (5, "")})
    assert error.value.code == scoring.NOT_ASSIGNED
    Assignment.objects.filter(pk=first.pk).update(status=Assignment.Status.SUBMITTED)
    with pytest.raises(DomainError) as error:
        scoring.score_draft_save(assignment=first, by=first.expert.user, scores={criteria[0].pk: (5, "")})
    assert error.value.code == scoring.FROZEN
    assert Assignment.objects.get(pk=first.pk).draft_scores == {}


def test_the_rubric_is_shown_next_to_its_criterion_in_the_language_of_the_page(client, assigned, application):
    criterion = _criteria(application)[0]
    criterion.rubric = {"en": "0–3: no plan\n8–10: a concrete plan", "ru": "0–3: плана нет"}
    criterion.save()
    first = assigned[0]
    declaration_confirm(person=first.expert.user, call=application.call)
    client.force_login(first.expert.user)
    page = reverse("grants:expert_assignment", args=[first.pk])
    body = _body(client.get(page))
    assert "What each score means" in body and "8–10: a concrete plan" in body
    body = _body(client.get(page, HTTP_ACCEPT_LANGUAGE="ru"))
    assert "0–3: плана нет" in body and "a concrete plan" not in body


def test_a_declared_tie_is_removed_until_the_declaration_is_confirmed(client, assigned, application):
    expert = assigned[0].expert
    other = OrganisationFactory(name_ru="Фонд «Ошибка»")
    mistaken = ConflictDeclaration.objects.create(person=expert.user, organisation=other, relation="advised")
    kept = ConflictDeclaration.objects.create(person=expert.user, organisation=other, relation="founded")
    client.force_login(expert.user)
    page = reverse("grants:expert_declaration", args=[application.call.code])
    assert "Remove" in _body(client.get(page))

    response = client.post(page, {"action": "withdraw", "declaration": mistaken.pk}, follow=True)
    assert "The tie is removed from your declaration." in _body(response)
    assert list(ConflictDeclaration.objects.filter(person=expert.user)) == [kept]

    # Someone else's declaration is not theirs to remove.
    foreign = ConflictDeclaration.objects.create(
        person=assigned[1].expert.user, organisation=other, relation="advised"
    )
    response = client.post(page, {"action": "withdraw", "declaration": foreign.pk}, follow=True)
    assert "You have not declared this tie." in _body(response)
    assert ConflictDeclaration.objects.filter(pk=foreign.pk).exists()


def test_after_confirming_a_declared_tie_cannot_be_removed(client, assigned, application):
    expert = assigned[0].expert
    tie = ConflictDeclaration.objects.create(
        person=expert.user, organisation=OrganisationFactory(), relation="advised"
    )
    declaration_confirm(person=expert.user, call=application.call)
    client.force_login(expert.user)
    page = reverse("grants:expert_declaration", args=[application.call.code])
    body = _body(client.get(page))
    assert 'value="withdraw"' not in body and "ties can be added but no longer removed" in body
    response = client.post(page, {"action": "withdraw", "declaration": tie.pk}, follow=True)
    assert "a declared tie can no longer be removed" in _body(response)
    assert ConflictDeclaration.objects.filter(pk=tie.pk).exists()


def test_a_tie_is_declared_by_searching_the_name_and_picking_the_organisation(client, assigned, application):
    expert = assigned[0].expert
    wanted = OrganisationFactory(name_ru="Фонд «Зелёная степь»", name_kk="«Жасыл дала» қоры")
    OrganisationFactory(name_ru="Ассоциация «Зелёная степь Мангистау»", name_kk="«Маңғыстау» қауымдастығы")
    client.force_login(expert.user)
    page = reverse("grants:expert_declaration", args=[application.call.code])

    # A name lists the matches to choose from; nothing is declared yet.
    response = client.post(page, {"action": "declare", "bin": "зелёная степь", "relation": "advised"})
    body = _body(response)
    assert response.status_code == 400 and "Choose the organisation from the list." in body
    assert f'type="radio" name="pick" value="{wanted.pk}"' in body.replace(" required", "")
    assert not ConflictDeclaration.objects.filter(person=expert.user).exists()

    response = client.post(
        page, {"action": "declare", "bin": "зелёная степь", "pick": wanted.pk, "relation": "advised"}
    )
    assert response.status_code == 302
    assert ConflictDeclaration.objects.get(person=expert.user).organisation == wanted

    # A name matching nothing says so, and declares nothing.
    response = client.post(page, {"action": "declare", "bin": "Несуществующий", "relation": "advised"})
    assert "No organisation on Azamat matches “Несуществующий”" in _body(response)
    assert ConflictDeclaration.objects.filter(person=expert.user).count() == 1
