"""Russian dates on screen as Kazakh ones are written (formats/kk): "21 декабря 2026", without Django's "г.",
which doubled the full stop wherever a sentence ends with a date ("Срок ответа — 21 декабря 2026 г.."). Documents
(protocols, reports) write "г." themselves. Everything else falls back to Django's Russian formats."""

DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
