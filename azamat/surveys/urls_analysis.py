"""The analysis part's addresses: frequencies and crosstabs, open answers, weights, the shareable report and its
PDF, and the exports (the audit of who exported what)."""

from django.urls import path

from azamat.surveys import analysis_views, export_views, report_views

urlpatterns = [
    path("<int:pk>/analysis/", analysis_views.analysis_page, name="analysis"),
    path("<int:pk>/analysis/crosstab/", analysis_views.crosstab_page, name="crosstab"),
    path("<int:pk>/analysis/text/<str:name>/", analysis_views.open_answers_page, name="open_answers"),
    path("<int:pk>/weights/", analysis_views.weights_page, name="weights"),
    path("<int:pk>/report/", report_views.report, name="report"),
    path("<int:pk>/report.pdf", report_views.report_pdf, name="report_pdf"),
    path("<int:pk>/exports/", export_views.exports, name="exports"),
    path("<int:pk>/exports/<int:job>/", export_views.export, name="export"),
    path("<int:pk>/exports/<int:job>/download/", export_views.export_download, name="export_download"),
]
