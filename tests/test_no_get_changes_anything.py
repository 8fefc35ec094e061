"""No GET request changes anything: every URL pattern of the site and the API, walked with GET
as an administrator and as a VFT supervisor on the demo data, leaves every table as it was,
except the audit log (consultations are recorded: DPA 2018 s.62) and sessions.

A new URL pattern whose parameters this test does not know how to fill fails it, so that
every page added is walked too."""

import hashlib
import re
import uuid

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import URLResolver, get_resolver
from django.utils import timezone

from fraudcase.accounts.models import Role, User
from fraudcase.reports.models import Report
from fraudcase.triage.forms import SECTIONS

pytestmark = pytest.mark.django_db

# Tables a GET may write: the audit log itself, sessions and sign-in throttling.
MAY_CHANGE = {"audit.AuditEvent", "audit.AuditHead", "sessions.Session", "accounts.SignInFailure"}
STATUSES = (
    "recorded",
    "assessed",
    "with_evaluator",
    "awaiting_allocation",
    "under_investigation",
    "closed",
)
SKIPPED = ("admin/",)  # Django's own admin: its GET views only read (Django's design).


def url_patterns(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern, route)
        else:
            yield route.lstrip("^").rstrip("$")


def sample_values() -> dict[str, list[str]]:
    def first(label: str) -> list[str]:
        pk = apps.get_model(label).objects.order_by("pk").values_list("pk", flat=True).first()
        return [str(pk or 1)]

    refs = [
        Report.objects.filter(status=s).values_list("local_reference", flat=True).first()
        for s in STATUSES
    ]
    return {
        "ref": [r for r in refs if r],
        "kind": ["acknowledgement", "no_investigation", "finalisation"],
        "action": ["task", "review"],
        "section": list(SECTIONS),
        "attachment_id": first("reports.Attachment"),
        "request_id": first("triage.EvidenceRequest"),
        "call_id": first("intake.CallForService"),
        "ilor_id": first("streams.InternationalRequest"),
        "transition": ["accept"],
        "incident_id": first("streams.BankingProtocolIncident"),
        "over_id": first("linking.OverConnected"),
        "reference": [f"S-{first_series() or 1:06d}"],
        "ocg_ref": [f"OCG-{first('ocg.OrganisedCrimeGroup')[0]:0>6}"],
        "list_id": first("victims.VictimList"),
        "entry_id": first("victims.VictimListEntry"),
        "action_id": first("victims.VulnerabilityAction"),
        "task_id": first("victims.VulnerabilityAction"),
        "token_id": first("accounts.ApiToken"),
        "month": [timezone.localdate().strftime("%Y-%m"), "2026-10"],
        "sample_id": first("performance.DipSample"),
        "exhibit_id": first("investigation.Exhibit"),
        "nominal_id": first("investigation.Nominal"),
        "document_id": first("casefile.Document"),
        "version": ["1"],
        "schedule": ["mg6c", "mg6d"],
        "number": ["1"],
        "charging_id": first("casefile.ChargingDecision"),
        "hearing_id": first("casefile.Hearing"),
        "fmt": ["pdf", "xlsx"],
        "register": ["cash", "confiscation", "scpo"],
        "register_kind": ["cash"],
        "entry_pk": first("recovery.RegisterEntry"),
        "assessment_pk": first("recovery.FinancialAssessment"),
        "rest": ["no/such/address"],  # the API's JSON 404 for an unknown address
        "job_id": [
            str(
                apps.get_model("jobs.Job").objects.values_list("pk", flat=True).first()
                or uuid.uuid4()
            )
        ],
    }


def first_series() -> int | None:
    return (
        apps.get_model("linking.Series").objects.order_by("pk").values_list("pk", flat=True).first()
    )


def urls() -> list[str]:
    values = sample_values()
    found = []
    for route in url_patterns():
        if route.startswith(SKIPPED):
            continue
        names = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)", route)
        urls_for_route = [route]
        for name in [a or b for a, b in names]:
            assert name in values, f"Teach this test a value for <{name}> in {route}"
            urls_for_route = [
                re.sub(rf"<(?:\w+:)?{name}>|\(\?P<{name}>[^)]*\)", value, url, count=1)
                for url in urls_for_route
                for value in values[name]
            ]
        found += ["/" + url for url in urls_for_route]
    list_id = values["list_id"][0]
    series = f"S-{int(first_series()):06d}" if first_series() else "S-000001"
    return [
        f"/series/{series}/",
        f"/series/{series}/?export=xlsx",
        *found,
        "/reports/?q=Smith",
        "/reports/?q=Smith&export=csv",
        "/api/v1/reports?q=Smith",
        "/triage/queue/?export=csv",
        "/cases/allocation/?export=xlsx",
        "/deadlines/?export=csv",
        "/deadlines/?scope=team",
        "/api/v1/deadlines?scope=team",
        "/calls-for-service/double-key/?export=csv",
        "/vulnerability/weekly/?export=csv&list=top-individuals",
        f"/vulnerability/lists/{list_id}/?segment=VS4&export=csv",
        f"/api/v1/victim-lists/{list_id}/entries?segment=VS4",
        "/returns/reconciliation/?state=open&export=csv",
        "/returns/2026-10/?export=xlsx",
        "/api/v1/returns/nfib/2026-10",
        "/api/v1/returns/reconciliation?state=open",
        "/streams/ilor/?export=csv&state=sent",
        "/streams/banking-protocol/?export=xlsx&result=no_offence",
        "/api/v1/ilor-requests?state=received",
        "/api/v1/banking-protocol-incidents?month=2026-11",
        "/ocgs/?status=identified&export=xlsx",
        f"/ocgs/new/?series={series}",
    ]


def snapshot() -> dict[str, str]:
    """A digest of every row of every table a GET must not change."""
    digests = {}
    for model in apps.get_models():
        if model._meta.label in MAY_CHANGE or model._meta.proxy or not model._meta.managed:
            continue
        rows = model.objects.order_by("pk").values_list()
        digests[model._meta.label] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return digests


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.VFT_SUPERVISOR])
def test_walking_every_page_with_get_changes_nothing(client, role):
    call_command("demo_data", "--victims", "30", "--quiet")
    user = User.objects.filter(role=role, is_active=True).first()
    client.force_login(user)
    session = client.session
    # Every restricted record and list opened with a reason, so that the pages themselves run.
    session["justifications"] = dict.fromkeys(
        Report.objects.values_list("local_reference", flat=True), "Walking every page"
    )
    session.save()
    walked = urls()
    assert len(walked) > 60
    before = snapshot()
    for url in walked:
        answer = client.get(url, headers={"X-Justification": "Walking every page"})
        assert answer.status_code < 500, (url, answer.status_code)
        after = snapshot()
        changed = [label for label in after if after[label] != before[label]]
        assert not changed, f"GET {url} changed {changed}"
