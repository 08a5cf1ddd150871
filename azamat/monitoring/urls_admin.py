"""The organisation's monitoring: the home page of one's roles, the roles (granted by its administrators), the
log of reads; the thesauri (the platform's administrators)."""

from django.urls import path

from azamat.monitoring import admin_views as views

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:org>/", views.organisation, name="organisation"),
    path("<int:org>/roles/", views.roles, name="roles"),
    path("roles/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
    path("<int:org>/reads/", views.reads, name="reads"),
    path("terms/", views.terms, name="terms"),
    path("terms/<int:pk>/", views.term_edit, name="term_edit"),
]
