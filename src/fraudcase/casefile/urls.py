"""The file for the CPS's pages, under a report (included from fraudcase.urls as
reports/<ref>/case-file/; names are flat, as elsewhere)."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("documents/", views.document_list, name="cf-documents"),
    path("documents/new/", views.document_new, name="cf-document-new"),
    path("documents/<int:document_id>/", views.document_detail, name="cf-document"),
    path(
        "documents/<int:document_id>/versions/<int:version>/file/",
        views.document_file,
        name="cf-document-file",
    ),
    path("disclosure/mg6e/", views.disclosure_report, name="cf-mg6e"),
    path("disclosure/<slug:schedule>/", views.schedule_page, name="cf-schedule"),
    path("disclosure/<slug:schedule>/print/", views.schedule_print, name="cf-schedule-print"),
    path(
        "disclosure/<slug:schedule>/items/<int:number>/",
        views.schedule_item,
        name="cf-schedule-item",
    ),
    path("charging/", views.charging, name="cf-charging"),
    path("charging/<int:charging_id>/", views.charging_decision, name="cf-charging-decision"),
    path("hearings/<int:hearing_id>/", views.hearing_result, name="cf-hearing"),
    path("bundle/", views.bundle_pdf, name="cf-bundle"),
]
