"""The streams app's pages (included from fraudcase.urls; names are flat, as elsewhere)."""

from django.urls import URLPattern, URLResolver, path

from . import cyber_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("cyber/", cyber_views.cyber_list, name="cyber-list"),
    path("victim-support/", cyber_views.victim_support_list, name="victim-support-list"),
    path("contact/<path:ref>/", cyber_views.contact, name="routed-contact"),
]
