"""Word stems for search in Kazakh, Russian and English: «балалар» and «бала», «фонды» and «фонд» meet.

Everything is folded first (`fold`: lower case, Kazakh letters to their Russian look-alikes, ё to е), so a
query typed without Kazakh letters («кауымдастык») finds «қауымдастығы», and stems compare as plain strings.

Russian goes through the Snowball stemmer. Kazakh is agglutinative: a word is a stem followed by plural,
possessive and case endings (бала-лар-ы-ның), so our own stemmer strips those endings from the end, one
at a time, while what remains is long enough, and undoes the voicing a vowel ending causes (қауымдастық →
қауымдастығы). A Cyrillic word goes through BOTH stemmers: a name may mix the languages («Балалар үйі»
in a Russian name, «фонды» in a Kazakh one), and guessing a word's language is less reliable than keeping
both stems; the cost is a few extra matches (Russian «балы» and Kazakh «бала» share the Snowball stem
«бал»), which ranking puts below exact matches. A Latin word goes through the English stemmer.

The inflection endings are also what the blind review (`grants/blind.py`) uses to recognise a name's forms.
"""

import functools
import re

import snowballstemmer

# Kazakh letters folded to their Russian look-alikes, so "Жаркын" in a Russian text is "Жарқын", ё is е.
_FOLD = str.maketrans(
    {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и", "ё": "е"}
)


# Latin letters typed for the Cyrillic ones they look like, inside a Cyrillic word: a Russian keyboard has no
# Kazakh "і", so people type the Latin "i" ("бiлiм"), and a text pasted from a PDF may mix both alphabets.
_LOOKALIKES = str.maketrans(
    {"i": "и", "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к", "h": "х"}
)
_CYRILLIC = re.compile("[а-яёәғқңөұүһі]")
_LATIN = re.compile("[a-z]")
_WORD = re.compile(r"[^\W_]+")


def _cyrillic_word(match: re.Match) -> str:
    word = match.group()
    return word.translate(_LOOKALIKES) if _CYRILLIC.search(word) else word


def fold(text: str) -> str:
    text = text.casefold()
    if _LATIN.search(text) and _CYRILLIC.search(text):
        text = _WORD.sub(_cyrillic_word, text)
    return text.translate(_FOLD)


# Inflection endings, written folded. Kazakh: plural, then possessive, then case, then -дағы/-нікі.
KK_PLURAL = "лар|лер|дар|дер|тар|тер"
KK_POSSESSIVE = "ымыз|имиз|ыныз|иниз|мыз|миз|ныз|низ|ым|им|ын|ин|сы|си|ы|и|м|н"
KK_CASE = (
    "нын|нин|дын|дин|тын|тин|"  # genitive
    "га|ге|ка|ке|на|не|а|е|"  # dative
    "ны|ни|ды|ди|ты|ти|н|"  # accusative
    "нда|нде|да|де|та|те|"  # locative
    "нан|нен|дан|ден|тан|тен|"  # ablative
    "менен|бенен|пенен|мен|бен|пен|"  # instrumental
    "ша|ше"  # equative
)
KK_AFTER = "дагы|деги|тагы|теги|ндагы|ндеги|гы|ги|кы|ки|ники|дики|тики"
RU_ENDING = (
    "ами|ями|ого|его|ому|ему|ыми|ими|иями|ией|иям|иях|"
    "ой|ей|ою|ею|ом|ем|ам|ям|ах|ях|ов|ев|ий|ый|ая|яя|ое|ее|ую|юю|ым|им|ых|их|ые|ие|ью|ья|ье|ьи|ии|ия|ию|"
    "а|я|о|е|ы|и|у|ю|ь|й"
)

_VOWELS = frozenset("аеиоуыэюя")
# What must come before an ending: -сы, -ны only after a vowel (баласы, баланы); -ның, -на, -нда, -нан after
# a vowel, м or н (Қазақстанның, үйінде); the possessive -ы/-і after a consonant (фонды, үйі).
_AFTER_VOWEL = "vowel"
_AFTER_VOWEL_OR_NASAL = "vowel-or-nasal"
_AFTER_CONSONANT = "consonant"
# Endings by their place in a word, the outermost first: -дағы, a case, the 3rd-person possessive, the
# plural. The 1st and 2nd person (-ым, -ың, -м, -н) and one-letter cases (-а, -е, -н) are left out: they end
# too many stems (білім, Қазақстан, бала) and an organisation's or a call's name rarely says "my" or "your".
_KK_PLURAL: dict[str, str] = dict.fromkeys(KK_PLURAL.split("|"), "")
_KK_SLOTS: list[dict[str, str]] = [
    {
        **dict.fromkeys(["дагы", "деги", "тагы", "теги"], ""),
        "ндагы": _AFTER_VOWEL_OR_NASAL,
        "ндеги": _AFTER_VOWEL_OR_NASAL,
    },
    {
        **dict.fromkeys(
            [
                "дын",
                "дин",
                "тын",
                "тин",
                "га",
                "ге",
                "ка",
                "ке",
                "ды",
                "ди",
                "ты",
                "ти",
                "да",
                "де",
                "та",
                "те",
                "дан",
                "ден",
                "тан",
                "тен",
                "менен",
                "бенен",
                "пенен",
                "мен",
                "бен",
                "пен",
            ],
            "",
        ),
        **dict.fromkeys(["нын", "нин", "на", "не", "нда", "нде", "нан", "нен"], _AFTER_VOWEL_OR_NASAL),
        **dict.fromkeys(["ны", "ни"], _AFTER_VOWEL),
    },
    {"сы": _AFTER_VOWEL, "си": _AFTER_VOWEL, "ы": _AFTER_CONSONANT, "и": _AFTER_CONSONANT},
    _KK_PLURAL,
]
KK_MIN_STEM = 3  # «жаңа» keeps its -на, «ана» its -на
KK_MIN_STEM_SHORT = 2  # after the possessive -ы/-і and the plural: «үйі», «үйлер» → «үй»
# Words whose ending only looks like a suffix: place names first (Астана is not Аста + -на).
_KK_STOP = frozenset(
    fold(w)
    for w in [
        "астана",
        "алматы",
        "павлодар",
        "қызылорда",
        "орда",
        "семей",
        "атырау",
        "ақтау",
        "тараз",
        "шымкент",
        "ақтөбе",
        "қостанай",
        "талдықорған",
        "жетісу",
        "ұлытау",
        "абай",
        "жамбыл",
        "маңғыстау",
        "түркістан",
        "көкшетау",
        "петропавл",
        "өскемен",
        "қарағанды",
        "жезқазған",
        "екібастұз",
        "теміртау",
        "байқоңыр",
        "алтай",
        "балқаш",
        "арал",
        "кентау",
        "сәтбаев",
        "қазақстан",
        "дала",
        "ата",
        "ана",
        "аға",
        "іні",
        "апа",
        "ене",
        "әке",
        "бала",
        "жаңа",
        "тіл",
        "мен",
        "сен",
        "ол",
        "біз",
        "сіз",
        "олар",
        "және",
        "немесе",
        "үшін",
        "туралы",
        "арқылы",
        "бірге",
        "қазір",
        "бүгін",
        "ертең",
    ]
)
# A Kazakh stem's last consonant voices before a vowel: бірлік → бірлігі, кітап → кітабы (folded: г, б).
_UNVOICE = {"г": "к", "б": "п"}


def _kk_stems(word: str) -> frozenset[str]:
    """Every reading of a folded word as a stem followed by endings: «облысы» is облыс-ы or облы-сы, and
    without a dictionary both stay (a search then finds either)."""
    if word in _KK_STOP:
        return frozenset({word})
    readings = {word}
    for slot in _KK_SLOTS:
        found = set(readings)
        for reading in readings:
            if reading in _KK_STOP:
                continue
            for ending, rule in slot.items():
                if not reading.endswith(ending):
                    continue
                stem = reading[: -len(ending)]
                minimum = KK_MIN_STEM_SHORT if rule == _AFTER_CONSONANT or slot is _KK_PLURAL else KK_MIN_STEM
                if len(stem) < minimum or not _allowed(stem[-1], rule):
                    continue
                found.add(stem)
                if ending[0] in _VOWELS and stem[-1] in _UNVOICE:
                    found.add(stem[:-1] + _UNVOICE[stem[-1]])
        readings = found
    return frozenset(readings)


def _allowed(last: str, rule: str) -> bool:
    if rule == _AFTER_VOWEL:
        return last in _VOWELS
    if rule == _AFTER_VOWEL_OR_NASAL:
        return last in _VOWELS or last in "мн"
    if rule == _AFTER_CONSONANT:
        return last.isalpha() and last not in _VOWELS and last not in "ьъ"
    return True


_TOKEN = re.compile(r"[^\W_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_SNOWBALL = {"ru": snowballstemmer.stemmer("russian"), "en": snowballstemmer.stemmer("english")}


@functools.lru_cache(maxsize=100_000)
def stem(word: str, language: str) -> str:
    """The folded stem of one word in "kk", "ru" or "en"; in Kazakh the shortest of its readings."""
    folded = fold(word)
    if language == "kk":
        return min(_kk_stems(folded), key=lambda s: (len(s), s))
    return _SNOWBALL[language].stemWord(folded)


@functools.lru_cache(maxsize=100_000)
def word_stems(word: str) -> frozenset[str]:
    """The folded word and its stems: Kazakh and Russian for a Cyrillic word, English for a Latin one."""
    folded = fold(word)
    if folded.isdigit():
        return frozenset({folded})
    if not _CYRILLIC.search(folded):
        return frozenset({folded, stem(folded, "en")})
    return frozenset({folded, stem(folded, "ru"), *_kk_stems(folded)})


def words(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def stems(text: str) -> set[str]:
    """Every word of a text with its stems, folded."""
    found: set[str] = set()
    for word in words(text):
        found |= word_stems(word)
    return found


# Between stems and around them in a search column. Not a space: Django's XML serializer (the SQLite backup)
# strips the whitespace at a text's ends, and the first and last stems would no longer match.
SEPARATOR = "|"


def index_text(*parts: str) -> str:
    """What a search column holds: the stems of the parts, each between separators ("|бала|балалар|"), so
    that `LIKE '%|stem|%'` (`stem_pattern`) matches a whole stem and nothing inside another word."""
    found: set[str] = set()
    for part in parts:
        if part:
            found |= stems(part)
    return f"{SEPARATOR}{SEPARATOR.join(sorted(found))}{SEPARATOR}" if found else ""


def stem_pattern(stem_: str) -> str:
    """What a search column contains when it holds this stem."""
    return f"{SEPARATOR}{stem_}{SEPARATOR}"


def query_terms(query: str) -> list[frozenset[str]]:
    """One set of stems per query word; a text matches when each set meets the text's stems."""
    return [word_stems(word) for word in words(query)[:12]]


def matches(terms: list[frozenset[str]], text_stems: set[str]) -> bool:
    return bool(terms) and all(term & text_stems for term in terms)


def texts_matching(query: str, texts: dict[int, list[str]]) -> list[int]:
    """The keys whose texts hold the query as a substring (case-folded) or each of its words in some form;
    for short lists searched without an indexed stem column."""
    folded = fold(" ".join(query.split()))
    terms = query_terms(query)
    found = []
    for key, parts in texts.items():
        joined = fold(" ".join(p for p in parts if p))
        if (folded and folded in joined) or matches(terms, stems(joined)):
            found.append(key)
    return found
