"""URLs: public pages, the workspace, accounts (allauth), the admin and the API."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.static import serve

from azamat.accounts.views import set_language

# The admin signs in through allauth too: the same lockout and two-factor authentication.
# (Set before admin.site.urls is built, or the admin keeps its own password form.)
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Azamat"
admin.site.site_title = "Azamat"

handler400 = "azamat.core.views.bad_request"  # in the visitor's language and the site's frame
handler404 = "azamat.core.views.page_not_found"  # says why, when the view said it

urlpatterns = [
    path("", include("azamat.core.urls")),
    path("", include("azamat.registry.urls")),
    path("grants/", include("azamat.grants.urls")),
    path("accountability/", include("azamat.accountability.urls")),
    path("councils/", include("azamat.councils.urls")),
    path("problems/", include("azamat.problems.urls")),
    path("", include("azamat.campaigns.urls")),
    path("", include("azamat.surveys.urls")),
    path("", include("azamat.monitoring.urls")),
    path("", include("azamat.voting.urls")),
    path("workspace/", include("azamat.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    # Choosing a language needs no CSRF token, so that the cached public pages (which carry none) can offer it;
    # a forged request could only change a visitor's language (docs/decisions/0005-public-cache.md).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/", include("azamat.api.urls")),
    # Only logos are public files; application documents and protocols go through views that check access.
    path("media/logos/<path:path>", serve, {"document_root": settings.MEDIA_ROOT / "logos"}),
]
