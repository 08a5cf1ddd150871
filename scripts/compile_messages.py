"""Compile every .po catalogue under azamat/ to .mo with polib, so no GNU gettext is needed."""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent / "azamat"


def main() -> None:
    for po_path in sorted(ROOT.glob("locale*/*/LC_MESSAGES/*.po")):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"compiled {po_path.relative_to(ROOT.parent)}")


if __name__ == "__main__":
    main()
