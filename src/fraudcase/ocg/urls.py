"""The OCG pages (included from fraudcase.urls at ocgs/; names are flat, as elsewhere)."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.ocg_list, name="ocg-list"),
    path("new/", views.ocg_new, name="ocg-new"),
    path("add-series/", views.add_series, name="ocg-add-series"),
    path("series/<str:reference>/chart.anx", views.series_chart, name="series-chart"),
    path("<str:ocg_ref>/", views.ocg_detail, name="ocg-detail"),
    path("<str:ocg_ref>/chart.anx", views.ocg_chart, name="ocg-chart"),
    path("<str:ocg_ref>/edit/", views.ocg_edit, name="ocg-edit"),
    path("<str:ocg_ref>/nominals/new/", views.ocg_nominal, name="ocg-nominal"),
    path("<str:ocg_ref>/entries/new/", views.ocg_entry, name="ocg-entry"),
    path("<str:ocg_ref>/threat/", views.ocg_threat, name="ocg-threat"),
    path("<str:ocg_ref>/status/", views.ocg_status, name="ocg-status"),
    path("<str:ocg_ref>/evaluation/", views.ocg_evaluation, name="ocg-evaluation"),
    path("<str:ocg_ref>/reports/add/", views.ocg_add_report, name="ocg-add-report"),
]
