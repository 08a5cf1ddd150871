"""Grant data for the generator, one module per stage of the cycle, every date placed around today:
calls in every phase (`calls`, `applications`, `documents`), experts' review (`review`), tender commissions
with their protocols (`commission`), projects with payments and reports (`projects`), near-duplicates
(`duplicates`). Each module registers its steps with `@seeder`; importing this package imports them all.

Scale 1 gives about 100 applications; scale 100 about 10,000, a year of the national programme.
"""

from azamat.grants.seed import calls, commission, duplicates, projects, review  # noqa: F401 — registers the steps
