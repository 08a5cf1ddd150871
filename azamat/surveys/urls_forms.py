"""The form's addresses: the form page (questions, pages, versions, warnings), XLSForm upload and download, the
starter template, the preview, and the form editor."""

from django.urls import path

from azamat.surveys import form_views

urlpatterns = [
    path("<int:pk>/form/", form_views.form, name="form"),
    path("<int:pk>/form/upload/", form_views.form_upload, name="form_upload"),
    path("<int:pk>/form/xlsform/", form_views.form_xlsform, name="form_xlsform"),
    path("xlsform-template/", form_views.form_template, name="form_template"),
    path("<int:pk>/form/preview/<int:page>/", form_views.form_preview, name="form_preview"),
    path("<int:pk>/form/questions/add/", form_views.question_add, name="question_add"),
    path("<int:pk>/form/questions/<str:name>/", form_views.question_edit, name="question_edit"),
    path("<int:pk>/form/questions/<str:name>/delete/", form_views.question_delete, name="question_delete"),
    path("<int:pk>/form/questions/<str:name>/move/", form_views.question_move, name="question_move"),
    path("<int:pk>/form/choices/<str:list_name>/", form_views.choices, name="choices"),
]
