"""Stage 1 pages as the operator, experts, applicants and the public see them."""

import datetime
import html
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from azamat.grants.factories import (
    ApplicationFactory,
    CallFactory,
    DirectionFactory,
    ExpertFactory,
    grant_type,
)
from azamat.grants.models import Application, Assignment, Attachment, ConflictDeclaration, Draw, Score
from azamat.grants.selectors.review import expert_code
from azamat.grants.services.conflicts import declaration_confirm
from azamat.registry.models import ActivityArea
from azamat.testing.factories import PlatformRoleFactory, UserFactory

pytestmark = pytest.mark.django_db
WHY = "The plan is concrete, with dates and people in charge."


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def operator(db):
    user = UserFactory(email="operator@example.kz", full_name="Оператор Центра")
    PlatformRoleFactory(user=user, role="grant_operator")
    return user


@pytest.fixture
def call(db):
    now = timezone.now()
    return CallFactory(
        code="views-2026",
        opens_at=now - datetime.timedelta(days=40),
        closes_at=now - datetime.timedelta(days=30),
    )


@pytest.fixture
def application(call, ngo, alice):
    application = ApplicationFactory(
        direction=DirectionFactory(call=call),
        call=call,
        organisation=ngo,
        status=Application.Status.COMPLIANT,
        number="KZ-2026-views-2026-0001",
        title="Жарқын болашақ: youth centre",
        summary=f"Our organisation «Жарқын болашақ» (BIN {ngo.bin}) will open a youth centre in Aktau.",
    )
    Attachment.objects.create(
        application=application,
        document_code="charter",
        file=ContentFile(b"x", "c.pdf"),
        original_name=f"Устав Жарқын болашақ {ngo.bin}.pdf",
        size=1,
        content_type="application/pdf",
    )
    return application


@pytest.fixture
def assigned(application):
    experts = [ExpertFactory(user=UserFactory(full_name=f"Эксперт {k}")) for k in range(3)]
    draw = Draw.objects.create(call=application.call, method="random", seed="views")
    assignments = [Assignment.objects.create(application=application, expert=e, draw=draw) for e in experts]
    return assignments


def _body(response) -> str:
    return html.unescape(response.content.decode())


def test_operator_pages_are_for_the_operator(client, operator, carol, call):
    for name, args in [
        ("grants:operator_queue", []),
        ("grants:expert_register", []),
        ("grants:call_assignment", [call.code]),
        ("grants:ranking", [call.code]),
    ]:
        url = reverse(name, args=args)
        assert client.get(url).status_code == 302  # to sign in
        client.force_login(carol)
        response = client.get(url)
        assert response.status_code == 403
        assert "Only the grant operator's staff" in _body(response)
        client.force_login(operator)
        assert client.get(url).status_code == 200
        client.logout()


def test_the_queue_and_a_rejection(client, operator, call, ngo):
    submitted = ApplicationFactory(
        direction=DirectionFactory(call=call),
        call=call,
        organisation=ngo,
        status="submitted",
        number="KZ-2026-views-2026-0007",
    )
    client.force_login(operator)
    body = _body(client.get(reverse("grants:operator_queue")))
    assert "KZ-2026-views-2026-0007" in body and "Overdue" in body
    url = reverse("grants:compliance_check", args=[submitted.pk])
    response = client.post(url, {"decision": "compliant", "reasons": ""})
    assert response.status_code == 400
    assert "every item of the checklist is met" in _body(response)
    response = client.post(url, {"decision": "rejected", "reasons": "No charter."})
    assert response.status_code == 302 and response.url == reverse("grants:operator_queue")
    submitted.refresh_from_db()
    assert submitted.status == "rejected"


def test_the_register_filters_by_area_and_language(client, operator):
    health = ActivityArea.objects.get(code="health")
    kazakh = ExpertFactory(user=UserFactory(full_name="Айгүл Сәрсенова"), languages=["kk"])
    kazakh.areas.set([health])
    ExpertFactory(user=UserFactory(full_name="Иван Петров"), languages=["ru"])
    client.force_login(operator)
    body = _body(client.get(reverse("grants:expert_register")))
    assert "Айгүл Сәрсенова" in body and "Иван Петров" in body
    body = _body(client.get(reverse("grants:expert_register"), {"language": "kk"}))
    assert "Айгүл Сәрсенова" in body and "Иван Петров" not in body
    body = _body(client.get(reverse("grants:expert_register"), {"area": "health", "language": "ru"}))
    assert "Айгүл Сәрсенова" not in body and "Иван Петров" not in body


def test_a_draw_is_published_with_codes_not_names(client, operator, application):
    experts = [ExpertFactory(user=UserFactory(full_name=f"Секретный Эксперт {k}")) for k in range(4)]
    client.force_login(operator)
    response = client.post(
        reverse("grants:call_assignment", args=[application.call.code]),
        {"method": "random", "seed": "2026-03-20 №41", "confirm": "yes"},
    )
    draw = Draw.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "grants:draw", args=["views-2026", draw.pk]
    )
    client.logout()
    body = _body(client.get(response.url))
    assert "2026-03-20 №41" in body and "KZ-2026-views-2026-0001" in body
    codes = sorted(re.findall(r"E-\d{3}", body.split("<h2>Assignments</h2>")[1]))
    assert codes == sorted(f"E-{a.expert_id:03d}" for a in draw.assignments.all())
    assert len(codes) == 3
    assert not any(e.user.full_name in body for e in experts)
    assert 'random.Random("2026-03-20 №41:" + application number)' in body


def test_the_optimised_assignment_from_the_page(client, operator, application):
    ExpertFactory.create_batch(3)
    client.force_login(operator)
    response = client.post(
        reverse("grants:call_assignment", args=[application.call.code]),
        {"method": "optimised", "confirm": "yes"},
    )
    draw = Draw.objects.get()
    assert draw.method == "optimised" and draw.assignments.count() == 3
    assert "Expertise match" in _body(client.get(response.url))


def test_a_refused_draw_shows_the_reason(client, operator, application):
    client.force_login(operator)
    response = client.post(
        reverse("grants:call_assignment", args=[application.call.code]),
        {"method": "random", "seed": "x", "confirm": "yes"},
        follow=True,
    )
    # No expert in the register: the draw runs and reports the application as not covered.
    assert "Too few experts read the application" in _body(response)
    response = client.post(
        reverse("grants:call_assignment", args=["views-2026"]),
        {"method": "optimised", "confirm": "yes"},
        follow=True,
    )
    assert "Too few experts read the application" in _body(response)


def test_an_expert_confirms_the_declaration_before_reading(client, assigned, application):
    expert = assigned[0].expert
    client.force_login(expert.user)
    body = _body(client.get(reverse("grants:expert_home")))
    assert application.call.title in body and "Declaration of conflicts of interest" in body
    page = reverse("grants:expert_assignment", args=[assigned[0].pk])
    declaration = reverse("grants:expert_declaration", args=[application.call.code])
    response = client.get(page)
    assert response.status_code == 302 and response.url == declaration
    other = ApplicationFactory().organisation
    response = client.post(
        declaration, {"action": "declare", "bin": other.bin, "relation": "advised", "note": ""}
    )
    assert response.status_code == 302
    assert ConflictDeclaration.objects.filter(person=expert.user, organisation=other).exists()
    response = client.post(declaration, {"action": "declare", "bin": "000000000000", "relation": "advised"})
    assert "No organisation with this BIN is registered on Azamat; declare it below" in _body(response)
    client.post(declaration, {"action": "confirm"})
    assert client.get(page).status_code == 200
    assert "KZ-2026-views-2026-0001" in _body(client.get(reverse("grants:expert_home")))


def test_the_blind_page_hides_the_applicant(client, assigned, application, ngo):
    expert = assigned[0].expert
    declaration_confirm(person=expert.user, call=application.call)
    client.force_login(expert.user)
    body = _body(client.get(reverse("grants:expert_assignment", args=[assigned[0].pk])))
    assert ngo.bin not in body
    assert "Жарқын болашақ" not in body and ngo.name not in body
    assert "will open a youth centre in Aktau" in body
    assert "Charter: Устав ▇▇▇.pdf" in body  # the name and the BIN side by side become one block
    # Awards are not reviewed blind: the name shows.
    call = application.call
    call.grant_type = grant_type("award")
    call.save()
    body = _body(client.get(reverse("grants:expert_assignment", args=[assigned[0].pk])))
    assert ngo.bin in body and ngo.name in body


def test_experts_see_only_their_own_assignments(client, assigned, application, carol, alice):
    intruder = ExpertFactory()
    client.force_login(intruder.user)
    response = client.get(reverse("grants:expert_assignment", args=[assigned[0].pk]))
    assert response.status_code == 403
    assert "This application is not assigned to you" in _body(response)
    client.force_login(carol)
    response = client.get(reverse("grants:expert_assignment", args=[assigned[0].pk]))
    assert response.status_code == 403
    assert "Only experts in the register can review applications." in _body(response)
    assert client.get(reverse("grants:expert_home")).status_code == 403
    client.force_login(alice)  # the applicant's own administrator
    assert client.get(reverse("grants:expert_assignment", args=[assigned[0].pk])).status_code == 403


def test_scoring_from_the_page_and_no_peeking(client, assigned, application):
    criteria = list(application.call.grant_type.criteria.order_by("position"))
    first, second, _third = assigned
    for a in assigned:
        declaration_confirm(person=a.expert.user, call=application.call)
    secret = "A peer's confidential reasoning, forty chars."
    for c in criteria:
        Score.objects.create(assignment=second, criterion=c, value=2, justification=secret)
    Assignment.objects.filter(pk=second.pk).update(status="submitted", submitted_at=timezone.now())
    client.force_login(first.expert.user)
    page = reverse("grants:expert_assignment", args=[first.pk])
    body = _body(client.get(page))
    assert secret not in body and "All experts' scores so far" not in body
    data = {f"criterion_{c.pk}": "8" for c in criteria} | {f"justification_{c.pk}": WHY for c in criteria}
    response = client.post(page, data | {f"justification_{criteria[0].pk}": "Short."})
    assert response.status_code == 400 and "At least 30 characters, please; this text has 6." in _body(
        response
    )
    assert not first.scores.exists()
    response = client.post(page, data | {"confirm": "yes"})
    assert response.status_code == 302
    body = _body(client.get(page))
    assert "Your total" in body and "80.00" in body
    assert "Mean total of 2 experts: 50.00." in body  # (80 + 20) / 2, only the mean
    assert secret not in body
    response = client.post(page, data)
    assert response.status_code == 302 and response.url == page  # the scores as submitted, nothing changed


def test_recusal_from_the_page(client, assigned, application):
    spare = ExpertFactory()
    first = assigned[0]
    declaration_confirm(person=first.expert.user, call=application.call)
    client.force_login(first.expert.user)
    response = client.post(
        reverse("grants:expert_recuse", args=[first.pk]), {"reason": "I know the team."}, follow=True
    )
    assert "another expert takes your place" in _body(response)
    replacement = application.assignments.get(expert=spare, status="assigned")
    assert replacement.replaces == first
    draw_page = _body(client.get(reverse("grants:draw", args=[application.call.code, first.draw_id])))
    assert f"replaces {expert_code(first.expert_id)}" in draw_page
    response = client.get(reverse("grants:expert_assignment", args=[first.pk]))
    assert response.status_code == 403 and "You recused yourself" in _body(response)


def test_the_ranking_page(client, operator, application):
    application.final_score = "77.50"
    application.status = "reviewed"
    application.save()
    client.force_login(operator)
    body = _body(client.get(reverse("grants:ranking", args=[application.call.code])))
    assert "KZ-2026-views-2026-0001" in body and "77.50" in body


def test_a_decision_from_a_second_tab_says_it_is_taken_and_keeps_the_reasons(client, operator, call, ngo):
    # Given the check open in two tabs, and the application found compliant in the first,
    submitted = ApplicationFactory(
        direction=DirectionFactory(call=call),
        call=call,
        organisation=ngo,
        status="compliant",
        number="KZ-2026-views-2026-0008",
    )
    client.force_login(operator)
    # when the second tab sends its rejection,
    response = client.post(
        reverse("grants:compliance_check", args=[submitted.pk]),
        {"decision": "rejected", "reasons": "Устав не приложен."},
    )
    # then the page says why it is refused and gives back what was typed, to copy.
    body = _body(response)
    assert response.status_code == 400
    assert "Only submitted applications can be checked; this one is “Passed the compliance check”." in body
    assert "Устав не приложен." in body
    assert submitted.compliance_checks.count() == 0


def test_no_draw_is_offered_once_every_application_is_scored(client, operator, application):
    # Given a call whose every application is scored,
    application.status = Application.Status.REVIEWED
    application.save(update_fields=["status"])
    client.force_login(operator)
    url = reverse("grants:call_assignment", args=[application.call.code])
    # when the operator opens its assignment page, then no draw is offered, and the page says why;
    body = _body(client.get(url))
    assert 'name="seed"' not in body and "Confirm and assign the experts" not in body
    assert "No application that passed the compliance check is waiting for experts." in body
    # a draw sent from an older page is not confirmed as if it would assign anyone.
    body = _body(client.post(url, {"method": "random", "seed": "x"}))
    assert "Confirm and assign the experts" not in body
    assert Draw.objects.count() == 0


def test_scores_confirmed_again_from_the_back_button_lead_to_the_submitted_scores(
    client, assigned, application
):
    """expert@ confirmed her scores, pressed Back to the confirmation and confirmed again: she got "Not allowed".
    Now she is taken to the assignment, with her submitted scores and the reason nothing changed."""
    criteria = list(application.call.grant_type.criteria.order_by("position"))
    first = assigned[0]
    declaration_confirm(person=first.expert.user, call=application.call)
    client.force_login(first.expert.user)
    page = reverse("grants:expert_assignment", args=[first.pk])
    data = {f"criterion_{c.pk}": "8" for c in criteria} | {f"justification_{c.pk}": WHY for c in criteria}
    client.post(page, data | {"confirm": "yes"}, follow=True)

    again = client.post(page, data | {"confirm": "yes", f"criterion_{criteria[0].pk}": "3"}, follow=True)
    assert again.redirect_chain == [(page, 302)]
    assert [str(m) for m in again.context["messages"]] == ["Your scores are submitted and cannot change."]
    assert "Your total" in _body(again)
    assert sorted(first.scores.values_list("value", flat=True)) == [8] * len(criteria)


def test_an_empty_recusal_is_refused_by_the_page_in_its_language_not_by_the_browser(
    client, assigned, application
):
    """expert@ (page in Kazakh) pressed "Recuse" with no reason: Chromium stopped the form with its own bubble in
    the phone's language. The form leaves the check to the server, which answers in the page's language."""
    first = assigned[0]
    declaration_confirm(person=first.expert.user, call=application.call)
    client.force_login(first.expert.user)
    body = _body(client.get(reverse("grants:expert_assignment", args=[first.pk])))
    recuse = reverse("grants:expert_recuse", args=[first.pk])
    assert f'<form method="post" action="{recuse}" novalidate>' in body


def test_a_refused_recusal_comes_back_with_the_reason_as_typed(client, assigned, application):
    """A reason left empty, or one past 500 characters, was answered with a redirect to the page: the typed
    reason lost, and the long one told "say why" as if it were empty. The page comes back with the reason kept
    and the refusal that fits, in the page's language; nobody is recused."""
    first = assigned[0]
    declaration_confirm(person=first.expert.user, call=application.call)
    client.force_login(first.expert.user)
    recuse = reverse("grants:expert_recuse", args=[first.pk])
    empty = client.post(recuse, {"reason": "  "}, HTTP_ACCEPT_LANGUAGE="ru")
    assert empty.status_code == 400
    assert "Укажите причину самоотвода." in _body(empty)
    long_reason = "Я знаю руководителя проекта лично. " * 20  # 700 characters
    too_long = client.post(recuse, {"reason": long_reason}, HTTP_ACCEPT_LANGUAGE="en")
    body = _body(too_long)
    assert too_long.status_code == 400
    assert long_reason.strip() in body and "Say why you recuse yourself." not in body
    assert "500" in body  # how long it may be
    first.refresh_from_db()
    assert first.status == Assignment.Status.ASSIGNED
