"""The source strings are English: fill the en catalogue's empty entries with their msgid."""

from pathlib import Path

import polib

PATH = Path(__file__).resolve().parent.parent / "azamat/locale/en/LC_MESSAGES/django.po"


def main() -> None:
    catalogue = polib.pofile(str(PATH))
    for entry in catalogue:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid  # always the source: msgmerge's fuzzy guesses are wrong
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.metadata["Language"] = "en"
    catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    catalogue.metadata["Project-Id-Version"] = "Azamat"
    catalogue.metadata["Language-Team"] = "Azamat translators"
    catalogue.metadata["Last-Translator"] = "Azamat translators"
    catalogue.save()


if __name__ == "__main__":
    main()
