"""Sentences about an organisation or a body read right in Russian whatever its name. A Russian past-tense verb
agrees with its subject's gender, and a name starts with its legal form or kind («Частное учреждение …»,
«Общественный фонд …», «Министерство …», «Акимат …»): «Частное учреждение … приглашена в коалицию» read wrong.
So no Russian sentence puts a gendered verb right after such a name: the name stands after a colon, in brackets
after a noun of its own gender («адресат»), or with a verb that has no gender."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from azamat.campaigns import services
from azamat.testing.campaigns_factories import campaign as make_campaign
from azamat.testing.campaigns_factories import ngo_admin

pytestmark = pytest.mark.django_db
RU = {"HTTP_ACCEPT_LANGUAGE": "ru"}
NEUTER = "Частное учреждение «Наблюдение»"
# Past forms that would agree with «организация» or «орган», not with a name in front of them.
GENDERED = ("приглашена", "вышла", "отметила", "ответил на", "продлил", "перенаправил", "не ответил")
SENTENCES = {
    "%(organisation)s has already been invited.": {},
    "%(organisation)s is invited to the coalition": {},
    "%(organisation)s is invited.": {},
    "%(organisation)s has left the coalition.": {},
    "%(organisation)s has already said this problem affects it.": {},
    "%(body)s answered your dispute of item %(number)s: %(response)s. %(text)s": {"response": "", "text": ""},
    '%(body)s answered item %(number)s "%(title)s": %(outcome)s.': {"title": "", "outcome": ""},
    "%(body)s extended the deadline of item %(number)s to %(date)s. Reason: %(reason)s": {
        "date": "",
        "reason": "",
    },
    '%(body)s forwarded item %(number)s "%(title)s" to %(other)s, where it is item %(new)s.': {
        "title": "",
        "other": "",
        "new": "",
    },
    '%(body)s has not answered item %(number)s "%(title)s", due on %(date)s.': {"title": "", "date": ""},
    'Hello, %(name)s.\n\n%(body)s answered the petition "%(title)s": %(outcome)s.': {
        "name": "",
        "title": "",
        "outcome": "",
    },
}


@pytest.mark.parametrize("msgid", SENTENCES)
def test_no_gendered_verb_follows_a_name(msgid):
    values = {"organisation": NEUTER, "body": "Министерство просвещения", "number": "1", **SENTENCES[msgid]}
    with translation.override("ru"):
        translated = gettext(msgid)
    assert translated != msgid  # translated, or the test would read the English
    text = translated % values
    for name in (NEUTER, "Министерство просвещения"):
        following = text.split(name, 1)[1] if name in text else ""
        assert not following.lstrip().startswith(GENDERED), text


def test_the_coalitions_page_names_an_invited_organisation_without_a_gendered_verb(client):
    lead, _organisation = ngo_admin(email="lead@example.kz")
    c = make_campaign(by=lead, rules="Решения принимаются вместе.")
    partner_admin, partner_org = ngo_admin(email="partner@example.kz")
    partner_org.name_ru = NEUTER
    partner_org.save()
    services.partner_invite(
        campaign=c, by=c.created_by, organisation=partner_org, role="partner", shared_parts=["needs"]
    )
    client.force_login(partner_admin)
    page = client.get(c.get_absolute_url(), **RU).content.decode()
    assert f"Приглашение в коалицию: {NEUTER}" in page
    assert "приглашена в коалицию" not in page
