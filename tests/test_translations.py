"""Every catalogue is complete: no empty or fuzzy entry, and the compiled .mo matches the .po."""

from pathlib import Path

import polib
import pytest

LOCALE_ROOT = Path(__file__).resolve().parent.parent / "azamat"
CATALOGUES = sorted(LOCALE_ROOT.glob("locale*/*/LC_MESSAGES/django.po"))


def test_catalogues_exist_for_every_language():
    languages = {p.parent.parent.name for p in LOCALE_ROOT.glob("locale/*/LC_MESSAGES/django.po")}
    assert languages == {"kk", "ru", "en"}
    assert (LOCALE_ROOT / "locale_vendor/kk/LC_MESSAGES/django.po").exists()


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(LOCALE_ROOT)))
def test_no_untranslated_or_fuzzy_entries(path):
    catalogue = polib.pofile(str(path))
    untranslated = [e.msgid for e in catalogue.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == [], f"{len(untranslated)} untranslated in {path}: {untranslated[:10]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy in {path}: {fuzzy[:10]}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(LOCALE_ROOT)))
def test_compiled_catalogue_is_current(path):
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run make compilemessages"
    po = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0, "")
        for e in polib.pofile(str(path))
        if e.translated() and not e.obsolete
    }
    mo = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0, "")
        for e in polib.mofile(str(mo_path))
        if e.msgid
    }
    assert po == mo, f"{mo_path} is out of date: run make compilemessages"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(LOCALE_ROOT)))
def test_placeholders_are_kept(path):
    import re

    pattern = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    for entry in polib.pofile(str(path)):
        if not entry.translated():
            continue
        wanted = sorted(pattern.findall(entry.msgid))
        if entry.msgid_plural:
            for text in entry.msgstr_plural.values():
                assert sorted(set(pattern.findall(text))) <= sorted(
                    set(pattern.findall(entry.msgid_plural)) | set(wanted)
                ), entry.msgid
        else:
            assert sorted(pattern.findall(entry.msgstr)) == wanted, f"{path.name}: {entry.msgid!r}"
