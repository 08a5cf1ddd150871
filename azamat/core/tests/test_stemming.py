"""Stems of real Kazakh and Russian words: the forms a search must bring together, and those it must not cut.

What works: Kazakh plural, 3rd-person possessive and case endings (балалар, баласы, балаларының, үйінде,
қауымдастығы with its voicing), Russian endings through Snowball (фонды, фондов, помощи), a query typed
without Kazakh letters (кауымдастык). What does not: words whose stems differ (Russian «детей» and
«детский» stem to «дет» and «детск»; suppletive forms like «люди»/«человек»), and 1st/2nd-person possessives
(«балам» is not «бала»: the -м would cut too many stems); a Kazakh ending that could be part of the stem
gives both readings («облысы»: облыс-ы or облы-сы), and the Russian stemmer runs on Kazakh words too
(«жаңа» → «жан»), so a search may find a little more than it should; exact matches rank first.
"""

import pytest

from azamat.core.stemming import (
    fold,
    index_text,
    matches,
    query_terms,
    stem,
    stem_pattern,
    stems,
    texts_matching,
    word_stems,
)


def meet(a: str, b: str) -> bool:
    return bool(word_stems(a) & word_stems(b))


@pytest.mark.parametrize(
    ("form", "stem_"),
    [
        ("балалар", "бала"),
        ("баласы", "бала"),
        ("балаларының", "бала"),
        ("балаға", "бала"),
        ("мектептері", "мектеп"),
        ("мүгедектер", "мугедек"),
        ("жастарға", "жас"),
        ("қаласының", "кала"),
    ],
)
def test_kazakh_endings_are_stripped_one_after_another(form, stem_):
    assert stem(form, "kk") == stem_


@pytest.mark.parametrize(
    "word", ["Астана", "Павлодар", "Қызылорда", "Алматы", "Қазақстан", "бала", "жаңа", "ана", "білім"]
)
def test_words_whose_ending_only_looks_like_a_suffix_stay_whole(word):
    assert stem(word, "kk") == fold(word)


def test_a_vowel_ending_unvoices_the_stem_as_kazakh_writes_it():
    assert "кауымдастык" in word_stems("қауымдастығы")
    assert "китап" in word_stems("кітабы")
    assert "орталык" in word_stems("орталығы")


def test_russian_goes_through_snowball():
    assert stem("фонды", "ru") == stem("фонд", "ru") == stem("фондов", "ru") == "фонд"
    assert stem("помощи", "ru") == stem("помощь", "ru")


@pytest.mark.parametrize(
    ("query", "name_word"),
    [
        ("балалар", "бала"),
        ("бала", "балалар"),
        ("фонды", "фонд"),
        ("фонд", "фонды"),
        ("үй", "үйі"),
        ("қауымдастық", "қауымдастығы"),
        ("кауымдастык", "қауымдастығы"),  # typed without Kazakh letters
        ("мүгедек", "мүгедектер"),
        ("организации", "организация"),
        ("помощь", "помощи"),
    ],
)
def test_forms_of_one_word_meet(query, name_word):
    assert meet(query, name_word)


@pytest.mark.parametrize(
    ("query", "name_word"),
    [
        ("детей", "детский"),  # different Snowball stems: needs a dictionary, not a stemmer
        ("бала", "балапан"),  # a different word that starts the same
        ("фонд", "фонтан"),
        ("жол", "жолдас"),
        ("қор", "қорған"),
    ],
)
def test_different_words_do_not_meet(query, name_word):
    assert not meet(query, name_word)


def test_a_cyrillic_word_gets_both_stemmers_and_a_latin_one_english():
    assert {"фонд", "фон"} <= word_stems("фонды")  # Russian фонд-ы, Kazakh фон-ды: both kept
    assert word_stems("Children") == {"children"}
    assert stem("foundations", "en") == "foundat"


def test_the_index_holds_whole_stems_between_separators():
    text = index_text("«Балалар үйі» қоғамдық бірлестігі", "", "г. Алматы")
    assert text.startswith("|") and text.endswith("|")
    assert stem_pattern("бала") in text and stem_pattern("уй") in text and stem_pattern("алматы") in text
    assert stem_pattern("ала") not in text  # nothing matches inside a stem
    assert index_text("", "") == ""


def test_every_query_word_must_meet_a_stem():
    name = stems("«Балалар үйі» қоғамдық қоры")
    assert matches(query_terms("балалар үй"), name)
    assert matches(query_terms("бала қоры"), name)
    assert not matches(query_terms("бала фонд"), name)
    assert not matches(query_terms(""), name)


def test_short_lists_match_substrings_and_forms():
    texts = {1: ["Балаларға көмек", "Помощь детям"], 2: ["Жастар орталығы", "Молодёжный центр"], 3: ["Фонд"]}
    assert texts_matching("бала", texts) == [1]
    assert texts_matching("ЖАСТАР", texts) == [2]
    assert texts_matching("фонды", texts) == [3]
    assert texts_matching("молодежный", texts) == [2]  # ё folded to е
    assert texts_matching("экология", texts) == []


def test_a_latin_i_typed_for_the_kazakh_one_still_finds_the_word():
    # A Russian keyboard has no "і": people type the Latin "i" (U+0069) in «бiлiм», «үйi».
    name = stems("«Білім» қоғамдық бірлестігі, Балалар үйі")
    assert matches(query_terms("бiлiм"), name)
    assert matches(query_terms("Бiрлестiгi"), name)
    assert matches(query_terms("үйi"), name)
    assert texts_matching("бiлiм", {1: ["«Білім» қоры"], 2: ["Фонд"]}) == [1]
    # A Latin word stays Latin, and English stems are not touched.
    assert fold("Bilim Foundation") == "bilim foundation"
    assert fold("Sapa-Kz") == "sapa-kz"
    # A word of Latin look-alikes between Cyrillic words is not taken for Cyrillic.
    assert fold("ОО «Сапа» MAX") == "оо «сапа» max"
