"""The query-count cases of petitions: the public list (listed petitions to different bodies and regions), a
petition's page (signatures from more regions, more public signers) and the API list, registered into
`PAGE_CASES` and `API_CASES` on import. `LIST_PAGES` and `NOT_LISTS` declare the module's pages."""

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.queries.support import SERIALS, api_case, other_region, page_case

FORM_OR_ACTION = "a form or an action: it shows no list of records"


def petitions_of(k: int) -> list:
    """k open, listed petitions, each to its own region, counted."""
    from azamat.campaigns.models import Petition
    from azamat.core.public_cache import topics_bump
    from azamat.testing import campaigns_factories as cf

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        petition = cf.petition(title=f"Петиция номер {serial}", region=other_region(serial))
        Petition.objects.filter(pk=petition.pk).update(listed_at=timezone.now(), signature_count=serial)
        rows.append(petition)
    topics_bump("petitions")
    return rows


def _page_petition(ctx):
    if "petition_for_page" not in ctx:
        ctx["petition_for_page"] = petitions_of(1)[0]
    return ctx["petition_for_page"]


@page_case("petitions", persona=None, url=lambda ctx: reverse("campaigns:petitions"))
def _petitions(k, ctx):
    return [petition.title for petition in petitions_of(k)]


@page_case(
    "petitions found",
    persona=None,
    # A search (by a word's other form) with the addressee filter: never cached, its queries counted.
    url=lambda ctx: reverse("campaigns:petitions") + "?q=петиции&body=mci-civil-society",
)
def _petitions_found(k, ctx):
    return [petition.title for petition in petitions_of(k)]


@page_case("petitions she signed", persona="alice", url=lambda ctx: reverse("campaigns:petitions"))
def _petitions_signed(k, ctx):
    """A signed-in person's list: k more petitions signed with her verified address ("Petitions you signed")."""
    from azamat.campaigns.canonical import email_key
    from azamat.campaigns.models import Signature

    email = ctx["alice"].email
    rows = []
    for petition in petitions_of(k):
        Signature.objects.create(
            petition=petition,
            name="Алиса",
            email=email,
            email_key=email_key(email),
            confirmed_at=timezone.now(),
        )
        rows.append(petition.title)
    return rows


@page_case(
    "a petition's page",
    persona=None,
    url=lambda ctx: reverse("campaigns:petition", args=[_page_petition(ctx).pk]),
)
def _petition_page(k, ctx):
    """Confirmed signatures from k more regions, each signer showing their name."""
    from azamat.campaigns.counting import count_signatures
    from azamat.campaigns.models import Signature
    from azamat.core.public_cache import topics_bump

    petition = _page_petition(ctx)
    confirmed = timezone.now() - datetime.timedelta(minutes=1)
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        Signature.objects.create(
            petition=petition,
            name=f"Подписант {serial}",
            email=f"signer{serial}@example.kz",
            email_key=f"queries-{serial}",
            region=other_region(serial),
            show_name=True,
            confirmed_at=confirmed,
        )
        rows.append(f"Подписант {serial}")
    count_signatures()
    topics_bump(f"petition:{petition.pk}")
    return rows


@api_case("petition")
def _api_petitions(k):
    return [(petition, petition.title) for petition in petitions_of(k)]


LIST_PAGES = {
    "campaigns:petitions": ("petitions", "petitions found", "petitions she signed"),
    "campaigns:petition": "a petition's page",
}
NOT_LISTS = {
    "campaigns:petition_new": FORM_OR_ACTION,
    "campaigns:petition_edit": FORM_OR_ACTION,
    "campaigns:petition_submit": FORM_OR_ACTION,
    "campaigns:petition_sign": FORM_OR_ACTION,
    "campaigns:petition_signed": "a message: it shows no list of records",
    "campaigns:signature_confirm": "a message with the signer's number (one indexed count)",
    "campaigns:signature_resend": FORM_OR_ACTION,
    "campaigns:petition_publish": FORM_OR_ACTION,
    "campaigns:petition_reject": FORM_OR_ACTION,
    "campaigns:petition_invalidate": FORM_OR_ACTION,
    "campaigns:petition_close": FORM_OR_ACTION,
    "campaigns:petition_export": "a file download (CSV, XLSX, PDF), streamed from one query",
    "campaigns:petition_counter": "a small JSON of one petition's counts",
    "campaigns:petition_moderate": "the queue of petitions awaiting moderation: one query with their bodies",
}
