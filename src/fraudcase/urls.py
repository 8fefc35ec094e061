from django.contrib import admin
from django.urls import include, path, re_path

from fraudcase import api as api_views
from fraudcase import pages
from fraudcase.accounts import oidc
from fraudcase.api import api
from fraudcase.cases import views as cases
from fraudcase.core import health
from fraudcase.intake import views as intake
from fraudcase.jobs import views as jobs
from fraudcase.linking import views as linking
from fraudcase.reports import views as reports
from fraudcase.triage import views as triage
from fraudcase.victims import views as victims

# An unexpected error on a page: the GOV.UK service problem page, needing no database.
handler500 = health.server_error

urlpatterns = [
    path("", pages.home, name="home"),
    path("accounts/", include("fraudcase.accounts.urls")),
    *oidc.urlpatterns(),
    path("reports/", reports.report_search, name="report-search"),
    path("reports/justify-list/", reports.list_justify, name="list-justify"),
    path("reports/<path:ref>/justify/", reports.report_justify, name="report-justify"),
    path("reports/<path:ref>/audit/", reports.report_audit, name="report-audit"),
    path("reports/<path:ref>/assess/", triage.assess, name="report-assess"),
    path("reports/<path:ref>/assess/check/", triage.assess_check, name="report-assess-check"),
    path(
        "reports/<path:ref>/assess/<slug:section>/",
        triage.assess_section,
        name="report-assess-section",
    ),
    path("reports/<path:ref>/decide/", triage.decide, name="report-decide"),
    # Confirm or break the link between this report's victim and another's (repeat victims).
    path("reports/<path:ref>/same-person/", linking.person_decide, name="person-decide"),
    path("reports/<path:ref>/evaluate/", triage.evaluate, name="report-evaluate"),
    path("reports/<path:ref>/evidence/", triage.evidence, name="report-evidence"),
    path(
        "reports/<path:ref>/evidence/<int:request_id>/received/",
        triage.evidence_received,
        name="report-evidence-received",
    ),
    path("reports/<path:ref>/allocate/", cases.allocate, name="report-allocate"),
    path("reports/<path:ref>/finalise/", cases.finalise, name="report-finalise"),
    path("reports/<path:ref>/case/<slug:action>/", cases.case_action, name="case-action"),
    path("reports/<path:ref>/letters/<slug:kind>/", cases.letter, name="report-letter"),
    path(
        "reports/<path:ref>/cease-and-desist/",
        cases.cease_and_desist_notice,
        name="report-cease-and-desist",
    ),
    path("reports/<path:ref>/erase/", reports.report_erase, name="report-erase"),
    path(
        "reports/<path:ref>/attachments/<int:attachment_id>/",
        reports.attachment_download,
        name="attachment-download",
    ),
    path("reports/<path:ref>/investigation/", include("fraudcase.investigation.urls")),
    path("reports/<path:ref>/case-file/", include("fraudcase.casefile.urls")),
    path("reports/<path:ref>/", pages.report_detail, name="report-detail"),
    path("imports/nfib-package/", intake.import_nfib, name="import-nfib"),
    path("jobs/<uuid:job_id>/", jobs.job_detail, name="job-detail"),
    path("jobs/<uuid:job_id>/status.json", jobs.job_status, name="job-status"),
    path("calls-for-service/new/", intake.call_for_service_new, name="cfs-new"),
    path("calls-for-service/double-key/", intake.double_key_list, name="cfs-double-key"),
    path("calls-for-service/<int:call_id>/sent/", intake.double_key_sent, name="cfs-sent"),
    path("referrals/new/", intake.referral_new, name="referral-new"),
    path("triage/queue/", triage.queue, name="assessor-queue"),
    path("cases/allocation/", cases.board, name="allocation-board"),
    path("deadlines/", cases.deadlines, name="deadlines"),
    path("cases/mine/", cases.my_cases, name="my-cases"),
    path("cases/team/", cases.team_cases, name="team-cases"),
    path("tasks/mine/", cases.my_tasks, name="my-tasks"),
    path("vulnerability/", victims.workbench, name="workbench"),
    path("vulnerability/lists/<int:list_id>/", victims.victim_list, name="victim-list"),
    path("vulnerability/lists/<int:list_id>/bulk/", victims.bulk, name="victim-list-bulk"),
    path("vulnerability/ecvcu/", victims.ecvcu_upload, name="ecvcu-upload"),
    path("vulnerability/weekly/", victims.weekly, name="weekly-lists"),
    path(
        "vulnerability/businesses/<int:entry_id>/contact-plan/",
        victims.business_contact_plan,
        name="business-contact-plan",
    ),
    path("vulnerability/tasks/", victims.tasks, name="vulnerability-tasks"),
    path(
        "vulnerability/tasks/<int:action_id>/result/",
        victims.record_result,
        name="vulnerability-result",
    ),
    path("vulnerability/log/", victims.vulnerability_log, name="vulnerability-log"),
    path("vulnerability/figures/", victims.protect_figure, name="protect-figure"),
    path("vulnerability/victims/<int:entry_id>/decide/", victims.decide, name="victim-decide"),
    path(
        "vulnerability/victims/<int:entry_id>/partner/",
        victims.partner_referral,
        name="victim-partner",
    ),
    path(
        "vulnerability/victims/<int:entry_id>/next-of-kin/", victims.next_of_kin, name="victim-kin"
    ),
    path("vulnerability/victims/<int:entry_id>/", victims.entry_detail, name="victim-entry"),
    path("returns/", include("fraudcase.returns.urls")),
    path("streams/", include("fraudcase.streams.urls")),
    path("series/", include("fraudcase.linking.urls")),
    path("ocgs/", include("fraudcase.ocg.urls")),
    path("finance/", include("fraudcase.finance.urls")),
    path("recovery/", include("fraudcase.recovery.urls")),
    path("performance/", include("fraudcase.performance.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    re_path(r"^api/(?P<rest>(?s:.*))$", api_views.unknown_address),
    path("healthz", health.healthz),
]
