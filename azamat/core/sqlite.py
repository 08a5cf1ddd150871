"""SQLite, the demo's database, matches `LIKE` without regard to case only for Latin letters: on the demo a search
for «аренда» missed «Аренда помещений», «алматы» missed «Алматы», and a proposal filed twice as «Жасыл» and
«жасыл» went unnoticed. Django writes `contains`, `icontains`, `iexact`, `startswith` and the rest as `LIKE … ESCAPE
'\\'` on SQLite; SQLite lets an application replace `like()`, so every such lookup folds Kazakh and Russian letters
as PostgreSQL's `UPPER(…) LIKE UPPER(…)` does. PostgreSQL is untouched."""

import functools
import re

from django.db.backends.signals import connection_created


@functools.lru_cache(maxsize=1024)
def _compiled(pattern: str, escape: str) -> re.Pattern[str]:
    parts = []
    characters = iter(pattern)
    for character in characters:
        if escape and character == escape:
            parts.append(re.escape(next(characters, "")))
        elif character == "%":
            parts.append(".*")
        elif character == "_":
            parts.append(".")
        else:
            parts.append(re.escape(character))
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def like(pattern, value, escape=None) -> bool | None:
    """SQL's `value LIKE pattern [ESCAPE escape]`, which SQLite calls as like(pattern, value[, escape])."""
    if pattern is None or value is None:
        return None
    return _compiled(str(pattern), escape or "").fullmatch(str(value)) is not None


def _on_connection(sender, connection, **kwargs) -> None:
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function("like", 2, like, deterministic=True)
    connection.connection.create_function("like", 3, like, deterministic=True)


def install() -> None:
    connection_created.connect(_on_connection, dispatch_uid="azamat.core.sqlite.like")
