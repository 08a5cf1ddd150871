"""Alphabetical order in Kazakh and Russian: the letters Python puts after я sort where readers look for them."""

from django.utils import translation

from azamat.core.collation import KAZAKH_ALPHABET, sort_key, sorted_alphabetically


def test_kazakh_letters_sort_in_the_kazakh_alphabet():
    words = [
        "Ұлытау",
        "Алматы",
        "Қостанай",
        "Ақтөбе",
        "Өскемен",
        "Жетісу",
        "Ілияс",
        "Ыстық",
        "Ясная",
        "Кентау",
    ]
    assert sorted(words) != sorted_alphabetically(words, language="kk")  # code points put Қ, Ұ, Ө, І after Я
    assert sorted_alphabetically(words, language="kk") == [
        "Ақтөбе",  # қ comes before л
        "Алматы",
        "Жетісу",
        "Кентау",
        "Қостанай",
        "Өскемен",
        "Ұлытау",
        "Ыстық",
        "Ілияс",
        "Ясная",
    ]


def test_every_letter_of_the_alphabet_keeps_its_place():
    shuffled = sorted(KAZAKH_ALPHABET, reverse=True)
    assert "".join(sorted_alphabetically(shuffled, language="kk")) == KAZAKH_ALPHABET


def test_russian_sorts_yo_with_ye_and_ignores_case():
    words = ["ёлка", "Ель", "еда", "жук", "Ёж", "ёж"]
    assert sorted_alphabetically(words, language="ru") == ["еда", "Ёж", "ёж", "ёлка", "Ель", "жук"]
    # In Kazakh ё is a letter of its own, after е.
    assert sorted_alphabetically(words, language="kk") == ["еда", "Ель", "Ёж", "ёж", "ёлка", "жук"]


def test_spaces_and_digits_come_before_letters_and_latin_after_cyrillic():
    words = ["Абайлы", "Абай облысы", "2026", "Astana Hub", "Ақмола"]
    assert sorted_alphabetically(words, language="ru") == [
        "2026",
        "Абай облысы",
        "Абайлы",
        "Ақмола",
        "Astana Hub",
    ]
    assert sorted_alphabetically(words, language="en")[:2] == ["2026", "Astana Hub"]


def test_the_active_language_is_the_default():
    with translation.override("ru"):
        assert sort_key("ёж") == sort_key("ёж", "ru")
        assert sorted_alphabetically(["б", "ә", "а"]) == ["а", "ә", "б"]
    items = [{"name": "Қ"}, {"name": "К"}]
    assert sorted_alphabetically(items, key=lambda i: i["name"], language="kk") == [
        {"name": "К"},
        {"name": "Қ"},
    ]
