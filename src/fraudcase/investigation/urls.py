"""The investigation file's pages, under a report (included from fraudcase.urls as
reports/<ref>/investigation/; names are flat, as elsewhere)."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("decisions/", views.decision_log, name="inv-decisions"),
    path("decisions/print/", views.decision_log_print, name="inv-decisions-print"),
    path("decisions/new/", views.decision_new, name="inv-decision-new"),
    path("plan/", views.plan, name="inv-plan"),
    path("exhibits/", views.exhibit_list, name="inv-exhibits"),
    path("exhibits/new/", views.exhibit_new, name="inv-exhibit-new"),
    path("exhibits/<int:exhibit_id>/", views.exhibit_detail, name="inv-exhibit"),
    path("exhibits/<int:exhibit_id>/file/", views.exhibit_file, name="inv-exhibit-file"),
    path("people/", views.people, name="inv-people"),
    path("people/new/", views.person_new, name="inv-person-new"),
    path("people/<int:nominal_id>/", views.person_edit, name="inv-person-edit"),
    path("people/<int:nominal_id>/remove/", views.person_remove, name="inv-person-remove"),
]
