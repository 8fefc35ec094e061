"""The streams app's pages (included from fraudcase.urls; names are flat, as elsewhere)."""

from django.urls import URLPattern, URLResolver, path

from . import cyber_views, views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.streams_home, name="streams"),
    path("ilor/", views.request_list, name="ilor-list"),
    path("ilor/new/", views.request_new, name="ilor-new"),
    path("ilor/<int:ilor_id>/", views.request_detail, name="ilor-detail"),
    path("banking-protocol/", views.incident_list, name="bp-list"),
    path("banking-protocol/new/", views.incident_new, name="bp-new"),
    path("banking-protocol/<int:incident_id>/", views.incident_detail, name="bp-detail"),
    path("banking-protocol/<int:incident_id>/edit/", views.incident_edit, name="bp-edit"),
    path("banking-protocol/<int:incident_id>/erase/", views.incident_erase, name="bp-erase"),
    path("cyber/", cyber_views.cyber_list, name="cyber-list"),
    path("victim-support/", cyber_views.victim_support_list, name="victim-support-list"),
    path("contact/<path:ref>/", cyber_views.contact, name="routed-contact"),
]
