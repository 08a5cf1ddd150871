"""The register's pages as people use them: browse and search, propose with duplicate hints (with and without
htmx), endorse, the working group's steps, sending a recommendation and merging — and refusals shown on the
page in the reader's language, with what they typed kept."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from azamat.accountability.models import Item
from azamat.problems import services
from azamat.problems.models import Endorsement, Problem
from azamat.problems.tests.factories import area, proposed, registered, working_group_member
from azamat.registry.models import GovernmentBody
from azamat.testing.files import real_pdf

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
RU = {"HTTP_ACCEPT_LANGUAGE": "ru"}
S = Problem.Status


@pytest.fixture
def group(db):
    return working_group_member(email="group@example.kz", full_name="Гүлнар Сәрсенова")


@pytest.fixture
def body(db):
    return GovernmentBody.objects.get(code="mci-civil-society")


def test_the_register_lists_public_problems_by_area_and_status(client, alice, group):
    shown = registered(by=alice, group=group, title="Задержка траншей")
    hidden = proposed(by=alice, title="Черновая проблема")
    page = client.get(reverse("problems:register"), **EN).content.decode()
    assert shown.title in page and hidden.title not in page
    assert "Financing" in page and "International cooperation" in page
    page = client.get(reverse("problems:register") + "?area=legislation", **EN).content.decode()
    assert shown.title not in page and "No problem matches the filters." in page
    page = client.get(reverse("problems:register") + "?status=registered&q=транш", **EN).content.decode()
    assert shown.title in page


def test_an_unknown_filter_value_is_left_out_and_the_other_filters_still_apply(client, alice, group):
    shown = registered(by=alice, group=group, title="Задержка траншей")
    other = registered(
        by=alice, group=group, title="Сложная налоговая отчётность", description="Формы меняются каждый год."
    )
    page = client.get(reverse("problems:register") + "?region=abc&area=zzz&q=транш", **EN).content.decode()
    assert shown.title in page and other.title not in page
    export = client.get(reverse("problems:export") + "?format=xlsx&region=abc&q=налог")
    sheet = load_workbook(io.BytesIO(export.content)).active
    titles = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == [other.title]


def test_a_problem_page_shows_the_reason_of_each_step(client, alice, group):
    problem = registered(by=alice, group=group)
    page = client.get(problem.get_absolute_url(), **EN).content.decode()
    assert "Подтверждено кейсами" in page and "In the register" in page


def test_a_proposal_is_not_public(client, alice, carol):
    problem = proposed(by=alice)
    assert client.get(problem.get_absolute_url()).status_code == 403
    client.force_login(carol)
    response = client.get(problem.get_absolute_url(), **EN)
    assert response.status_code == 403
    assert "only its author and the working group" in response.content.decode()
    client.force_login(alice)
    assert client.get(problem.get_absolute_url()).status_code == 200


def test_proposing_shows_similar_problems_before_filing(client, alice, group):
    existing = registered(by=group, group=group, title="Задержка выплаты второго транша гранта")
    client.force_login(alice)
    hints = client.get(
        reverse("problems:similar"), {"title": "Задержка выплаты транша"}, HTTP_HX_REQUEST="true", **EN
    )
    assert existing.number in hints.content.decode() and "<html" not in hints.content.decode()
    data = {
        "area": area().pk,
        "title": "Задержка выплаты транша",
        "description": "Второй транш приходит через три месяца.",
        "regions": [],
    }
    first = client.post(reverse("problems:propose"), data, **EN)
    assert first.status_code == 200 and existing.number in first.content.decode()
    assert Problem.objects.count() == 1  # not filed: the hints come first
    assert 'name="checked"' in first.content.decode()
    second = client.post(reverse("problems:propose"), {**data, "checked": "on"}, **EN)
    assert second.status_code == 302
    filed = Problem.objects.get(title="Задержка выплаты транша")
    assert filed.status == S.PROPOSED and filed.proposed_by == alice


def test_the_check_step_works_without_javascript(client, alice, group):
    existing = registered(by=group, group=group, title="Сложная налоговая отчётность НКО")
    client.force_login(alice)
    page = client.post(
        reverse("problems:propose"), {"title": "Сложная налоговая отчётность", "check": "1"}, **EN
    ).content.decode()
    assert existing.number in page and "Сложная налоговая отчётность" in page
    assert Problem.objects.count() == 1


def test_a_proposal_without_similar_ones_is_filed_at_once_and_bad_input_is_kept(client, alice, ngo):
    client.force_login(alice)
    bad = client.post(reverse("problems:propose"), {"title": "Уникальная тема", "description": ""}, **RU)
    assert bad.status_code == 400
    assert "Уникальная тема" in bad.content.decode() and "Обязательное поле" in bad.content.decode()
    good = client.post(
        reverse("problems:propose"),
        {"area": area().pk, "title": "Уникальная тема", "description": "Текст", "organisation": ngo.pk},
    )
    assert good.status_code == 302
    assert Problem.objects.get().organisation == ngo


def test_the_same_proposal_sent_again_after_the_back_button_files_one_problem(client, alice):
    client.force_login(alice)
    data = {
        "area": area().pk,
        "title": "Уникальная тема",
        "description": "Текст",
        "checked": "on",
        "submit": "1",
    }
    first = client.post(reverse("problems:propose"), data, **EN)
    problem = Problem.objects.get()
    assert first.status_code == 302 and first["Location"] == problem.get_absolute_url()
    again = client.post(reverse("problems:propose"), {**data, "title": " уникальная тема "}, **EN)
    assert again.status_code == 400 and Problem.objects.count() == 1
    page = again.content.decode()
    assert f"You have already filed this problem: it is {problem.number}. Add to it there." in page
    assert "уникальная тема" in page  # what was typed is kept


def test_an_organisation_endorses_and_a_second_time_is_refused(client, alice, bob, ngo, group):
    problem = registered(by=group, group=group)
    client.force_login(alice)
    response = client.post(
        reverse("problems:endorse", args=[problem.number]),
        {"endorse-organisation": ngo.pk, "endorse-case": "Транш задержан на 70 дней"},
    )
    assert response.status_code == 302
    assert problem.endorsements.get().case == "Транш задержан на 70 дней"
    client.force_login(bob)
    again = client.post(
        reverse("problems:endorse", args=[problem.number]),
        {"endorse-organisation": ngo.pk, "endorse-case": "Ещё раз"},
        **EN,
    )
    assert again.status_code == 400
    assert Endorsement.objects.count() == 1


def test_a_refusal_whose_form_is_gone_is_still_read_on_the_page(client, alice, ngo, group):
    problem = registered(by=group, group=group)
    client.force_login(alice)
    data = {"endorse-organisation": ngo.pk, "endorse-case": "Транш задержан на 70 дней"}
    assert client.post(reverse("problems:endorse", args=[problem.number]), data).status_code == 302
    again = client.post(reverse("problems:endorse", args=[problem.number]), data, **EN)  # the back button
    assert again.status_code == 400
    assert f"{ngo.name} has already said this problem affects it." in again.content.decode()
    keep = registered(by=group, group=group, title="Оставить")
    client.force_login(group)
    merge = {"merge-into": keep.number, "merge-reason": "Дубль"}
    assert client.post(reverse("problems:merge", args=[problem.number]), merge).status_code == 302
    twice = client.post(reverse("problems:merge", args=[problem.number]), merge, **EN)
    assert twice.status_code == 400
    assert "is not possible while the problem is “Merged into another problem”" in twice.content.decode()


def test_endorsing_takes_an_organisation(client, carol, group):
    problem = registered(by=group, group=group)
    client.force_login(carol)
    response = client.post(reverse("problems:endorse", args=[problem.number]), {"endorse-case": "x"}, **EN)
    assert response.status_code == 403
    assert "join your organisation" in response.content.decode()


def test_the_working_group_steps_and_a_missing_reason(client, alice, group):
    problem = proposed(by=alice)
    client.force_login(group)
    assert client.post(reverse("problems:step", args=[problem.number, "review"])).status_code == 302
    problem.refresh_from_db()
    assert problem.status == S.REVIEW
    refused = client.post(
        reverse("problems:step", args=[problem.number, "return"]), {"step-reason": ""}, **EN
    )
    assert refused.status_code == 400
    assert "Write the reason" in refused.content.decode()
    wrong = client.post(
        reverse("problems:step", args=[problem.number, "partly_solve"]), {"step-reason": "x"}, **EN
    )
    assert wrong.status_code == 400 and "is not possible while the problem is" in wrong.content.decode()
    problem.refresh_from_db()
    assert problem.status == S.REVIEW
    client.force_login(alice)
    assert client.post(reverse("problems:step", args=[problem.number, "register"])).status_code == 403


def test_sending_a_recommendation_shows_its_deadline_on_the_problem(client, alice, group, body):
    problem = registered(by=alice, group=group)
    client.force_login(group)
    client.post(
        reverse("problems:recommendation_add", args=[problem.number]),
        {"recommendation-text": "Установить срок транша", "recommendation-body": body.pk},
    )
    recommendation = problem.recommendations.get()
    sent = client.post(reverse("problems:recommendation_send", args=[problem.number, recommendation.pk]))
    assert sent.status_code == 302
    item = Item.objects.get()
    page = client.get(problem.get_absolute_url(), **EN).content.decode()
    assert item.number in page and "Answer due" in page
    assert f"{item.due_on.day}" in page
    again = client.post(
        reverse("problems:recommendation_send", args=[problem.number, recommendation.pk]), **EN
    )
    assert again.status_code == 400 and "cannot be sent twice" in again.content.decode()
    assert Item.objects.count() == 1


def test_sending_with_no_body_is_refused_on_the_page(client, alice, group):
    problem = registered(by=alice, group=group)
    recommendation = services.recommendation_add(problem=problem, by=group, text="Без адресата")
    client.force_login(group)
    response = client.post(
        reverse("problems:recommendation_send", args=[problem.number, recommendation.pk]), **EN
    )
    assert response.status_code == 400
    assert "Choose the government body" in response.content.decode()
    assert not Item.objects.exists()


def test_merging_from_the_page(client, alice, group):
    keep = registered(by=group, group=group, title="Оставить")
    duplicate = proposed(by=alice, title="Дубликат")
    client.force_login(group)
    itself = client.post(
        reverse("problems:merge", args=[duplicate.number]),
        {"merge-into": duplicate.number, "merge-reason": "Дубль"},
        **EN,
    )
    assert itself.status_code == 400 and "cannot be merged into itself" in itself.content.decode()
    merged = client.post(
        reverse("problems:merge", args=[duplicate.number]),
        {"merge-into": keep.number.lower(), "merge-reason": "Дубль"},
    )
    assert merged.status_code == 302 and merged["Location"] == keep.get_absolute_url()
    assert client.get(duplicate.get_absolute_url())["Location"] == keep.get_absolute_url()


@pytest.mark.parametrize("typed", ["{n}", "pr-{n}", "PR {n:04d}", "№ PR-{n:04d}", " PR–{n} "])
def test_a_problem_to_merge_into_is_found_by_its_number_as_people_type_it(client, alice, group, typed):
    keep = registered(by=group, group=group, title="Оставить")
    duplicate = proposed(by=alice, title="Дубликат")
    client.force_login(group)
    merged = client.post(
        reverse("problems:merge", args=[duplicate.number]),
        {"merge-into": typed.format(n=keep.pk), "merge-reason": "Дубль"},
        **EN,
    )
    assert merged.status_code == 302 and merged["Location"] == keep.get_absolute_url()


def test_evidence_a_legal_act_and_its_pdf(client, alice, group):
    problem = registered(by=alice, group=group)
    client.force_login(group)
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("survey.pdf", real_pdf(), content_type="application/pdf")
    response = client.post(
        reverse("problems:evidence_add", args=[problem.number]),
        {
            "evidence-kind": "survey",
            "evidence-text": "Опрос 240 НКО",
            "evidence-figure": "62%",
            "evidence-file": pdf,
        },
    )
    assert response.status_code == 302
    evidence = problem.evidence.get()
    client.logout()
    assert (
        client.get(reverse("problems:evidence_file", args=[problem.number, evidence.pk])).status_code == 200
    )
    client.force_login(group)
    fake = SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf")
    bad = client.post(
        reverse("problems:evidence_add", args=[problem.number]),
        {"evidence-kind": "document", "evidence-text": "Текст", "evidence-file": fake},
        **EN,
    )
    assert bad.status_code == 400
    assert "“x.pdf” is not a genuine PDF file; save it again as PDF and attach it." in bad.content.decode()
    client.post(
        reverse("problems:legal_act_add", args=[problem.number]),
        {"act-name": "Закон РК «О некоммерческих организациях»", "act-article": "статья 41-2"},
    )
    page = client.get(problem.get_absolute_url()).content.decode()
    assert "статья 41-2" in page and "62%" in page


def test_the_working_group_edits_a_problem(client, alice, group):
    problem = proposed(by=alice)
    client.force_login(group)
    response = client.post(
        reverse("problems:edit", args=[problem.number]),
        {"area": area("legislation").pk, "title": "Новое название", "description": "Новое описание"},
    )
    assert response.status_code == 302
    problem.refresh_from_db()
    assert problem.title == "Новое название" and problem.area.code == "legislation"
    client.force_login(alice)
    assert client.get(reverse("problems:edit", args=[problem.number])).status_code == 403


def test_the_working_group_sees_its_queue_on_the_workspace(client, alice, group):
    problem = proposed(by=alice)
    client.force_login(group)
    page = client.get(reverse("accounts:dashboard"), **EN).content.decode()
    assert problem.number in page and "1 problem waits for the working group." in page


def test_an_export_in_an_unknown_format_is_not_found(client):
    assert client.get(reverse("problems:export") + "?format=exe").status_code == 404


@pytest.mark.parametrize(("fmt", "start"), [("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK")])
def test_the_register_downloads_in_each_format(client, alice, group, fmt, start):
    registered(by=alice, group=group, title="Задержка траншей")
    response = client.get(reverse("problems:export") + f"?format={fmt}&area=financing")
    assert response.status_code == 200
    assert response.content.startswith(start)
    assert "problems-register-" in response["Content-Disposition"] and fmt in response["Content-Disposition"]


def test_the_edit_page_of_an_archived_problem_sends_back_to_it_with_the_reason(client, alice, group):
    problem = registered(by=alice, group=group)
    services.problem_step(problem=problem, name="archive", by=group, reason="Решена иначе")
    client.force_login(group)
    url = reverse("problems:edit", args=[problem.number])
    response = client.get(url, **EN)
    assert response.status_code == 302 and response["Location"] == problem.get_absolute_url()
    page = client.get(problem.get_absolute_url(), **EN).content.decode()
    assert "This problem is “Archived”: it can no longer be changed." in page
    # Archived while someone typed on its edit page: the reason, and what they typed shown again, not saved.
    saved = client.post(url, {"title": "Другое"}, **EN)
    assert saved.status_code == 400
    page = saved.content.decode()
    assert "This problem is “Archived”: it can no longer be changed." in page and ">Другое</textarea>" in page
    problem.refresh_from_db()
    assert problem.title != "Другое"


def test_an_edit_made_in_another_tab_meanwhile_is_not_silently_overwritten(client, alice, group):
    # Given two tabs on the edit page of the same problem
    problem = proposed(by=alice, title="Аренда помещений", description="Дорого.")
    client.force_login(group)
    url = reverse("problems:edit", args=[problem.number])
    loaded_at = client.get(url).context["form"]["loaded_at"].value()
    typed = {"area": problem.area.pk, "description": "Дорого.", "loaded_at": loaded_at}
    # when the first saves a clearer title, then the second, opened before it, saves its own text
    first = client.post(url, {**typed, "title": "Аренда помещений для НКО"}, **EN)
    assert first.status_code == 302
    second = client.post(url, {**typed, "title": "Аренда помещений", "description": "Очень дорого."}, **EN)
    # then the second is refused with the reason, what was typed kept, and the first tab's title is still there
    assert second.status_code == 400
    assert (
        "Someone changed this problem while you were editing it: open its page to see their changes. "
        "Your text is kept here; save again to replace theirs with it."
    ) in second.content.decode()
    assert second.context["form"]["description"].value() == "Очень дорого."
    problem.refresh_from_db()
    assert (problem.title, problem.description) == ("Аренда помещений для НКО", "Дорого.")
    # and saving again, having seen the warning, replaces it
    again = client.post(url, second.context["form"].data, **EN)
    assert again.status_code == 302
    problem.refresh_from_db()
    assert (problem.title, problem.description) == ("Аренда помещений", "Очень дорого.")


def test_evidence_an_act_and_a_recommendation_sent_twice_by_a_double_tap_are_added_once(
    client, alice, group, body
):
    problem = registered(by=alice, group=group)
    client.force_login(group)
    forms = [
        (
            "problems:evidence_add",
            {"evidence-kind": "figure", "evidence-text": "Опрос", "evidence-figure": "62%"},
        ),
        ("problems:legal_act_add", {"act-name": "Закон РК «О НКО»", "act-article": "статья 41-2"}),
        (
            "problems:recommendation_add",
            {"recommendation-text": "Срок транша", "recommendation-body": body.pk},
        ),
    ]
    for name, data in forms:
        for _tap in range(2):
            assert client.post(reverse(name, args=[problem.number]), data, **EN).status_code == 302
    assert (problem.evidence.count(), problem.legal_acts.count(), problem.recommendations.count()) == (
        1,
        1,
        1,
    )
    client.post(
        reverse("problems:recommendation_add", args=[problem.number]), {"recommendation-text": "Другая"}, **EN
    )
    assert problem.recommendations.count() == 2


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_registers_region_filter_lists_the_regions_alphabetically(client, language):
    """Walking the register in Russian on a phone: the region filter listed the regions in the classifier's order
    (Абай, Акмолинская, Актюбинская, Алматинская, Атырауская, Западно-Казахстанская, Жамбылская…), not the
    alphabet's, as every other filter of the site does."""
    import re

    from azamat.core.collation import sorted_alphabetically

    page = client.get(reverse("problems:register"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    select = page.split('name="region"')[1].split("</select>")[0]
    names = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)
    assert len(names) == 20
    assert names == sorted_alphabetically(names, language=language)
