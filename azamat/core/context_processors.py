"""Values every page needs."""

from django.conf import settings


def site(request):
    return {"SITE_NAME": "Azamat", "LANGUAGES_AVAILABLE": settings.LANGUAGES}
