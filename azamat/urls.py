"""URLs: public pages, the workspace, accounts (allauth), the admin and the API."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

# The admin signs in through allauth too: the same lockout and two-factor authentication.
# (Set before admin.site.urls is built, or the admin keeps its own password form.)
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Azamat"
admin.site.site_title = "Azamat"

urlpatterns = [
    path("", include("azamat.core.urls")),
    path("", include("azamat.registry.urls")),
    path("grants/", include("azamat.grants.urls")),
    path("workspace/", include("azamat.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("azamat.api.urls")),
    # Only logos are public files; application documents and protocols go through views that check access.
    path("media/logos/<path:path>", serve, {"document_root": settings.MEDIA_ROOT / "logos"}),
]
