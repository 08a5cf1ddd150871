"""Draw the site's card for shared links (og:image): azamat/static/img/share-card.png, 1200×630.

Run `.venv/bin/python scripts/make_share_card.py` after changing it and commit both; the same Pillow and the
vendored DejaVu fonts (azamat/grants/fonts) give the same bytes, so the card never depends on the machine that drew
it. The text is in the three languages of the site, because one card serves every page in every language.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "azamat" / "grants" / "fonts"
OUT = ROOT / "azamat" / "static" / "img" / "share-card.png"
WIDTH, HEIGHT = 1200, 630
BRAND, BRAND_DARK, ACCENT, WHITE = "#00587a", "#003f58", "#e08a2e", "#ffffff"
LINES = (
    "Қазақстанның азаматтық қоғамының ашық платформасы",
    "Открытая платформа гражданского общества Казахстана",
    "The open platform of Kazakhstan’s civil society",
)


def draw() -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), BRAND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, HEIGHT - 110, WIDTH, HEIGHT), fill=BRAND_DARK)
    pen.rectangle((80, 110, 96, 420), fill=ACCENT)
    # The favicon's mark, larger.
    pen.rounded_rectangle((WIDTH - 240, 80, WIDTH - 80, 240), radius=28, fill=WHITE)
    mark = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 120)
    pen.text((WIDTH - 160, 160), "A", font=mark, fill=BRAND, anchor="mm")
    title = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 120)
    pen.text((130, 110), "Azamat", font=title, fill=WHITE)
    small = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 30)
    for number, line in enumerate(LINES):
        pen.text((130, 300 + number * 44), line, font=small, fill=WHITE)
    foot = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 28)
    pen.text(
        (80, HEIGHT - 55),
        "Азамат · Азаматтық қоғам · Гражданское общество",
        font=foot,
        fill=WHITE,
        anchor="lm",
    )
    return image


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # No metadata (no time, no software version): the same drawing writes the same bytes.
    draw().save(OUT, format="PNG", optimize=True)
    print(OUT.relative_to(ROOT))


if __name__ == "__main__":
    main()
