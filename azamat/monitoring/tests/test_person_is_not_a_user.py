"""A person in a monitoring record (a victim, a witness, a perpetrator) is not a user of Azamat: the records, the
admin and the log of reads name them by a word of their own, never the accounts' «пользователь»."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import pgettext

from azamat.monitoring.models import Candidate, Detention, Involvement, Person
from azamat.testing import monitoring_factories as mf

pytestmark = pytest.mark.django_db
CONTEXT = "a person in a monitoring record"


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_person_of_a_record_and_the_fields_pointing_to_them_share_one_word(language):
    names = [
        Person._meta.verbose_name,
        Detention._meta.get_field("person").verbose_name,
        Candidate._meta.get_field("person").verbose_name,
        Involvement._meta.get_field("perpetrator").verbose_name,
    ]
    with translation.override(language):
        word = pgettext(CONTEXT, "person")
        assert [str(name) for name in names] == [word] * 4
        assert "пользовател" not in word and "қолданушы" not in word and "пайдаланушы" not in word


def test_the_log_of_reads_names_a_persons_record_apart_from_who_read_it(client, ngo, alice):
    monitor = mf.team(ngo)["monitor"]
    mf.two_factor(alice)  # the organisation's administrator
    victim = mf.person(ngo, "Сандуғаш Кенжебаева", by=monitor)
    client.force_login(monitor)
    assert client.get(reverse("monitoring:person", kwargs={"pk": victim.pk})).status_code == 200
    client.force_login(alice)
    page = client.get(reverse("monitoring:reads", kwargs={"org": ngo.pk}), HTTP_ACCEPT_LANGUAGE="ru")
    assert [row["type"] for row in page.context["rows"]][:1] == [capfirst(_ru(CONTEXT, "person"))]
    option = re.search(r'<option value="person"[^>]*>([^<]*)</option>', page.content.decode()).group(1)
    assert option == capfirst(_ru(CONTEXT, "person")) and option != "Пользователь"


def _ru(context: str, message: str) -> str:
    with translation.override("ru"):
        return pgettext(context, message)
