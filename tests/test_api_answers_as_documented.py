"""Every API answer is the one its OpenAPI document promises, whatever a client sends.

schemathesis generates requests for every operation of the served /api/openapi.json - valid
ones and ones that break the schema - and runs them in-process against the Django app over a
small demo database, as the VFT supervisor (who reaches most routes), checking each answer:
no server error, a documented status, content type and headers, a body that fits the
documented schema, invalid requests refused and valid ones not refused by the schema checks.

One check is left out: `positive_data_acceptance` expects every schema-valid request to be
accepted, but some rules cannot be written in a schema (a file must be a real csv or xlsx; an
assignee must be an officer; "other reason" needs its text), and those answer 422 naming the
field, as documented.
"""

import json
from collections import Counter

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from pydantic import BaseModel
from schemathesis import GenerationMode
from schemathesis.checks import load_all_checks
from schemathesis.specs.openapi.checks import positive_data_acceptance

from fraudcase.accounts import services as accounts
from fraudcase.accounts.models import User
from fraudcase.api import api

# Per operation and per mode (valid, invalid): 35 operations x 2 modes x this many requests.
EXAMPLES = 10


def _models(model: type[BaseModel] | None, seen: set) -> None:
    if model is None or model in seen:
        return
    seen.add(model)
    for field in model.model_fields.values():
        stack = [field.annotation]
        while stack:
            kind = stack.pop()
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                _models(kind, seen)
            stack.extend(getattr(kind, "__args__", ()) or ())


def test_no_two_api_schemas_share_a_name():
    """django-ninja names each schema by its class: two classes of one name in two apps would
    silently replace each other in /api/openapi.json."""
    seen: set = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in [*operation.models, *operation.response_models.values()]:
                    _models(model, seen)
    names: dict[str, list[str]] = {}
    for model in seen:
        if model.__module__.startswith("fraudcase"):
            names.setdefault(model.__name__, []).append(model.__module__)
    assert {name: where for name, where in names.items() if len(where) > 1} == {}


def test_every_error_status_is_documented_with_its_body():
    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            answers = operation["responses"]
            expected = {"400", "401", "404", "422", "503"}
            if method in ("post", "delete"):
                expected |= {"403", "409"}
            if "{ref}" in path:
                expected.add("428")
            assert expected <= set(answers), (method, path, sorted(answers))
            for status in expected:
                assert answers[status]["content"]["application/json"]["schema"], (path, status)


def test_enums_are_listed_and_validated(client, supervisor):
    schema = api.get_openapi_schema()["components"]["schemas"]
    assert schema["EvidenceIn"]["properties"]["asked_of"]["enum"] == ["victim", "third_party"]
    assert "closed" in schema["ReportSummary"]["properties"]["status"]["enum"]
    client.force_login(supervisor)
    answer = client.post(
        "/api/v1/reports/FC/000001/26/evidence-requests",
        json.dumps({"asked_of": "the moon", "what": "statements"}),
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert set(answer.json()["problems"]) == {"asked_of"}


@pytest.mark.parametrize("address", ["/api/v1/no/such/address", "/api/v1/reports/a%0Ab/assessment"])
def test_an_unknown_api_address_answers_json_404_even_with_a_line_break(client, assessor, address):
    client.force_login(assessor)
    answer = client.post(address, {}, content_type="application/json")
    assert answer.status_code == 404
    assert answer["Content-Type"].startswith("application/json")


def test_a_loss_the_report_cannot_keep_is_refused(client, assessor):
    """Found by schemathesis: 1E+20 was saved on SQLite, then every list of calls answered 500."""
    client.force_login(assessor)
    call = {
        "caller_forename": "Ann",
        "caller_surname": "Lee",
        "summary": "Courier fraud",
        "criteria": ["in_progress"],
        "loss_gbp": "1E+20",
    }
    answer = client.post("/api/v1/calls-for-service", call, content_type="application/json")
    assert answer.status_code == 422
    assert set(answer.json()["problems"]) == {"loss_gbp"}
    assert client.get("/api/v1/calls-for-service/double-key").status_code == 200


@pytest.fixture
def in_one_transaction():
    """Requests run through the WSGI handler in the test's own transaction: as Django's test
    client does, do not close the connection at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# The operations are fuzzed in two halves, so that the suite's two processes (pytest-xdist)
# can take one each: the same cases, in half the wall-clock time.
PARTS = 2


@pytest.mark.fuzz
@pytest.mark.parametrize("part", range(PARTS))
def test_every_operation_answers_as_documented(db, in_one_transaction, capsys, part):
    call_command("demo_data", victims=12, quiet=True)
    supervisor = User.objects.get(username="supervisor")
    secret = [accounts.issue_token(supervisor, "fuzz")]

    def bearer() -> dict:
        # A generated DELETE /tokens/{id} may revoke the token in use: take a new one.
        try:
            accounts.user_for_token(secret[0])
        except accounts.TokenRefused:
            secret[0] = accounts.issue_token(supervisor, "fuzz")
        return {"Authorization": f"Bearer {secret[0]}"}

    config = schemathesis.Config.from_dict({"generation": {"allow-x00": False}})
    schema = schemathesis.openapi.from_wsgi(
        "/api/openapi.json", WSGIHandler(), config=config, headers=bearer()
    )
    load_all_checks()
    every = [result.ok() for result in schema.get_all_operations()]
    assert len(every) >= 30
    operations = every[part::PARTS]
    cases = 0
    statuses: Counter = Counter()
    failures: list[str] = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                nonlocal cases
                cases += 1
                answer = case.call_and_validate(
                    headers=bearer(), excluded_checks=[positive_data_acceptance]
                )
                statuses[answer.status_code] += 1

            try:
                run()
            except (Exception, BaseExceptionGroup) as failure:
                failures.append(f"{operation.label} ({mode.value}): {failure}")
    with capsys.disabled():
        print(
            f"\nschemathesis (part {part + 1} of {PARTS}): {len(operations)} operations, "
            f"{cases} cases, {len(failures)} failing; answers {dict(sorted(statuses.items()))}"
        )
    assert not failures, "\n\n".join(failures)
