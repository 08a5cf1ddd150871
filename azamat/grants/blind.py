"""Blind review: the applicant's identity blacked out of what experts read, whole words and their forms.

Kazakh adds suffixes to a word (Жарқын → Жарқынның, Жарқынға, Жарқынды; Бірлік → Бірлікті, Бірлігі) and
Russian changes its ending (Надежда → Надежды, Надеждой). A token is hidden when it is a name word, or the
word's stem followed only by inflection endings; the WHOLE token goes, so no ending is left to guess from,
and a word that merely contains a name (рассвет, Светлана for «Свет») is left alone. Neighbouring hidden
words become one block, so the number of words in a name does not show either.

Pure functions over plain strings: the selector feeds it the organisation's facts and the operator's
corrections; nothing here reads the database.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# Folding and the inflection endings are shared with search (core.stemming): written once.
from azamat.core.stemming import KK_AFTER, KK_CASE, KK_PLURAL, KK_POSSESSIVE, RU_ENDING, fold

REDACTED = "▇▇▇"

_SUFFIX = re.compile(
    rf"(?:(?:{KK_PLURAL})?(?:{KK_POSSESSIVE})?(?:{KK_CASE})?(?:{KK_AFTER})?|(?:{RU_ENDING}))"
)
_RU_ADJECTIVE = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")
_RU_VOWEL = tuple("аяоеыиуюйь")
# A Kazakh stem's last consonant voices before a vowel: болашақ → болашағы, бірлік → бірлігі, кітап → кітабы.
_VOICED = {"к": "г", "п": "б"}

MIN_STEM = 3

# Words that name a legal form or say "of the city", not who the applicant is (folded, matched with forms).
_GENERIC_TEXT = (
    "қоғамдық бірлестік қор қауымдастық одақ мекеме ұйым коммерциялық емес жеке корпоративтік "
    "республикалық облыстық қалалық аудандық халықаралық филиал қала облыс аудан ауыл кент заңды тұлға "
    "серіктестік жауапкершілік шектеулі акционерлік қоғам тұтыну кооператив ассоциация орталық және "
    "мен үшін "
    "общественный объединение фонд ассоциация союз учреждение частный некоммерческий организация "
    "корпоративный республиканский региональный областной городской районный международный центр "
    "акционерный общество товарищество ограниченный ответственность потребительский кооператив филиал "
    "юридический лицо город область район село поселок для при "
    "ОО ОФ ЧУ РОО ТОО АО НАО КФ ОЮЛ ҚБ ҚҚ ЖМ ЗТБ ОБФ МОО г с п ул пр мкр"
)
GENERIC = {fold(w) for w in _GENERIC_TEXT.split()}

_TOKEN = re.compile(r"[^\W_]+")
_JOINER = re.compile(r"[\s_\-\u00a0'’]*")  # what may separate hidden words that become one block
_DETACHED = re.compile(r"[»”\"']?[-'’]|[»”\"']")  # between a name and its suffix, with no space
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>«»\"']+", re.IGNORECASE)
# A Kazakh number: +7 or 8, then ten digits with any spaces, dashes or brackets; or any international one.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\s*7|8)(?:[\s\-\u00a0()]*\d){10}(?!\d)|\+\d(?:[\s\-\u00a0()]*\d){8,13}(?!\d)"
)
_BIN = re.compile(r"(?<!\d)\d{12}(?!\d)")  # a BIN or a person's IIN
_SETTLEMENT_MARK = re.compile(
    r"^(?:г|город|с|село|п|пос|посёлок|поселок|ауыл|ауылы|қ|қаласы|кент)\b\.?\s*", re.IGNORECASE
)
_STREET_MARK = re.compile(
    r"\b(?:ул|улица|пр|проспект|мкр|микрорайон|көшесі|даңғылы|шағын|д|дом|кв|офис)\b", re.IGNORECASE
)


def _stems(word: str) -> set[str]:
    """The folded word and the stems its other forms start with."""
    stems = {word}
    for ending in _RU_ADJECTIVE:
        if word.endswith(ending) and len(word) - 2 >= MIN_STEM:
            stems.add(word[:-2])
            break
    else:
        if word.endswith(_RU_VOWEL) and len(word) - 1 >= MIN_STEM:
            stems.add(word[:-1])
    if word[-1] in _VOICED:
        stems.add(word[:-1] + _VOICED[word[-1]])
    return stems


@dataclass(frozen=True)
class _Word:
    folded: str
    stems: frozenset[str]

    @classmethod
    def of(cls, word: str) -> "_Word":
        folded = fold(word)
        return cls(folded, frozenset(_stems(folded)))

    def matches(self, token: str) -> bool:
        """Whether a folded token is this word or one of its inflected forms."""
        if token == self.folded:
            return True
        return any(
            token.startswith(stem) and len(token) > len(stem) and _SUFFIX.fullmatch(token[len(stem) :])
            for stem in self.stems
        )


# Abbreviations and one-letter marks (ОО, г.) are generic only as they are: their "forms" would be any word.
_GENERIC_WORDS = [_Word.of(w) for w in GENERIC if len(w) >= MIN_STEM]


def is_generic(word: str) -> bool:
    folded = fold(word)
    return folded in GENERIC or any(g.matches(folded) for g in _GENERIC_WORDS)


def name_words(name: str) -> tuple[list[str], list[str]]:
    """The significant words of a name (3 letters or more) and its short ones, legal-form words left out."""
    long, short = [], []
    for token in _TOKEN.findall(name or ""):
        if token.isdigit() or is_generic(token):
            continue
        (long if len(token) >= MIN_STEM else short).append(token)
    return long, short


def settlement(address: str) -> str:
    """The town or village of an address written as people write it: "г. Алматы, ул. Абая, 10"."""
    parts = [p.strip() for p in (address or "").split(",") if p.strip()]
    for part in parts:
        if _SETTLEMENT_MARK.match(part) or re.search(
            r"\b(?:қаласы|ауылы|кенті|облысы)\b", part, re.IGNORECASE
        ):
            return _SETTLEMENT_MARK.sub("", part)
    for part in parts:
        if not _STREET_MARK.search(part) and not any(ch.isdigit() for ch in part):
            return part
    return ""


@dataclass
class Redactor:
    """Blacks out the given words (with their forms) and literal strings, and every email, phone, URL and
    12-digit number; `show` lists what the operator unmasked."""

    words: list[str] = field(default_factory=list)
    short_words: list[str] = field(default_factory=list)  # hidden only next to a hidden word: «Ақ жол»
    literals: list[str] = field(default_factory=list)
    show: list[str] = field(default_factory=list)

    def __post_init__(self):
        self._words = [_Word.of(w) for w in {fold(w) for w in self.words if len(w) >= 2}]
        self._short = {fold(w) for w in self.short_words}
        # An unmasked phrase unmasks its words; an unmasked email or link is matched as it is.
        self._shown = [_Word.of(t) for entry in self.show for t in _TOKEN.findall(entry)]
        self._shown_exact = {fold(w.strip()) for w in self.show if w.strip()}
        literals = sorted(
            {x.strip() for x in self.literals if x and len(x.strip()) >= 3}, key=len, reverse=True
        )
        self._literal = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(x) for x in literals) + r")(?!\w)", re.IGNORECASE)
            if literals
            else None
        )

    def _shown_token(self, folded: str) -> bool:
        return folded in self._shown_exact or any(w.matches(folded) for w in self._shown)

    def spans(self, text: str) -> list[tuple[int, int]]:
        hidden: list[tuple[int, int]] = []
        patterns = [_EMAIL, _URL, _PHONE, _BIN] + ([self._literal] if self._literal else [])
        for pattern in patterns:
            for m in pattern.finditer(text):
                if fold(m.group()) not in self._shown_exact:
                    hidden.append(m.span())
        covered = _merge(hidden)
        tokens = [m for m in _TOKEN.finditer(text) if not _inside(m.span(), covered)]
        flags = []
        for m in tokens:
            folded = fold(m.group())
            flags.append(not self._shown_token(folded) and any(w.matches(folded) for w in self._words))
        # Short name words (Ақ of «Ақ жол») go only beside a hidden word, where they would point to the name.
        for k, m in enumerate(tokens):
            if flags[k] or fold(m.group()) not in self._short or self._shown_token(fold(m.group())):
                continue
            before = k > 0 and flags[k - 1] and _JOINER.fullmatch(text[tokens[k - 1].end() : m.start()])
            after = (
                k + 1 < len(tokens)
                and flags[k + 1]
                and _JOINER.fullmatch(text[m.end() : tokens[k + 1].start()])
            )
            flags[k] = bool(before or after)
        # A suffix written apart from a hidden name («Бірлік»-тің, Бірлік'ке) would tell its last sounds.
        for k, m in enumerate(tokens):
            if (
                k
                and flags[k - 1]
                and not flags[k]
                and _SUFFIX.fullmatch(fold(m.group()))
                and _DETACHED.fullmatch(text[tokens[k - 1].end() : m.start()])
            ):
                flags[k] = True
        hidden += [m.span() for m, flag in zip(tokens, flags, strict=True) if flag]
        return _merge(hidden, text=text)

    def __call__(self, text: str) -> str:
        if not text:
            return text
        out, last = [], 0
        for start, end in self.spans(text):
            out += [text[last:start], REDACTED]
            last = end
        out.append(text[last:])
        return "".join(out)


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _merge(spans: Iterable[tuple[int, int]], *, text: str | None = None) -> list[tuple[int, int]]:
    """Overlapping spans as one; with `text`, also spans separated only by spaces, dashes, underscores or
    apostrophes."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and (
            start <= merged[-1][1] or (text is not None and _JOINER.fullmatch(text[merged[-1][1] : start]))
        ):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]
