"""One person, one signature: an email address reduced to the mailbox it delivers to, so that the variants a
provider delivers to the same mailbox give the same key (`Signature.email_key` is a keyed digest of this).

What we chose, provider by provider (only rules the provider documents; when unsure we keep the address as it is,
because merging two different people's addresses would silently refuse a real signature):

- Every address: surrounding spaces removed, the whole address lower-cased (no provider we know of, nor any
  mainstream server, treats the local part case-sensitively in practice), the domain's trailing dot removed and the
  domain written in IDNA (xn--) form.
- gmail.com and googlemail.com (one mailbox under both names): dots in the local part are ignored and everything
  from "+" on is a tag, so both are removed and the domain becomes gmail.com.
- Yandex (yandex.ru, yandex.kz, yandex.by, yandex.ua, yandex.com, ya.ru, narod.ru): one account answers at every
  Yandex domain; "+tag" is a tag; a dot and a hyphen in a login are the same character (a login "ivan.petrov"
  receives mail for "ivan-petrov"), so the tag is removed, dots become hyphens and the domain becomes yandex.ru.
- Outlook (outlook.com, hotmail.com, live.com, msn.com) and iCloud (icloud.com, me.com, mac.com): "+tag" is a
  tag, removed; dots are significant; domains stay apart (each is a separate namespace of accounts), except
  iCloud's me.com and mac.com, which are aliases of the same icloud.com account.
- Mail.ru (mail.ru, bk.ru, list.ru, inbox.ru, internet.ru) and every other domain: unchanged, because Mail.ru
  does not document plus-addressing (it offers separate "anonymous" aliases instead), and "+" and "." may be part
  of a real mailbox's name elsewhere.
"""

from azamat.core.sealed import keyed_digest

GMAIL = frozenset({"gmail.com", "googlemail.com"})
YANDEX = frozenset({"yandex.ru", "yandex.kz", "yandex.by", "yandex.ua", "yandex.com", "ya.ru", "narod.ru"})
PLUS_TAGS = frozenset(
    {"outlook.com", "hotmail.com", "live.com", "msn.com", "icloud.com", "me.com", "mac.com"}
)
ICLOUD = frozenset({"icloud.com", "me.com", "mac.com"})
# Large free providers: many honest signers share them, so the per-domain rate limit does not apply to them.
FREE_PROVIDERS = (
    GMAIL | YANDEX | PLUS_TAGS | frozenset({"mail.ru", "bk.ru", "list.ru", "inbox.ru", "internet.ru"})
)


def _domain(domain: str) -> str:
    domain = domain.strip().rstrip(".").lower()
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def split(email: str) -> tuple[str, str]:
    """(local part, domain) of an address, lower-cased; the domain in IDNA form."""
    local, _at, domain = (email or "").strip().rpartition("@")
    return local.lower(), _domain(domain)


def email_domain(email: str) -> str:
    """The canonical domain of an address (what moderators select by): gmail.com for googlemail.com too."""
    return canonical_email(email).rpartition("@")[2]


def canonical_email(email: str) -> str:
    local, domain = split(email)
    if domain in GMAIL:
        return local.split("+", 1)[0].replace(".", "") + "@gmail.com"
    if domain in YANDEX:
        return local.split("+", 1)[0].replace(".", "-") + "@yandex.ru"
    if domain in PLUS_TAGS:
        local = local.split("+", 1)[0]
        return local + "@" + ("icloud.com" if domain in ICLOUD else domain)
    return f"{local}@{domain}"


EMAIL_PURPOSE = "petition-email"


def email_key(email: str) -> str:
    """The keyed digest of the canonical email (`Signature.email_key`): equal for every variant of one mailbox,
    and not reversible. Here, not in the services, because the selectors find a person's own signatures by it."""
    return keyed_digest(EMAIL_PURPOSE, canonical_email(email))
