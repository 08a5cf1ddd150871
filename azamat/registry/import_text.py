"""Reading a CSV file as Excel in Kazakhstan saves it: its encoding (UTF-8, Windows-1251, KZ-1048) and separator."""

from __future__ import annotations

import codecs
import csv
import functools
import re

# Python's codec names, and how people know them.
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "cp1251": "Windows-1251",
    "kz1048": "KZ-1048",
}
DELIMITERS = (";", ",", "\t")

# The letters of the Russian and Kazakh alphabets. Windows-1251 and KZ-1048 differ only in 16 bytes: where
# KZ-1048 has the Kazakh letters ә ғ қ ң ө ұ ү һ (both cases), Windows-1251 has Serbian, Macedonian,
# Ukrainian and Belarusian letters (ј ќ ћ ѕ ў є ї ґ …) that Kazakh and Russian text never holds. So the
# encoding that reads more letters of these two alphabets is the file's: a KZ-1048 file with any Kazakh
# letter scores higher in KZ-1048, a Russian file (or a Kazakh one Windows-1251 could hold, with і only)
# scores the same in both, and then Windows-1251, Excel's own choice, wins.
_ALPHABET = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі")
# UTF-8 Cyrillic letters, Latin-1 punctuation (« » №) and typographic punctuation (— “ ” …).
_UTF8_SEQUENCE = re.compile(rb"[\xc2\xd0-\xd3][\x80-\xbf]|\xe2[\x80-\x84][\x80-\xbf]")
_HIGH_BYTES = bytes(range(0x80, 0x100))
_SAMPLE = 64 * 1024


@functools.cache
def _not_letters(encoding: str) -> bytes:
    """The bytes that are not a Kazakh or Russian letter in an 8-bit encoding."""
    return bytes(
        byte
        for byte in range(256)
        if bytes([byte]).decode(encoding, errors="replace").casefold() not in _ALPHABET
    )


def _letters(data: bytes, encoding: str) -> int:
    """How many bytes of the data are Kazakh or Russian letters in the encoding (one pass in C)."""
    return len(data.translate(None, _not_letters(encoding)))


def _mostly_utf8(data: bytes) -> bool:
    """Most non-ASCII bytes form UTF-8 sequences: a UTF-8 file with a line pasted in another encoding.

    In Windows-1251 and KZ-1048 these sequences are an upper-case Р С Т У or В followed by a rare letter or
    a quotation mark, so only a few of their bytes look like UTF-8; in a Russian or Kazakh UTF-8 file
    nearly all do.
    """
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    in_sequences = sum(len(match.group()) for match in _UTF8_SEQUENCE.finditer(data))
    return high > 0 and in_sequences * 2 >= high


def detect_encoding(data: bytes) -> str:
    """The encoding of a CSV file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else the 8-bit one."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # Excel's "Unicode text"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    if _mostly_utf8(data):
        return "utf-8"  # decoding it fails on the damaged line, which the message names
    # On a tie Windows-1251 wins: max() keeps the first of equal scores.
    return max(("cp1251", "kz1048"), key=lambda encoding: _letters(data, encoding))


def encoding_name(encoding: str) -> str:
    return ENCODING_NAMES.get(codecs.lookup(encoding).name, encoding)


def detect_delimiter(text: str) -> str:
    """Semicolon (Excel in Kazakh or Russian), comma or tab: csv.Sniffer's guess among these, else the most used.

    The Sniffer weighs quoting and consistency across lines; its guess is kept only if the separator
    occurs at all, and a title line above the table (which has none) does not mislead the fallback,
    which counts each separator on the line where it occurs most.
    """
    lines = [line for line in text[:_SAMPLE].splitlines()[:30] if line.strip()]
    if not lines:
        return ","
    counts = {delimiter: max(line.count(delimiter) for line in lines) for delimiter in DELIMITERS}
    try:
        sniffed = csv.Sniffer().sniff("\n".join(lines), delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    if sniffed in counts and counts[sniffed] > 0:
        return sniffed
    best = max(DELIMITERS, key=counts.__getitem__)
    return best if counts[best] else ","
