"""The SQL every aggregate is written in: the filtered responses as a subquery, an answer's value (as text, as a
number, unnested), whether it was answered, and the GROUP BY and totals over them, on PostgreSQL and SQLite."""

from django.db import connection
from django.db.models import QuerySet, TextField
from django.db.models.expressions import RawSQL

from azamat.surveys.models import Response


def _vendor() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def _base(queryset: QuerySet) -> tuple[str, list]:
    """The filtered responses as a subquery of (id, data, weight)."""
    sql, params = queryset.order_by().values("id", "data", "weight").query.sql_with_params()
    return f"({sql})", list(params)


def _path(name: str) -> str:
    return '$."' + name.replace('"', "") + '"'


def _value_sql(name: str) -> tuple[str, list]:
    """The answer as text (NULL when not answered)."""
    if _vendor() == "postgresql":
        return "(t.data ->> %s)", [name]
    # json_extract gives numbers as numbers: CAST keeps 34 and "34" one group, as on PostgreSQL.
    return "CAST(json_extract(t.data, %s) AS TEXT)", [_path(name)]


def _unnest_sql(name: str, alias: str) -> tuple[str, str, list]:
    """A join that gives one row per chosen choice of a select_multiple: (join SQL, value SQL, params)."""
    if _vendor() == "postgresql":
        return (
            f" CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(t.data -> %s) = 'array' "
            f"THEN t.data -> %s ELSE '[]'::jsonb END) AS {alias}(value)",
            f"{alias}.value",
            [name, name],
        )
    return (
        f", json_each(CASE WHEN json_type(t.data, %s) = 'array' THEN json_extract(t.data, %s) ELSE '[]' END) "
        f"AS {alias}",
        f"CAST({alias}.value AS TEXT)",
        [_path(name), _path(name)],
    )


def _answered_sql(name: str, multiple: bool) -> tuple[str, list]:
    if _vendor() == "postgresql":
        if multiple:
            return "(jsonb_typeof(t.data -> %s) = 'array' AND jsonb_array_length(t.data -> %s) > 0)", [
                name,
                name,
            ]
        return "(t.data ->> %s) IS NOT NULL", [name]
    if multiple:
        return "(json_type(t.data, %s) = 'array' AND json_array_length(t.data, %s) > 0)", [
            _path(name),
            _path(name),
        ]
    return "json_extract(t.data, %s) IS NOT NULL", [_path(name)]


def _numeric_sql(name: str, *, exact: bool = False) -> tuple[str, list]:
    """The answer as a number; `exact` (a decimal question) as numeric on PostgreSQL, so that its sums and means
    gain no binary noise (SQLite has only floats)."""
    if _vendor() == "postgresql":
        return f"CAST(t.data ->> %s AS {'numeric' if exact else 'double precision'})", [name]
    return "CAST(json_extract(t.data, %s) AS REAL)", [_path(name)]


def _answer_text(name: str) -> RawSQL:
    """The answer as text, for the ORM (its JSON key lookups misread text answers on SQLite)."""
    table = Response._meta.db_table
    if _vendor() == "postgresql":
        return RawSQL(f'"{table}"."data" ->> %s', [name], output_field=TextField())  # noqa: S611 — the table name and a parameter
    sql = f'CAST(json_extract("{table}"."data", %s) AS TEXT)'
    return RawSQL(sql, [_path(name)], output_field=TextField())  # noqa: S611 — the table name and a parameter


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _grouped(
    queryset: QuerySet, dimensions: list[tuple[str, bool]], *, with_missing: bool = False
) -> list[tuple]:
    """(value of each dimension…, count, Σweight, Σweight²) per combination, over the responses that answered
    every dimension (with `with_missing`, a NULL group of those that did not); a select_multiple dimension
    counts each chosen choice."""
    base, params = _base(queryset)
    joins, selects, join_params, select_params, where, where_params = [], [], [], [], [], []
    for index, (name, multiple) in enumerate(dimensions):
        if multiple:
            join, value, p = _unnest_sql(name, f"m{index}")
            joins.append(join)
            join_params += p
            selects.append(value)
        else:
            value, p = _value_sql(name)
            selects.append(value)
            select_params += p
            if not with_missing:
                answered, p = _answered_sql(name, False)
                where.append(answered)
                where_params += p
    group = ", ".join(str(i + 1) for i in range(len(dimensions)))
    sql = (
        f"SELECT {', '.join(selects)}, COUNT(*), SUM(t.weight), SUM(t.weight * t.weight) "  # noqa: S608 — fixed fragments, values are parameters
        f"FROM {base} t{''.join(joins)}"
        + (f" WHERE {' AND '.join(where)}" if where else "")
        + f" GROUP BY {group}"
    )
    # The parameters in the order their placeholders appear: select list, subquery, joins, where.
    return _fetch(sql, select_params + params + join_params + where_params)


def _answered_and_missing(queryset: QuerySet, name: str) -> tuple[tuple, int]:
    """((count, Σw, Σw²) of the responses that answered a select_multiple, how many did not) in one pass."""
    base, params = _base(queryset)
    answered, answered_params = _answered_sql(name, True)
    sql = (
        f"SELECT SUM(CASE WHEN {answered} THEN 1 ELSE 0 END), SUM(CASE WHEN {answered} THEN t.weight END), "  # noqa: S608 — fixed fragments, values are parameters
        f"SUM(CASE WHEN {answered} THEN t.weight * t.weight END), COUNT(*) FROM {base} t"
    )
    count, sum_w, sum_w2, everyone = _fetch(sql, answered_params * 3 + params)[0]
    count = count or 0
    return (count, sum_w or 0.0, sum_w2 or 0.0), everyone - count


def _totals(queryset: QuerySet, name: str | None) -> tuple:
    """(count, Σw, Σw²) of the responses that answered `name` (all when None)."""
    base, params = _base(queryset)
    where, where_params = "", []
    if name:
        answered, where_params = _answered_sql(name, False)
        where = f" WHERE {answered}"
    sql = f"SELECT COUNT(*), SUM(t.weight), SUM(t.weight * t.weight) FROM {base} t{where}"  # noqa: S608 — fixed fragments, values are parameters
    count, sum_w, sum_w2 = _fetch(sql, params + where_params)[0]
    return (count, sum_w or 0.0, sum_w2 or 0.0)
