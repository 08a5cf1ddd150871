"""Found walking the demo on a phone in Kazakh and Russian as the needs survey's manager, its analyst and an
interviewer: the form page showed a template comment in English to everyone; the editor's "inside which group" and
"show when" lists named the questions in the form's first language (Kazakh) on a Russian page; a response's "other"
answer was shown by its code ("other (Аутизм)"); the collection links offered an analyst the interviewers' and
invitations' pages, which refuse her; an empty target in the quotas' table was called "below zero"; a quota left
unnamed was named in Russian whatever the manager's language; the quota board wrote 7000 where every other page
writes 7 000; a form too big to upload was told its size as 5.5 MB, not 5,5; the report's PDF wrote 50.0 % and
1234.57 where its page writes 50,0 % and 1 234,57, and the weights' refusal "the shares sum to 0.9000"; a quota or a
team member removed twice (two tabs, a second press) led to "page not found"; of two managers saving the settings at
once, the second silently undid the first."""

import html
import re
from decimal import Decimal

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from azamat.core import edits, fields
from azamat.core.errors import DomainError
from azamat.surveys import quota_services, report_pdf, weighting, xlsform
from azamat.surveys.collect_forms import QuotaForm
from azamat.surveys.form_forms import QuestionForm
from azamat.surveys.models import Quota, SurveyMember
from azamat.testing import surveys_factories as sf

pytestmark = pytest.mark.django_db

RU = {"HTTP_ACCEPT_LANGUAGE": "ru"}
KK = {"HTTP_ACCEPT_LANGUAGE": "kk"}


@pytest.fixture
def survey():
    return sf.survey()


@pytest.fixture
def manager(survey):
    return survey.created_by


@pytest.mark.parametrize("headers", [RU, KK], ids=["ru", "kk"])
def test_the_form_page_shows_no_template_comment(client, manager, survey, headers):
    """A `{# … #}` comment spread over two lines is not a comment to Django: it was printed on the page."""
    client.force_login(manager)
    page = client.get(reverse("surveys:form", args=[survey.pk]), **headers).content.decode()
    assert "upload's anchor" not in page
    assert "{#" not in page


def test_the_editor_names_groups_and_questions_in_the_pages_language():
    """Given a form in Kazakh, Russian and English (Kazakh first), when the editor is opened on a Russian page,
    then its lists of groups and of questions name them in Russian, as the form page's tree beside them does."""
    with translation.override("ru"):
        form = QuestionForm(definition=sf.SAMPLE)
        parents = dict(form.fields["parent"].choices)
        questions = dict(form.fields["relevant_question"].choices)
    assert parents["needs"] == "Потребности (needs)"
    assert questions["region"] == "Ваш регион (region)"
    with translation.override("kk"):
        assert (
            dict(QuestionForm(definition=sf.SAMPLE).fields["parent"].choices)["needs"]
            == "Қажеттіліктер (needs)"
        )


@pytest.mark.parametrize(("headers", "other"), [(RU, "Прочее"), (KK, "Басқа")], ids=["ru", "kk"])
def test_a_responses_other_answer_is_named_not_shown_by_its_code(client, manager, survey, headers, other):
    answers = {
        "region": "751000000",
        "sex": "f",
        "age": 34,
        "services": ["ramp", "other"],
        "services_other": "Лифт",
    }
    made = sf.response(survey, answers)
    client.force_login(manager)
    page = client.get(reverse("surveys:response", args=[survey.pk, made.pk]), **headers).content.decode()
    assert f"Пандус, {other} (Лифт)" in page
    assert "other (Лифт)" not in page


def test_an_analyst_is_not_offered_the_managers_collection_pages(client, manager, survey, bob):
    """The analyst may read the responses, not manage interviewers or invitations: the links she would follow to a
    refusal are not on her pages; the manager's are."""
    SurveyMember.objects.create(survey=survey, user=bob, role=SurveyMember.Role.ANALYST)
    managers_only = [
        reverse("surveys:assignments", args=[survey.pk]),
        reverse("surveys:invitations", args=[survey.pk]),
    ]
    client.force_login(bob)
    for url in managers_only:
        assert client.get(url, **RU).status_code == 403
    page = client.get(reverse("surveys:responses", args=[survey.pk]), **RU).content.decode()
    assert reverse("surveys:quota_board", args=[survey.pk]) in page  # the collection links are there
    assert not [url for url in managers_only if f'href="{url}"' in page]
    client.force_login(manager)
    page = client.get(reverse("surveys:responses", args=[survey.pk]), **RU).content.decode()
    assert all(f'href="{url}"' in page for url in managers_only)


def test_an_empty_target_in_the_quotas_table_asks_for_a_number_and_changes_nothing(client, manager, survey):
    cells = [sf.quota(survey, {"sex": [sex]}, target=5, label=sex) for sex in ("f", "m")]
    with pytest.raises(DomainError) as refused:
        quota_services.quota_targets(survey=survey, targets={cells[0].pk: ""})
    assert refused.value.code == quota_services.BAD_TARGET
    client.force_login(manager)
    sent = client.post(
        reverse("surveys:quotas", args=[survey.pk]),
        {"action": "targets", f"target-{cells[0].pk}": "", f"target-{cells[1].pk}": "7"},
        **RU,
    )
    assert sent.status_code == 400
    page = sent.content.decode()
    with translation.override("ru"):
        assert str(quota_services.MESSAGES[quota_services.BAD_TARGET]) in page
        assert str(quota_services.MESSAGES[quota_services.NEGATIVE]) not in page
    assert [q.target for q in Quota.objects.filter(survey=survey).order_by("label")] == [5, 5]


@pytest.mark.parametrize(("headers", "named"), [(KK, "Әйел"), (RU, "Женский")], ids=["kk", "ru"])
def test_a_quota_left_unnamed_is_named_in_the_managers_language(client, manager, survey, headers, named):
    client.force_login(manager)
    url = reverse("surveys:quotas", args=[survey.pk])
    assert client.post(url, {"label": "", "target": "10", "c-sex": ["f"]}, **headers).status_code == 303
    quota = Quota.objects.get(survey=survey)
    assert quota.label == named
    edit = reverse("surveys:quota", args=[survey.pk, quota.pk])
    assert client.post(edit, {"label": "", "target": "12", "c-sex": ["m"]}, **headers).status_code == 303
    quota.refresh_from_db()
    assert quota.label == {"Әйел": "Ер", "Женский": "Мужской"}[named]


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_quota_board_groups_thousands_as_the_other_pages_do(survey, language):
    quota = sf.quota(survey, {"sex": ["f"]}, target=1500, label="Женщины")
    Quota.objects.filter(pk=quota.pk).update(completed=1200)
    quota.refresh_from_db()
    board = {
        "completed": 7000,
        "in_progress": 548,
        "screened_out": 1452,
        "target": 1500,
        "quotas": [quota],
        "interviewers": [
            {
                "interviewer__full_name": "Ерлан Жаксылыков",
                "interviewer__email": "erlan@example.kz",
                "completed": 2500,
                "in_progress": 3,
                "screened_out": 0,
                "target": 3000,
            }
        ],
    }
    with translation.override(language):
        html = render_to_string("surveys/collect/_board.html", {"board": board})
        grouped = [intcomma(n) for n in (7000, 1452, 1200, 1500, 2500, 3000)]
    assert grouped[0] != "7000"  # the language writes its thousands apart
    assert all(f"{n}" in html for n in grouped)
    assert not [n for n in ("7000", "1452", "1200", "1500", "2500", "3000") if n in html]


@pytest.mark.parametrize(("language", "size"), [("ru", "5,5"), ("kk", "5,5")])
def test_a_form_too_big_is_told_its_size_with_the_languages_decimal_mark(
    client, manager, survey, language, size
):
    too_big = b"x" * (xlsform.MAX_BYTES + 512 * 1024)  # 5.5 MB
    with translation.override(language), pytest.raises(xlsform.XLSFormError) as refused:
        xlsform.read_xlsform(too_big, "анкета.xlsx")
    assert f" {size} " in refused.value.problems[0].message
    client.force_login(manager)
    upload = SimpleUploadedFile("анкета.xlsx", too_big)
    sent = client.post(
        reverse("surveys:form_upload", args=[survey.pk]),
        {"file": upload, "default_language": "ru"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert sent.status_code == 400
    assert f" {size} " in sent.content.decode() and " 5.5 " not in sent.content.decode()


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_report_pdf_writes_numbers_as_the_report_page_does(language):
    with translation.override(language):
        assert report_pdf._pct(0.5) == "50,0 %"
        assert report_pdf._num(1234.567) == "1\xa0234,57"
        assert report_pdf._num(7000) == "7\xa0000"
        assert (report_pdf._pct(None), report_pdf._num(None)) == ("—", "—")


def test_shares_that_do_not_sum_to_one_are_told_their_sum_with_the_languages_decimal_mark(survey, manager):
    weighting.weight_questions_set(survey=survey, names=["sex"], by=manager)
    with translation.override("ru"), pytest.raises(weighting.WeightError) as refused:
        weighting.population_shares_set(
            survey=survey, shares=[({"sex": "f"}, Decimal("0.5")), ({"sex": "m"}, Decimal("0.4"))], by=manager
        )
    assert "0,9000" in str(refused.value)


def test_a_quota_deleted_twice_lands_on_the_quotas_told_so(client, manager, survey):
    """Given a quota deleted from one tab, when the delete is sent again from another (or pressed twice), then the
    manager lands on the quotas told it is deleted already, not on "page not found"; a quota never there is 404."""
    quota = sf.quota(survey, {"sex": ["f"]}, target=5, label="Женщины")
    client.force_login(manager)
    url = reverse("surveys:quota", args=[survey.pk, quota.pk])
    assert client.post(url, {"action": "delete"}, **RU).status_code == 303
    again = client.post(url, {"action": "delete"}, follow=True, **RU)
    assert again.redirect_chain == [(reverse("surveys:quotas", args=[survey.pk]), 303)]
    with translation.override("ru"):
        assert translation.gettext("This quota is deleted already.") in again.content.decode()
    assert client.get(url, **RU).status_code == 404


def test_a_team_member_removed_twice_lands_on_the_team_told_so(client, manager, survey, bob):
    member = SurveyMember.objects.create(survey=survey, user=bob, role=SurveyMember.Role.ANALYST)
    client.force_login(manager)
    url = reverse("surveys:team_member", args=[survey.pk, member.pk])
    assert client.post(url, {"remove": "1"}, **RU).status_code == 302
    again = client.post(url, {"remove": "1"}, follow=True, **RU)
    assert again.redirect_chain == [(reverse("surveys:team", args=[survey.pk]), 302)]
    with translation.override("ru"):
        assert translation.gettext("This person is no longer on the team.") in again.content.decode()
    assert not SurveyMember.objects.filter(survey=survey, user=bob).exists()


def _settings(title: str, loaded: str) -> dict:
    return {
        "title": title,
        "purpose": "needs",
        "modes": ["open"],
        "results": "private",
        "region_question": "region",
        "loaded_at": loaded,
    }


def _loaded(page) -> str:
    return html.unescape(re.search(r'name="loaded_at" value="([^"]+)"', page.content.decode()).group(1))


def test_two_managers_saving_the_settings_at_once_do_not_silently_undo_each_other(
    client, manager, survey, bob
):
    """Given two managers with the settings page open, when the first saves a new title and then the second saves
    hers from the page loaded before, then the second is refused, told so in her language with what she typed
    kept, and the first's title stands; saved again from that page, hers replaces it."""
    SurveyMember.objects.create(survey=survey, user=bob, role=SurveyMember.Role.MANAGER)
    url = reverse("surveys:edit", args=[survey.pk])
    second = type(client)()
    client.force_login(manager)
    second.force_login(bob)
    first_loaded, second_loaded = _loaded(client.get(url, **RU)), _loaded(second.get(url, **RU))
    assert client.post(url, _settings("Опрос А", first_loaded), **RU).status_code == 302
    refused = second.post(url, _settings("Опрос Б", second_loaded), **RU)
    assert refused.status_code == 400
    page = refused.content.decode()
    with translation.override("ru"):
        assert str(edits.MESSAGE) in page
    assert 'value="Опрос Б"' in page
    survey.refresh_from_db()
    assert survey.title == "Опрос А"
    assert second.post(url, _settings("Опрос Б", _loaded(refused)), **RU).status_code == 302
    survey.refresh_from_db()
    assert survey.title == "Опрос Б"


def test_the_quotas_pages_group_thousands_too(client, manager, survey, bob):
    quota = sf.quota(survey, {"sex": ["f"]}, target=1500, label="Женщины")
    Quota.objects.filter(pk=quota.pk).update(completed=1200)
    SurveyMember.objects.create(survey=survey, user=bob, role=SurveyMember.Role.ANALYST)
    with translation.override("ru"):
        done, target = intcomma(1200), intcomma(1500)
    client.force_login(bob)  # the analyst reads the targets as text
    listed = client.get(reverse("surveys:quotas", args=[survey.pk]), **RU).content.decode()
    assert f">{done}</td>" in listed and f">{target}</td>" in listed
    client.force_login(manager)
    one = client.get(reverse("surveys:quota", args=[survey.pk, quota.pk]), **RU).content.decode()
    assert "1200" not in one and done in one and target in one


def test_a_quota_name_too_long_is_refused_as_on_every_other_form():
    typed = "ж" * 20_000
    with translation.override("ru"):
        errors = QuotaForm(data={"label": typed, "target": "5"}).errors["label"]
        with pytest.raises(ValidationError) as expected:
            fields.CharField(max_length=200).clean(typed)
    assert errors == expected.value.messages
