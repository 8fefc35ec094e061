"""The investigation file's pages, under a report (included from fraudcase.urls as
reports/<ref>/investigation/; names are flat, as elsewhere)."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("decisions/", views.decision_log, name="inv-decisions"),
    path("decisions/print/", views.decision_log_print, name="inv-decisions-print"),
    path("decisions/new/", views.decision_new, name="inv-decision-new"),
]
