"""{% share_tags title=… description=… %}: what a link to the page shows when it is pasted into WhatsApp, Telegram or
Facebook (Open Graph and Twitter card tags), written into base.html's `share` block.

Only pages whose record everyone may read fill the block (a published petition, a published call, …): a draft's or a
hidden record's page writes none, so nothing private reaches a messenger's preview. Nothing here depends on the
reader: a public page's text is the same for everyone and is cached as such (core/public_cache.py). The address is
the page's own path on SITE_URL without its query (a report's `?t=` link token never leaves), the description the
record's own summary cut at a word, the locale the page's language, the image the site's card drawn by
scripts/make_share_card.py.
"""

import re

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}
SUMMARY_LENGTH = 200
CARD = "img/share-card.png"
CARD_SIZE = (1200, 630)
_SPACES = re.compile(r"\s+")


def summary(text, limit: int = SUMMARY_LENGTH) -> str:
    """`text` on one line, cut at the last whole word within `limit` characters with "…" (a word longer than the
    limit is cut where it reaches it), without a dangling comma or dash before the ellipsis."""
    flat = _SPACES.sub(" ", str(text or "")).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if flat[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@register.simple_tag(takes_context=True)
def share_tags(context, *, title, description="", kind="article"):
    request = context["request"]
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    locale = LOCALES.get(language, LOCALES["kk"])
    text = summary(description) or _("Azamat: the open platform of Kazakhstan’s civil society.")
    title = summary(title, 120)
    image = static(CARD)
    if not image.startswith(("http://", "https://")):
        image = absolute(image)
    properties = [
        ("og:site_name", "Azamat"),
        ("og:type", kind),
        ("og:title", title),
        ("og:description", text),
        ("og:url", absolute(request.path)),
        ("og:locale", locale),
        *(("og:locale:alternate", other) for other in LOCALES.values() if other != locale),
        ("og:image", image),
        ("og:image:type", "image/png"),
        ("og:image:width", str(CARD_SIZE[0])),
        ("og:image:height", str(CARD_SIZE[1])),
        ("og:image:alt", "Azamat"),
    ]
    names = [
        ("twitter:card", "summary_large_image"),
        ("twitter:title", title),
        ("twitter:description", text),
        ("twitter:image", image),
    ]
    return format_html(
        "{}\n{}\n",
        format_html_join("\n", '<meta property="{}" content="{}">', properties),
        format_html_join("\n", '<meta name="{}" content="{}">', names),
    )
