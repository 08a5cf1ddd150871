"""Fail when the code has a translatable string that the kk/ru/en catalogues do not hold.

Runs `makemessages` on a copy of the package and compares its msgids with the committed catalogues;
completeness of the translations themselves (no empty, no fuzzy) is a test in tests/test_translations.py.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "azamat"
        shutil.copytree(ROOT / "azamat", copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-m",
                "django",
                "makemessages",
                "-l",
                "kk",
                "--no-obsolete",
                "--ignore",
                "tests/*",
                "--ignore",
                "test_*",
                "--settings",
                "azamat.settings",
            ],
            cwd=copy,
            check=True,
            capture_output=True,
            env={"PYTHONPATH": tmp, "PATH": "/usr/bin:/bin:/usr/local/bin", "AZAMAT_VAR_DIR": tmp},
        )
        fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / "locale/kk/LC_MESSAGES/django.po"))}
    failures = 0
    for lang in ("kk", "ru", "en"):
        committed = {
            (e.msgctxt, e.msgid)
            for e in polib.pofile(str(ROOT / f"azamat/locale/{lang}/LC_MESSAGES/django.po"))
            if not e.obsolete
        }
        missing = fresh - committed
        for ctx, msgid in sorted(missing, key=str):
            print(f"{lang}: missing from the catalogue: {msgid!r}" + (f" (context {ctx})" if ctx else ""))
        failures += len(missing)
    if failures:
        print(
            f"{failures} strings are not in the catalogues: run `make messages`, translate, `make compilemessages`."
        )
        return 1
    print(f"All {len(fresh)} strings of the code are in the kk, ru and en catalogues.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
