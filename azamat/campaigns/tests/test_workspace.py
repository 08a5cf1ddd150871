"""The campaign workspace as people use it: a team runs a campaign through its stages, the checklist follows
the data, the grid, the heat map and the indicator chart are drawn with their tables, partners see only what is
shared, the calendar feed answers only its token, the plan PDF only the team; refusals keep what was typed."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone, translation

from azamat.campaigns import services, stages
from azamat.campaigns.models import Campaign, Partner, Risk, SecurityCheck, Stakeholder, TeamMember
from azamat.testing.campaigns_factories import campaign as make_campaign
from azamat.testing.campaigns_factories import ngo_admin, petition
from azamat.testing.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
RU = {"HTTP_ACCEPT_LANGUAGE": "ru"}


def _stage(c, code):
    return reverse("campaigns:stage", args=[c.pk, code])


def _add(client, c, kind, data, lang=EN):
    return client.post(reverse("campaigns:item_add", args=[c.pk, kind]), data, **lang)


def test_a_team_runs_a_campaign_through_its_stages(client):
    lead, organisation = ngo_admin(email="lead@example.kz")
    client.force_login(lead)
    response = client.post(
        reverse("campaigns:new"),
        {
            "organisation": organisation.pk,
            "title": "Пандусы в поликлиниках",
            "problem_statement": "Нет пандусов.",
            "target_audience": "Люди на колясках",
            "goal": "Пандусы во всех поликлиниках",
            "visibility": "private",
        },
        **EN,
    )
    c = Campaign.objects.get(title="Пандусы в поликлиниках")
    assert response.status_code == 302 and response["Location"] == c.get_absolute_url()
    assert TeamMember.objects.get(campaign=c).role == "coordinator"
    assert c.history.first().history_user == lead

    assert (
        _add(client, c, "objective", {"text": "5 пандусов к 1 сентября", "measure": "акты"}).status_code
        == 302
    )
    assert (
        _add(
            client,
            c,
            "need",
            {
                "text": "Войти в поликлинику",
                "priority": 1,
                "source": "survey",
                "evidence": "Опрос 120 человек",
            },
        ).status_code
        == 302
    )
    needs = stages.stages(c)[0]
    assert needs.code == "needs" and needs.complete, [(i.label, i.done) for i in needs.items]

    body = Stakeholder._meta.get_field("body").related_model.objects.first()
    for name, position, influence in (("Акимат", -2, 5), ("", 1, 4), ("Газета", 2, 2)):
        data = {
            "kind": "body" if not name else "media",
            "name": name,
            "position": position,
            "influence": influence,
            "interest": 3,
        }
        if not name:
            data["body"] = body.pk
        assert _add(client, c, "stakeholder", data).status_code == 302
    page = client.get(_stage(c, "stakeholders"), **EN).content.decode()
    assert "<svg" in page and "Power/interest grid" in page and "Manage closely" in page and body.name in page

    assert (
        _add(
            client, c, "method", {"kind": "petition", "owner": lead.pk, "starts_on": "2026-03-01"}
        ).status_code
        == 302
    )
    assert (
        _add(client, c, "message", {"audience": "Акимат", "text": "Закон требует пандусов"}).status_code
        == 302
    )
    assert (
        _add(
            client,
            c,
            "action",
            {
                "title": "Встреча с акимом",
                "kind": "meeting",
                "owner": lead.pk,
                "starts_on": "2026-03-10",
                "status": "done",
            },
        ).status_code
        == 302
    )
    assert stages.stages(c)[2].complete and stages.stages(c)[3].complete
    methods = client.get(_stage(c, "methods"), **EN).content.decode()
    for link in (
        reverse("campaigns:petition_new") + f"?campaign={c.pk}",
        reverse("campaigns:appeals") + f"?campaign={c.pk}",
        reverse("campaigns:appeal_new", args=[c.pk]),
    ):  # the methods page leads to the petitions and appeals that carry them out
        assert f'href="{link}"' in methods, link

    assert (
        _add(
            client,
            c,
            "risk",
            {
                "threat": "Давление на активистов",
                "exposed": "активисты",
                "likelihood": 4,
                "impact": 5,
                "status": "open",
            },
        ).status_code
        == 302
    )
    page = client.get(_stage(c, "risks"), **EN).content.decode()
    assert "High risk" in page and "A high risk without a mitigation." in page and 'id="risk-map"' in page
    assert "Two-factor authentication" in page and "Off" in page
    client.post(reverse("campaigns:security_check", args=[c.pk]), {"code": "two_factor", "done": "1"})
    assert SecurityCheck.objects.get(campaign=c, code="two_factor").checked_by == lead

    assert (
        _add(
            client,
            c,
            "indicator",
            {"name": "Поликлиники с пандусом", "unit": "шт.", "baseline": "2", "target": "1 234,50"},
        ).status_code
        == 302
    )
    indicator = c.indicators.get()
    assert str(indicator.target) == "1234.50"
    url = reverse("campaigns:value_add", args=[c.pk, indicator.pk])
    assert client.post(url, {"value-measured_on": "2026-04-01", "value-value": "3"}).status_code == 302
    again = client.post(url, {"value-measured_on": "2026-04-01", "value-value": "4"}, **EN)
    assert again.status_code == 400 and "already has a value on 01.04.2026" in again.content.decode()
    page = client.get(_stage(c, "evaluation"), **EN).content.decode()
    assert f'id="indicator-{indicator.pk}"' in page and "<polyline" in page

    pdf = client.get(reverse("campaigns:plan_pdf", args=[c.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    # The calendar: no feed until the team asks; then its token only, without a session.
    assert client.post(reverse("campaigns:feed_token", args=[c.pk])).status_code == 302
    c.refresh_from_db()
    client.logout()
    feed = client.get(reverse("campaigns:feed", args=[c.pk, c.feed_token]))
    assert (
        feed.status_code == 200
        and b"SUMMARY:\xd0\x92\xd1\x81\xd1\x82" in feed.content
        and b"BEGIN:VEVENT" in feed.content
    )
    assert client.get(reverse("campaigns:feed", args=[c.pk, "wrong" + c.feed_token])).status_code == 404
    assert client.get(c.get_absolute_url()).status_code == 403


def test_refusals_keep_what_was_typed(client):
    lead, _org = ngo_admin()
    c = make_campaign(by=lead)
    client.force_login(lead)
    response = _add(
        client,
        c,
        "method",
        {
            "kind": "letter",
            "description": "Письмо депутату",
            "starts_on": "2026-05-02",
            "ends_on": "2026-05-01",
        },
        RU,
    )
    page = response.content.decode()
    assert (
        response.status_code == 400
        and "Письмо депутату" in page
        and "раньше" in page.lower()
        or "before" in page
    )
    response = _add(
        client,
        c,
        "stakeholder",
        {"kind": "official", "name": "", "position": 0, "influence": 3, "interest": 3, "notes": "Без имени"},
    )
    assert response.status_code == 400 and "Без имени" in response.content.decode()
    assert not c.stakeholders.exists() and not c.methods.exists()
    response = _add(client, c, "indicator", {"name": "Доля", "baseline": "abc", "target": "5"}, EN)
    assert response.status_code == 400 and "Enter a number" in response.content.decode()


def test_the_team_and_the_coalition(client, django_capture_on_commit_callbacks):
    lead, organisation = ngo_admin()
    c = make_campaign(by=lead, rules="Решения принимаются вместе.")
    colleague = MembershipFactory(
        organisation=organisation, status="active", user=UserFactory(email="col@example.kz")
    ).user
    partner_admin, partner_org = ngo_admin(email="partner@example.kz")
    stranger = UserFactory(email="stranger@example.kz")
    client.force_login(lead)
    team_url = reverse("campaigns:team", args=[c.pk])
    refused = client.post(team_url, {"team-email": "stranger@example.kz", "team-role": "member"}, **EN)
    assert refused.status_code == 400 and "not an active member" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            client.post(team_url, {"team-email": "col@example.kz", "team-role": "member"}).status_code == 302
        )
        assert c.team.filter(user=colleague).exists()

        response = client.post(
            reverse("campaigns:partners", args=[c.pk]),
            {
                "partner-organisation": partner_org.bin,
                "partner-role": "partner",
                "partner-shared_parts": ["needs", "plan"],
            },
        )
        assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["col@example.kz", "partner@example.kz"]
    assert c.get_absolute_url() in mail.outbox[1].body
    partner = Partner.objects.get(campaign=c)
    assert partner.status == "invited" and partner.shared_parts == ["needs", "plan"]
    edit = reverse("campaigns:partner_edit", args=[c.pk, partner.pk])
    refused = client.post(
        edit, {f"p{partner.pk}-role": "nonsense", f"p{partner.pk}-responsibilities": "Юристы"}
    )
    assert refused.status_code == 400 and "Юристы" in refused.content.decode()
    client.post(edit, {f"p{partner.pk}-role": "co_lead", f"p{partner.pk}-shared_parts": ["needs", "problem"]})
    partner.refresh_from_db()
    assert partner.role == "co_lead" and partner.shared_parts == ["needs", "problem"]
    services.need_add(campaign=c, by=lead, text="Нужда")
    services.risk_add(
        campaign=c, by=lead, threat="Секретная угроза", exposed="юристы", likelihood=2, impact=2
    )

    client.force_login(partner_admin)
    page = client.get(c.get_absolute_url(), **EN).content.decode()  # invited: the invitation and the rules
    assert "Решения принимаются вместе." in page and "Accept the invitation" in page
    assert client.get(_stage(c, "needs")).status_code == 403  # nothing shared before accepting
    answer = reverse("campaigns:partner_answer", args=[c.pk, partner.pk])
    client.post(answer, {"answer": "accept"})
    partner.refresh_from_db()
    assert partner.status == "invited"  # the rules must be agreed
    client.post(answer, {"answer": "accept", "rules_agreed": "on"})
    partner.refresh_from_db()
    assert partner.status == "accepted" and partner.rules_agreed_at and partner.answered_by == partner_admin
    assert "Нужда" in client.get(_stage(c, "needs")).content.decode()
    assert client.get(_stage(c, "risks")).status_code == 403
    assert client.get(_stage(c, "stakeholders")).status_code == 403
    assert client.get(reverse("campaigns:team", args=[c.pk])).status_code == 403
    assert client.get(reverse("campaigns:plan_pdf", args=[c.pk])).status_code == 403
    assert (
        client.post(
            reverse("campaigns:item_add", args=[c.pk, "need"]), {"text": "x", "priority": 1}
        ).status_code
        == 403
    )

    # The partner's member may now join the team.
    client.force_login(lead)
    assert (
        client.post(team_url, {"team-email": "partner@example.kz", "team-role": "member"}).status_code == 302
    )
    client.force_login(stranger)
    assert client.get(c.get_absolute_url()).status_code == 403


def test_a_public_campaign_shows_the_chosen_parts_only(client):
    lead, _org = ngo_admin()
    c = make_campaign(
        by=lead,
        title="Открытая кампания",
        visibility="public",
        public_parts=["problem", "needs", "petitions"],
    )
    services.need_add(campaign=c, by=lead, text="Видимая нужда")
    services.risk_add(campaign=c, by=lead, threat="Скрытая угроза", exposed="НКО", likelihood=5, impact=5)
    petition(by=lead, campaign=c, title="Открытая петиция")
    petition(by=lead, campaign=c, title="Черновик петиции", status="draft")
    page = client.get(c.get_absolute_url()).content.decode()
    assert "Открытая петиция" in page and "Черновик петиции" not in page
    listing = client.get(reverse("campaigns:list"), **EN).content.decode()
    assert "Открытая кампания" in listing
    assert "Видимая нужда" in client.get(_stage(c, "needs")).content.decode()
    assert client.get(_stage(c, "risks")).status_code == 403
    assert client.get(_stage(c, "plan")).status_code == 403
    assert client.get(reverse("campaigns:plan_pdf", args=[c.pk])).status_code == 302  # to sign in


@pytest.fixture
def in_english():
    """The services' messages are matched in English."""
    with translation.override("en"):
        yield


def test_the_last_coordinator_stays_and_closing_locks_the_campaign(in_english):
    lead, _org = ngo_admin()
    c = make_campaign(by=lead)
    member = c.team.get()
    with pytest.raises(Exception, match="coordinator"):
        services.team_remove(member=member, by=lead)
    services.campaign_close(campaign=c, by=lead)
    with pytest.raises(Exception, match="closed"):
        services.need_add(campaign=c, by=lead, text="Поздно")
    services.campaign_reopen(campaign=c, by=lead)
    services.stage_complete(campaign=c, by=lead)
    assert Campaign.objects.get(pk=c.pk).stage == "stakeholders"
    risk = services.risk_add(campaign=c, by=lead, threat="t", exposed="e", likelihood=3, impact=5)
    assert risk.is_high and risk.score == Risk.HIGH


def test_a_problem_page_offers_a_campaign_and_the_form_takes_the_problem(client):
    from azamat.problems.tests.factories import registered, working_group_member

    lead, organisation = ngo_admin()
    problem = registered(by=lead, group=working_group_member(), title="Задержка траншей")
    client.force_login(lead)
    page = client.get(problem.get_absolute_url(), **EN).content.decode()
    assert reverse("campaigns:new") + f"?problem={problem.number}" in page
    form = client.get(reverse("campaigns:new") + f"?problem={problem.number}", **EN).content.decode()
    assert problem.number in form and "Задержка траншей" in form
    other, _other_org = ngo_admin()
    invited = make_campaign(by=other, title="Кампания соседей")
    services.partner_invite(campaign=invited, by=other, organisation=organisation)
    services.action_add(
        campaign=make_campaign(by=lead),
        by=lead,
        title="Встреча в акимате",
        starts_on=datetime.date(2026, 6, 1),
    )
    workspace = client.get(reverse("accounts:dashboard"), **EN).content.decode()
    assert "Invitation: Кампания соседей" in workspace and "Встреча в акимате" in workspace


def test_the_ical_lines_are_escaped_and_folded():
    from azamat.campaigns import ical

    lead, _org = ngo_admin()
    c = make_campaign(by=lead, title="Кампания; с запятой, и т.д.")
    services.action_add(campaign=c, by=lead, title="Очень " * 30, starts_on=datetime.date(2026, 5, 1))
    text = ical.feed(c)
    assert "X-WR-CALNAME:Кампания\\; с запятой\\, и т.д." in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_a_problem_still_reviewed_is_neither_shown_nor_linked_to_another_organisations_campaign(client):
    from azamat.problems.tests.factories import proposed

    author, _author_org = ngo_admin()
    problem = proposed(by=author, title="Проверка из налоговой", description="Подробности о проверке")
    lead, organisation = ngo_admin()
    client.force_login(lead)
    form = client.get(reverse("campaigns:new") + f"?problem={problem.number.lower()}", **EN)
    assert form.status_code == 200
    page = form.content.decode()
    assert "Проверка из налоговой" not in page and "Подробности о проверке" not in page
    response = client.post(
        reverse("campaigns:new"),
        {
            "organisation": organisation.pk,
            "title": "Кампания",
            "problem_statement": "Текст",
            "problem_number": problem.number,
            "visibility": "public",
        },
        **EN,
    )
    assert response.status_code == 400
    assert f"No problem with the number {problem.number}." in response.content.decode()
    assert not Campaign.objects.filter(title="Кампания").exists()
    c = make_campaign(by=lead)
    edit = client.post(
        reverse("campaigns:edit", args=[c.pk]),
        {
            "title": c.title,
            "problem_statement": "Текст",
            "problem_number": problem.number,
            "visibility": "public",
        },
        **EN,
    )
    assert edit.status_code == 400 and Campaign.objects.get(pk=c.pk).problem_id is None
    # The author's own organisation may link its proposal.
    client.force_login(author)
    mine = client.get(reverse("campaigns:new") + f"?problem={problem.number}", **EN).content.decode()
    assert "Проверка из налоговой" in mine


def test_an_indicator_value_measured_in_the_future_is_refused_with_what_was_typed(client):
    lead, _org = ngo_admin()
    c = make_campaign(by=lead)
    indicator = services.indicator_add(campaign=c, by=lead, name="Пандусы", baseline=1, target=5)
    client.force_login(lead)
    url = reverse("campaigns:value_add", args=[c.pk, indicator.pk])
    tomorrow = timezone.localdate() + datetime.timedelta(days=2)
    refused = client.post(url, {"value-measured_on": tomorrow.isoformat(), "value-value": "1 234,50"}, **EN)
    assert refused.status_code == 400 and not indicator.values.exists()
    page = refused.content.decode()
    assert "A value cannot be measured in the future" in page and "1 234,50" in page


def test_the_workspace_says_where_each_open_action_of_the_plan_stands_today(client):
    """ngo@ read 'Next in the action plan: 17.06.2026, In progress' in December for a court action begun in June."""
    from azamat.campaigns.models import Action

    lead, _ = ngo_admin(email="plan@example.kz")
    c = make_campaign(by=lead, status=Campaign.Status.ACTIVE, title="Двор вместо парковки")
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    for title, starts_on, ends_on, status in (
        ("Иск об отмене разрешения", today - 170 * day, None, Action.Status.IN_PROGRESS),
        ("Сбор подписей", today - 20 * day, today - 5 * day, Action.Status.IN_PROGRESS),
        ("Встреча с акимом", today - 3 * day, None, Action.Status.PLANNED),
        ("Пикет у акимата", today + 10 * day, None, Action.Status.PLANNED),
        ("Отчёт партнёрам", today - 30 * day, None, Action.Status.DONE),
    ):
        Action.objects.create(campaign=c, title=title, starts_on=starts_on, ends_on=ends_on, status=status)
    client.force_login(lead)
    page = client.get(reverse("accounts:dashboard"), **RU).content.decode()

    def short(day):
        with translation.override("ru"):
            return formats.date_format(day, "SHORT_DATE_FORMAT")

    assert f"Ведётся с {short(today - 170 * day)}." in page
    assert f"должно было завершиться {short(today - 5 * day)}" in page
    assert f"Должно было начаться {short(today - 3 * day)}" in page
    assert f"Следующее в плане действий: начало {short(today + 10 * day)}." in page
    assert "Отчёт партнёрам" not in page and "В работе" not in page


def test_an_indicator_charts_lines_are_named_whole_on_a_phone_with_their_values_as_the_page_writes_them():
    """The baseline's and the target's names were right-aligned left of the plot, in 48 units: on a phone
    "Базовое значение" read "значение". Each name now fits inside the picture, with its value."""
    import re
    from decimal import Decimal

    from azamat.campaigns.charts import indicator_chart
    from azamat.campaigns.models import Indicator, IndicatorValue

    c = make_campaign()
    indicator = Indicator.objects.create(
        campaign=c, name="Площадь двора", unit="м²", baseline=Decimal("1234.50"), target=Decimal("12500")
    )
    value = IndicatorValue.objects.create(
        indicator=indicator, measured_on=datetime.date(2024, 3, 5), value=Decimal("1300.75")
    )
    with translation.override("ru"):
        svg = str(indicator_chart(indicator, [value]))
        names = (translation.gettext("Baseline"), translation.gettext("Target"))
    texts = re.findall(
        r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="end" font-size="(\d+)"[^>]*>([^<]+)</text>', svg
    )
    assert [t[3].replace("\xa0", " ") for t in texts] == [f"{names[0]}: 1 234,50", f"{names[1]}: 12 500"]
    for x, _y, size, text in texts:
        # An end-anchored text starts about 0.6 em per character left of its x: it must start inside the picture.
        assert float(x) - 0.6 * int(size) * len(text) >= 0, text
    assert "<title>05.03.2024: 1 300,75</title>" in svg.replace("\xa0", " ")


def test_an_item_sent_twice_by_a_double_tap_is_added_once(client):
    from azamat.campaigns.models import Indicator, Need

    lead, _organisation = ngo_admin()
    c = make_campaign(by=lead)
    client.force_login(lead)
    data = {"name": "Площадь двора", "unit": "м²", "baseline": "1 234,50", "target": "12 500"}
    assert _add(client, c, "indicator", data, lang=RU).status_code == 302
    assert _add(client, c, "indicator", data, lang=RU).status_code == 302
    assert Indicator.objects.filter(campaign=c).count() == 1
    need = {"text": "Войти в поликлинику", "priority": 1, "source": "", "evidence": ""}
    _add(client, c, "need", need)
    _add(client, c, "need", need)
    _add(client, c, "need", {**need, "text": "Войти в поликлинику без помощи"})  # another need: added
    assert list(Need.objects.filter(campaign=c).values_list("text", flat=True)) == [
        "Войти в поликлинику",
        "Войти в поликлинику без помощи",
    ]


def test_deleting_an_indicator_or_a_value_asks_first_on_the_page(client):
    """A tap on "Delete" beside an indicator took it with all its values at once. The button now opens the
    question in place (a <details>: no JavaScript), saying what goes with it; only its own button deletes."""
    import re
    from decimal import Decimal

    from azamat.campaigns.models import Indicator, IndicatorValue

    lead, _organisation = ngo_admin()
    c = make_campaign(by=lead)
    indicator = Indicator.objects.create(campaign=c, name="Пандусы", baseline=0, target=5)
    for day, value in ((1, "1"), (2, "3")):
        IndicatorValue.objects.create(
            indicator=indicator, measured_on=datetime.date(2024, 3, day), value=Decimal(value)
        )
    client.force_login(lead)
    page = client.get(_stage(c, "evaluation"), **EN).content.decode()
    deletions = re.findall(r'<form method="post" action="(/campaigns/\d+/[^"]*delete/)"', page)
    assert len(deletions) == 3  # the indicator and its two values
    for action in deletions:
        asked = re.search(
            r"<details><summary>Delete<span[^>]*>[^<]*</span></summary>\s*"
            rf'<form method="post" action="{re.escape(action)}">',
            page,
        )
        assert asked, action
    assert "Its 2 measured values are deleted with it. A deleted item cannot be brought back." in page


def test_a_campaigns_problem_is_found_by_its_number_as_people_type_it(client):
    from azamat.problems.tests.factories import registered, working_group_member

    lead, organisation = ngo_admin()
    problem = registered(by=lead, group=working_group_member(), title="Задержка траншей")
    client.force_login(lead)
    response = client.post(
        reverse("campaigns:new"),
        {
            "organisation": organisation.pk,
            "title": "Транши вовремя",
            "problem_statement": "Транши задерживают.",
            "problem_number": f"pr {problem.pk}",
            "visibility": "private",
        },
        **EN,
    )
    assert response.status_code == 302
    assert Campaign.objects.get(title="Транши вовремя").problem == problem


def test_a_bin_typed_in_groups_finds_the_partner_and_the_stakeholder(client):
    """A BIN is written on a certificate as "1408 4000 0026": typed so, it found no organisation."""
    lead, _organisation = ngo_admin()
    _other, partner_org = ngo_admin()
    c = make_campaign(by=lead)
    client.force_login(lead)
    grouped = f"{partner_org.bin[:4]} {partner_org.bin[4:8]} {partner_org.bin[8:]}"
    response = client.post(
        reverse("campaigns:partners", args=[c.pk]),
        {"partner-organisation": grouped, "partner-role": "partner"},
        **EN,
    )
    assert response.status_code == 302
    assert Partner.objects.get(campaign=c).organisation == partner_org
    response = _add(
        client,
        c,
        "stakeholder",
        {"kind": "organisation", "organisation_query": grouped, "position": 1, "influence": 3, "interest": 3},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Stakeholder.objects.get(campaign=c).organisation == partner_org


def test_the_risk_maps_table_is_shown_only_with_risks_on_it(client):
    """With no risk assessed, the phone showed a table of four cut headings and no row under the empty map."""
    lead, _organisation = ngo_admin()
    c = make_campaign(by=lead)
    client.force_login(lead)
    assert "Risks on the map" not in client.get(_stage(c, "risks"), **EN).content.decode()
    services.risk_add(
        campaign=c, by=lead, threat="Давление на активистов", exposed="Команда", likelihood=3, impact=4
    )
    assert "Risks on the map" in client.get(_stage(c, "risks"), **EN).content.decode()
