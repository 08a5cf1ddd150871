"""The moderators' "signature sources" (email domains and address keys holding several signatures) are read on
every view of a petition's page by a moderator. Grouping a million signatures from the table read every row from
the heap and hashed or sorted them; two partial covering indexes (`signature_source_domain`,
`signature_source_address`: the petition, the source, the confirmation stamp; only signatures not struck out)
hold everything the grouping reads, in its order, so PostgreSQL answers from the index alone.

The test asserts that the index can serve the query: with the table's other paths switched off, the plan is an
index-only scan of it (without the index, or with a column it does not hold, there is none). Whether the planner
prefers it is a matter of sizes: at 1,000,000 signatures of one petition (1,500,000 in the table, vacuumed as
autovacuum leaves it) it chose it unforced, with no heap fetches, for both sources. No time is asserted."""

import pytest
from django.db import connection, transaction

from azamat.campaigns.petition_selectors import source_groups
from azamat.testing import campaigns_factories as cf

ROWS = 3_000


def _signatures(petition_id: int, salt: str) -> None:
    """Rows written by SQL: 200 domains, 500 address keys, two in three confirmed."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO campaigns_signature (petition_id, name, email, email_key, email_domain, show_name,
                wants_updates, language, ip_key, created_at, confirmed_at)
            SELECT %s, 'Подписант', 'x', %s || n, 'd' || (n %% 200) || '.kz', false, true, 'kk',
                lpad(to_hex(n %% 500), 16, '0'), now(), CASE WHEN n %% 3 = 0 THEN NULL ELSE now() END
            FROM generate_series(1, %s) AS n
            """,
            [petition_id, salt, ROWS],
        )


@pytest.mark.django_db
@pytest.mark.postgresql
def test_the_sources_are_grouped_from_the_index_alone():
    petition, other = cf.petition(), cf.petition()
    _signatures(petition.pk, "a")
    _signatures(other.pk, "b")

    for field, index in (("email_domain", "signature_source_domain"), ("ip_key", "signature_source_address")):
        with transaction.atomic(), connection.cursor() as cursor:
            for path in ("seqscan", "bitmapscan", "indexscan"):
                cursor.execute(f"SET LOCAL enable_{path} = off")
            plan = source_groups(petition, field).explain()
        assert f"Index Only Scan using {index}" in plan, plan
        assert "Index Cond: (petition_id = " in plan, plan

    top = source_groups(petition, "email_domain")[:1].get()
    assert top == {"email_domain": "d0.kz", "n": ROWS // 200, "confirmed": 10}
    assert source_groups(other, "ip_key").count() == 500
