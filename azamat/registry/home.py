"""The registry on the home page: how many organisations and bodies, and where organisations work."""

from django.db.models import Count

from azamat.registry.models import GovernmentBody, Organisation, Region


def context() -> dict:
    return {
        "n_organisations": Organisation.objects.count(),
        "n_bodies": GovernmentBody.objects.count(),
        "regions": Region.objects.annotate(n=Count("organisations")).order_by("-n")[:6],
    }
