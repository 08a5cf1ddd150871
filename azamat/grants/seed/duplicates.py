"""Near-duplicates for the operator to review: the applications that copied an earlier text are checked by
the similarity service itself, which finds the pairs and keeps their overlapping passages."""

from azamat.core.seeding import SeedContext, seeder
from azamat.grants.models import Application
from azamat.grants.services.similarity import similarity_check


@seeder(58)
def seed_near_duplicates(ctx: SeedContext) -> None:
    """Similarity checks of the applications that reuse another organisation's text."""
    flags = 0
    for application in ctx.data.get("near_duplicates", []):
        application = Application.objects.get(pk=application.pk)
        if application.submitted_at is not None:
            flags += len(similarity_check(application=application))
    ctx.log(f"  {flags} near-duplicate pairs to review")
