"""Votes: the workspace (preparing, keys, credentials, casting, closing, decrypting) and the public pages."""

from django.urls import path

from azamat.voting import public_views, views

app_name = "voting"

urlpatterns = [
    path("workspace/votes/", views.mine, name="mine"),
    path("workspace/votes/new/<slug:kind>/<int:owner>/", views.new, name="new"),
    path("workspace/votes/<int:pk>/", views.vote, name="vote"),
    path("workspace/votes/<int:pk>/edit/", views.edit, name="edit"),
    path("workspace/votes/<int:pk>/times/", views.retime, name="retime"),
    path("workspace/votes/<int:pk>/delete/", views.delete, name="delete"),
    path("workspace/votes/<int:pk>/questions/", views.question_add, name="question_add"),
    # The vote's number in the removals' addresses: a row removed already still leads back to its vote's page.
    path(
        "workspace/votes/<int:pk>/questions/<int:question>/remove/",
        views.question_remove,
        name="question_remove",
    ),
    path("workspace/votes/questions/<int:pk>/candidates/", views.candidate_add, name="candidate_add"),
    path(
        "workspace/votes/<int:pk>/candidates/<int:candidate>/remove/",
        views.candidate_remove,
        name="candidate_remove",
    ),
    path("workspace/votes/<int:pk>/roll/members/", views.roll_members, name="roll_members"),
    path("workspace/votes/<int:pk>/roll/upload/", views.roll_upload, name="roll_upload"),
    path("workspace/votes/<int:pk>/roll/<int:voter>/remove/", views.voter_remove, name="voter_remove"),
    path("workspace/votes/<int:pk>/roles/", views.roles, name="roles"),
    path("workspace/votes/<int:pk>/freeze/", views.freeze, name="freeze"),
    path("workspace/votes/<int:pk>/key/", views.trustee_step, name="trustee_step"),
    path("workspace/votes/<int:pk>/credentials/", views.credentials, name="credentials"),
    path("workspace/votes/<int:pk>/ballot/", views.ballot, name="ballot"),
    path("workspace/votes/<int:pk>/close/", views.close, name="close"),
    path("workspace/votes/<int:pk>/shuffle/", views.shuffle, name="shuffle"),
    path("workspace/votes/<int:pk>/decrypt/", views.decrypt, name="decrypt"),
    path("votes/", public_views.public_list, name="public_list"),
    path("votes/<int:pk>/", public_views.public_vote, name="public_vote"),
    path("votes/<int:pk>/archive/", public_views.archive, name="archive"),
]
