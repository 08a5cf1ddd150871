"""Advocacy campaigns, petitions and appeals for the demo, the tests and the benchmarks.

Campaigns (10 per unit of scale) by organisations of the seeded registry across the regions, in every stage from
needs to evaluation, running or completed, public or private, each filled in up to its stage from the themes of
`seed_data` (needs with their evidence, stakeholders among them the registry's bodies, methods, messages, the plan
with a court action and its hearings, risks, the security checklist, indicators measured over time, lessons), with
coalition partners who accepted or are still invited. Petitions in every status, the sent ones as accountability
items (rule "petition"); appeals, some sent as accountability items (rule "appeal").

Signatures: about 10,000 per unit of scale, half of them on the biggest petition (500,000 at scale 100, never
above 1,000,000); mostly confirmed, some not yet, some struck out by a moderator's Invalidation. Each email is
sealed and keyed like the sign service does; `Petition.signature_count`, the thresholds and the Tally are what
the counting job would have left. Written with COPY on PostgreSQL, batched INSERTs elsewhere.

The demo logins get real work: ngo@ coordinates campaigns in three stages and its organisation has a coalition
invitation to answer; member@ is on one of its teams; moderator@ has petitions awaiting moderation; citizen@ has
signed petitions; officer@'s body (mci-civil-society) has a petition and an appeal to answer.
"""

from azamat.campaigns.seed.campaigns import _campaigns
from azamat.campaigns.seed.petitions import _appeals, _petitions, _signatures
from azamat.campaigns.seed.world import World
from azamat.core.seeding import SeedContext, seeder


@seeder(95)
def seed_campaigns(ctx: SeedContext) -> None:
    """Advocacy campaigns in every stage, coalitions, petitions with their signatures, and appeals."""
    world = World(ctx)
    if not world.others or not world.bodies:
        ctx.log("  no organisations with members: no campaigns")
        return
    campaigns = _campaigns(world)
    petitions = _petitions(world, campaigns)
    signatures = _signatures(world, petitions)
    appeals = _appeals(world, campaigns)
    ctx.log(
        f"  {len(campaigns)} campaigns, {len(petitions)} petitions, {signatures} signatures, {appeals} appeals"
    )
