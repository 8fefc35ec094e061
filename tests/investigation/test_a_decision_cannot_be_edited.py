"""A decision, once recorded, is never edited: no page, API operation or model method changes
or deletes one, and a change made in the database behind fraudcase's back shows as a broken
signature (issue 15: "a decision cannot be edited")."""

import pytest
from django.db import connection

from fraudcase.api import api
from fraudcase.investigation import services
from fraudcase.investigation.models import AppendOnlyError, Decision

from .conftest import file_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(case, vft_investigator):
    file = services.open_file(vft_investigator, case.local_reference)
    services.record_decision(file, decision="Arrest", reasons="Evidence", options="Interview")
    services.record_decision(file, decision="Search", reasons="Cash", options="None")
    return file


def test_the_model_refuses_a_change_or_a_deletion(decided):
    entry = Decision.objects.get(number=1)
    entry.decision = "Something else"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        Decision.objects.filter(pk=entry.pk).update(decision="Something else")
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        Decision.objects.all().delete()
    assert Decision.objects.get(number=1).decision == "Arrest"


def test_no_page_or_api_operation_changes_a_decision():
    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        if "decisions" in path:
            assert set(operations) <= {"get", "post"}, path
    from fraudcase.investigation.urls import urlpatterns

    routes = [str(p.pattern) for p in urlpatterns if "decision" in str(p.pattern)]
    assert routes == ["decisions/", "decisions/print/", "decisions/new/"]


def test_a_post_to_the_log_page_changes_nothing(client, decided, vft_investigator):
    client.force_login(vft_investigator)
    before = list(Decision.objects.values_list("number", "decision", "signature"))
    client.post(file_url(decided.report, "decisions/"), {"decision": "Changed", "number": "1"})
    assert list(Decision.objects.values_list("number", "decision", "signature")) == before


def test_a_change_behind_fraudcases_back_breaks_the_signature(client, decided, vft_investigator):
    table = Decision._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET decision = %s WHERE number = 1", ["No arrest"])
    log = list(services.decisions(decided))
    assert services.broken_signatures(decided, log) == [1]
    client.force_login(vft_investigator)
    page = client.get(file_url(decided.report, "decisions/")).content.decode()
    assert "the log was changed outside fraudcase" in page


def test_a_removed_entry_breaks_the_one_after_it(decided):
    table = Decision._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE number = 1")
    assert services.broken_signatures(decided, list(services.decisions(decided))) == [2]
