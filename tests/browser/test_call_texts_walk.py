"""A call described in one language, on a phone: the operator writes the call in Kazakh only, with its page in
Kazakh; a Russian-reading NGO member opens it and reads the Kazakh text marked as Kazakh, then starts an
application, goes Back and sends the form again: one draft."""

import re

import pytest
from playwright.sync_api import expect

from azamat.grants.models import Application, Call

from . import grants_support as data
from .support import sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
KK = "Ауыл жастарының бастамаларын қолдайтын жобалар."


def test_a_call_written_in_kazakh_only_reads_marked_as_kazakh_and_is_applied_to_once(make_page, bob, ngo):
    operator = data.make_operator()
    page = make_page(locale="kk-KZ", viewport=PHONE)
    sign_in(page, operator.email)
    page.goto("/grants/")
    page.locator("main a[href='/grants/calls/new/']").click()
    page.locator("#id_code").fill("jastar-2026")
    page.locator("#id_title_kk").fill("Жастар бастамалары 2026")
    page.locator("#id_title_ru").fill("Молодёжные инициативы 2026")
    page.locator("#id_description_kk").fill(KK)
    page.locator("#id_grant_type").select_option(label="Қысқа мерзімді мемлекеттік грант")
    page.locator("#id_customer").select_option(index=1)
    page.locator("#id_opens_on").fill("2026-01-05")
    page.locator("#id_closes_on").fill("2036-01-05")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/grants/calls/jastar-2026/$"))
    expect(page.locator("main p.lead[lang=kk]")).to_have_text(KK)
    # Back to the form, sent again: the same call, not a refusal and not a second one.
    page.go_back()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/grants/calls/jastar-2026/$"))
    assert Call.objects.count() == 1
    call = Call.objects.get()
    data.direction(call, "Rural youth", title_kk="Ауыл жастары", title_ru="Сельская молодёжь")
    Call.objects.filter(pk=call.pk).update(published=True)

    reader = make_page(locale="ru-RU", viewport=PHONE)
    sign_in(reader, bob.email)
    reader.goto(call.get_absolute_url())
    expect(reader.locator("main .lang-label")).to_contain_text("Казахский")
    expect(reader.locator("main p.lead")).to_have_attribute("lang", "kk")
    expect(reader.locator("main p.lead")).to_have_text(KK)
    assert reader.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    reader.goto(f"{call.get_absolute_url()}apply/")
    reader.locator("#id_title").fill("Школа молодого лидера")
    reader.locator("main form button[type=submit]").click()
    reader.wait_for_url(re.compile(r"/grants/applications/\d+/$"))
    first = reader.url
    reader.go_back()
    reader.locator("main form button[type=submit]").click()
    reader.wait_for_url(re.compile(r"/grants/applications/\d+/$"))
    assert reader.url == first
    assert Application.objects.filter(call=call).count() == 1
