from django.urls import path

from azamat.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("profile/token/", views.token_regenerate, name="token_regenerate"),
]
